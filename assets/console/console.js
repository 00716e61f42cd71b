// The office console's page scripts, one file a page (console-*.js, loaded in order by
// index.html), sharing these helpers; console-app.js chooses the view from the address's #/...
// part. Everything from the workspace is put on the page as text (textContent, input values),
// never as markup: a notice titled <script> shows as those characters.
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
  headers["X-Linli-Language"] = consoleLanguage;  // the check's words and the API's in the page's language
  const res = await fetch(path, Object.assign({}, options, { headers, credentials: "same-origin" }));
  const body = await res.json().catch(() => ({}));
  if (!res.ok && res.status !== 422) {
    const e = new Error(errorWords(body) || ("HTTP " + res.status));
    e.status = res.status;
    throw e;
  }
  body.httpStatus = res.status;
  return body;
}

// A refusal's words ({error, error_en}) in the page's language.
function errorWords(body) { return consoleLanguage === "en" && body.error_en ? body.error_en : body.error; }

function where(d) { return d.line ? d.file + ":" + d.line : d.file; }

function listDiagnostics(list, items) {
  list.replaceChildren();
  for (const d of items) {
    const li = el("li");
    li.append(el("code", where(d)), document.createTextNode(d.message));
    list.append(li);
  }
}

// A table cell with 删除, which takes its row away.
function removeCell(tr) {
  const remove = el("button", t("删除"));
  remove.type = "button";
  remove.addEventListener("click", () => tr.remove());
  const td = el("td");
  td.append(remove);
  return td;
}

// A table of rows to edit (a recruitment notice's positions, a ballot's choices): columns are
// [key, label, "text" | "number" | "textarea"]; .values() gives the rows as objects, empty rows
// left out. Each row has 删除; the table has 添加一行 (or addLabel).
function rowsEditor(id, columns, rows, addLabel) {
  const box = el("div", null, "rows-editor");
  const table = el("table", null, "edit");
  table.id = id;
  const head = el("tr");
  for (const [, label] of columns) head.append(el("th", label));
  head.append(el("th"));
  table.append(head);
  const addRow = (values) => {
    const tr = el("tr");
    for (const [key, label, type] of columns) {
      const td = el("td");
      const input = el(type === "textarea" ? "textarea" : "input");
      if (type === "picture" || type === "number") td.className = type;
      if (type !== "textarea") input.type = "text";
      if (type === "number") input.inputMode = "numeric";
      if (type === "textarea") input.rows = 2;
      input.name = key;
      input.setAttribute("aria-label", label);
      input.value = values[key] || "";
      td.append(input);
      if (type === "picture") td.append(pictureButton(input));
      tr.append(td);
    }
    tr.append(removeCell(tr));
    table.append(tr);
    return tr;
  };
  for (const r of rows) addRow(r);
  const add = el("button", addLabel || t("添加一行"));
  add.type = "button";
  add.id = id + "-add";
  add.addEventListener("click", () => addRow({}).querySelector("input, textarea").focus());
  box.append(table, add);
  box.addRow = addRow;
  box.values = () => [...table.querySelectorAll("tr")].slice(1).map((tr) => {
    const row = {};
    for (const input of tr.querySelectorAll("input, textarea")) row[input.name] = input.value.trim();
    return row;
  }).filter((row) => Object.values(row).some((v) => v !== ""));
  return box;
}

// A JPEG or PNG sent into content/media/ (a safe name, never over another picture): its path.
async function uploadPicture(file) {
  const r = await api("/api/media?name=" + encodeURIComponent(file.name),
                      { method: "POST", headers: { "Content-Type": file.type || "application/octet-stream" }, body: await file.arrayBuffer() });
  return r.path;
}

// A file chooser beside a picture's path: the chosen picture is uploaded at once and its path put in.
function pictureButton(input) {
  const box = el("span", null, "picture-upload");
  const file = el("input");
  file.type = "file";
  file.accept = "image/png,image/jpeg";
  file.setAttribute("aria-label", t("上传照片"));
  const said = el("span");
  said.setAttribute("role", "status");
  file.addEventListener("change", async () => {
    if (!file.files[0]) return;
    said.textContent = t("正在上传……");
    try {
      input.value = await uploadPicture(file.files[0]);
      said.textContent = t("✓ 已上传");
    } catch (e) {
      said.textContent = t("没有上传：") + e.message;
    }
  });
  box.append(file, said);
  return box;
}

// A date picker and a time picker beside a time field, which stays the text that goes into the
// file (a date alone, or a date and time; an offset such as +08:00 already there is kept).
function withPicker(input) {
  if (input.dataset.picker) return;
  input.dataset.picker = "1";
  const box = el("span", null, "picker");
  const date = el("input"), time = el("input");
  date.type = "date";
  time.type = "time";
  date.setAttribute("aria-label", t("选择日期"));
  time.setAttribute("aria-label", t("选择时间（可不选）"));
  const fromText = () => {
    const m = input.value.trim().match(/^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}))?/);
    date.value = m ? m[1] : "";
    time.value = m && m[2] ? m[2] : "";
  };
  const toText = () => {
    if (!date.value) return;
    const offset = (input.value.trim().match(/(Z|[+-]\d{2}:\d{2})$/) || [""])[0];
    input.value = date.value + (time.value ? "T" + time.value + offset : "");
  };
  input.addEventListener("input", fromText);
  input.addEventListener("sync", fromText);
  date.addEventListener("change", toText);
  time.addEventListener("change", toText);
  box.append(date, time);
  input.after(box);
  fromText();
}

// A time field's pickers shown again after its value was set from a file.
function syncPicker(input) { input.dispatchEvent(new Event("sync")); }

// Each problem under its field (data-field, with its FILE:LINE for those who edit files), the
// rest in the form's general box.
function clearProblemsIn(form, general) {
  for (const f of form.querySelectorAll(".field")) {
    f.classList.remove("has-error");
    for (const e of f.querySelectorAll(".field-error")) e.remove();
  }
  general.hidden = true;
  general.replaceChildren();
}

function showProblemsIn(form, general, file, problems) {
  clearProblemsIn(form, general);
  let first = null;
  for (const p of problems) {
    const field = form.querySelector('.field[data-field="' + p.field + '"]');
    const line = el("p", null, "field-error");
    line.setAttribute("role", "alert");
    line.append(el("code", file + ":" + p.line), document.createTextNode((p.warning ? t("提醒：") : "") + p.message));
    if (field && p.field) {
      field.classList.add("has-error");
      field.append(line);
      first = first || field;
    } else {
      general.hidden = false;
      general.append(line);
    }
  }
  if (first) first.scrollIntoView({ block: "center" });
}
