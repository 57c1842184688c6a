// Shared by the end-to-end scenarios: start `qujat serve` on a free port, open Debian's
// Chromium (playwright-core, executablePath /usr/bin/chromium), watch for requests
// that leave the server and for page errors, and stop both at the end.
// A scenario: `export default async ({ page, base, shots, args }) => "what it saw"`.
import { spawn } from "node:child_process";
import { chromium } from "playwright-core";

export async function run(scenario) {
  const [qujat, shots, ...args] = process.argv.slice(2);
  const port = 20000 + (process.pid % 20000);
  const base = `http://127.0.0.1:${port}`;
  const server = spawn(qujat, ["serve", "--bind", `127.0.0.1:${port}`], { stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  await new Promise((ok, fail) => {
    server.stderr.on("data", (d) => { log += d; if (log.includes("http://")) ok(); });
    server.on("exit", (c) => fail(new Error(`qujat serve exited ${c}: ${log}`)));
  });
  const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
  let failed = false, page = null;
  try {
    const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
    page = await context.newPage();
    const outside = [], errors = [];
    page.on("request", (r) => { const u = r.url(); if (!u.startsWith(`${base}/`) && !u.startsWith("blob:")) outside.push(u); });
    page.on("pageerror", (e) => errors.push(String(e)));
    // A 4xx answer of the API is the page's business (field errors); anything else is not.
    page.on("console", (m) => { if (m.type() === "error" && !/status of 4\d\d/.test(m.text())) errors.push(m.text()); });
    const saw = await scenario({ page, base, shots, args });
    console.log(saw);
    if (outside.length) throw new Error(`requests outside the server: ${outside.join(", ")}`);
    if (errors.length) throw new Error(`page errors: ${errors.join("; ")}`);
  } catch (e) {
    console.error(String(e && e.stack || e));
    failed = true;
    // What the page showed when it failed, to look at.
    if (page) await page.screenshot({ path: `${shots}/failed-${process.argv[1].split("/").pop()}.png`, fullPage: true }).catch(() => {});
  } finally {
    await browser.close();
  }
  // Ctrl-C stops the server cleanly: it exits 0 within five seconds.
  const stopped = new Promise((ok) => server.once("exit", (code, signal) => ok({ code, signal })));
  server.kill("SIGINT");
  const end = await Promise.race([stopped, new Promise((ok) => setTimeout(() => ok(null), 5000))]);
  if (!end || end.code !== 0) {
    console.error(`qujat serve did not stop cleanly on SIGINT: ${JSON.stringify(end)}`);
    server.kill("SIGKILL");
    failed = true;
  }
  process.exit(failed ? 1 : 0);
}

// The generate form's input for a record path ("date", "basis[1].units[1]"): the first
// input, text area or list inside the element the form marks with that data-path.
export function formField(page) {
  return (path) => page.locator(`[data-path="${path}"]`).locator("input, textarea, select").first();
}

// Type each value into its field, in order: { "date": "2026-03-12", "sender.kk": "…" }.
export async function fillForm(page, values) {
  const field = formField(page);
  for (const [path, value] of Object.entries(values)) await field(path).fill(value);
}

export function check(cond, message) {
  if (!cond) throw new Error(message);
}
