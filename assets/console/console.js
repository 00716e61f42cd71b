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
