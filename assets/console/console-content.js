// The console's 内容: the four Markdown kinds (a list per kind, a form per item, pictures) and
// 工作进展's two tables.
"use strict";

// ---- 内容: announcements, recruitment, documents, meetings ----
// Each kind's own fields (after the common ones): key, label, and text / time / list (one a line).
const kinds = {
  announcements: { name: t("公告"), add: t("写新公告"), extras: [["images", t("图片（每行一个 media/ 下的文件）"), "list"]] },
  recruitment: { name: t("招募"), add: t("新建招募"), extras: [["positions", t("招募岗位和人数"), "positions"],
    ["deadline", t("报名截止"), "time"], ["apply", t("报名方式"), "text"], ["apply_url", t("报名链接（二维码）"), "text"],
    ["requirements", t("报名条件（每行一条）"), "list"], ["images", t("图片（每行一个 media/ 下的文件）"), "list"]] },
  documents: { name: t("章程制度"), add: t("新建章程制度"), extras: [
    ["kind", t("类型：charter-draft 草案 / charter 章程 / rule 制度 / report 报告"), "text"], ["comment_until", t("征求意见截止"), "time"],
    ["images", t("图片（每行一个 media/ 下的文件）"), "list"]] },
  meetings: { name: t("会议"), add: t("新建会议"), extras: [
    ["date", t("会议时间"), "time"], ["location", t("地点"), "text"], ["kind", t("类型：regular 例会 / urgent 紧急会议"), "text"],
    ["decisions", t("决议（每行一条）"), "list"], ["images", t("图片（每行一个 media/ 下的文件）"), "list"]] },
};
let listing = "announcements";

