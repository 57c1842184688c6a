// The generate page: a form built from the template's schema (GET /api/templates),
// checked and previewed live through POST /api/render/{name}?format=html, and
// downloaded as PDF, DOCX or MD. Field errors from the API ({field: "sender.kk", code:
// "missing"}) are shown under the field they name (data-path), in the page's language.
"use strict";
(() => {
  const { t, el, api } = Q;
  const select = document.getElementById("template");
  const form = document.getElementById("record");
  const preview = document.getElementById("preview");
  const status = document.getElementById("render-status");
  let templates = [], root = null, timer = null, seq = 0, uid = 0, labels = {};
  // Fields the user has been in: only theirs show errors while typing; a download, a
  // check or the example shows every field's (`all`).
  let touched = new Set(), all = false;
  const unitCache = new Map();

  // ---- fields ---------------------------------------------------------------------
  // A field's words in both languages (labels.json: "template.path", else the name);
  // data-kk/data-ru let the language switch change them. The name itself is shown too:
  // it is the column of a batch table.
  const named = (f) => labels[f.key] || labels[f.name] || { kk: f.name, ru: f.name };
  function words(f) {
    const w = named(f);
    const star = f.required ? " *" : "";
    return { "data-kk": w.kk + star, "data-ru": w.ru + star, text: (Q.lang() === "ru" ? w.ru : w.kk) + star };
  }
  function caption(tag, f, attrs = {}) {
    const w = words(f);
    return [el(tag, { ...attrs, "data-kk": w["data-kk"], "data-ru": w["data-ru"] }, w.text), f.name ? el("code", { class: "fname" }, f.name) : null];
  }
  // A field's hint in the page's language (the schema's docs), else its English doc.
  function hint(f) {
    if (!f.doc && !f.doc_kk) return null;
    const kk = f.doc_kk || f.doc, ru = f.doc_ru || f.doc;
    return el("small", { class: "doc", "data-kk": kk, "data-ru": ru }, Q.lang() === "ru" ? ru : kk);
  }
  function label(f, id) {
    return [...caption("label", f, { for: id }), hint(f)];
  }
  function errorBox() { return el("p", { class: "field-error", "aria-live": "polite" }); }

  function scalar(f) {
    const id = `f${++uid}`;
    let input;
    if (f.values) {
      input = el("select", { id }, f.required ? null : el("option", { value: "" }, ""), f.values.map((v) => el("option", { value: v }, v)));
    } else if (f.cites === "unit") {
      input = el("select", { id, dataset: { cites: "unit" } }, el("option", { value: "" }, t("choose")));
    } else if (f.type === "text") {
      input = el("textarea", { id, rows: "5" });
    } else if (f.type === "bool") {
      input = el("input", { id, type: "checkbox" });
    } else {
      const type = { date: "date", integer: "number" }[f.type] || "text";
      input = el("input", { id, type, step: f.type === "integer" ? "1" : null, list: f.cites === "act" ? "acts-list" : null, dataset: f.cites ? { cites: f.cites } : {} });
    }
    if (f.required) input.setAttribute("aria-required", "true");
    const err = errorBox();
    input.setAttribute("aria-describedby", `${id}e`);
    err.id = `${id}e`;
    const wrap = el("div", { class: "field" }, label(f, id), input, err);
    if (f.cites === "act") input.addEventListener("change", () => refreshUnits(wrap.closest(".object") || form));
    if (f.cites === "unit") queueMicrotask(() => fillUnits(input));
    return {
      el: wrap, err,
      get() {
        if (f.type === "bool") return input.checked;
        const v = input.value.trim();
        if (v === "") return undefined;
        if (f.type === "integer") return /^-?\d+$/.test(v) ? Number(v) : v;
        return f.type === "text" ? input.value : v;
      },
      set(v) {
        if (f.type === "bool") { input.checked = !!v; return; }
        const s = v === undefined || v === null ? "" : String(v);
        if (input.tagName === "SELECT" && s && ![...input.options].some((o) => o.value === s)) input.append(el("option", { value: s }, s));
        input.value = s;
      },
      paths(p) { wrap.dataset.path = p; },
    };
  }

  function list(f) {
    const items = [], box = el("div", { class: "items" }), err = errorBox();
    const itemField = f.fields ? { type: "object", fields: f.fields, required: true, name: "", key: f.key } : { ...f.items, required: true, name: f.name, key: f.key };
    const add = (v) => {
      const node = build(itemField);
      const rm = el("button", { type: "button", class: "remove", "data-kk": "Өшіру", "data-ru": "Удалить" }, t("remove"));
      const row = el("div", { class: "item" }, node.el, rm);
      const entry = { node, row };
      rm.addEventListener("click", () => {
        const k = items.indexOf(entry);
        items.splice(k, 1);
        row.remove();
        changed();
        // The keyboard stays where it was: on the next item, the one before, or "add".
        const near = items[k] || items[k - 1];
        (near ? near.row.querySelector("input,select,textarea") : addBtn).focus();
      });
      items.push(entry);
      box.append(row);
      if (v !== undefined) node.set(v);
      return node;
    };
    const w = named(f);
    const addBtn = el("button", { type: "button", class: "add", "data-kk": `+ Қосу: ${w.kk}`, "data-ru": `+ Добавить: ${w.ru}` },
      Q.lang() === "ru" ? `+ Добавить: ${w.ru}` : `+ Қосу: ${w.kk}`);
    addBtn.addEventListener("click", () => { add(); changed(); box.lastChild?.querySelector("input,select,textarea")?.focus(); });
    const wrap = el("fieldset", { class: "list" }, el("legend", {}, caption("span", f)), hint(f), box, addBtn, err);
    if (f.required) add();
    return {
      el: wrap, err,
      // Empty items go too (as null): the server's "units[2]" is then the second item here.
      get() {
        const vs = items.map((i) => i.node.get() ?? null);
        return vs.length || f.required ? vs : undefined;
      },
      set(v) { items.splice(0).forEach((i) => i.row.remove()); (Array.isArray(v) ? v : []).forEach((x) => add(x)); },
      paths(p) { wrap.dataset.path = p; items.forEach((i, k) => i.node.paths(`${p}[${k + 1}]`)); },
    };
  }

  function object(f, top) {
    const kids = f.fields.map((sf) => [sf.name, build({ ...sf, key: `${f.key}.${sf.name}` })]);
    const err = errorBox();
    const wrap = top ? el("div", { class: "object" }, kids.map(([, k]) => k.el), err)
      : el("fieldset", { class: "object" }, f.name ? el("legend", {}, caption("span", f)) : null, hint(f), kids.map(([, k]) => k.el), err);
    return {
      el: wrap, err,
      get() {
        const o = {};
        for (const [n, k] of kids) { const v = k.get(); if (v !== undefined) o[n] = v; }
        return Object.keys(o).length || f.required ? o : undefined;
      },
      set(v) { for (const [n, k] of kids) k.set(v ? v[n] : undefined); refreshUnits(wrap); },
      paths(p) { wrap.dataset.path = p; for (const [n, k] of kids) k.paths(p ? `${p}.${n}` : n); },
    };
  }

  function build(f) {
    if (f.type.startsWith("list")) return list(f);
    if (f.type === "object") return object(f, false);
    return scalar(f);
  }

  // ---- clause pickers: an act's units, for the unit fields beside its act field ------
  async function unitsOf(act) {
    if (!act) return [];
    if (!unitCache.has(act)) {
      // "2-тарау. 11. 6) баланың бұзылған… (att1/p11.sp6)": the labels as the act prints them,
      // the start of the text, and the id the record keeps.
      unitCache.set(act, api(`/api/acts/${encodeURIComponent(act)}/units`).then((r) => (r.ok ? r.data.units : []).map((u) => {
        return { id: u.id, label: `${[u.label, Q.clip(u.text, 70)].filter(Boolean).join(" ")} (${u.id})` };
      })));
    }
    return unitCache.get(act);
  }
  async function fillUnits(sel) {
    const scope = sel.closest(".object");
    const actInput = scope && [...scope.querySelectorAll("[data-cites=act]")].find((a) => a.closest(".object") === scope);
    const units = await unitsOf(actInput ? actInput.value.trim() : "");
    const keep = sel.value;
    sel.replaceChildren(el("option", { value: "" }, t("choose")), ...units.map((u) => el("option", { value: u.id }, u.label)));
    // A record may name a unit without its part ("art27": the act's first part that has
    // it); it keeps its value and shows that unit's words.
    const bare = keep && !keep.includes("/") && units.find((u) => u.id.endsWith(`/${keep}`));
    if (keep && !units.some((u) => u.id === keep)) sel.append(el("option", { value: keep }, bare ? bare.label : keep));
    sel.value = keep;
  }
  function refreshUnits(scope) { scope.querySelectorAll("select[data-cites=unit]").forEach(fillUnits); }

  // ---- render, errors, downloads -------------------------------------------------
  const current = () => templates.find((x) => x.name === select.value);
  function record() { return root ? root.get() || {} : {}; }
  function changed() { clearTimeout(timer); timer = setTimeout(() => { timer = null; keep(); renderPreview(); }, 300); }
  function visited(e) {
    const at = e.target.closest && e.target.closest("[data-path]");
    if (at && at.dataset.path) touched.add(at.dataset.path);
  }

  let lastErrors = [];
  function showErrors(errors) {
    lastErrors = errors;
    root.paths("");
    form.querySelectorAll(".field-error").forEach((e) => { e.textContent = ""; e.title = ""; });
    const general = [];
    const mine = (f) => all || !f || [...touched].some((p) => p === f || p.startsWith(`${f}[`) || p.startsWith(`${f}.`));
    for (const e of errors.filter((x) => mine(x.field))) {
      const box = form.querySelector(`[data-path="${CSS.escape(e.field)}"] > .field-error`) ||
        form.querySelector(`[data-path="${CSS.escape(e.field.replace(/\[\d+\]$/, ""))}"] > .field-error`);
      // In the page's language beside the field; the server's whole sentence on hover.
      if (box) {
        box.textContent = (box.textContent ? box.textContent + " " : "") + Q.problem(e);
        box.title = (box.title ? box.title + "\n" : "") + e.message;
      } else general.push(e.field ? `${e.field}: ${Q.problem(e)}` : Q.problem(e));
    }
    root.err.textContent = general.join(" ");
  }

  // The record rendered in a format: the document as a Blob, or null when the server
  // refused it (its field errors shown next to the fields, the count or error in `say`).
  // An answer that is no longer `fresh` (the user typed again meanwhile) shows nothing.
  async function renderAs(format, data, say, fresh = () => true) {
    const r = await api(`/api/render/${encodeURIComponent(current().name)}?format=${format}`, {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data),
    });
    if (!fresh()) return null;
    if (r.status === 422) {
      const errors = r.data.errors || [];
      showErrors(errors);
      preview.classList.add("stale");
      // A template's own error (a unit the chosen act lacks) names no field: its words
      // are the message. Field errors are counted: "to fix" once all are shown, "to
      // fill" before (only visited fields are marked then).
      // (Its first line: the rest points into the template, which is the server's.)
      const whole = errors.filter((e) => !e.field).map((e) => e.message.split("\n")[0].replace(/^error: /, ""));
      say.textContent = whole.length ? whole.join(" ") : `${t(all ? "fix" : "left")}: ${errors.length}`;
      return null;
    }
    if (!r.ok) { say.textContent = r.data.error || String(r.status); return null; }
    showErrors([]);
    preview.classList.remove("stale");
    return r.data;
  }

  async function renderPreview() {
    if (!current()) return;
    const mine = ++seq;
    status.textContent = t("rendering");
    const blob = await renderAs("html", record(), status, () => mine === seq);
    if (!blob) return;
    // The page's CSP allows no inline style: the document's <style> is left out (the
    // page has it as /preview.css), and a table cell's alignment becomes a class. Only
    // tags are touched: the user's text has every "<" escaped, so it holds no tag.
    const html = (await blob.text()).replace(/<style>[\s\S]*?<\/style>/, "")
      .replace(/<(td|th) style="text-align: (left|center|right)">/g, '<$1 class="ta-$2">');
    if (mine !== seq) return;
    const doc = new DOMParser().parseFromString(html, "text/html");
    preview.replaceChildren(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
    status.textContent = t("ready");
  }

  async function download(format) {
    all = true;
    const data = record();
    const blob = await renderAs(format, data, status);
    if (!blob) return;
    const base = [current().name, data.number].filter(Boolean).join("-").replace(/[^\p{L}\p{N}._-]+/gu, "_");
    Q.download(blob, `${base}.${format}`);
    status.textContent = `${t("down")}: ${base}.${format}`;
  }

  // The document as Markdown, checked as a draft: every reference it makes resolved
  // against the corpus, in the check page's words.
  async function checkDoc() {
    const tpl = current();
    const out = document.getElementById("doc-check");
    const list = document.getElementById("doc-diagnostics");
    all = true;
    const md = await renderAs("md", record(), out);
    if (!md) return;
    const c = await api("/api/check", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ text: await md.text(), name: `${tpl.name}.md` }),
    });
    if (!c.ok) { out.textContent = c.data.error; return; }
    const diags = c.data.diagnostics || [], cits = c.data.citations || [];
    const n = (s) => diags.filter((d) => d.severity === s).length;
    out.textContent = `${Q.count(cits.length, "refs")} (${cits.filter((x) => x.resolved).length} ✓); ${Q.count(n("error"), "errors")}, ${Q.count(n("warning"), "warnings")}`;
    out.dataset.errors = String(n("error"));
    out.dataset.resolved = String(cits.filter((x) => x.resolved).length);
    list.replaceChildren(...diags.map((d) => el("li", { class: "diagnostic", dataset: { severity: d.severity === "note" ? "info" : d.severity } },
      `${d.line}:${d.column}: ${d.severity}[${d.code}]: ${d.message}`)));
  }

  // What was typed is kept in this browser, per template, until "clear": a reload or
  // another template does not lose it.
  const saved = (tpl) => `qujat-form-${tpl.name}`;
  let shown = null; // the template whose form is on the page
  // Anything typed or ticked (empty list items are null, an unticked box false).
  const filled = (v) => v !== null && v !== undefined && v !== "" && v !== false && (typeof v !== "object" || Object.values(v).some(filled));
  function keep() {
    if (shown && root) localStorage.setItem(saved(shown), JSON.stringify(record()));
  }

  function choose() {
    const tpl = current();
    shown = tpl;
    touched = new Set();
    all = false;
    const about = document.getElementById("template-doc");
    const said = (d) => (tpl ? `${tpl.title} — ${d || tpl.description || ""}` : "");
    about.dataset.kk = said(tpl && tpl.description_kk);
    about.dataset.ru = said(tpl && tpl.description_ru);
    about.textContent = Q.lang() === "ru" ? about.dataset.ru : about.dataset.kk;
    root = object({ fields: tpl ? tpl.fields : [], required: true, key: tpl ? tpl.name : "" }, true);
    form.replaceChildren(root.el);
    root.paths("");
    preview.replaceChildren();
    status.textContent = "";
    document.getElementById("doc-check").textContent = "";
    document.getElementById("doc-diagnostics").replaceChildren();
    const before = tpl && localStorage.getItem(saved(tpl));
    if (before) { root.set(JSON.parse(before)); root.paths(""); renderPreview(); }
  }

  function clear() {
    const tpl = current();
    if (filled(record()) && !confirm(t("sure"))) return;
    if (tpl) localStorage.removeItem(saved(tpl));
    choose();
  }

  async function init() {
    labels = (await api("/static/labels.json")).data;
    const r = await api("/api/templates");
    templates = r.data.templates || [];
    select.replaceChildren(...templates.map((x) => el("option", { value: x.name }, `${x.title} (${x.name})`)));
    const want = new URLSearchParams(location.search).get("template") || localStorage.getItem("qujat-template");
    if (want && templates.some((x) => x.name === want)) select.value = want;
    choose();
    const acts = await api("/api/acts");
    document.getElementById("acts-list").replaceChildren(...(acts.data.acts || []).map((a) => el("option", { value: a.id }, a.title || a.id)));
  }

  select.addEventListener("change", () => { keep(); localStorage.setItem("qujat-template", select.value); choose(); });
  window.addEventListener("pagehide", keep);
  form.addEventListener("input", changed);
  form.addEventListener("change", (e) => { visited(e); changed(); });
  // Leaving a field shows its errors from the last answer (nothing to render again),
  // unless a render of what was just typed is coming.
  form.addEventListener("focusout", (e) => { visited(e); if (!timer) showErrors(lastErrors); });
  form.addEventListener("submit", (e) => e.preventDefault());
  document.getElementById("example").addEventListener("click", async () => {
    if (filled(record()) && !confirm(t("replace"))) return;
    const r = await api(`/api/templates/${encodeURIComponent(select.value)}/example`);
    if (r.ok) { all = true; root.set(r.data); root.paths(""); keep(); renderPreview(); }
  });
  document.getElementById("clear").addEventListener("click", clear);
  document.getElementById("check-doc").addEventListener("click", checkDoc);
  // The other language: what the scripts wrote is written again in it.
  Q.onLang(() => {
    if (!root) return;
    renderPreview();
    if (document.getElementById("doc-check").textContent) checkDoc();
  });
  document.querySelectorAll("button.download").forEach((b) => b.addEventListener("click", () => download(b.dataset.format)));
  init();
})();
