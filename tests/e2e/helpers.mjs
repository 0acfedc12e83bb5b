// Shared by the end-to-end tests and the screenshot script: the real server, started on a
// free port, and Debian's Chromium driven by playwright-core.

import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
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
