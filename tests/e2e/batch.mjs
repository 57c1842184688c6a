// Run a batch of 20 rows with one bad row: the bad row is reported, the progress bar
// fills, and the ZIP holds 19 PDFs and the manifest.
// Usage: node batch.mjs QUJAT_BINARY SCREENSHOT_DIR letters-20.csv
import { execFileSync } from "node:child_process";
import { run, check } from "./lib.mjs";

run(async ({ page, base, shots, args }) => {
  await page.goto(`${base}/batch`);
  await page.locator("#batch-template").selectOption("official-letter");
  await page.locator("#batch-file").setInputFiles(args[0]);
  // Files are named by the letter's number unless the user says otherwise; the page
  // offers the template's example table, whose columns a batch takes.
  check((await page.locator("#batch-name").inputValue()) === "number", "the file-name field defaults to number");
  const example = await page.locator("#batch-example").getAttribute("href");
  const table = await (await fetch(new URL(example, base))).text();
  check(table.replace(/^\ufeff/, "").startsWith("date;number;sender.") && table.includes(";signatory.name;"), `the example table: ${table.slice(0, 200)}`);
  await page.locator("#batch-start").click();
  await page.locator("#batch-zip:not([hidden])").waitFor({ timeout: 60000 });
  const bad = await page.locator("#batch-rows tr.bad").allTextContents();
  check(bad.length === 1 && bad[0].startsWith("13"), `one bad row, 13: ${bad}`);
  // Why, in the page's language: the field, and that it is not filled.
  check(bad[0].includes("signatory.name: Міндетті өріс толтырылмаған"), `row 13's reason: ${bad[0]}`);
  const good = await page.locator("#batch-rows tr.good").count();
  check(good === 19, `19 good rows: ${good}`);
  const value = await page.locator("#batch-progress").evaluate((p) => [p.value, p.max]);
  check(value[0] === 20 && value[1] === 20, `progress at the end: ${value}`);
  await page.screenshot({ path: `${shots}/batch.png`, fullPage: true });
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("#batch-zip").click()]);
  const file = `${shots}/batch.zip`;
  await download.saveAs(file);
  const py = (code) => execFileSync("python3", ["-c", code, file], { encoding: "utf8" });
  const names = py("import sys,zipfile; print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))").trim().split("\n");
  const pdfs = names.filter((n) => n.endsWith(".pdf"));
  check(pdfs.length === 19 && names.includes("manifest.csv"), `the ZIP: ${names}`);
  const manifest = py("import sys,zipfile; print(zipfile.ZipFile(sys.argv[1]).read('manifest.csv').decode())");
  check(/^13,.*failed/m.test(manifest), `row 13 failed in the manifest:\n${manifest}`);
  return `batch: 19 documents, row 13 reported: ${bad[0]}`;
});
