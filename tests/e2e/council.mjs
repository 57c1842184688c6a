// From an empty page to a checked, downloaded council decision, without a terminal:
// fill the council-decision form by hand, pick the cited act and its clauses with the
// clause pickers, check the document's references (all resolved, no error), and
// download it as DOCX; python-docx (an independent reader) finds the citation in it.
// Usage: node council.mjs QUJAT_BINARY SCREENSHOT_DIR DOCX_TEXT.py
import { execFileSync } from "node:child_process";
import { run, check, formField, fillForm } from "./lib.mjs";

run(async ({ page, base, shots, args }) => {
  await page.goto(`${base}/generate`);
  await page.locator("#template").selectOption("council-decision");
  const field = formField(page);
  await fillForm(page, {
    date: "2026-03-12",
    number: "3",
    council: "Жылыой аудандық құқық бұзушылықтың алдын алу жөніндегі кеңесі",
    place: "Құлсары қаласы",
    agenda: "Кәмелетке толмағандар арасындағы құқық бұзушылықтың алдын алу туралы",
  });
  // The clause picker (a required list starts with one item): the act from the corpus
  // list, then its units from the select.
  await field("basis[1].act").fill("atyrau-zhylyoi-maslikhaty-2003-09-09-32-2");
  await field("basis[1].act").dispatchEvent("change");
  const unit = field("basis[1].units[1]");
  await unit.locator('option[value="att1/p13"]').waitFor({ state: "attached", timeout: 15000 });
  await unit.selectOption("att1/p13");
  // The picker names the clause as the act prints it, then its text.
  const picked = await unit.locator('option[value="att1/p13"]').textContent();
  check(picked.startsWith("5-тарау. 13. Аудандық, қалалық") && picked.endsWith("(att1/p13)"), `the picker's clause: ${picked}`);
  await fillForm(page, {
    "recommendations[1].body": "Жылыой аудандық білім бөлімі",
    "recommendations[1].text": "құқықтық тәрбие жөніндегі іс-шаралар жоспарын бекітуге ұсынылсын",
    "recommendations[1].deadline": "2026-04-01",
    control: "Кеңес хатшысы",
    chair: "Б.Т. Сағынов",
    secretary: "Г.Қ. Жұмабаева",
  });
  await page.locator("#preview").filter({ hasText: "13-тармағын" }).waitFor({ timeout: 15000 });
  await page.locator("#check-doc").click();
  const verdict = page.locator("#doc-check[data-errors]");
  await verdict.waitFor({ timeout: 15000 });
  const errors = await verdict.getAttribute("data-errors");
  const resolved = Number(await verdict.getAttribute("data-resolved"));
  check(errors === "0" && resolved >= 1, `the decision checks clean: ${await verdict.textContent()}`);
  await page.screenshot({ path: `${shots}/council.png`, fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("button.download[data-format=docx]").click()]);
  const file = `${shots}/council.docx`;
  await download.saveAs(file);
  const text = execFileSync("/usr/bin/python3", [args[0], file], { encoding: "utf8" }).replace(/\s+/g, " ");
  check(text.includes("13-тармағын") && text.includes("ШЕШІМ"), `the citation in the DOCX:\n${text}`);
  // Another act whose units these are not: the status says what is wrong, and the old
  // preview is shown as out of date.
  await field("basis[1].act").fill("law-2001-01-23-148");
  await field("basis[1].act").press("Tab");
  await page.locator("#render-status").filter({ hasText: /^act 'law-2001-01-23-148' has no part 'att1'; parts: main$/ }).waitFor({ timeout: 15000 });
  check(await page.locator("#preview.stale").count() === 1, "the preview is marked out of date");
  return `council decision: ${await verdict.textContent()}; the DOCX cites 13-тармағын`;
});
