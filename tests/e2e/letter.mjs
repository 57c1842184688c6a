// Fill the official-letter form from an empty page, download the PDF, and find the
// addressee in its text (pdftotext, an independent reader). A missing field is shown
// next to it first, once the PDF is asked for. A reload keeps the form; "clear" empties it.
// Usage: node letter.mjs QUJAT_BINARY SCREENSHOT_DIR
import { execFileSync } from "node:child_process";
import { run, check, formField, fillForm } from "./lib.mjs";

run(async ({ page, base, shots }) => {
  await page.goto(`${base}/generate`);
  await page.locator("#template").selectOption("official-letter");
  const field = formField(page);
  // Hints in the page's language, from the schema's docs; the switch changes them.
  const hint = page.locator('[data-path="date"] small.doc');
  check((await hint.textContent()) === "хаттың күні", `the Kazakh hint: ${await hint.textContent()}`);
  await page.locator("#lang").click();
  check((await hint.textContent()) === "дата письма", `the Russian hint: ${await hint.textContent()}`);
  await page.locator("#lang").click();
  await fillForm(page, {
    date: "2026-06-15",
    number: "03-2999",
    "sender.kk": "«Жамбыл облысы әкімдігінің білім басқармасы» КММ",
    "sender.ru": "КГУ «Управление образования акимата Жамбылской области»",
    "addressees[1]": "Тараз қаласының № 7 мектебінің директоры",
    body: "жаз айларындағы балалар демалысын ұйымдастыру туралы ақпаратты жолдаймыз.",
    "signatory.position": "Басшының орынбасары",
  });
  // signatory.name is left empty. While the user types, a field they have not been in
  // shows no error; asked for the PDF, the form says so beside the field, and nothing
  // is downloaded.
  const err = page.locator('[data-path="signatory.name"] > .field-error');
  await page.locator("#render-status").filter({ hasText: "Толтырылатын өрістер: 1" }).waitFor({ timeout: 15000 });
  check((await err.textContent()) === "", `an untouched field's error shows early: ${await err.textContent()}`);
  await page.locator("button.download[data-format=pdf]").click();
  await err.filter({ hasText: "Міндетті өріс толтырылмаған" }).waitFor({ timeout: 15000 });
  const said = await err.textContent();
  check((await err.getAttribute("title")).includes("field 'signatory.name' is missing"), "the whole sentence on hover");
  await field("signatory.name").fill("А. Нұрланов");
  await page.locator("#preview").filter({ hasText: "№ 7 мектебінің директорына" }).waitFor({ timeout: 15000 });
  await page.screenshot({ path: `${shots}/generate.png`, fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("button.download[data-format=pdf]").click()]);
  const file = `${shots}/letter.pdf`;
  await download.saveAs(file);
  const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
  // pdftotext keeps the PDF's line breaks: compare words.
  check(text.replace(/\s+/g, " ").includes("Тараз қаласының № 7 мектебінің директорына"), `the addressee in the PDF:\n${text}`);
  check(download.suggestedFilename() === "official-letter-03-2999.pdf", download.suggestedFilename());
  // A reload loses nothing: the template chosen again, its form holds what was typed.
  await page.reload();
  await page.locator("#template").selectOption("official-letter");
  await page.locator("#preview").filter({ hasText: "№ 7 мектебінің директорына" }).waitFor({ timeout: 15000 });
  check((await field("signatory.name").inputValue()) === "А. Нұрланов", "the name is kept over a reload");
  // "Clear" asks first; once confirmed, the form is empty and stays so.
  page.once("dialog", (d) => d.accept());
  await page.locator("#clear").click();
  check((await field("addressees[1]").inputValue()) === "", "clear empties the form");
  await page.reload();
  await page.locator("#template").selectOption("official-letter");
  check((await field("number").inputValue()) === "", "a cleared form stays empty");
  return `letter: the empty name said "${said.trim()}"; the PDF ${download.suggestedFilename()} names the addressee`;
});
