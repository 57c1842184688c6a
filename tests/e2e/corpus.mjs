// Search the corpus, open an act as its clause tree, cite a unit in the dative and copy
// the phrase: the clipboard holds it. Then the helpers page inflects a word and writes
// a date.
// Usage: node corpus.mjs QUJAT_BINARY SCREENSHOT_DIR
import { run, check } from "./lib.mjs";

run(async ({ page, base, shots }) => {
  await page.goto(`${base}/corpus`);
  await page.locator("#q").fill("2024 149");
  await page.locator("#q").press("Enter");
  // One act found; its kind in the page's language.
  await page.locator("#acts-count").filter({ hasText: /^1 / }).waitFor({ timeout: 15000 });
  const about = await page.locator("#acts li small").first().textContent();
  check(about.includes("бұйрық, 2024-06-19, № 149"), `the act's line: ${about}`);
  // The keyboard alone: Enter on the act, on the unit's "cite" control, on "copy".
  await page.locator('button[data-act="kz-oku-agartu-2024-06-19-149"]').press("Enter");
  await page.locator("#cite-case").selectOption("dat");
  await page.locator('button.cite[data-unit="att1/p11.sp6"]').press("Enter");
  await page.locator("#phrase").filter({ hasText: "тармақшасына" }).waitFor({ timeout: 15000 });
  const phrase = await page.locator("#phrase").textContent();
  check(phrase.endsWith("11-тармағының 6) тармақшасына"), phrase);
  // Under the phrase, the cited subclause's whole text, from the act itself.
  await page.locator("#unit-text").filter({ hasText: "заңды мүдделерін қалпына келтіруге" }).waitFor({ timeout: 15000 });
  // A long unit's text in the tree stops after a whole word, with "…".
  const act = await (await fetch(`${base}/api/acts/kz-oku-agartu-2024-06-19-149`)).json();
  const full = act.parts.find((p) => p.id === "att1").units.find((u) => u.id === "ch1").units[0].text;
  const shown = await page.locator('button.cite[data-unit="att1/p1"]').locator("xpath=..").textContent();
  const clipped = shown.slice(shown.indexOf(" ") + 1, shown.indexOf("…"));
  check(full.length > 160 && clipped.length > 80 && full.startsWith(`${clipped} `), `the tree's clipped text: ${shown}`);
  // With the act's whole name, as a first mention in a draft names it.
  await page.locator("#cite-full").check();
  await page.locator("#phrase").filter({ hasText: "2024 жылғы 19 маусымдағы № 149 бұйрығымен бекітілген" }).waitFor({ timeout: 15000 });
  await page.locator("#cite-full").uncheck();
  await page.locator("#phrase").filter({ hasText: /^Қағидалардың 11-тармағының/ }).waitFor({ timeout: 15000 });
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