// The content tab of this kind shown as the current one.
function markTab(kind) {
  for (const a of document.querySelectorAll(".tabs a")) {
    if (a.dataset.kind === kind) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
}

async function showList(kind) {
  listing = kind;
  const spec = kinds[kind];
  $("list-title").textContent = spec.name;
  $("new-item").textContent = spec.add;
  $("new-item").href = "#/items/" + kind + "/new";
  markTab(kind);
  // The fourth column: the kind's first date (a meeting's time, a deadline), else the end time.
  const when = spec.extras.find((e) => e[2] === "time");
  $("list-extra-head").textContent = when ? when[1] : t("截止时间");
  const list = await api("/api/" + kind);
  const rows = $("announcement-rows");
  rows.replaceChildren();
  for (const a of list.items) {
    const tr = el("tr");
    tr.append(el("td", a.unreadable ? t("（无法读取：见概览里的问题）") : a.title), el("td", a.category), el("td", a.publish),
              el("td", when ? a[when[0]] : a.expire));
    const marks = el("td");
    if (a.urgent) marks.append(el("span", t("紧急"), "tag urgent"));
    if (a.pinned) marks.append(el("span", t("置顶"), "tag pinned"));
    const edit = el("td");
    const link = el("a", t("编辑"));
    link.href = "#/items/" + kind + "/" + encodeURIComponent(a.id);
    edit.append(link);
    tr.append(marks, edit);
    rows.append(tr);
  }
}

// The kind's own fields, drawn into the form for the item being edited; tables kept by key.
const extraEditors = {};
function drawExtraFields(kind, fields) {
  const box = $("extra-fields");
  box.replaceChildren();
  for (const [key, label, type] of kinds[kind].extras) {
    const field = el("div", null, "field");
    field.dataset.field = key;
    const lab = el("label", label);
    lab.htmlFor = "x-" + key;
    lab.append(el("span", key, "key"));
    if (type === "positions") {
      lab.removeAttribute("for");
      const table = rowsEditor("x-positions", [["name", t("岗位")], ["count", t("人数"), "number"]], fields.positions || [], t("添加岗位"));
      extraEditors[key] = table;
      field.append(lab, table);
      box.append(field);
      continue;
    }
    const input = el(type === "list" ? "textarea" : "input");
    input.id = "x-" + key;
    input.name = key;
    if (type === "list") {
      input.rows = 4;
      input.value = (fields[key] || []).join("\n");
    } else {
      input.type = "text";
      input.value = fields[key] || "";
      if (type === "time") input.placeholder = t("2026-12-06 或 2026-12-06T19:30");
    }
    field.append(lab, input);
    if (type === "time") withPicker(input);
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
  const button = el("button", t("上传图片"));
  button.type = "button";
  button.id = "x-images-upload";
  const said = el("span");
  said.setAttribute("role", "status");
  button.addEventListener("click", async () => {
    const chosen = file.files[0];
    if (!chosen) { said.textContent = t("请先选择图片。"); return; }
    said.textContent = t("正在上传……");
    try {
      const path = await uploadPicture(chosen);
      list.value = (list.value.trim() ? list.value.trim() + "\n" : "") + path;
      said.textContent = t("✓ 已放进 content/{0}，保存后生效。", path);
    } catch (e) {
      said.textContent = t("没有上传：") + e.message;
    }
  });
  row.append(file, button, said);
  return row;
}

const formFields = ["title", "category", "publish", "expire", "urgent", "pinned", "qr_url", "qr_label", "body"];
let editing = "new";

function clearProblems() { clearProblemsIn($("editor-form"), $("editor-general")); }
function showProblems(file, problems) { showProblemsIn($("editor-form"), $("editor-general"), file, problems); }

let editingKind = "announcements";
async function showEditor(kind, id) {
  editing = id;
  editingKind = kind;
  markTab(kind);
  const spec = kinds[kind];
  $("back-to-list").textContent = t("返回{0}列表", spec.name);
  $("back-to-list").href = "#/items/" + kind;
  clearProblems();
  $("saved").textContent = "";
  const form = $("editor-form");
  let fields = { title: "", category: "", publish: "", expire: "", urgent: false, pinned: false, qr_url: "", qr_label: "", body: "" };
  $("editor-comments").hidden = true;
  if (id === "new") {
    $("editor-title").textContent = spec.add;
    $("editor-file").textContent = t("保存后写入 content/{0}/ 下的一个新文件。", kind);
  } else {
    const a = await api("/api/" + kind + "/" + encodeURIComponent(id));
    fields = a.fields;
    $("editor-title").textContent = t("编辑{0}", spec.name);
    $("editor-file").textContent = t("文件：content/") + a.file;
    $("editor-comments").hidden = !a.loses_comments;
  }
  for (const name of formFields) {
    const input = form.elements[name];
    if (input.type === "checkbox") input.checked = !!fields[name];
    else input.value = fields[name] || "";
    if (name === "publish" || name === "expire") syncPicker(input);
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
    if (type === "positions") { fields[key] = extraEditors[key].values(); continue; }
    const value = form.elements[key].value;
    fields[key] = type === "list" ? value.split("\n").map((l) => l.trim()).filter((l) => l) : value.trim();
  }
  $("save").disabled = true;
  $("saved").textContent = t("正在检查……");
  $("saved").className = "";
  try {
    const r = await api("/api/" + editingKind + "/" + encodeURIComponent(editing), { method: "POST", body: JSON.stringify({ fields }) });
    if (!r.saved) {
      showProblems(r.file, r.problems);
      $("saved").textContent = t("没有保存：请先改正标红的地方。");
      return;
    }
    showProblems(r.file, r.problems);  // warnings, if any
    $("saved").textContent = t("已保存（content/{0}）", r.file) + (r.rewritten ? t("；文件开头已按表单重写") : "") + t("。发布后信息屏才会显示。");
    $("saved").className = "ok";
    if (editing === "new") history.replaceState(null, "", "#/items/" + editingKind + "/" + encodeURIComponent(r.id));
    editing = r.id;
  } catch (e) {
    $("saved").textContent = t("保存失败：") + e.message;
  } finally {
    $("save").disabled = false;
  }
}

// The toolbar puts Markdown around the selection, as an office worker would type it.
function markdown(kind) {
  const area = $("f-body");
  const [a, b] = [area.selectionStart, area.selectionEnd];
  const chosen = area.value.slice(a, b);
  const lineStart = area.value.lastIndexOf("\n", a - 1) + 1;
  let text, from, to;
  if (kind === "bold") {
    text = "**" + (chosen || t("粗体文字")) + "**";
    from = a; to = b;
  } else {
    const prefix = { heading: "## ", list: "- ", numbered: "1. " }[kind];
    const lines = (chosen || area.value.slice(lineStart, b) || "").split("\n");
    text = lines.map((l) => prefix + l).join("\n");
    from = chosen ? a : lineStart; to = b;
  }
  area.setRangeText(text, from, to, "end");
  area.focus();
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
  tr.append(removeCell(tr));
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
  status.textContent = t("正在检查……");
  status.className = "";
  try {
    const r = await api("/api/progress/" + name, { method: "POST", body: JSON.stringify({ rows }) });
    if (!r.saved) {
      status.textContent = t("没有保存：") + r.problems.map((d) => where(d) + " " + d.message).join("；");
      status.className = "check bad";
      return;
    }
    status.textContent = t("✓ 已保存 content/{0}。发布后信息屏才显示。", r.file);
    status.className = "ok";
  } catch (e) {
    status.textContent = t("保存失败：") + e.message;
    status.className = "check bad";
  }
}
