// The office console's page script: one page, its views chosen by the address's #/... part.
// Everything from the workspace is put on the page as text (textContent, input values), never
// as markup: a notice titled <script> shows as those characters.
"use strict";

let csrf = "";
const $ = (id) => document.getElementById(id);

function el(tag, text, className) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = text;
  if (className) e.className = className;
  return e;
}

// The API's answer as JSON; a refusal or failure throws with its words (the status on e.status).
async function api(path, options = {}) {
  const headers = Object.assign({ "Content-Type": "application/json" }, options.headers || {});
  if (options.method && options.method !== "GET") headers["X-CSRF-Token"] = csrf;
  const res = await fetch(path, Object.assign({}, options, { headers, credentials: "same-origin" }));
  const body = await res.json().catch(() => ({}));
  if (!res.ok && res.status !== 422) {
    const e = new Error(body.error || ("HTTP " + res.status));
    e.status = res.status;
    throw e;
  }
  body.httpStatus = res.status;
  return body;
}

function where(d) { return d.line ? d.file + ":" + d.line : d.file; }

function listDiagnostics(list, items) {
  list.replaceChildren();
  for (const d of items) {
    const li = el("li");
    li.append(el("code", where(d)), document.createTextNode(d.message));
    list.append(li);
  }
}

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

// ---- 内容: announcements, recruitment, documents, meetings ----
// Each kind's own fields (after the common ones): key, label, and text / time / list (one a line).
const kinds = {
  announcements: { name: "公告", add: "写新公告", extras: [["images", "图片（每行一个 media/ 下的文件）", "list"]] },
  recruitment: { name: "招募", add: "新建招募", extras: [
    ["deadline", "报名截止", "time"], ["apply", "报名方式", "text"], ["apply_url", "报名链接（二维码）", "text"],
    ["requirements", "报名条件（每行一条）", "list"], ["images", "图片（每行一个 media/ 下的文件）", "list"]] },
  documents: { name: "章程制度", add: "新建章程制度", extras: [
    ["kind", "类型：charter-draft 草案 / charter 章程 / rule 制度 / report 报告", "text"], ["comment_until", "征求意见截止", "time"],
    ["images", "图片（每行一个 media/ 下的文件）", "list"]] },
  meetings: { name: "会议", add: "新建会议", extras: [
    ["date", "会议时间", "time"], ["location", "地点", "text"], ["kind", "类型：regular 例会 / urgent 紧急会议", "text"],
    ["decisions", "决议（每行一条）", "list"], ["images", "图片（每行一个 media/ 下的文件）", "list"]] },
};
let listing = "announcements";

