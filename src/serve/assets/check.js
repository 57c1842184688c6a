// The check page: the draft is checked through /api/check 150 ms after typing stops.
// Diagnostics are listed in the CLI's words and underlined in a copy of the draft;
// a resolved reference, clicked, shows the full text of the unit it cites.
"use strict";
(() => {
  const { t, el, api } = Q;
  const draft = document.getElementById("draft");
  const list = document.getElementById("diagnostics");
  const marked = document.getElementById("marked");
  const summary = document.getElementById("summary");
  const cited = document.getElementById("cited");
  let timer = null, seq = 0, name = "draft", last = null;
  const sev = (s) => (s === "note" ? "info" : s);

  async function check() {
    const mine = ++seq;
    const text = draft.value;
    summary.textContent = t("checking");
    const r = await api("/api/check", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text, name }),
    });
    if (mine !== seq) return;
    if (!r.ok) { summary.textContent = r.data.error || String(r.status); return; }
    last = { text, out: r.data };
    show();
  }

  function show() {
    if (!last) return;
    const { out } = last;
    const diags = out.diagnostics || [], cits = out.citations || [];
    list.replaceChildren();
    diags.forEach((d, i) => {
      const li = el("li", { class: "diagnostic", tabindex: "0", dataset: { severity: sev(d.severity), n: String(i) } },
        `${d.line}:${d.column}: ${d.severity}[${d.code}]: ${d.message}`);
      li.addEventListener("click", () => goTo(d, `d${i}`));
      // (The Enter must not go on to the box it moved the focus to: it would replace
      // the selection with a new line.)
      li.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); goTo(d, `d${i}`); } });
      list.append(li);
    });
    cits.filter((c) => c.resolved).forEach((c) => {
      const li = el("li", { class: "citation", tabindex: "0" }, `${c.line}:${c.column}: ${c.text} → ${c.target}`);
      li.addEventListener("click", () => showCited(c));
      li.addEventListener("keydown", (e) => { if (e.key === "Enter") showCited(c); });
      list.append(li);
    });
    const errors = diags.filter((d) => d.severity === "error").length;
    const warnings = diags.filter((d) => d.severity === "warning").length;
    summary.textContent = `${Q.count(cits.length, "refs")}; ${Q.count(errors, "errors")}, ${Q.count(warnings, "warnings")}`;
    mark(last.text, diags, cits);
  }

  // The draft with each diagnostic's range underlined (and resolved references marked),
  // built from text nodes; a mark's title is the diagnostic's message.
  // (line, column) → offset in `text`. Columns count characters (code points); the
  // page's strings count UTF-16 units.
  function offsets(text) {
    const lines = text.split("\n");
    const starts = [0];
    for (const l of lines) starts.push(starts[starts.length - 1] + l.length + 1);
    return (line, col) => {
      if (line > lines.length) return text.length;
      const head = Array.from(lines[line - 1]).slice(0, col - 1).join("");
      return starts[line - 1] + head.length;
    };
  }

  function mark(text, diags, cits) {
    const at = offsets(text);
    const spans = [];
    diags.forEach((d, i) => spans.push({ from: at(d.line, d.column), to: at(d.end_line, d.end_column), cls: `u-${sev(d.severity)}`, title: d.message, id: `d${i}` }));
    cits.filter((c) => c.resolved && !spans.some((s) => s.from === at(c.line, c.column)))
      .forEach((c) => spans.push({ from: at(c.line, c.column), to: at(c.end_line, c.end_column), cls: "u-ok", title: c.target, cite: c }));
    spans.sort((a, b) => a.from - b.from);
    const out = [];
    let pos = 0;
    for (const s of spans) {
      if (s.from < pos || s.to <= s.from) continue;
      out.push(text.slice(pos, s.from));
      const m = el("mark", { class: s.cls, title: s.title, id: s.id }, text.slice(s.from, s.to));
      if (s.cite) {
        m.tabIndex = 0;
        m.addEventListener("click", () => showCited(s.cite));
        m.addEventListener("keydown", (e) => { if (e.key === "Enter") showCited(s.cite); });
      }
      out.push(m);
      pos = s.to;
    }
    out.push(text.slice(pos));
    marked.replaceChildren(...out);
  }

  // A diagnostic chosen in the list: its words selected in the draft box, to be fixed
  // there (if the box still holds the text checked), and flashed in the marked copy.
  function goTo(d, id) {
    const m = document.getElementById(id);
    if (m) { m.scrollIntoView({ block: "center" }); m.classList.add("flash"); setTimeout(() => m.classList.remove("flash"), 800); }
    if (!last || draft.value !== last.text) return;
    const at = offsets(last.text);
    draft.focus();
    draft.setSelectionRange(at(d.line, d.column), at(d.end_line, d.end_column));
  }

  // The cited unit's whole text, from the act: "act/part/unit".
  async function showCited(c) {
    const [act, ...unit] = c.target.split("/");
    document.getElementById("cited-target").textContent = `${c.text} → ${c.target}`;
    const box = document.getElementById("cited-text");
    box.textContent = c.target_text || "";
    cited.hidden = false;
    cited.scrollIntoView({ block: "nearest" });
    cited.focus();
    const r = await api(`/api/acts/${encodeURIComponent(act)}/text?unit=${encodeURIComponent(unit.join("/"))}`);
    if (r.ok) box.textContent = r.data.text;
  }

  // The draft is kept in this browser: going to another page and back loses nothing.
  const keep = () => localStorage.setItem("qujat-draft", JSON.stringify({ text: draft.value, name }));
  draft.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(() => { keep(); check(); }, 150); });
  window.addEventListener("pagehide", keep);
  try {
    const before = JSON.parse(localStorage.getItem("qujat-draft") || "null");
    if (before && before.text && !draft.value) { draft.value = before.text; name = before.name || name; check(); }
  } catch (_) { /* a damaged stored draft is dropped */ }
  document.getElementById("draft-file").addEventListener("change", async (e) => {
    const f = e.target.files[0];
    if (!f) return;
    const form = new FormData();
    form.append("file", f);
    const r = await api("/api/text", { method: "POST", body: form });
    // A file that cannot be read leaves the draft as it was, and says why.
    if (!r.ok) { summary.textContent = `${t("unread")}: ${r.data.error}`; e.target.value = ""; return; }
    draft.value = r.data.text;
    name = r.data.name;
    keep();
    check();
  });
  Q.onLang(show);
})();
