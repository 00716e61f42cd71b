// The console's 投票设置: a ballot's own settings as a form (ballots/<id>.toml). The kind chooses
// which fields show: a motion's pass rule, an election's choices (with photo and biography), a
// survey's questions; only the shown ones are sent, so a kind changed leaves no stray keys.
"use strict";

let ballotEditing = "new", ballotChoices = null, ballotCodesWas = "";

const questionKinds = [["single", t("单选")], ["multi", t("多选")], ["scale", t("打分（1 到 5 分）")]];

function showBallotKind() {
  const kind = $("b-kind").value;
  const shown = { "motion-only": kind === "motion", "election-only": kind === "single" || kind === "multi",
                  "multi-only": kind === "multi", "survey-only": kind === "survey" };
  for (const [cls, on] of Object.entries(shown))
    for (const e of document.querySelectorAll("#ballot-form ." + cls)) e.hidden = !on;
  // Voting codes are the rule; only a survey may go without (it is then not binding).
  const none = $("b-codes").querySelector('option[value="none"]');
  none.disabled = kind !== "survey";
  if (kind !== "survey") $("b-codes").value = "required";
  // An election starts with two empty rows to fill in (it needs at least two choices).
  if ((kind === "single" || kind === "multi") && ballotChoices && !ballotChoices.values().length &&
      ballotChoices.querySelectorAll("tr").length < 3)
    while (ballotChoices.querySelectorAll("tr").length < 3) ballotChoices.addRow({});
}

// One survey question as a box of its own (problems of the Nth question are shown in the Nth).
function addQuestion(q) {
  const box = el("fieldset", null, "field question");
  const legend = el("legend");
  const text = el("input");
  text.type = "text";
  text.name = "q-text";
  text.value = q.text || "";
  text.setAttribute("aria-label", t("问题"));
  text.placeholder = t("问题，例如：您方便参加活动的时间？");
  const kind = el("select");
  kind.name = "q-kind";
  kind.setAttribute("aria-label", t("回答方式"));
  for (const [value, label] of questionKinds) kind.append(Object.assign(el("option", label), { value }));
  kind.value = q.kind || "single";
  const options = el("textarea");
  options.name = "q-options";
  options.rows = 3;
  options.value = (q.options || []).join("\n");
  options.setAttribute("aria-label", t("选项（每行一个）"));
  options.placeholder = t("选项，每行一个");
  const max = el("input");
  max.type = "text";
  max.name = "q-max";
  max.inputMode = "numeric";
  max.value = q.max_choices || "";
  max.setAttribute("aria-label", t("最多选几项"));
  max.placeholder = t("最多选几项（不填则不限）");
  const remove = el("button", t("删除这个问题"));
  remove.type = "button";
  remove.addEventListener("click", () => { box.remove(); numberQuestions(); });
  const show = () => {
    options.hidden = kind.value === "scale";
    max.hidden = kind.value !== "multi";
  };
  kind.addEventListener("change", show);
  box.append(legend, text, kind, options, max, remove);
  $("b-questions").append(box);
  show();
  numberQuestions();
  return box;
}

function numberQuestions() {
  [...$("b-questions").querySelectorAll(".question")].forEach((box, i) => {
    box.dataset.field = "questions." + i;
    box.querySelector("legend").textContent = t("问题 {0}", i + 1);
  });
}

function ballotQuestions() {
  return [...$("b-questions").querySelectorAll(".question")].map((box) => {
    const kind = box.querySelector('[name="q-kind"]').value;
    return {
      text: box.querySelector('[name="q-text"]').value.trim(),
      kind,
      options: kind === "scale" ? [] : box.querySelector('[name="q-options"]').value.split("\n").map((l) => l.trim()).filter((l) => l),
      max_choices: kind === "multi" ? box.querySelector('[name="q-max"]').value.trim() : "",
    };
  });
}

const ballotTextFields = ["title", "description", "opens", "closes", "quorum", "threshold", "max_choices", "seats"];

