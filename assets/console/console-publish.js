// The console's 发布 and 预览, and the USB sticks 发布 and 收集 write and read.
"use strict";

// ---- 发布 ----
async function publish() {
  const out = $("publish-result");
  out.replaceChildren(el("p", t("正在检查、签名……")));
  $("publish-button").disabled = true;
  try {
    const r = await api("/api/publish", { method: "POST", body: "{}" });
    out.replaceChildren();
    if (r.published) {
      out.append(el("p", t("✓ 已发布第 {0} 版，共 {1} 个文件，{2} 前有效。局域网里的信息屏会在下次同步时取得。", r.version, r.files, when(r.expires)), "ok"));
    } else {
      out.append(el("p", r.refused_mismatch ? t("✗ 申报余额与账目不符，未发布。请改正账目或 finance/periods.toml。")
        : t("✗ 有 {0} 个问题，未发布：", r.problems.length), "check bad"));
      const list = el("ol", null, "problems");
      listDiagnostics(list, r.problems);
      out.append(list);
    }
    if (r.warnings && r.warnings.length) {
      const list = el("ol", null, "problems warnings");
      listDiagnostics(list, r.warnings);
      out.append(list);
    }
  } catch (e) {
    out.replaceChildren(el("p", t("发布失败：") + e.message, "check bad"));
  } finally {
    $("publish-button").disabled = false;
  }
}

// ---- 预览 ----
async function showPreview() {
  const group = $("preview-announcements");
  group.replaceChildren();
  for (const a of (await api("/api/announcements")).items) {
    const option = el("option", a.title || a.id);
    option.value = "announcement:" + a.id;
    group.append(option);
  }
}

function makePreview() {
  const img = $("preview-image"), status = $("preview-status");
  const query = "screen=" + encodeURIComponent($("preview-screen").value) + "&size=" + encodeURIComponent($("preview-size").value);
  status.textContent = t("正在绘制……");
  status.className = "";
  $("preview-button").disabled = true;
  fetch("/api/preview.png?" + query, { credentials: "same-origin", headers: { "X-Linli-Language": consoleLanguage } }).then(async (res) => {
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      throw new Error(errorWords(body) || ("HTTP " + res.status));
    }
    const blob = await res.blob();
    if (img.src.startsWith("blob:")) URL.revokeObjectURL(img.src);
    img.src = URL.createObjectURL(blob);
    img.hidden = false;
    status.textContent = "";
  }).catch((e) => {
    img.hidden = true;
    status.textContent = e.message;
    status.className = "error";
  }).finally(() => { $("preview-button").disabled = false; });
}

// ---- USB sticks (发布 and 收集) ----
async function showSticks() {
  const r = await api("/api/usb");
  for (const select of document.querySelectorAll(".usb-sticks")) {
    select.replaceChildren();
    for (const s of r.sticks) {
      const option = el("option", s.label + t("（") + s.path + (s.free_mb >= 0 ? t("，剩 {0} MB", s.free_mb) : "") +
                        (s.exports ? t("，{0} 份数据", s.exports) : "") + t("）"));
      option.value = s.path;
      select.append(option);
    }
    if (!r.sticks.length) select.append(Object.assign(el("option", t("没有找到U盘（插好后点刷新）")), { value: "" }));
  }
}

async function usbAction(path, select, status, done) {
  const stick = $(select).value;
  if (!stick) { $(status).textContent = t("请先插入U盘并刷新。"); return; }
  $(status).textContent = t("正在写入，请不要拔出U盘……");
  $(status).className = "";
  try {
    const r = await api(path, { method: "POST", body: JSON.stringify({ stick }) });
    $(status).textContent = done(r);
    $(status).className = "ok";
    await showSticks();
  } catch (e) {
    $(status).textContent = t("没有完成：") + e.message;
    $(status).className = "check bad";
  }
}
