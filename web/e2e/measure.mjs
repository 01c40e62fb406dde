// Measures the console and writes a report (Markdown):
//  1. the JavaScript the first page loads (entry script + its preloaded imports), gzipped;
//  2. My work's time to interactive for an agent with 1,000 open items, in headless Chromium,
//     against a real system (tts-system) loaded through the ticket service.
// Figures, not assertions: run it with `scripts/web.sh measure`.
//
//   node e2e/measure.mjs [report.md]      (E2E_CONSOLE_PORT: the port to serve the console on)
import { spawn } from "node:child_process";
import { createHmac } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir, cpus } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

const here = path.dirname(fileURLToPath(import.meta.url));
const web = path.resolve(here, "..");
const repo = path.resolve(web, "..");
const report = path.resolve(process.argv[2] ?? path.join(repo, "docs/web-performance.md"));
const ITEMS = 1000;
const RUNS = 3;

/* global window, document */
// ---- 1. initial JavaScript ---------------------------------------------------------------
function initialJavaScript() {
  const html = readFileSync(path.join(web, "dist/index.html"), "utf8");
  const files = [...html.matchAll(/<(?:script[^>]*src|link[^>]*rel="modulepreload"[^>]*href)="([^"]+\.js)"/g)].map((m) => m[1]);
  const css = [...html.matchAll(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+\.css)"/g)].map((m) => m[1]);
  const size = (f) => {
    const body = readFileSync(path.join(web, "dist", f));
    return { file: f, raw: body.length, gzip: gzipSync(body, { level: 9 }).length };
  };
  return { js: [...new Set(files)].map(size), css: css.map(size) };
}

// ---- 2. My work with 1,000 items -----------------------------------------------------------
const SECRET = process.env.TTS_JWT_SECRET ?? "tts-development-secret-do-not-use-in-production";
const b64 = (v) => Buffer.from(JSON.stringify(v)).toString("base64url");
function token(user_id, user_type, roles, full_name) {
  const now = Math.floor(Date.now() / 1000);
  const head = b64({ typ: "JWT", alg: "HS256" });
  const claims = b64({ user_id, user_type, full_name, token_type: "access", iat: now, exp: now + 7200, roles });
  return `${head}.${claims}.${createHmac("sha256", SECRET).update(`${head}.${claims}`).digest("base64url")}`;
}
const AGENT = token(101, "staff", [{ system: "tts", role: "Agent" }], "Ana Agent");
const REQUESTER = token(900, "employee", [], "Rhea Requester");

function startLine(child, ready, what, ms) {
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${what} not ready in ${ms / 1000}s`)), ms);
    child.once("exit", (c) => reject(new Error(`${what} exited (${c})`)));
    createInterface({ input: child.stdout }).on("line", (l) => {
      if (ready(l)) {
        clearTimeout(t);
        resolve(l);
      }
    });
  });
}

async function api(method, url, tokenValue, body) {
  const r = await fetch(url, {
    method,
    headers: { Authorization: `Bearer ${tokenValue}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: r.status, body: await r.json().catch(() => null) };
}

