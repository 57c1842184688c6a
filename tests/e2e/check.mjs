// Paste the broken draft into #draft and see its error diagnostics appear, underlined in
// place; click a resolved reference and see the cited unit's text.
// Usage: node check.mjs QUJAT_BINARY SCREENSHOT_DIR DRAFT.md
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { run, check } from "./lib.mjs";

run(async ({ page, base, shots, args }) => {
  await page.goto(`${base}/`);
  await page.locator("textarea#draft").fill(readFileSync(args[0], "utf8"));
  const t0 = Date.now();
  const errors = page.locator('.diagnostic[data-severity="error"]');
  await errors.first().waitFor({ timeout: 15000 });
  const ms = Date.now() - t0;
  const n = await errors.count();
  check(n >= 3, `expected the broken draft's errors, got ${n}`);
  // Each error underlined in place: a mark's text is the draft's text at the error's
  // line and columns (counted here in code points, from the API's own answer).
  const draftText = readFileSync(args[0], "utf8");
  const answer = await (await fetch(`${base}/api/check`, {
    method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ text: draftText, name: "draft" }),
  })).json();
  const lines = draftText.split("\n").map((l) => Array.from(l));
  const want = answer.diagnostics.filter((d) => d.severity === "error")
    .map((d) => d.line === d.end_line ? lines[d.line - 1].slice(d.column - 1, d.end_column - 1).join("") : null);
  const marks = await page.locator("#marked mark.u-error").allTextContents();
  check(marks.length === n && want.every((w, i) => w === null || w === marks[i]), `marks ${JSON.stringify(marks)} vs spans ${JSON.stringify(want)}`);
  const first = await errors.first().textContent();
  // Enter on an error selects its words in the draft box, to be fixed there.
  await errors.first().press("Enter");
  const [inBox, selected] = await page.evaluate(() => {
    const d = document.getElementById("draft");
    return [document.activeElement === d, d.value.slice(d.selectionStart, d.selectionEnd)];
  });
  check(inBox && selected === want[0], `Enter on the first error: in the box ${inBox}, selected "${selected}", not "${want[0]}"`);
  await page.screenshot({ path: `${shots}/check.png`, fullPage: true });
  // A resolved reference shows the whole unit it cites.
  await page.locator("textarea#draft").fill("Атырау облысы Жылыой аудандық мәслихатының 2003 жылғы 9 қыркүйектегі № 32-2 шешімімен\nбекітілген Ереженің 13-тармағына сәйкес, Кеңес ШЕШІМ ҚАБЫЛДАДЫ:");
  await page.locator(".citation").filter({ hasText: "Ереженің 13-тармағына" }).click({ timeout: 15000 });
  await page.locator("#cited-text").filter({ hasText: /^13\. / }).waitFor({ timeout: 15000 });
  await page.screenshot({ path: `${shots}/check-cited.png`, fullPage: true });
  const cited = await page.locator("#cited-text").textContent();
  // A 10-page draft (the test drafts one after another to 18,000 characters, as
  // scripts/bench-serve.sh sends): typed, then the time until its diagnostics show.
  const dir = dirname(args[0]);
  const parts = readdirSync(dir).sort().map((f) => readFileSync(join(dir, f), "utf8"));
  let ten = "";
  for (let i = 0; ten.length < 18000; i++) ten += parts[i % parts.length] + "\n\n";
  const box = page.locator("textarea#draft");
  await box.fill(ten.slice(0, -1));
  await page.locator("#marked").filter({ hasText: ten.trim().slice(-40) }).waitFor({ timeout: 15000 });
  await box.press("End");
  const t1 = Date.now();
  await box.press("x");
  // (The page's CSP forbids eval, so no waitForFunction: the marked copy shows the x.)
  await page.locator("#marked").filter({ hasText: /x\s*$/ }).waitFor({ timeout: 15000 });
  const tenMs = Date.now() - t1;
  // A character beyond the 16-bit plane before a reference (columns count characters,
  // the page's strings UTF-16 units): the underline still covers the reference.
  const astral = draftText.split("\n").map((l, i) => (i === answer.diagnostics[0].line - 1 ? "😀 " + l : l)).join("\n");
  await box.fill(astral);
  await page.locator("#marked").filter({ hasText: "😀" }).waitFor({ timeout: 15000 });
  const firstMark = await page.locator("#marked mark.u-error").first().textContent();
  check(firstMark === want[0], `after 😀 the first mark is ${firstMark}, not ${want[0]}`);
  // The Russian switch.
  await page.locator("#lang").click();
  const h1 = await page.locator("h1").textContent();
  check(h1 === "Проверка проекта", `Russian title: ${h1}`);
  // Counts in Russian take the noun's form for the number ("10 ошибок", "2 ошибки").
  const ru = (n, [one, few, many]) => `${n} ${n % 10 === 1 && n % 100 !== 11 ? one : [2, 3, 4].includes(n % 10) && ![12, 13, 14].includes(n % 100) ? few : many}`;
  const e = answer.diagnostics.filter((d) => d.severity === "error").length;
  const summary = await page.locator("#summary").textContent();
  check(summary.includes(ru(e, ["ошибка", "ошибки", "ошибок"])) && summary.includes(ru(answer.citations.length, ["ссылка", "ссылки", "ссылок"])), `the Russian summary: ${summary}`);
  // To another page and back: the draft is still there, and checked again.
  await page.locator('nav a[href="/corpus"]').click();
  await page.locator("#tree").waitFor({ state: "attached" });
  await page.locator('nav a[href="/"]').click();
  await page.locator("#marked").filter({ hasText: "😀" }).waitFor({ timeout: 15000 });
  check((await box.inputValue()) === astral, "the draft is kept across pages");
  return `check page: ${n} error diagnostics, underlined, the first after ${ms} ms: ${first}\ncited: ${cited.slice(0, 80)}\n10-page draft (${ten.length} characters): checked and shown ${tenMs} ms after the last keystroke (150 ms of it the pause)`;
});
