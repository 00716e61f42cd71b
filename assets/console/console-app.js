// The console's pages: which one the address's #/... part shows, and the start.
"use strict";

// ---- the views ----
const views = ["overview", "announcements", "editor", "progress", "finance", "preview", "publish", "ballots", "ballot-editor", "feedback", "collect"];

// Each address change loads its page; a slower load of an earlier address must not show its page
// over the later one's, so only the newest route() shows what it loaded.
let routing = 0;
async function route() {
  const mine = ++routing;
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
  else if (/^\/ballots\/[^/]+$/.test(hash)) { view = "ballot-editor"; load = () => showBallotEditor(decodeURIComponent(hash.slice(9))); }
  else if (hash === "/finance") { view = "finance"; load = showFinance; }
  else if (hash === "/collect") { view = "collect"; load = async () => { $("collect-result").replaceChildren(); await showSticks(); }; }
  const nav = view === "editor" || view === "progress" ? "announcements" : view === "ballot-editor" ? "ballots" : view;
  for (const a of document.querySelectorAll(".top nav a")) {
    if (a.dataset.view === nav) a.setAttribute("aria-current", "page");
    else a.removeAttribute("aria-current");
  }
  const status = $("status");
  status.hidden = true;
  try {
    await load();
    if (mine !== routing) return;
    // Shown once filled: never a page of empty boxes.
    for (const v of views) $(v).hidden = v !== view;
    $("content-tabs").hidden = nav !== "announcements";
    if (view === "progress") markTab("progress");
  } catch (e) {
    if (mine !== routing) return;
    for (const v of views) $(v).hidden = true;
    status.hidden = false;
    status.textContent = t("读取失败：") + e.message;
    status.className = "error";
  }
}

async function start() {
  translatePage();
  startLanguageSwitch();
  try {
    csrf = (await api("/api/session")).csrf;
  } catch (e) {
    $("status").textContent = t("读取失败：") + e.message;
    $("status").className = "error";
    return;
  }
  $("editor-form").addEventListener("submit", saveEditor);
  withPicker($("f-publish"));
  withPicker($("f-expire"));
  startBallotSettings();
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
    () => t("✓ 已写入U盘的 linli/bundle/，并已同步：可以拔出U盘。")));
  $("usb-collect").addEventListener("click", () => usbAction("/api/usb/collect", "usb-collect-stick", "usb-collect-status",
    (r) => t("✓ 放进收件箱 {0} 份", r.stored) + (r.already ? t("（{0} 份早已在收件箱）", r.already) : "") +
           (r.refused.length ? t("；{0} 份与收件箱里同名的不同，未放入：", r.refused.length) + r.refused.join(t("、")) : "") + t("。请点“收集”。")));
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
