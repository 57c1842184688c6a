// Common to every page: the language switch (Kazakh by default, Russian on demand, kept
// in localStorage), words for text the scripts write, the API helper, and `el`, which
// builds elements from text only: nothing from the server or the user becomes markup.
"use strict";
const Q = (() => {
  const words = {
    kk: {
      refs: "сілтеме", errors: "қате", warnings: "ескерту", checking: "Тексерілуде…",
      rendering: "Жасалуда…", ready: "Дайын", add: "Қосу", remove: "Өшіру", item: "элемент",
      fix: "Өрістерді түзетіңіз", none: "Ештеңе табылмады", acts: "акт", cite: "Сілтеме",
      copied: "Көшірілді", ok: "дұрыс", bad: "қате", rows: "жол", valid: "дұрыс",
      done: "Дайын", failed: "сәтсіз", of: "/", choose: "— таңдаңыз —", added: "Қосылды",
      attr: "анықтауыш (…қаңтардағы)", short: "қысқа (05.01.2026 ж.)", unit: "бөлік",
      nom: "атау", gen: "ілік", dat: "барыс", acc: "табыс", loc: "жатыс", abl: "шығыс", ins: "көмектес",
      yes: "иә", down: "Жүктелді", text: "мәтін", line: "жол",
      kind_law: "заң", kind_code: "кодекс", kind_constitution: "конституция", kind_decree: "жарлық",
      kind_resolution: "қаулы", kind_order: "бұйрық", kind_decision: "шешім", kind_instruction: "өкім",
      kind_letter: "хат", kind_program: "бағдарлама", kind_other: "басқа",
      sure: "Толтырылған өрістер өшірілсін бе?", unread: "Файл оқылмады",
      replace: "Толтырылған өрістердің орнына үлгі деректері қойылсын ба?", left: "Толтырылатын өрістер",
      p_missing: "Міндетті өріс толтырылмаған", p_empty: "Міндетті өріс бос",
      p_unknown: "Үлгіде мұндай өріс жоқ", p_wrong: "Мәні дұрыс емес",
      p_line: "Бір жолға жазыңыз", p_date: "Күнді ЖЖЖЖ-АА-КК түрінде жазыңыз",
      p_integer: "Бүтін сан жазыңыз", p_one_of: "Тізімдегі мәндердің бірін таңдаңыз",
    },
    ru: {
      // After a number, Russian nouns take one of three forms (one, few, many).
      refs: ["ссылка", "ссылки", "ссылок"], errors: ["ошибка", "ошибки", "ошибок"],
      warnings: ["предупреждение", "предупреждения", "предупреждений"], checking: "Проверка…",
      rendering: "Создание…", ready: "Готово", add: "Добавить", remove: "Удалить", item: "элемент",
      fix: "Исправьте поля", none: "Ничего не найдено", acts: ["акт", "акта", "актов"], cite: "Ссылка",
      copied: "Скопировано", ok: "верно", bad: "ошибка", rows: "строк", valid: "верных",
      done: "Готово", failed: "с ошибкой", of: "/", choose: "— выберите —", added: "Добавлено",
      attr: "определение (…қаңтардағы)", short: "краткая (05.01.2026 ж.)", unit: "часть",
      nom: "именительный", gen: "родительный", dat: "дательный", acc: "винительный",
      loc: "местный", abl: "исходный", ins: "творительный",
      yes: "да", down: "Скачано", text: "текст", line: "строка",
      kind_law: "закон", kind_code: "кодекс", kind_constitution: "конституция", kind_decree: "указ",
      kind_resolution: "постановление", kind_order: "приказ", kind_decision: "решение",
      kind_instruction: "распоряжение", kind_letter: "письмо", kind_program: "программа", kind_other: "другое",
      sure: "Очистить заполненные поля?", unread: "Файл не прочитан",
      replace: "Заменить заполненные поля данными примера?", left: "Осталось заполнить полей",
      p_missing: "Обязательное поле не заполнено", p_empty: "Обязательное поле пусто",
      p_unknown: "В шаблоне нет такого поля", p_wrong: "Неверное значение",
      p_line: "Напишите в одну строку", p_date: "Введите дату в виде ГГГГ-ММ-ДД",
      p_integer: "Введите целое число", p_one_of: "Выберите одно из значений списка",
    },
  };
  let lang = localStorage.getItem("qujat-lang") === "ru" ? "ru" : "kk";
  const listeners = [];
  const t = (key) => { const w = words[lang][key] ?? key; return Array.isArray(w) ? w[2] : w; };
  // "3 ошибки", "5 ошибок"; a Kazakh noun after a number keeps its one form ("3 қате").
  const plural = { one: 0, few: 1, many: 2, other: 2 };
  function count(n, key) {
    const w = words[lang][key] ?? key;
    return `${n} ${Array.isArray(w) ? w[plural[new Intl.PluralRules(lang).select(n)] ?? 2] : w}`;
  }
  function apply() {
    document.documentElement.lang = lang;
    for (const e of document.querySelectorAll("[data-kk]")) e.textContent = e.dataset[lang];
    const b = document.getElementById("lang");
    b.textContent = lang === "kk" ? "Русский" : "Қазақша";
    b.lang = lang === "kk" ? "ru" : "kk";
    for (const f of listeners) f(lang);
  }
  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === "dataset") Object.assign(e.dataset, v);
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (k in e && typeof v !== "string") e[k] = v;
      else e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of children.flat()) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
    return e;
  }
  // fetch that returns {ok, status, data} with data the JSON (or a Blob for documents).
  async function api(url, opts = {}) {
    const r = await fetch(url, opts);
    const ct = r.headers.get("content-type") || "";
    const data = ct.startsWith("application/json") ? await r.json() : await r.blob();
    return { ok: r.ok, status: r.status, data };
  }
  function download(blob, name) {
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }
  // A record's problem (the API's {field, code, expected, message}) in the page's
  // language; a problem without a code, or of a kind not listed, in the server's words.
  function problem(p) {
    const key = p.code === "wrong" && p.expected && words[lang][`p_${p.expected}`] ? `p_${p.expected}` : `p_${p.code}`;
    return p.code && p.code !== "unreadable" && words[lang][key] ? words[lang][key] : p.message;
  }
  // The start of a text, whole words, with "…" when there is more.
  function clip(text, max) {
    if (text.length <= max) return text;
    const cut = text.slice(0, max);
    const space = cut.lastIndexOf(" ");
    return `${space > max / 2 ? cut.slice(0, space) : cut}…`;
  }
  const cases = ["nom", "gen", "dat", "acc", "loc", "abl", "ins"];
  function caseOptions(select, extra = [], chosen = "nom") {
    const fill = () => {
      const v = select.value || chosen;
      select.replaceChildren(...[...extra, ...cases].map((c) => el("option", { value: c }, `${c} — ${t(c)}`)));
      select.value = v;
    };
    fill();
    listeners.push(fill);
  }
  document.addEventListener("DOMContentLoaded", () => {
    document.getElementById("lang").addEventListener("click", () => {
      lang = lang === "kk" ? "ru" : "kk";
      localStorage.setItem("qujat-lang", lang);
      apply();
    });
    apply();
  });
  return { t, count, clip, el, api, download, caseOptions, problem, onLang: (f) => listeners.push(f), lang: () => lang };
})();
