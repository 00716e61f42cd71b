// The console's 概览: the content's check, the bundle, the inbox and every kiosk that polled.
"use strict";

// ---- 概览 ----
const countKinds = [
  ["announcements", "公告", "条"], ["recruitment", "招募", "条"], ["documents", "章程制度", "份"],
  ["meetings", "会议", "次"], ["tasks", "任务", "项"], ["goals", "年度目标", "项"],
  ["ledger_entries", "账目", "笔"], ["ballots", "投票", "个"], ["media", "图片", "张"],
];

// "2026-11-25T02:00:30Z" in the office's own time and words.
function when(iso) {
  const d = new Date(iso);
  return isNaN(d) ? iso : d.toLocaleString("zh-CN", { dateStyle: "long", timeStyle: "short" });
}

function bundleWords(b) {
  if (b.published) return "已发布第 " + b.version + " 版（" + when(b.created) + " 生成，" + when(b.expires) + " 前有效），共 " + b.files + " 个文件";
  return b.error ? "发布文件夹有问题：" + b.error : "尚未发布：信息屏从这里下载内容，发布之前会得到 404。";
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
    for (const [key, name, unit] of countKinds) counts.append(el("li", name + " " + c.counts[key] + " " + unit));
    check.textContent = c.problems.length === 0 ? "✓ 内容检查通过，可以发布" : "✗ 有 " + c.problems.length + " 个问题要先改正，才能发布：";
    check.className = c.problems.length === 0 ? "check ok" : "check bad";
    listDiagnostics($("problems"), c.problems);
    listDiagnostics($("warnings"), c.warnings);
  }
  $("bundle").textContent = bundleWords(o.bundle);
  showKiosks(o.kiosks, o.bundle, o.now_s);
  $("inbox").textContent = o.inbox.exports === 0 ? "收件箱里没有待收集的信息屏数据。"
    : "收件箱里有 " + o.inbox.exports + " 份信息屏上传的居民数据待收集。";
}

function ago(seconds) {
  if (seconds < 90) return "刚刚";
  if (seconds < 5400) return Math.round(seconds / 60) + " 分钟前";
  if (seconds < 129600) return Math.round(seconds / 3600) + " 小时前";
  return Math.round(seconds / 86400) + " 天前";
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
    const version = el("td", k.content_version === 0 ? "演示内容" : "第 " + k.content_version + " 版");
    if (bundle.published) version.append(el("br"), el("span", current ? "✓ 最新" : "旧版本", current ? "ok" : "check bad"));
    const warnings = el("td");
    if (k.warnings.length === 0) warnings.append(el("span", "✓ 正常", "ok"));
    for (const w of k.warnings) warnings.append(el("p", "⚠ " + w, "warn"));
    tr.append(who, version, el("td", ago(now - k.seen_s)), el("td", k.pending + " 条"), el("td", k.address), warnings);
    rows.append(tr);
  }
}
