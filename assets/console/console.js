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
      if (type !== "textarea") input.type = "text";
      if (type === "number") input.inputMode = "numeric";
      if (type === "textarea") input.rows = 2;
      input.name = key;
      input.setAttribute("aria-label", label);
      input.value = values[key] || "";
      td.append(input);
      tr.append(td);
    }
    const remove = el("button", "删除");
    remove.type = "button";
    remove.addEventListener("click", () => tr.remove());
    const td = el("td");
    td.append(remove);
    tr.append(td);
    table.append(tr);
    return tr;
  };
  for (const r of rows) addRow(r);
  const add = el("button", addLabel || "添加一行");
  add.type = "button";
  add.id = id + "-add";
  add.addEventListener("click", () => addRow({}).querySelector("input, textarea").focus());
  box.append(table, add);
  box.values = () => [...table.querySelectorAll("tr")].slice(1).map((tr) => {
    const row = {};
    for (const input of tr.querySelectorAll("input, textarea")) row[input.name] = input.value.trim();
    return row;
  }).filter((row) => Object.values(row).some((v) => v !== ""));
  return box;
}
