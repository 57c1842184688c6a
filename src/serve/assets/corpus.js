// The corpus page: search acts (GET /api/acts?q=), open one as its clause tree
// (GET /api/acts/{id}), cite any unit in a chosen case (POST /api/cite) and copy the
// phrase; add an act from a clause YAML file or an act folder (POST /api/acts).
"use strict";
(() => {
  const { t, el, api } = Q;
  const acts = document.getElementById("acts");
  const tree = document.getElementById("tree");
  const caseSel = document.getElementById("cite-case");
  const fullBox = document.getElementById("cite-full");
  const phrase = document.getElementById("phrase");
  const box = document.getElementById("phrase-box");
  const copied = document.getElementById("copied");
  let act = null, lastUnit = null;
  Q.caseOptions(caseSel, [], "dat");
  caseSel.value = "dat";

  // An act's kind in the page's language ("order" → "бұйрық"); an unknown one as it is.
  const kind = (type) => (type && t(`kind_${type}`) !== `kind_${type}` ? t(`kind_${type}`) : type);
  let list = null;
  Q.onLang(() => show());

  async function search() {
    const q = document.getElementById("q").value;
    const r = await api(`/api/acts?q=${encodeURIComponent(q)}`);
    list = r.data.acts || [];
    show();
  }

  function show() {
    if (!list) return;
    document.getElementById("acts-count").textContent = list.length ? Q.count(list.length, "acts") : t("none");
    acts.replaceChildren(...list.map((a) => el("li", {},
      el("button", { type: "button", class: "link", dataset: { act: a.id }, onclick: () => open(a.id) }, a.title || a.id),
      el("small", { class: "muted" }, ` ${[kind(a.type), a.date, a.number ? "№ " + a.number : ""].filter(Boolean).join(", ")} · ${a.id}`))));
  }

  async function open(id) {
    const r = await api(`/api/acts/${encodeURIComponent(id)}`);
    if (!r.ok) { tree.textContent = r.data.error; return; }
    act = r.data;
    document.getElementById("act-title").textContent = act.meta?.title || act.id;
    tree.replaceChildren(...(act.parts || []).map((p) => el("details", { open: (act.parts || []).length < 3, class: "part" },
      el("summary", {}, [p.id, p.title].filter(Boolean).join(" — ")), el("ul", {}, (p.units || []).map((u) => unit(p.id, u))))));
    box.hidden = true;
    history.replaceState(null, "", `#act=${encodeURIComponent(id)}`);
  }

  function unit(part, u) {
    const label = [u.heading || "", Q.clip(u.text || "", 160)].filter(Boolean).join(" ");
    const cite = el("button", { type: "button", class: "cite", dataset: { unit: `${part}/${u.id}` }, onclick: () => citeUnit(`${part}/${u.id}`) }, t("cite"));
    const head = el("span", { class: u.repealed ? "unit repealed" : "unit" }, el("code", {}, u.id), " ", label, " ", cite);
    return el("li", {}, head, u.units && u.units.length ? el("ul", {}, u.units.map((c) => unit(part, c))) : null);
  }

  async function citeUnit(id) {
    lastUnit = id;
    const r = await api("/api/cite", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ act: act.id, unit: id, case: caseSel.value, full: fullBox.checked }),
    });
    phrase.textContent = r.ok ? r.data.phrase : r.data.error;
    phrase.dataset.unit = id;
    copied.textContent = "";
    box.hidden = false;
    document.getElementById("copy").focus();
    // The unit's whole text under the phrase: what the citation points at.
    const whole = document.getElementById("unit-text");
    const u = await api(`/api/acts/${encodeURIComponent(act.id)}/text?unit=${encodeURIComponent(id)}`);
    if (lastUnit !== id) return;
    whole.textContent = u.ok ? u.data.text : "";
    whole.hidden = !u.ok;
  }

  document.getElementById("copy").addEventListener("click", async () => {
    try { await navigator.clipboard.writeText(phrase.textContent); copied.textContent = t("copied"); }
    catch (e) { copied.textContent = String(e); }
  });
  caseSel.addEventListener("change", () => { if (lastUnit && act) citeUnit(lastUnit); });
  fullBox.addEventListener("change", () => { if (lastUnit && act) citeUnit(lastUnit); });
  document.getElementById("search-form").addEventListener("submit", (e) => { e.preventDefault(); search(); });

  async function add(form) {
    const status = document.getElementById("add-status");
    const r = await api("/api/acts", { method: "POST", body: form });
    status.textContent = r.ok ? `${t("added")}: ${r.data.title || r.data.id}` : r.data.error;
    if (r.ok) { await search(); open(r.data.id); }
  }
  document.getElementById("add-yaml").addEventListener("submit", (e) => {
    e.preventDefault();
    const f = document.getElementById("yaml-file").files[0];
    if (!f) return;
    const form = new FormData();
    form.append("file", f);
    add(form);
  });
  document.getElementById("add-folder").addEventListener("submit", (e) => {
    e.preventDefault();
    const files = [...document.getElementById("folder-files").files];
    if (!files.length) return;
    const form = new FormData();
    const rel = files[0].webkitRelativePath || "";
    form.append("folder", rel.includes("/") ? rel.split("/").slice(-2, -1)[0] : "upload");
    for (const f of files.filter((f) => ["kaz.md", "rus.md", "meta.yaml"].includes(f.name))) form.append("file", f, f.name);
    add(form);
  });

  search();
  const m = location.hash.match(/act=([^&]+)/);
  if (m) open(decodeURIComponent(m[1]));
})();
