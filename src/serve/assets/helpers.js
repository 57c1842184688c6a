// The helpers page: a word or phrase in a case (GET /api/inflect), a date in Kazakh
// (GET /api/date); what `qujat inflect` and `qujat date` print.
"use strict";
(() => {
  const { t, el, api } = Q;
  Q.caseOptions(document.getElementById("word-case"), [], "dat");
  document.getElementById("word-case").value = "dat";
  const dateCase = document.getElementById("date-case");
  const fillDate = () => {
    const v = dateCase.value || "attr";
    dateCase.replaceChildren(el("option", { value: "attr" }, t("attr")), el("option", { value: "short" }, t("short")),
      ...["nom", "gen", "dat", "acc", "loc", "abl", "ins"].map((c) => el("option", { value: c }, `${c} — ${t(c)}`)));
    dateCase.value = v;
  };
  fillDate();
  Q.onLang(fillDate);

  document.getElementById("inflect-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const q = new URLSearchParams({
      text: document.getElementById("word").value,
      case: document.getElementById("word-case").value,
      plural: document.getElementById("word-plural").checked,
      possessive: document.getElementById("word-px3").checked,
    });
    const r = await api(`/api/inflect?${q}`);
    document.getElementById("word-form").textContent = r.ok ? r.data.form : r.data.error;
  });
  document.getElementById("date-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const c = dateCase.value;
    const q = new URLSearchParams({ date: document.getElementById("date").value, case: c === "short" ? "attr" : c, short: c === "short" });
    const r = await api(`/api/date?${q}`);
    document.getElementById("date-phrase").textContent = r.ok ? r.data.phrase : r.data.error;
  });
})();
