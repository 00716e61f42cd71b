// The office console's page script. Everything from the workspace is put on the page as text
// (textContent), never as markup: a notice titled <script> shows as those characters.
"use strict";

let csrf = "";

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (className) e.className = className;
  return e;
}

async function api(path, options = {}) {
  const headers = Object.assign({}, options.headers || {});
  if (options.method && options.method !== "GET") headers["X-CSRF-Token"] = csrf;
  const res = await fetch(path, Object.assign({}, options, { headers, credentials: "same-origin" }));
  const body = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(body.error || ("HTTP " + res.status));
  return body;
}

const kinds = [
  ["announcements", "公告", "条"], ["recruitment", "招募", "条"], ["documents", "章程制度", "份"],
  ["meetings", "会议", "次"], ["tasks", "任务", "项"], ["goals", "年度目标", "项"],
  ["ledger_entries", "账目", "笔"], ["ballots", "投票", "个"], ["media", "图片", "张"],
];

function listDiagnostics(list, items) {
  list.replaceChildren();
  for (const d of items) {
    const li = el("li");
    li.append(el("code", d.line ? d.file + ":" + d.line : d.file), document.createTextNode(d.message));
    list.append(li);
  }
}

function showOverview(o) {
  const c = o.content;
  document.getElementById("board").textContent = c.board || "";
  document.getElementById("workspace").textContent = o.workspace;
  const counts = document.getElementById("counts");
  counts.replaceChildren();
  const check = document.getElementById("check");
  if (c.error) {
    check.textContent = "✗ " + c.error;
    check.className = "check bad";
  } else {
    for (const [key, name, unit] of kinds) counts.append(el("li", name + " " + c.counts[key] + " " + unit));
    if (c.problems.length === 0) {
      check.textContent = "✓ 内容检查通过，可以发布";
      check.className = "check ok";
    } else {
      check.textContent = "✗ 有 " + c.problems.length + " 个问题要先改正，才能发布：";
      check.className = "check bad";
    }
    listDiagnostics(document.getElementById("problems"), c.problems);
    listDiagnostics(document.getElementById("warnings"), c.warnings);
  }
  const b = o.bundle;
  document.getElementById("bundle").textContent = b.published
    ? "已发布第 " + b.version + " 版（" + b.created + " 生成，" + b.expires + " 前有效），共 " + b.files + " 个文件"
    : (b.error ? "发布文件夹有问题：" + b.error : "尚未发布：信息屏从这里下载内容，发布之前会得到 404。");
  document.getElementById("inbox").textContent = o.inbox.exports === 0
    ? "收件箱里没有待收集的信息屏数据。"
    : "收件箱里有 " + o.inbox.exports + " 份信息屏上传的居民数据待收集。";
  document.getElementById("status").hidden = true;
  document.getElementById("overview").hidden = false;
}

async function start() {
  const status = document.getElementById("status");
  try {
    csrf = (await api("/api/session")).csrf;
    showOverview(await api("/api/overview"));
  } catch (e) {
    status.textContent = "读取失败：" + e.message;
    status.className = "error";
  }
  document.getElementById("logout").addEventListener("click", async () => {
    try { await api("/api/logout", { method: "POST" }); } catch (e) { /* signed out either way */ }
    location.reload();
  });
}

document.addEventListener("DOMContentLoaded", start);
