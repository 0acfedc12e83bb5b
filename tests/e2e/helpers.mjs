// Shared by the end-to-end tests and the screenshot script: the real server, started on a
// free port, and Debian's Chromium driven by playwright-core.

import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { after, before } from "node:test";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** Starts `node www/serve.mjs --port 0 ...args`; resolves once it prints its URL. */
export function startServer(args = []) {
  const proc = spawn(process.execPath, [path.join(ROOT, "www/serve.mjs"), "--port", "0", ...args], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${log}`)), 15000);
    const onData = (chunk) => {
      log += chunk;
      const m = /Console: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(log);
      if (m) {
        clearTimeout(timer);
        resolve({
          url: m[1],
          log: () => log,
          stop: () => new Promise((done) => { proc.once("exit", done); proc.kill("SIGTERM"); }),
        });
      }
    };
    proc.stdout.on("data", onData);
    proc.stderr.on("data", (chunk) => { log += chunk; });
    proc.once("exit", (code) => { clearTimeout(timer); reject(new Error(`the server exited (${code}):\n${log}`)); });
  });
}

/** Headless Chromium as installed by Debian (`npx playwright install` cannot work here). */
export function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

/** Hosts as pasted lines: `resource_id,agent_sn,project_id,region_id`. */
export function hostLines(count, regions) {
  return Array.from({ length: count }, (_, i) => {
    const region = regions[i % regions.length];
    const n = String(i + 1).padStart(2, "0");
    return `ecs-${region}-${n},sn-${region}-${n},proj-0a1b2c,${region}`;
  }).join("\n");
}

/**
 * A fresh page on the console served at `url`, with every console message (`logs`), every
 * error, warning, page error and dialog (`problems`) and every request (`requests`, as
 * "url headers body" lines) kept, and the package's `limits()` as the page reads them.
 * `close()` asserts axe-core finds no violation in the page's last state, then closes it.
 */
export async function openConsole(browser, url, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const logs = [];
  const problems = [];
  const requests = [];
  page.on("console", (m) => {
    logs.push(`${m.type()}: ${m.text()}`);
    if (m.type() === "error" || m.type() === "warning") problems.push(`${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  page.on("dialog", (d) => { problems.push(`dialog: ${d.message()}`); d.dismiss(); });
  page.on("request", (r) => requests.push(`${r.url()} ${JSON.stringify(r.headers())} ${r.postData() ?? ""}`));
  await page.goto(url);
  await page.waitForSelector("#state.ready, #state.blocked");
  const limits = await page.evaluate(async () => (await import("/pkg/coc_script_exec.js")).limits());
  // Closing runs axe-core on the state the test ended in (every test's last state is checked).
  const close = async () => {
    try {
      if (!page.isClosed()) await assertAxe(page, "the test's last state");
    } finally {
      await context.close();
    }
  };
  return { page, limits, logs, problems, requests, close };
}

/** The visible control whose `name` is this JSON Pointer. */
export const field = (page, pointer) => page.locator(`[name="${pointer}"]:visible`);

/** The messages shown for the control whose name is this pointer. */
export const messagesAt = (page, pointer) => page.evaluate((p) => {
  const slot = [...document.querySelectorAll("[data-path]")].find((e) => e.dataset.path === p && !e.closest("[hidden]"));
  return [...slot.querySelectorAll(".msg")].map((m) => ({ severity: m.classList.contains("error") ? "error" : "warning", text: m.textContent }));
}, pointer);

/**
 * The console's server and a browser, shared by a suite's tests: started before them and
 * closed after. Read `.server` and `.browser` inside tests (they exist once `before` ran).
 */
export function sharedConsole() {
  const shared = { server: undefined, browser: undefined };
  before(async () => {
    shared.server = await startServer();
    shared.browser = await launchBrowser();
  });
  after(async () => {
    await shared.browser?.close();
    await shared.server?.stop();
  });
  return shared;
}

/** axe-core's source, read once: evaluated in the page (over CDP, so the page's CSP allows it). */
let axeSource = null;

/**
 * Runs axe-core (WCAG 2.x A and AA, and axe's best practices) on the page as it is now and
 * asserts no violation; `state` names the state in the failure message.
 */
export async function assertAxe(page, state) {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
  if (!(await page.evaluate(() => typeof window.axe === "object"))) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(" | ")}`);
  });
  assert.deepEqual(violations, [], `axe-core found violations in the state "${state}"`);
}