async function openItems(workflow) {
  let n = 0;
  let cursor = "";
  for (;;) {
    const page = await api("GET", `${workflow}/tasks/mine/?status=active&limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, AGENT);
    if (page.status !== 200) throw new Error(`/tasks/mine/ answered ${page.status}`);
    n += page.body.items.length;
    if (!page.body.next_cursor) return n;
    cursor = page.body.next_cursor;
  }
}

async function loadItems(services) {
  // The seeded system has one agent (101) in the Triage role of Hardware repair: every ticket
  // of IT Department / Hardware lands in their My work.
  const queue = Array.from({ length: ITEMS }, (_, i) => i);
  const send = async () => {
    for (let i = queue.shift(); i !== undefined; i = queue.shift()) {
      const r = await api("POST", `${services.tickets}/tickets/`, REQUESTER, {
        subject: `Laptop ${i} does not boot`,
        description: "Measurement load.",
        department: "IT Department",
        category: "Hardware",
        priority: ["Low", "Medium", "High", "Critical"][i % 4],
      });
      if (r.status !== 201) throw new Error(`creating a ticket answered ${r.status}: ${JSON.stringify(r.body)}`);
    }
  };
  await Promise.all(Array.from({ length: 8 }, send));
  const deadline = Date.now() + 300_000;
  for (;;) {
    const n = await openItems(services.workflow);
    if (n >= ITEMS) return n;
    if (Date.now() > deadline) throw new Error(`only ${n} of ${ITEMS} items arrived in My work`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

async function measurePage(browser, base) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.addCookies([{ name: "access_token", value: AGENT, domain: "127.0.0.1", path: "/", httpOnly: true, sameSite: "Lax" }]);
  const page = await context.newPage();
  // Long tasks (main thread busy > 50 ms), to find when the page became quiet.
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, end: e.startTime + e.duration });
    }).observe({ type: "longtask", buffered: true });
  });
  await page.goto(`${base}/work`);
  await page.getByRole("row").nth(1).waitFor();
  const rowsAt = await page.evaluate(() => performance.now());
  await page.waitForTimeout(2500); // a quiet window to close the measurement
  const timings = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const fcp = performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null;
    return { domContentLoaded: nav.domContentLoadedEventEnd, fcp, longTasks: window.__longTasks };
  });
  const lastLong = Math.max(0, ...timings.longTasks.filter((t) => t.start < rowsAt + 2000).map((t) => t.end));
  const description = await page.getByText(/open items/).first().textContent();
  if (process.env.E2E_SCREENSHOTS) {
    await page.screenshot({ path: path.resolve(web, process.env.E2E_SCREENSHOTS, "my-work-1000.png") });
  }
  const rendered = await page.getByRole("row").count();
  // Interaction: re-sort the 1,000 rows by subject.
  const before = await page.evaluate(() => performance.now());
  await page.getByRole("button", { name: /Subject/ }).click();
  await page.waitForFunction(() => document.querySelector('th[aria-sort="ascending"]')?.textContent?.includes("Subject"));
  const sortMs = (await page.evaluate(() => performance.now())) - before;
  await context.close();
  return {
    fcp: timings.fcp,
    rowsAt,
    tti: Math.max(rowsAt, lastLong),
    longTasks: timings.longTasks.length,
    description,
    rendered,
    sortMs,
  };
}

async function main() {
  const port = Number(process.env.E2E_CONSOLE_PORT ?? 4174);
  const origin = `http://127.0.0.1:${port}`;
  const bundle = initialJavaScript();
  const system = spawn(path.join(repo, "target/debug/tts-system"), ["--seed", "--cors-origin", origin], {
    stdio: ["ignore", "pipe", "inherit"],
    cwd: repo,
  });
  let console_ = null;
  let browser = null;
  try {
    const services = JSON.parse(await startLine(system, (l) => l.startsWith("{"), "tts-system", 240_000));
    const dir = mkdtempSync(path.join(tmpdir(), "tts-console-measure-"));
    writeFileSync(path.join(dir, "config.json"), JSON.stringify({ services: { tickets: services.tickets, workflow: services.workflow, messaging: services.messaging, notifications: services.notifications } }));
    console_ = spawn(process.execPath, [path.join(web, "scripts/serve.mjs"), "--port", String(port), "--config", path.join(dir, "config.json")], { stdio: ["ignore", "pipe", "inherit"] });
    await startLine(console_, (l) => l.startsWith("console on"), "console server", 20_000);
    process.stderr.write(`loading ${ITEMS} tickets…\n`);
    const loadStarted = Date.now();
    const items = await loadItems(services);
    const loadSeconds = (Date.now() - loadStarted) / 1000;
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    });
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await measurePage(browser, origin));
    writeReport(bundle, items, loadSeconds, runs);
  } finally {
    await browser?.close();
    console_?.kill("SIGTERM");
    const stopped = new Promise((r) => system.once("exit", r));
    system.kill("SIGTERM");
    await stopped;
  }
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const ms = (n) => (n === null ? "—" : `${Math.round(n)} ms`);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function writeReport(bundle, items, loadSeconds, runs) {
  const js = bundle.js.reduce((a, f) => a + f.gzip, 0);
  const jsRaw = bundle.js.reduce((a, f) => a + f.raw, 0);
  const lines = [
    "# Web console measurements",
    "",
    `Written by \`scripts/web.sh measure\` on ${new Date().toISOString()} (${cpus().length} CPUs, ${cpus()[0]?.model ?? "?"}; headless Chromium, debug services).`,
    "",
    "## Initial JavaScript",
    "",
    "What the first page loads before anything shows: the entry script and the modules it preloads (gzip -9).",
    "",
    "| file | size | gzipped |",
    "|---|---:|---:|",
    ...bundle.js.map((f) => `| \`${f.file}\` | ${kb(f.raw)} | ${kb(f.gzip)} |`),
    `| **JavaScript total** | **${kb(jsRaw)}** | **${kb(js)}** |`,
    ...bundle.css.map((f) => `| \`${f.file}\` (CSS) | ${kb(f.raw)} | ${kb(f.gzip)} |`),
    "",
    `Other pages load their own chunk when first visited (My work, the task page).`,
    "",
    `## My work with ${items} open items`,
    "",
    `${items} tickets raised through the ticket service (${loadSeconds.toFixed(0)} s to load), all assigned to one agent; the page opened ${runs.length} times in a fresh browser context (cold cache).`,
    "Time to interactive: from navigation start until the first row is shown and the main thread has no long task (> 50 ms) left.",
    "",
    "| run | first contentful paint | first row shown | time to interactive | long tasks | rows in the DOM | re-sort 1,000 rows |",
    "|---|---:|---:|---:|---:|---:|---:|",
    ...runs.map((r, i) => `| ${i + 1} | ${ms(r.fcp)} | ${ms(r.rowsAt)} | ${ms(r.tti)} | ${r.longTasks} | ${r.rendered} | ${ms(r.sortMs)} |`),
    `| **median** | ${ms(median(runs.map((r) => r.fcp ?? 0)))} | ${ms(median(runs.map((r) => r.rowsAt)))} | **${ms(median(runs.map((r) => r.tti)))}** | | | ${ms(median(runs.map((r) => r.sortMs)))} |`,
    "",
    `The page said: "${runs[0]?.description ?? ""}". Only the rows in view (plus a margin) are in the DOM: the list is virtualised.`,
    "",
  ];
  mkdirSync(path.dirname(report), { recursive: true });
  writeFileSync(report, lines.join("\n"));
  process.stdout.write(lines.join("\n"));
  process.stderr.write(`\nreport: ${report}\n`);
}

await main();
