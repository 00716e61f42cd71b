// The console's 财务: the ledger's statement and a new ledger.csv uploaded.
"use strict";

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
  showDiagnostics(check, t("✗ 账目有问题，信息屏不会显示新的账目："), f.problems, "check bad");
  showDiagnostics(check, t("⚠ 申报余额与账目不符：发布后信息屏会用红字显示“账目核对不符”（发布时需确认）。"), f.warnings, "check bad");
  if (!f.problems.length && !f.warnings.length) check.append(el("p", t("✓ 共 {0} 笔账目，检查通过。", f.entries), "ok"));
  if (!f.statement) return;
  const s = f.statement;
  $("statement-title").textContent = t("{0} 年收支报表", f.year);
  tableRows($("statement"), null, [[t("期初余额"), s.opening], [t("本年收入"), s.income], [t("本年支出"), s.expense], [t("期末余额"), s.closing]]);
  tableRows($("income-categories"), null, s.income_by_category.map((c) => [c.category, c.amount]));
  tableRows($("expense-categories"), null, s.expense_by_category.map((c) => [c.category, c.amount]));
  tableRows($("months"), [t("月份"), t("收入"), t("支出")], f.months.map((m) => [m.month, m.income, m.expense]));
}

async function uploadLedger(event) {
  event.preventDefault();
  const status = $("ledger-status");
  const file = $("ledger-file").files[0];
  if (!file) { status.textContent = t("请先选择账目 CSV 文件。"); status.className = "check bad"; return; }
  status.replaceChildren(el("p", t("正在检查……")));
  $("ledger-button").disabled = true;
  try {
    const r = await api("/api/finance/ledger", { method: "POST", headers: { "Content-Type": "text/csv" }, body: await file.arrayBuffer() });
    status.replaceChildren();
    if (!r.saved) {
      showDiagnostics(status, t("✗ 没有替换：这个文件有 {0} 个问题（改正后再上传）：", r.problems.length), r.problems, "check bad");
      return;
    }
    status.append(el("p", t("✓ 已替换 content/finance/ledger.csv（{0} 笔）。发布后信息屏才显示。", r.entries), "ok"));
    await showFinance();
  } catch (e) {
    status.replaceChildren(el("p", t("上传失败：") + e.message, "check bad"));
  } finally {
    $("ledger-button").disabled = false;
  }
}
