// The console's 意见: residents' messages, filters, replies.
"use strict";

// ---- 意见 ----
let feedbackRows = [];
const filters = [["filter-topic", "topic"], ["filter-about", "about"], ["filter-kiosk", "kiosk"], ["filter-day", "day"]];

function fillFilter(id, key) {
  const select = $(id), chosen = select.value;
  const all = el("option", t("全部"));
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
    tr.append(el("td", r.day), el("td", r.kiosk), el("td", r.topic), el("td", t(r.rating_word)), el("td", r.about),
              el("td", r.text, "message"), el("td", r.receipt));
    const cell = el("td");
    if (r.reply) cell.append(el("p", (r.reply.public ? t("已公开回复：") : t("已回复：")) + r.reply.reply, "replied"));
    const button = el("button", r.reply ? t("修改回复") : t("回复"));
    button.type = "button";
    button.addEventListener("click", () => openReply(r));
    cell.append(button);
    tr.append(cell);
    body.append(tr);
  }
  $("feedback-status").textContent = feedbackRows.length === 0 ? t("收件箱里还没有意见。")
    : t("共 {0} 条意见", feedbackRows.length) + (shown.length !== feedbackRows.length ? t("，显示 {0} 条", shown.length) : "") + t("。");
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
  if (!body.reply) { $("reply-saved").textContent = t("请先写回复。"); return; }
  try {
    const r = await api("/api/feedback/reply", { method: "POST", body: JSON.stringify(body) });
    if (!r.saved) { $("reply-saved").textContent = t("没有保存：") + (r.problems || []).join(t("；")); return; }
    await showFeedback();
    $("feedback-status").append(el("p", t("✓ 回复已写入 content/{0}，发布后信息屏上才能看到。", r.file), "ok"));
  } catch (e) {
    $("reply-saved").textContent = t("保存失败：") + e.message;
  }
}