async function showBallotEditor(id) {
  ballotEditing = id;
  clearProblemsIn($("ballot-form"), $("ballot-general"));
  $("ballot-saved").textContent = "";
  $("ballot-saved").className = "";
  let fields = { kind: "single", codes: "required", choices: [], questions: [] };
  let locked = "";
  $("ballot-comments").hidden = true;
  if (id === "new") {
    $("ballot-editor-title").textContent = t("新建投票");
    $("ballot-file").textContent = t("保存后写入 content/ballots/ 下的一个新文件。");
  } else {
    const b = await api("/api/ballots/" + encodeURIComponent(id) + "/settings");
    fields = b.fields;
    locked = b.locked ? b.locked_reason : "";
    $("ballot-editor-title").textContent = t("投票设置：") + (fields.title || id);
    $("ballot-file").textContent = t("文件：content/") + b.file;
    $("ballot-comments").hidden = !b.loses_comments;
  }
  const form = $("ballot-form");
  for (const name of ballotTextFields) form.elements[name].value = fields[name] || "";
  for (const name of ["opens", "closes"]) syncPicker(form.elements[name]);
  $("b-kind").value = fields.kind || "single";
  ballotCodesWas = fields.codes || "";
  $("b-codes").value = fields.codes || "required";
  ballotChoices = rowsEditor("b-choices-table", [["name", t("姓名或选项")], ["photo", t("照片（media/ 下的文件）"), "picture"], ["bio", t("简介（300 字以内）"), "textarea"]],
                             fields.choices || [], t("添加候选人或选项"));
  $("b-choices").replaceChildren(ballotChoices);
  $("b-questions").replaceChildren();
  for (const q of fields.questions || []) addQuestion(q);
  if (fields.kind === "survey" && !(fields.questions || []).length) addQuestion({});
  showBallotKind();
  $("ballot-locked").hidden = !locked;
  $("ballot-locked").textContent = locked;
  $("ballot-fields").disabled = !!locked;
  $("ballot-save").hidden = !!locked;
}

function ballotFieldsFromForm() {
  const form = $("ballot-form");
  const kind = $("b-kind").value;
  const fields = { kind };
  for (const name of ballotTextFields) fields[name] = form.elements[name].value.trim();
  const election = kind === "single" || kind === "multi";
  if (kind !== "motion") fields.threshold = "";
  if (kind !== "multi") fields.max_choices = "";
  if (!election) fields.seats = "";
  // Codes "required" is what an absent codes means: a file that did not say it still does not.
  fields.codes = $("b-codes").value === "required" && ballotCodesWas === "" ? "" : $("b-codes").value;
  fields.choices = election ? ballotChoices.values() : [];
  fields.questions = kind === "survey" ? ballotQuestions() : [];
  return fields;
}

async function saveBallot(event) {
  event.preventDefault();
  const status = $("ballot-saved");
  $("ballot-save").disabled = true;
  status.textContent = t("正在检查……");
  status.className = "";
  try {
    const r = await api("/api/ballots/" + encodeURIComponent(ballotEditing) + "/settings",
                        { method: "POST", body: JSON.stringify({ fields: ballotFieldsFromForm() }) });
    showProblemsIn($("ballot-form"), $("ballot-general"), r.file, r.problems || []);
    if (!r.saved) {
      status.textContent = t("没有保存：请先改正标红的地方。");
      status.className = "check bad";
      return;
    }
    status.textContent = t("已保存（content/{0}）", r.file) + (r.rewritten ? t("；候选人或问题之间的注释未能保留") : "") +
                         t("。发布后信息屏才会显示。");
    status.className = "ok";
    if (ballotEditing === "new") history.replaceState(null, "", "#/ballots/" + encodeURIComponent(r.id));
    ballotEditing = r.id;
    ballotCodesWas = $("b-codes").value;
  } catch (e) {
    status.textContent = t("保存失败：") + e.message;
    status.className = "check bad";
  } finally {
    $("ballot-save").disabled = false;
  }
}

function startBallotSettings() {
  $("ballot-form").addEventListener("submit", saveBallot);
  $("b-kind").addEventListener("change", () => {
    showBallotKind();
    if ($("b-kind").value === "survey" && !$("b-questions").children.length) addQuestion({});
  });
  $("b-add-question").addEventListener("click", () => addQuestion({}).querySelector("input").focus());
  withPicker($("b-opens"));
  withPicker($("b-closes"));
}