async function showList(kind) {
  listing = kind;
  const spec = kinds[kind];
  $("list-title").textContent = spec.name;
  $("new-item").textContent = spec.add;
  $("new-item").href = "#/items/" + kind + "/new";
  for (const a of document.querySelectorAll(".tabs a")) {
    if (a.dataset.kind === kind) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  // The fourth column: the kind's first date (a meeting's time, a deadline), else the end time.
  const when = spec.extras.find((e) => e[2] === "time");
  $("list-extra-head").textContent = when ? when[1] : "截止时间";
  const list = await api("/api/" + kind);
  const rows = $("announcement-rows");
  rows.replaceChildren();
  for (const a of list.items) {
    const tr = el("tr");
    tr.append(el("td", a.unreadable ? "（无法读取：见概览里的问题）" : a.title), el("td", a.category), el("td", a.publish),
              el("td", when ? a[when[0]] : a.expire));
    const marks = el("td");
    if (a.urgent) marks.append(el("span", "紧急", "tag urgent"));
    if (a.pinned) marks.append(el("span", "置顶", "tag pinned"));
    const edit = el("td");
    const link = el("a", "编辑");
    link.href = "#/items/" + kind + "/" + encodeURIComponent(a.id);
    edit.append(link);
    tr.append(marks, edit);
    rows.append(tr);
  }
}

// The kind's own fields, drawn into the form for the item being edited.
function drawExtraFields(kind, fields) {
  const box = $("extra-fields");
  box.replaceChildren();
  for (const [key, label, type] of kinds[kind].extras) {
    const field = el("div", null, "field");
    field.dataset.field = key;
    const lab = el("label", label);
    lab.htmlFor = "x-" + key;
    lab.append(el("span", key, "key"));
    const input = el(type === "list" ? "textarea" : "input");
    input.id = "x-" + key;
    input.name = key;
    if (type === "list") {
      input.rows = 4;
      input.value = (fields[key] || []).join("\n");
    } else {
      input.type = "text";
      input.value = fields[key] || "";
      if (type === "time") input.placeholder = "2026-12-06 或 2026-12-06T19:30";
    }
    field.append(lab, input);
    if (key === "images") field.append(pictureUpload(input));
    box.append(field);
  }
}

// A JPEG or PNG sent into content/media/; its path is added to the images list.
function pictureUpload(list) {
  const row = el("div", null, "row inline");
  const file = el("input");
  file.type = "file";
  file.accept = "image/png,image/jpeg";
  file.id = "x-images-file";
  const button = el("button", "上传图片");
  button.type = "button";
  button.id = "x-images-upload";
  const said = el("span");
  said.setAttribute("role", "status");
  button.addEventListener("click", async () => {
    const chosen = file.files[0];
    if (!chosen) { said.textContent = "请先选择图片。"; return; }
    said.textContent = "正在上传……";
    try {
      const r = await api("/api/media?name=" + encodeURIComponent(chosen.name),
                          { method: "POST", headers: { "Content-Type": chosen.type || "application/octet-stream" }, body: await chosen.arrayBuffer() });
      list.value = (list.value.trim() ? list.value.trim() + "\n" : "") + r.path;
      said.textContent = "✓ 已放进 content/" + r.path + "，保存后生效。";
    } catch (e) {
      said.textContent = "没有上传：" + e.message;
    }
  });
  row.append(file, button, said);
  return row;
}

const formFields = ["title", "category", "publish", "expire", "urgent", "pinned", "qr_url", "qr_label", "body"];
let editing = "new";

function clearProblems() {
  for (const f of document.querySelectorAll("#editor-form .field")) {
    f.classList.remove("has-error");
    for (const e of f.querySelectorAll(".field-error")) e.remove();
  }
  $("editor-general").hidden = true;
  $("editor-general").replaceChildren();
}

// Each problem under its field (with its FILE:LINE for those who edit files), the rest below.
function showProblems(file, problems) {
  clearProblems();
  let first = null;
  for (const p of problems) {
    const field = document.querySelector('#editor-form .field[data-field="' + p.field + '"]');
    const line = el("p", null, "field-error");
    line.setAttribute("role", "alert");
    line.append(el("code", file + ":" + p.line), document.createTextNode((p.warning ? "提醒：" : "") + p.message));
    if (field) {
      field.classList.add("has-error");
      field.append(line);
      first = first || field;
    } else {
      $("editor-general").hidden = false;
      $("editor-general").append(line);
    }
  }
  if (first) first.scrollIntoView({ block: "center" });
}

let editingKind = "announcements";
async function showEditor(kind, id) {
  editing = id;
  editingKind = kind;
  const spec = kinds[kind];
  $("back-to-list").textContent = "返回" + spec.name + "列表";
  $("back-to-list").href = "#/items/" + kind;
  clearProblems();
  $("saved").textContent = "";
  const form = $("editor-form");
  let fields = { title: "", category: "", publish: "", expire: "", urgent: false, pinned: false, qr_url: "", qr_label: "", body: "" };
  $("editor-comments").hidden = true;
  if (id === "new") {
    $("editor-title").textContent = spec.add;
    $("editor-file").textContent = "保存后写入 content/" + kind + "/ 下的一个新文件。";
  } else {
    const a = await api("/api/" + kind + "/" + encodeURIComponent(id));
    fields = a.fields;
    $("editor-title").textContent = "编辑" + spec.name;
    $("editor-file").textContent = "文件：content/" + a.file;
    $("editor-comments").hidden = !a.loses_comments;
  }
  for (const name of formFields) {
    const input = form.elements[name];
    if (input.type === "checkbox") input.checked = !!fields[name];
    else input.value = fields[name] || "";
  }
  drawExtraFields(kind, fields);
}

async function saveEditor(event) {
  event.preventDefault();
  const form = $("editor-form");
  const fields = {};
  for (const name of formFields) {
    const input = form.elements[name];
    fields[name] = input.type === "checkbox" ? input.checked : input.value.trim() === "" ? "" : (name === "body" ? input.value : input.value.trim());
  }
  for (const [key, , type] of kinds[editingKind].extras) {
    const value = form.elements[key].value;
    fields[key] = type === "list" ? value.split("\n").map((l) => l.trim()).filter((l) => l) : value.trim();
  }
  $("save").disabled = true;
  $("saved").textContent = "正在检查……";
  $("saved").className = "";
  try {
    const r = await api("/api/" + editingKind + "/" + encodeURIComponent(editing), { method: "POST", body: JSON.stringify({ fields }) });
    if (!r.saved) {
      showProblems(r.file, r.problems);
      $("saved").textContent = "没有保存：请先改正标红的地方。";
      return;
    }
    showProblems(r.file, r.problems);  // warnings, if any
    $("saved").textContent = "已保存（content/" + r.file + "）" + (r.rewritten ? "；文件开头已按表单重写" : "") + "。发布后信息屏才会显示。";
    $("saved").className = "ok";
    if (editing === "new") history.replaceState(null, "", "#/items/" + editingKind + "/" + encodeURIComponent(r.id));
    editing = r.id;
  } catch (e) {
    $("saved").textContent = "保存失败：" + e.message;
  } finally {
    $("save").disabled = false;
  }
}

// The toolbar puts Markdown around the selection, as an office worker would type it.
function markdown(kind) {
  const t = $("f-body");
  const [a, b] = [t.selectionStart, t.selectionEnd];
  const chosen = t.value.slice(a, b);
  const lineStart = t.value.lastIndexOf("\n", a - 1) + 1;
  let text, from, to;
  if (kind === "bold") {
    text = "**" + (chosen || "粗体文字") + "**";
    from = a; to = b;
  } else {
    const prefix = { heading: "## ", list: "- ", numbered: "1. " }[kind];
    const lines = (chosen || t.value.slice(lineStart, b) || "").split("\n");
    text = lines.map((l) => prefix + l).join("\n");
    from = chosen ? a : lineStart; to = b;
  }
  t.setRangeText(text, from, to, "end");
  t.focus();
}

// ---- 发布 ----
async function publish() {
  const out = $("publish-result");
  out.replaceChildren(el("p", "正在检查、签名……"));
  $("publish-button").disabled = true;
  try {
    const r = await api("/api/publish", { method: "POST", body: "{}" });
    out.replaceChildren();
    if (r.published) {
      out.append(el("p", "✓ 已发布第 " + r.version + " 版，共 " + r.files + " 个文件，" + when(r.expires) + " 前有效。局域网里的信息屏会在下次同步时取得。", "ok"));
    } else {
      out.append(el("p", r.refused_mismatch ? "✗ 申报余额与账目不符，未发布。请改正账目或 finance/periods.toml。"
        : "✗ 有 " + r.problems.length + " 个问题，未发布：", "check bad"));
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
    out.replaceChildren(el("p", "发布失败：" + e.message, "check bad"));
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
  status.textContent = "正在绘制……";
  status.className = "";
  $("preview-button").disabled = true;
  fetch("/api/preview.png?" + query, { credentials: "same-origin" }).then(async (res) => {
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      throw new Error(body.error || ("HTTP " + res.status));
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
      const option = el("option", s.label + "（" + s.path + (s.free_mb >= 0 ? "，剩 " + s.free_mb + " MB" : "") +
                        (s.exports ? "，" + s.exports + " 份数据" : "") + "）");
      option.value = s.path;
      select.append(option);
    }
    if (!r.sticks.length) select.append(Object.assign(el("option", "没有找到U盘（插好后点刷新）"), { value: "" }));
  }
}

async function usbAction(path, select, status, done) {
  const stick = $(select).value;
  if (!stick) { $(status).textContent = "请先插入U盘并刷新。"; return; }
  $(status).textContent = "正在写入，请不要拔出U盘……";
  $(status).className = "";
  try {
    const r = await api(path, { method: "POST", body: JSON.stringify({ stick }) });
    $(status).textContent = done(r);
    $(status).className = "ok";
    await showSticks();
  } catch (e) {
    $(status).textContent = "没有完成：" + e.message;
    $(status).className = "check bad";
  }
}

// ---- 收集 ----
async function collect() {
  const out = $("collect-result");
  out.replaceChildren(el("p", "正在核对、打开……"));
  $("collect-button").disabled = true;
  try {
    const r = await api("/api/collect", { method: "POST", body: "{}" });
    out.replaceChildren();
    if (!r.collected) {
      out.append(el("p", r.message, r.httpStatus === 422 ? "check bad" : ""));
      return;
    }
    out.append(el("p", "✓ 收集了 " + r.exports + " 份数据，结果在 " + r.folder + "/：", "ok"));
    for (const f of r.results) out.append(el("p", "投票结果：" + f + "（复制到 content/results/ 后随下次发布公布）"));
    out.append(el("pre", r.report, "report"));
  } catch (e) {
    out.replaceChildren(el("p", "收集失败：" + e.message, "check bad"));
  } finally {
    $("collect-button").disabled = false;
  }
}

// ---- 工作进展: tasks.csv and goals.csv ----
function drawSheet(name, sheet) {
  const table = $("sheet-" + name);
  table.replaceChildren();
  const head = el("tr");
  for (const h of sheet.header) head.append(el("th", h));
  head.append(el("th"));
  table.append(head);
  for (const row of sheet.rows) addSheetRow(name, sheet.header.length, row);
}

function addSheetRow(name, columns, cells) {
  const tr = el("tr");
  for (let i = 0; i < columns; ++i) {
    const td = el("td");
    const input = el("input");
    input.type = "text";
    input.value = cells[i] || "";
    td.append(input);
    tr.append(td);
  }
  const remove = el("button", "删除");
  remove.type = "button";
  remove.addEventListener("click", () => tr.remove());
  const td = el("td");
  td.append(remove);
  tr.append(td);
  $("sheet-" + name).append(tr);
}

async function showProgress() {
  const p = await api("/api/progress");
  drawSheet("tasks", p.tasks);
  drawSheet("goals", p.goals);
  for (const name of ["tasks", "goals"]) $("status-" + name).textContent = "";
  if (p.problems.length) $("status-tasks").textContent = "⚠ " + p.problems.map((d) => where(d) + " " + d.message).join("；");
}

async function saveSheet(name) {
  const rows = [...$("sheet-" + name).querySelectorAll("tr")].slice(1)
    .map((tr) => [...tr.querySelectorAll("input")].map((i) => i.value.trim()));
  const status = $("status-" + name);
  status.textContent = "正在检查……";
  status.className = "";
  try {
    const r = await api("/api/progress/" + name, { method: "POST", body: JSON.stringify({ rows }) });
    if (!r.saved) {
      status.textContent = "没有保存：" + r.problems.map((d) => where(d) + " " + d.message).join("；");
      status.className = "check bad";
      return;
    }
    status.textContent = "✓ 已保存 content/" + r.file + "。发布后信息屏才显示。";
    status.className = "ok";
  } catch (e) {
    status.textContent = "保存失败：" + e.message;
    status.className = "check bad";
  }
}

// ---- 财务 ----
function tableRows(table, head, rows) {
  table.replaceChildren();
  if (head) {
    const tr = el("tr");
    for (const h of head) tr.append(el("th", h));
    table.append(tr);
  }
  for (const row of rows) {
    const tr = el("tr");
    row.forEach((cell, i) => tr.append(el("td", cell, i > 0 ? "money" : "")));
    table.append(tr);
  }
}

function showDiagnostics(box, title, items, className) {
  if (!items.length) return;
  box.append(el("p", title, className));
  const list = el("ol", null, "problems");
  listDiagnostics(list, items);
  box.append(list);
}

async function showFinance() {
  const f = await api("/api/finance");
  const check = $("finance-check");
  check.replaceChildren();
  showDiagnostics(check, "✗ 账目有问题，信息屏不会显示新的账目：", f.problems, "check bad");
  showDiagnostics(check, "⚠ 申报余额与账目不符：发布后信息屏会用红字显示“账目核对不符”（发布时需确认）。", f.warnings, "check bad");
  if (!f.problems.length && !f.warnings.length) check.append(el("p", "✓ 共 " + f.entries + " 笔账目，检查通过。", "ok"));
  if (!f.statement) return;
  const s = f.statement;
  $("statement-title").textContent = f.year + " 年收支报表";
  tableRows($("statement"), null, [["期初余额", s.opening], ["本年收入", s.income], ["本年支出", s.expense], ["期末余额", s.closing]]);
  tableRows($("income-categories"), null, s.income_by_category.map((c) => [c.category, c.amount]));
  tableRows($("expense-categories"), null, s.expense_by_category.map((c) => [c.category, c.amount]));
  tableRows($("months"), ["月份", "收入", "支出"], f.months.map((m) => [m.month, m.income, m.expense]));
}

async function uploadLedger(event) {
  event.preventDefault();
  const status = $("ledger-status");
  const file = $("ledger-file").files[0];
  if (!file) { status.textContent = "请先选择账目 CSV 文件。"; status.className = "check bad"; return; }
  status.replaceChildren(el("p", "正在检查……"));
  $("ledger-button").disabled = true;
  try {
    const r = await api("/api/finance/ledger", { method: "POST", headers: { "Content-Type": "text/csv" }, body: await file.arrayBuffer() });
    status.replaceChildren();
    if (!r.saved) {
      showDiagnostics(status, "✗ 没有替换：这个文件有 " + r.problems.length + " 个问题（改正后再上传）：", r.problems, "check bad");
      return;
    }
    status.append(el("p", "✓ 已替换 content/finance/ledger.csv（" + r.entries + " 笔）。发布后信息屏才显示。", "ok"));
    await showFinance();
  } catch (e) {
    status.replaceChildren(el("p", "上传失败：" + e.message, "check bad"));
  } finally {
    $("ledger-button").disabled = false;
  }
}

// ---- 投票 ----
async function showBallots() {
  $("result-panel").hidden = true;
  const r = await api("/api/ballots");
  const rows = $("ballot-rows"), select = $("codes-ballot");
  rows.replaceChildren();
  select.replaceChildren();
  for (const b of r.ballots) {
    const codes = Object.entries(b.codes).map(([k, n]) => k + "：" + n + " 个").join("，");
    const tr = el("tr");
    rows.append(tr);
    tr.append(el("td", b.title), el("td", b.kind), el("td", b.opens ? when(b.opens) : "—"), el("td", b.closes ? when(b.closes) : "—"),
              el("td", b.codes_required ? (codes || "尚未生成") : "不需要"));
    const result = el("td");
    if (b.result) {
      result.append(el("span", b.result.cast + " 票" + (b.result_published ? "，已公布" : "")));
      const open = el("button", "查看结果");
      open.type = "button";
      open.addEventListener("click", () => showResult(b));
      result.append(el("br"), open);
    } else {
      result.textContent = "尚未收集";
    }
    tr.append(result);
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

const outcomeWords = { passed: "通过", failed: "未通过", tie: "最后一席平票", "": "" };
let shownBallot = null;

// The count as bars: each option's share of the ballots cast (CSSOM widths: no inline style).
function showResult(b) {
  shownBallot = b;
  const r = b.result;
  $("result-title").textContent = b.title + "：计票结果";
  let summary = "共 " + r.cast + " 张有效选票。" + (r.quorum_met ? "" : "未达到法定票数，结果不成立。") + (r.rule || "");
  if (r.elected.length) summary += " 当选：" + r.elected.join("、") + "。";
  if (outcomeWords[r.outcome]) summary = "表决结果：" + outcomeWords[r.outcome] + "。" + summary;
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
      row.append(el("span", o.label, "bar-label"), track, el("span", o.votes + " 票", "bar-votes"));
      box.append(row);
    }
  }
  $("result-source").textContent = "来自 " + r.folder + "（收集时的计票）";
  $("result-publish").disabled = b.result_published;
  $("result-publish").textContent = b.result_published ? "已放进 content/results/" : "公布结果";
  $("result-status").textContent = "";
  $("result-panel").hidden = false;
}

async function publishResult() {
  try {
    const r = await api("/api/ballots/" + encodeURIComponent(shownBallot.id) + "/publish-result", { method: "POST", body: "{}" });
    $("result-status").textContent = "✓ 已写入 content/" + r.file + "。发布后，投票截止的信息屏会显示结果。";
    $("result-status").className = "ok";
    $("result-publish").disabled = true;
  } catch (e) {
    $("result-status").textContent = "没有公布：" + e.message;
    $("result-status").className = "check bad";
  }
}

async function makeCodes(event) {
  event.preventDefault();
  const status = $("codes-status");
  const ballot = $("codes-ballot").value, kiosk = $("codes-kiosk").value.trim(), count = parseInt($("codes-count").value, 10);
  if (!kiosk) { status.textContent = "请填写信息屏编号（信息屏 kiosk.toml 里的 [kiosk] id）。"; status.className = "check bad"; return; }
  status.textContent = "正在生成（每个投票码都要计算校验值，请稍候）……";
  status.className = "";
  $("codes-button").disabled = true;
  try {
    const res = await fetch("/api/ballots/" + encodeURIComponent(ballot) + "/codes", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify({ kiosk, count }),
    });
    if (!res.ok) throw new Error((await res.json().catch(() => ({}))).error || ("HTTP " + res.status));
    const link = el("a");
    link.href = URL.createObjectURL(await res.blob());
    link.download = "slips-" + ballot + "-" + kiosk + ".pdf";
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 60000);
    status.textContent = "✓ 已生成 " + count + " 个投票码，PDF 已下载（只此一份）。发布后信息屏 " + kiosk + " 才认这些投票码。";
    status.className = "ok";
    await showBallots();
  } catch (e) {
    status.textContent = "没有生成：" + e.message;
    status.className = "check bad";
  } finally {
    $("codes-button").disabled = false;
  }
}

// ---- 意见 ----
let feedbackRows = [];
const filters = [["filter-topic", "topic"], ["filter-about", "about"], ["filter-kiosk", "kiosk"], ["filter-day", "day"]];

function fillFilter(id, key) {
  const select = $(id), chosen = select.value;
  const all = el("option", "全部");
  all.value = "";
  select.replaceChildren(all);
  for (const value of [...new Set(feedbackRows.map((r) => r[key]).filter((v) => v))].sort()) {
    const option = el("option", value);
    option.value = value;
    select.append(option);
  }
  select.value = chosen;
}

function drawFeedback() {
  const body = $("feedback-rows");
  body.replaceChildren();
  const shown = feedbackRows.filter((r) => filters.every(([id, key]) => !$(id).value || r[key] === $(id).value));
  for (const r of shown) {
    const tr = el("tr");
    tr.append(el("td", r.day), el("td", r.kiosk), el("td", r.topic), el("td", r.rating_word), el("td", r.about),
              el("td", r.text, "message"), el("td", r.receipt));
    const cell = el("td");
    if (r.reply) cell.append(el("p", (r.reply.public ? "已公开回复：" : "已回复：") + r.reply.reply, "replied"));
    const button = el("button", r.reply ? "修改回复" : "回复");
    button.type = "button";
    button.addEventListener("click", () => openReply(r));
    cell.append(button);
    tr.append(cell);
    body.append(tr);
  }
  $("feedback-status").textContent = feedbackRows.length === 0 ? "收件箱里还没有意见。"
    : "共 " + feedbackRows.length + " 条意见" + (shown.length !== feedbackRows.length ? "，显示 " + shown.length + " 条" : "") + "。";
}

async function showFeedback() {
  $("reply-form").hidden = true;
  const r = await api("/api/feedback");
  feedbackRows = r.rows;
  for (const [id, key] of filters) fillFilter(id, key);
  drawFeedback();
  for (const p of r.problems) $("feedback-status").append(el("p", "⚠ " + p, "check bad"));
}

let replying = null;
function openReply(row) {
  replying = row;
  $("reply-code").textContent = row.receipt;
  $("reply-message").textContent = row.text;
  $("r-reply").value = row.reply ? row.reply.reply : "";
  $("r-public").checked = row.reply ? row.reply.public : false;
  $("r-message").value = row.reply && row.reply.message ? row.reply.message : row.text;
  $("r-topic").value = row.topic;
  $("r-public-fields").hidden = !$("r-public").checked;
  $("reply-saved").textContent = "";
  $("reply-form").hidden = false;
  $("r-reply").focus();
}

async function saveReply(event) {
  event.preventDefault();
  const body = { code: replying.receipt, reply: $("r-reply").value.trim(), public: $("r-public").checked,
                 message: $("r-message").value.trim(), topic: $("r-topic").value.trim() };
  if (!body.reply) { $("reply-saved").textContent = "请先写回复。"; return; }
  try {
    const r = await api("/api/feedback/reply", { method: "POST", body: JSON.stringify(body) });
    if (!r.saved) { $("reply-saved").textContent = "没有保存：" + (r.problems || []).join("；"); return; }
    await showFeedback();
    $("feedback-status").append(el("p", "✓ 回复已写入 content/" + r.file + "，发布后信息屏上才能看到。", "ok"));
  } catch (e) {
    $("reply-saved").textContent = "保存失败：" + e.message;
  }
}

// ---- the views ----
const views = ["overview", "announcements", "editor", "progress", "finance", "preview", "publish", "ballots", "feedback", "collect"];

async function route() {
  const hash = location.hash.replace(/^#/, "") || "/";
  let view = "overview", load = showOverview;
  const item = hash.match(/^\/items\/(announcements|recruitment|documents|meetings)\/([^/]+)$/);
  const list = hash.match(/^\/items\/(announcements|recruitment|documents|meetings)$/);
  if (item) { view = "editor"; load = () => showEditor(item[1], decodeURIComponent(item[2])); }
  else if (list) { view = "announcements"; load = () => showList(list[1]); }
  else if (hash === "/progress") { view = "progress"; load = showProgress; }
  else if (hash === "/publish") { view = "publish"; load = async () => { $("publish-result").replaceChildren(); await showSticks(); }; }
  else if (hash === "/preview") { view = "preview"; load = showPreview; }
  else if (hash === "/feedback") { view = "feedback"; load = showFeedback; }
  else if (hash === "/ballots") { view = "ballots"; load = showBallots; }
  else if (hash === "/finance") { view = "finance"; load = showFinance; }
  else if (hash === "/collect") { view = "collect"; load = async () => { $("collect-result").replaceChildren(); await showSticks(); }; }
  const nav = view === "editor" || view === "progress" ? "announcements" : view;
  for (const a of document.querySelectorAll(".top nav a")) {
    if (a.dataset.view === nav) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const status = $("status");
  status.hidden = true;
  try {
    await load();
    // Shown once filled: never a page of empty boxes.
    for (const v of views) $(v).hidden = v !== view;
    $("content-tabs").hidden = nav !== "announcements";
    if (view === "progress")
      for (const a of document.querySelectorAll(".tabs a"))
        if (a.dataset.kind === "progress") a.setAttribute("aria-current", "page"); else a.removeAttribute("aria-current");
  } catch (e) {
    for (const v of views) $(v).hidden = true;
    status.hidden = false;
    status.textContent = "读取失败：" + e.message;
    status.className = "error";
  }
}

async function start() {
  try {
    csrf = (await api("/api/session")).csrf;
  } catch (e) {
    $("status").textContent = "读取失败：" + e.message;
    $("status").className = "error";
    return;
  }
  $("editor-form").addEventListener("submit", saveEditor);
  for (const b of document.querySelectorAll(".toolbar button")) b.addEventListener("click", () => markdown(b.dataset.md));
  $("publish-button").addEventListener("click", publish);
  $("preview-button").addEventListener("click", makePreview);
  $("collect-button").addEventListener("click", collect);
  for (const [id] of filters) $(id).addEventListener("change", drawFeedback);
  $("reply-form").addEventListener("submit", saveReply);
  $("codes-form").addEventListener("submit", makeCodes);
  $("result-publish").addEventListener("click", publishResult);
  $("ledger-form").addEventListener("submit", uploadLedger);
  for (const b of document.querySelectorAll(".usb-refresh")) b.addEventListener("click", showSticks);
  $("usb-publish").addEventListener("click", () => usbAction("/api/usb/publish", "usb-publish-stick", "usb-publish-status",
    () => "✓ 已写入U盘的 linli/bundle/，并已同步：可以拔出U盘。"));
  $("usb-collect").addEventListener("click", () => usbAction("/api/usb/collect", "usb-collect-stick", "usb-collect-status",
    (r) => "✓ 放进收件箱 " + r.stored + " 份" + (r.already ? "（" + r.already + " 份早已在收件箱）" : "") +
           (r.refused.length ? "；" + r.refused.length + " 份与收件箱里同名的不同，未放入：" + r.refused.join("、") : "") + "。请点“收集”。"));
  for (const name of ["tasks", "goals"]) {
    $("save-" + name).addEventListener("click", () => saveSheet(name));
    $("add-" + name).addEventListener("click", () => addSheetRow(name, $("sheet-" + name).rows[0].cells.length - 1, []));
  }
  $("reply-cancel").addEventListener("click", () => { $("reply-form").hidden = true; });
  $("r-public").addEventListener("change", () => { $("r-public-fields").hidden = !$("r-public").checked; });
  $("logout").addEventListener("click", async () => {
    try { await api("/api/logout", { method: "POST", body: "{}" }); } catch (e) { /* signed out either way */ }
    location.reload();
  });
  window.addEventListener("hashchange", route);
  route();
}

document.addEventListener("DOMContentLoaded", start);
