// The console's 概览: the content's check, the bundle, the inbox and every kiosk that polled.
"use strict";

// ---- 概览 ----
const countKinds = [
  ["announcements", "公告 {0} 条"], ["recruitment", "招募 {0} 条"], ["documents", "章程制度 {0} 份"],
  ["meetings", "会议 {0} 次"], ["tasks", "任务 {0} 项"], ["goals", "年度目标 {0} 项"],
  ["ledger_entries", "账目 {0} 笔"], ["ballots", "投票 {0} 个"], ["media", "图片 {0} 张"],
];

// "2026-11-25T02:00:30Z" in the office's own time and words.
function when(iso) {
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString(consoleLanguage === "en" ? "en-GB" : "zh-CN", { dateStyle: "long", timeStyle: "short" });
}

function bundleWords(b) {
  if (b.published) return t("已发布第 {0} 版（{1} 生成，{2} 前有效），共 {3} 个文件", b.version, when(b.created), when(b.expires), b.files);
  return b.error ? t("发布文件夹有问题：") + b.error : t("尚未发布：信息屏从这里下载内容，发布之前会得到 404。");
}

async function showOverview() {
  const o = await api("/api/overview");
  const c = o.content;
  $("board").textContent = c.board || "";
  $("workspace").textContent = o.workspace;
  const counts = $("counts");
  counts.replaceChildren();
  const check = $("check");
  if (c.error) {
    check.textContent = "✗ " + c.error;
    check.className = "check bad";
  } else {
    for (const [key, words] of countKinds) counts.append(el("li", t(words, c.counts[key])));
    check.textContent = c.problems.length === 0 ? t("✓ 内容检查通过，可以发布") : t("✗ 有 {0} 个问题要先改正，才能发布：", c.problems.length);
    check.className = c.problems.length === 0 ? "check ok" : "check bad";
    listDiagnostics($("problems"), c.problems);
    listDiagnostics($("warnings"), c.warnings);
  }
  $("bundle").textContent = bundleWords(o.bundle);
  showKiosks(o.kiosks, o.bundle, o.now_s);
  $("inbox").textContent = o.inbox.exports === 0 ? t("收件箱里没有待收集的信息屏数据。")
    : t("收件箱里有 {0} 份信息屏上传的居民数据待收集。", o.inbox.exports);
}

function ago(seconds) {
  if (seconds < 90) return t("刚刚");
  if (seconds < 5400) return t("{0} 分钟前", Math.round(seconds / 60));
  if (seconds < 129600) return t("{0} 小时前", Math.round(seconds / 3600));
  return t("{0} 天前", Math.round(seconds / 86400));
}

function showKiosks(kiosks, bundle, now) {
  $("kiosks-none").hidden = kiosks.length > 0;
  $("kiosks-table").hidden = kiosks.length === 0;
  const rows = $("kiosk-rows");
  rows.replaceChildren();
  for (const k of kiosks) {
    const tr = el("tr");
    const who = el("td");
    who.append(el("strong", k.kiosk), el("br"), document.createTextNode(k.name));
    const current = bundle.published && k.content_version === bundle.version;
    const version = el("td", k.content_version === 0 ? t("演示内容") : t("第 {0} 版", k.content_version));
    if (bundle.published) version.append(el("br"), el("span", current ? t("✓ 最新") : t("旧版本"), current ? "ok" : "check bad"));
    const warnings = el("td");
    if (k.warnings.length === 0) warnings.append(el("span", t("✓ 正常"), "ok"));
    for (const w of k.warnings) warnings.append(el("p", "⚠ " + w, "warn"));
    // Seen: its last poll; or, for a kiosk known only by the exports in the inbox, their day.
    const seen = el("td", k.from_exports ? t("未通过局域网联系") : ago(now - k.seen_s));
    if (k.last_export) seen.append(el("br"), el("span", t("最近一份数据：第 {0} 份，{1}", k.last_export.seq, k.last_export.day), "note"));
    tr.append(who, version, seen, el("td", k.from_exports ? "—" : t("{0} 条", k.pending)),
              el("td", k.from_exports ? t("上传或U盘带回的数据") : k.address), warnings);
    rows.append(tr);
  }
}
