// Search the corpus, open an act as its clause tree, cite a unit in the dative and copy
// the phrase: the clipboard holds it. Then the helpers page inflects a word and writes
// a date.
// Usage: node corpus.mjs QUJAT_BINARY SCREENSHOT_DIR
import { run, check } from "./lib.mjs";

run(async ({ page, base, shots }) => {
  await page.goto(`${base}/corpus`);
  await page.locator("#q").fill("2024 149");
  await page.locator("#q").press("Enter");
  // The keyboard alone: Enter on the act, on the unit's "cite" control, on "copy".
  await page.locator('button[data-act="kz-oku-agartu-2024-06-19-149"]').press("Enter");
  await page.locator("#cite-case").selectOption("dat");
  await page.locator('button.cite[data-unit="att1/p11.sp6"]').press("Enter");
  await page.locator("#phrase").filter({ hasText: "тармақшасына" }).waitFor({ timeout: 15000 });
  const phrase = await page.locator("#phrase").textContent();
  check(phrase.endsWith("11-тармағының 6) тармақшасына"), phrase);
  await page.locator("#copy").press("Enter");
  await page.locator("#copied").filter({ hasText: /./ }).waitFor({ timeout: 15000 });
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  check(clip === phrase, `the clipboard: ${clip}`);
  await page.screenshot({ path: `${shots}/corpus.png`, fullPage: false });
  await page.goto(`${base}/helpers`);
  await page.locator("#word").fill("тармақ");
  await page.locator("#word-case").selectOption("dat");
  await page.locator("#word-px3").check();
  await page.locator("#inflect-form button[type=submit]").click();
  await page.locator("#word-form").filter({ hasText: "тармағына" }).waitFor({ timeout: 15000 });
  await page.locator("#date").fill("2026-01-05");
  await page.locator("#date-form button[type=submit]").click();
  await page.locator("#date-phrase").filter({ hasText: "2026 жылғы 5 қаңтардағы" }).waitFor({ timeout: 15000 });
  await page.screenshot({ path: `${shots}/helpers.png`, fullPage: true });
  return `corpus: copied "${clip}"; helpers: тармағына, 2026 жылғы 5 қаңтардағы`;
});
