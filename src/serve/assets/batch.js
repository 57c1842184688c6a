// The batch page: upload a table to POST /api/batch/{name}; every row's validation is
// shown at once, then a progress bar while the documents render (GET /api/jobs/{id}),
// then the ZIP of the documents and manifest.csv. Bad rows never stop the good ones.
"use strict";
(() => {
  const { t, el, api } = Q;
  const select = document.getElementById("batch-template");
  const statusEl = document.getElementById("batch-status");
  const bar = document.getElementById("batch-progress");
  const zip = document.getElementById("batch-zip");
  const table = document.getElementById("batch-rows");
  const body = table.querySelector("tbody");

  // The job's end in the page's language (written again when the language changes).
  let done = null;
  const sayDone = () => { if (done) statusEl.textContent = `${t("done")}: ${done.ok} ${t("valid")}, ${done.failed} ${t("failed")}`; };
  Q.onLang(sayDone);

  // A row's problems in the page's language, each after its field.
  const said = (r) => (r.problems || []).map((p) => (p.field ? `${p.field}: ${Q.problem(p)}` : Q.problem(p)));
  let shown = null;
  Q.onLang(() => { if (shown) rows(...shown); });

  function rows(list, failures = []) {
    shown = [list, failures];
    const failed = new Map(failures.map((f) => [f.row, f.message]));
    body.replaceChildren(...list.map((r) => {
      const bad = !r.ok || failed.has(r.row);
      // A row valid at upload that failed while rendering: the renderer's reason.
      const late = failed.has(r.row) && r.ok ? [failed.get(r.row)] : [];
      const why = [...said(r), ...late].join("; ");
      const english = [...(r.errors || []), ...late].join("; ");
      return el("tr", { class: bad ? "bad" : "good", dataset: { row: String(r.row), ok: String(!bad) } },
        el("td", {}, String(r.row)), el("td", {}, bad ? t("bad") : t("ok")), el("td", { title: english || null }, why));
    }));
    table.hidden = list.length === 0;
  }

  async function poll(job, list) {
    for (;;) {
      let r;
      try { r = await api(job.status); } catch (e) { statusEl.textContent = String(e); return; }
      if (!r.ok) { statusEl.textContent = r.data.error; return; }
      const s = r.data;
      bar.max = Math.max(1, s.total);
      bar.value = s.done;
      statusEl.textContent = `${s.done} ${t("of")} ${s.total}`;
      if (s.state === "failed") { statusEl.textContent = s.error; return; }
      if (s.state === "done") {
        rows(list, s.failures || []);
        done = s;
        sayDone();
        // A ZIP only when it holds a document.
        zip.href = s.zip;
        zip.hidden = s.ok === 0;
        if (!zip.hidden) zip.focus();
        return;
      }
      await new Promise((ok) => setTimeout(ok, 300));
    }
  }

  document.getElementById("batch-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const file = document.getElementById("batch-file").files[0];
    if (!file) return;
    const form = new FormData();
    form.append("file", file);
    const formats = [...document.querySelectorAll("input[name=format]:checked")].map((c) => c.value);
    form.append("format", (formats.length ? formats : ["pdf"]).join(","));
    const name = document.getElementById("batch-name").value.trim();
    if (name) form.append("name", name);
    zip.hidden = true;
    done = null;
    document.getElementById("batch-warnings").replaceChildren();
    bar.hidden = false;
    bar.value = 0;
    statusEl.textContent = t("checking");
    const r = await api(`/api/batch/${encodeURIComponent(select.value)}`, { method: "POST", body: form });
    if (!r.ok) { bar.hidden = true; rows([]); statusEl.textContent = r.data.error || String(r.status); return; }
    const job = r.data;
    rows(job.rows);
    document.getElementById("batch-warnings").replaceChildren(...(job.warnings || []).map((w) => el("p", { class: "warning" }, w)));
    poll(job, job.rows);
  });

  // The chosen template's example table, and its files named by its number when it has
  // one (the user may name another column, or none).
  let templates = [];
  const nameBox = document.getElementById("batch-name");
  let nameTyped = false;
  nameBox.addEventListener("input", () => { nameTyped = true; });
  function chosen() {
    const tpl = templates.find((x) => x.name === select.value);
    document.getElementById("batch-example").href = `/api/templates/${encodeURIComponent(select.value)}/example?format=csv`;
    if (!nameTyped) nameBox.value = tpl && tpl.fields.some((f) => f.name === "number") ? "number" : "";
  }
  select.addEventListener("change", () => { localStorage.setItem("qujat-batch-template", select.value); chosen(); });
  api("/api/templates").then((r) => {
    templates = r.data.templates || [];
    select.replaceChildren(...templates.map((x) => el("option", { value: x.name }, `${x.title} (${x.name})`)));
    const last = localStorage.getItem("qujat-batch-template");
    if (last && templates.some((x) => x.name === last)) select.value = last;
    chosen();
  });
})();
