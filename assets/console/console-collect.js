// The console's 收集: the inbox's exports counted and opened by collect.
"use strict";

// ---- 收集 ----
async function collect() {
  const out = $("collect-result");
  out.replaceChildren(el("p", t("正在核对、打开……")));
  $("collect-button").disabled = true;
  try {
    const r = await api("/api/collect", { method: "POST", body: "{}" });
    out.replaceChildren();
    if (!r.collected) {
      out.append(el("p", t(r.message), r.httpStatus === 422 ? "check bad" : ""));
      return;
    }
    out.append(el("p", t("✓ 收集了 {0} 份数据，结果在 {1}/：", r.exports, r.folder), "ok"));
    for (const f of r.results) out.append(el("p", t("投票结果：{0}（复制到 content/results/ 后随下次发布公布）", f)));
    out.append(el("pre", r.report, "report"));
  } catch (e) {
    out.replaceChildren(el("p", t("收集失败：") + e.message, "check bad"));
  } finally {
    $("collect-button").disabled = false;
  }
}
