// The console's 收集: the inbox's exports counted and opened by collect.
"use strict";

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
