// The console's 投票: ballots, voting codes (the slips PDF downloaded once) and results.
"use strict";

// ---- 投票 ----
async function showBallots() {
  $("result-panel").hidden = true;
  const r = await api("/api/ballots");
  const rows = $("ballot-rows"), select = $("codes-ballot");
  rows.replaceChildren();
  select.replaceChildren();
  for (const b of r.ballots) {
    const codes = Object.entries(b.codes).map(([k, n]) => t("{0}：{1} 个", k, n)).join(t("，"));
    const tr = el("tr");
    rows.append(tr);
    tr.append(el("td", b.title), el("td", t(b.kind)), el("td", b.opens ? when(b.opens) : "—"), el("td", b.closes ? when(b.closes) : "—"),
              el("td", b.codes_required ? (codes || t("尚未生成")) : t("不需要")));
    const result = el("td");
    if (b.result) {
      result.append(el("span", t("{0} 票", b.result.cast) + (b.result_published ? t("，已公布") : "")));
      const open = el("button", t("查看结果"));
      open.type = "button";
      open.addEventListener("click", () => showResult(b));
      result.append(el("br"), open);
    } else {
      result.textContent = t("尚未收集");
    }
    tr.append(result);
    const settings = el("td");
    const link = el("a", t("设置"));
    link.href = "#/ballots/" + encodeURIComponent(b.id);
    settings.append(link);
    tr.append(settings);
    if (b.codes_required) {
      const option = el("option", b.title);
      option.value = b.id;
      select.append(option);
    }
  }
  $("codes-form").hidden = select.options.length === 0;
  const known = $("known-kiosks");
  known.replaceChildren();
  for (const k of r.kiosks) known.append(Object.assign(el("option"), { value: k }));
}

const outcomeWords = { passed: "通过", failed: "未通过", tie: "最后一席平票", "": "" };  // t() when shown
let shownBallot = null;

// The count as bars: each option's share of the ballots cast (CSSOM widths: no inline style).
function showResult(b) {
  shownBallot = b;
  const r = b.result;
  $("result-title").textContent = b.title + t("：计票结果");
  let summary = t("共 {0} 张有效选票。", r.cast) + (r.quorum_met ? "" : t("未达到法定票数，结果不成立。")) + (r.rule || "");
  if (r.elected.length) summary += t(" 当选：{0}。", r.elected.join(t("、")));
  if (outcomeWords[r.outcome]) summary = t("表决结果：{0}。", t(outcomeWords[r.outcome])) + summary;
  $("result-summary").textContent = summary;
  const box = $("result-questions");
  box.replaceChildren();
  for (const q of r.questions) {
    box.append(el("h4", q.text));
    for (const o of q.options) {
      const row = el("div", null, "bar-row");
      const bar = el("span", null, "vote-bar");
      bar.style.width = (r.cast ? Math.round(o.votes * 100 / r.cast) : 0) + "%";
      const track = el("span", null, "bar-track");
      track.append(bar);
      row.append(el("span", o.label, "bar-label"), track, el("span", t("{0} 票", o.votes), "bar-votes"));
      box.append(row);
    }
  }
  $("result-source").textContent = t("来自 {0}（收集时的计票）", r.folder);
  $("result-publish").disabled = b.result_published;
  $("result-publish").textContent = b.result_published ? t("已放进 content/results/") : t("公布结果");
  $("result-status").textContent = "";
  $("result-panel").hidden = false;
}

async function publishResult() {
  try {
    const r = await api("/api/ballots/" + encodeURIComponent(shownBallot.id) + "/publish-result", { method: "POST", body: "{}" });
    $("result-status").textContent = t("✓ 已写入 content/{0}。发布后，投票截止的信息屏会显示结果。", r.file);
    $("result-status").className = "ok";
    $("result-publish").disabled = true;
  } catch (e) {
    $("result-status").textContent = t("没有公布：") + e.message;
    $("result-status").className = "check bad";
  }
}

async function makeCodes(event) {
  event.preventDefault();
  const status = $("codes-status");
  const ballot = $("codes-ballot").value, kiosk = $("codes-kiosk").value.trim(), count = parseInt($("codes-count").value, 10);
  if (!kiosk) { status.textContent = t("请填写信息屏编号（信息屏 kiosk.toml 里的 [kiosk] id）。"); status.className = "check bad"; return; }
  status.textContent = t("正在生成（每个投票码都要计算校验值，请稍候）……");
  status.className = "";
  $("codes-button").disabled = true;
  try {
    const res = await fetch("/api/ballots/" + encodeURIComponent(ballot) + "/codes", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, "X-Linli-Language": consoleLanguage },
      body: JSON.stringify({ kiosk, count }),
    });
    if (!res.ok) throw new Error(errorWords(await res.json().catch(() => ({}))) || ("HTTP " + res.status));
    const link = el("a");
    link.href = URL.createObjectURL(await res.blob());
    link.download = "slips-" + ballot + "-" + kiosk + ".pdf";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    status.textContent = t("✓ 已生成 {0} 个投票码，PDF 已下载（只此一份）。发布后信息屏 {1} 才认这些投票码。", count, kiosk);
    status.className = "ok";
    await showBallots();
  } catch (e) {
    status.textContent = t("没有生成：") + e.message;
    status.className = "check bad";
  } finally {
    $("codes-button").disabled = false;
  }
}
