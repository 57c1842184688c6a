// The check page: the draft is checked through /api/check 200 ms after typing stops.
// Text from the server is put into the page as text (textContent), never as markup.
"use strict";
(function () {
  const draft = document.getElementById("draft");
  const list = document.getElementById("diagnostics");
  const summary = document.getElementById("summary");
  const cited = document.getElementById("cited");
  const citedText = document.getElementById("cited-text");
  let timer = null, seq = 0, lang = "kk";
  const words = {
    kk: { refs: "сілтеме", errors: "қате", warnings: "ескерту" },
    ru: { refs: "ссылок", errors: "ошибок", warnings: "предупреждений" },
  };
  async function check() {
    const mine = ++seq;
    const r = await fetch("/api/check", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: draft.value, name: "draft" }),
    });
    if (mine !== seq) return;
    const out = await r.json();
    list.replaceChildren();
    const sev = (s) => (s === "note" ? "info" : s);
    let errors = 0, warnings = 0;
    for (const d of out.diagnostics || []) {
      const li = document.createElement("li");
      li.className = "diagnostic";
      li.dataset.severity = sev(d.severity);
      li.tabIndex = 0;
      li.textContent = `${d.line}:${d.column}: ${d.severity}[${d.code}]: ${d.message}`;
      if (d.severity === "error") errors++;
      if (d.severity === "warning") warnings++;
      list.appendChild(li);
    }
    for (const c of (out.citations || []).filter((c) => c.resolved)) {
      const li = document.createElement("li");
      li.className = "citation";
      li.tabIndex = 0;
      li.textContent = `${c.line}:${c.column}: ${c.text} → ${c.target}`;
      const show = () => { citedText.textContent = c.target_text || ""; cited.hidden = false; };
      li.addEventListener("click", show);
      li.addEventListener("keydown", (e) => { if (e.key === "Enter") show(); });
      list.appendChild(li);
    }
    const w = words[lang];
    summary.textContent = `${(out.citations || []).length} ${w.refs}; ${errors} ${w.errors}, ${warnings} ${w.warnings}`;
  }
  draft.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(check, 200); });
  document.getElementById("lang").addEventListener("click", (e) => {
    lang = lang === "kk" ? "ru" : "kk";
    document.documentElement.lang = lang;
    for (const el of document.querySelectorAll("[data-kk]")) el.textContent = el.dataset[lang];
    e.target.textContent = lang === "kk" ? "Русский" : "Қазақша";
    check();
  });
})();
