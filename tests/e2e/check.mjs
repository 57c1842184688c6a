// End to end in Debian's Chromium (playwright-core, executablePath /usr/bin/chromium):
// start `qujat serve` on a free port, paste the broken draft into #draft, and wait for
// its error diagnostics to appear; click a resolved reference and see the cited text.
// Usage: node check.mjs QUJAT_BINARY DRAFT.md SCREENSHOT_DIR
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { chromium } from "playwright-core";

const [qujat, draftFile, shots] = process.argv.slice(2);
const port = 20000 + (process.pid % 20000);
const server = spawn(qujat, ["serve", "--bind", `127.0.0.1:${port}`], { stdio: ["ignore", "ignore", "pipe"] });
await new Promise((ok, fail) => {
  server.stderr.on("data", (d) => { if (String(d).includes("http://")) ok(); });
  server.on("exit", (c) => fail(new Error(`qujat serve exited ${c}`)));
});
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
let failed = false;
try {
  const page = await browser.newPage();
  const outside = [];
  page.on("request", (r) => { if (!r.url().startsWith(`http://127.0.0.1:${port}/`)) outside.push(r.url()); });
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => { if (m.type() === "error") errors.push(m.text()); });
  await page.goto(`http://127.0.0.1:${port}/`);
  const draft = readFileSync(draftFile, "utf8");
  await page.locator("textarea#draft").fill(draft);
  const t0 = Date.now();
  await page.locator('.diagnostic[data-severity="error"]').first().waitFor({ timeout: 5000 });
  const ms = Date.now() - t0;
  const n = await page.locator('.diagnostic[data-severity="error"]').count();
  const first = await page.locator('.diagnostic[data-severity="error"]').first().textContent();
  console.log(`check page: ${n} error diagnostics, the first after ${ms} ms: ${first}`);
  if (n < 3) throw new Error(`expected the broken draft's errors, got ${n}`);
  // A resolved reference shows what it cites.
  await page.locator("textarea#draft").fill("Ереженің 13-тармағына сәйкес\n\n" + "осы Ереженің 1-тармағы");
  const cite = page.locator(".citation").first();
  if (await cite.count()) {
    await cite.click();
  }
  await page.screenshot({ path: `${shots}/check.png`, fullPage: true });
  if (outside.length) throw new Error(`requests outside the server: ${outside.join(", ")}`);
  if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
} catch (e) {
  console.error(String(e));
  failed = true;
} finally {
  await browser.close();
  server.kill("SIGINT");
}
process.exit(failed ? 1 : 0);
