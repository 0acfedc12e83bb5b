// The package as a user gets it: pkg/ packed by `npm pack`, the tarball installed into each
// small app here (Node ESM and CommonJS, Deno, Vitest, Jest, Vite, webpack, Parcel, Rollup,
// esbuild ESM and IIFE, Next.js's client component and route handler; each with its own
// package.json and pinned package-lock.json, `npm ci` from the npm cache), each app built by
// its own tool and run: the command-line ones as processes, the browser ones in one
// headless Chromium. Each must hand back the same report Node's entry gives for
// the same bad body, with its two errors where they belong; the browser apps that call
// `await init()` must also have seen the clear Error a call before it throws.
import assert from "node:assert/strict";
import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { availableParallelism } from "node:os";
import { extname, join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { chromium } from "playwright-core";

const run = promisify(execFile);
const HERE = fileURLToPath(new URL(".", import.meta.url));
const ROOT = join(HERE, "..", "..");
const PKG = join(ROOT, "pkg");
const WORK = join(ROOT, "target", "apps");

/** The body every app judges: a timeout of 4 (P2: 5..1800) and a host without agent_sn. */
const BODY = {
  execute_param: { resourceful: true, timeout: 4, success_rate: 100, execute_user: "root" },
  execute_batches: [
    { batch_index: 1, rotation_strategy: "CONTINUE", target_instances: [{ resource_id: "i-1", project_id: "p1", region_id: "cn-north-4" }] },
  ],
};

/** The report and limits Node's entry of pkg/ gives, which every app must match. */
const reference = await import(join(PKG, "node.js"));
const EXPECTED = { body: BODY, report: reference.validate(BODY), max_hosts: reference.limits().max_hosts, standard: 2 };

/**
 * Each app: how it is built (`build`, run in its folder, or none) and what is run: a
 * command (`run`, given the body as its last argument and in COC_BODY, printing its answer,
 * or writing it to `result`), or a page in Chromium (`page`: the folder served, `init`:
 * whether it calls `await init()` and so records the Error of a call before it), or a server
 * (`serve`).
 */
const APPS = [
  { name: "node-esm", run: [process.execPath, "main.mjs"] },
  { name: "node-cjs", run: [process.execPath, "main.cjs"] },
  { name: "deno", run: ["node_modules/.bin/deno", "run", "--allow-read", "main.mjs"] },
  { name: "vitest", run: ["node_modules/.bin/vitest", "run", "--reporter=dot"], result: "result.json" },
  { name: "jest", run: ["node_modules/.bin/jest", "--silent"], result: "result.json" },
  { name: "vite", build: ["node_modules/.bin/vite", "build", "--logLevel", "error"], page: "dist", init: true },
  { name: "webpack", build: ["node", "build.mjs"], page: "dist", init: true },
  { name: "parcel", build: ["node_modules/.bin/parcel", "build", "index.html", "--dist-dir", "dist", "--no-cache", "--log-level", "warn"], page: "dist", init: true },
  { name: "rollup", build: ["node_modules/.bin/rollup", "-c", "--silent"], page: "dist", init: false },
  { name: "esbuild", build: ["node", "build.mjs"], pages: [{ dir: "dist/esm", init: true, label: "ESM" }, { dir: "dist/iife", init: false, label: "IIFE" }] },
  { name: "next", build: ["node_modules/.bin/next", "build"], serve: ["node_modules/.bin/next", "start", "-H", "127.0.0.1", "-p"] },
];

const sha = (bytes) => createHash("sha256").update(bytes).digest("hex");
let tarball;
let browser;
const timings = [];

/** Runs `task` for each item, at most `limit` at once. */
async function pool(items, limit, task) {
  const queue = [...items];
  await Promise.all(Array.from({ length: limit }, async () => { while (queue.length) await task(queue.shift()); }));
}

/** npm ci when the app's lock changed since the last install (the stamp in node_modules), then the tarball. */
async function install(app) {
  const dir = join(HERE, app.name);
  const stamp = join(dir, "node_modules", ".coc-lock-sha256");
  const lock = sha(readFileSync(join(dir, "package-lock.json")));
  const start = Date.now();
  if (!existsSync(stamp) || readFileSync(stamp, "utf8") !== lock) {
    await run("npm", ["ci", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: dir, maxBuffer: 1 << 26 });
    mkdirSync(join(dir, "node_modules"), { recursive: true });
    writeFileSync(stamp, lock);
  }
  // The packed tarball, unpacked where npm puts a dependency-free package: what
  // `npm install coc-script-exec` leaves in node_modules (no scripts, bins or dependencies).
  const target = join(dir, "node_modules", "coc-script-exec");
  rmSync(target, { recursive: true, force: true });
  mkdirSync(target, { recursive: true });
  await run("tar", ["xzf", tarball, "-C", target, "--strip-components=1"]);
  timings.push(`${app.name}: install ${Date.now() - start} ms`);
}

async function build(app) {
  if (!app.build) return;
  const dir = join(HERE, app.name);
  // The outputs go; Next.js's own build cache (.next/cache, keyed by content) stays, as on
  // a developer's machine.
  rmSync(join(dir, "dist"), { recursive: true, force: true });
  if (existsSync(join(dir, ".next"))) {
    for (const f of readdirSync(join(dir, ".next"))) if (f !== "cache") rmSync(join(dir, ".next", f), { recursive: true, force: true });
  }
  const start = Date.now();
  const [cmd, ...args] = app.build;
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production" };
  try {
    await run(cmd, args, { cwd: dir, env, maxBuffer: 1 << 26 });
  } catch (e) {
    app.failed = `${app.build.join(" ")} failed:\n${e.stdout}\n${e.stderr}`;
  }
  timings.push(`${app.name}: build ${Date.now() - start} ms`);
}

/** Serves `dir` on a free loopback port; resolves to its URL. */
function serveStatic(dir) {
  const types = { ".html": "text/html", ".js": "text/javascript", ".wasm": "application/wasm", ".css": "text/css" };
  const server = createServer((req, res) => {
    if (req.url === "/favicon.ico") return res.writeHead(204).end();
    const path = join(dir, decodeURIComponent(new URL(req.url, "http://x").pathname));
    const file = existsSync(path) && statSync(path).isDirectory() ? join(path, "index.html") : path;
    if (!file.startsWith(dir) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${server.address().port}/`, close: () => server.close() })));
}

/** Opens `url` with the body in its fragment; resolves to the page's `window.__result`. */
async function openPage(url) {
  const page = await browser.newPage();
  const problems = [];
  page.on("pageerror", (e) => problems.push(`pageerror: ${e.message}`));
  // A favicon the app does not have is not the package's problem.
  const favicon = (url) => new URL(url).pathname === "/favicon.ico";
  page.on("console", (m) => m.type() === "error" && !favicon(m.location().url || url) && problems.push(`console: ${m.text()} (${m.location().url})`));
  page.on("requestfailed", (r) => problems.push(`request failed: ${r.url()}`));
  page.on("response", (r) => r.status() >= 400 && !favicon(r.url()) && problems.push(`${r.status()}: ${r.url()}`));
  try {
    await page.goto(`${url}#${encodeURIComponent(JSON.stringify(BODY))}`);
    const result = await page
      .waitForFunction(() => window.__result, null, { timeout: 30_000 })
      .then((h) => h.jsonValue())
      .catch((e) => assert.fail(`no result from ${url}: ${e.message}\n${problems.join("\n")}`));
    assert.deepEqual(problems, []);
    return result;
  } finally {
    await page.close();
  }
}

/** The checks every app's answer must pass. */
function judge(result, { init }) {
  const { before: seen, ...rest } = result;
  assert.deepEqual(rest, EXPECTED);
  const errors = result.report.issues.filter((i) => i.severity === "error").map((i) => `${i.path} ${i.code}`);
  assert.deepEqual(errors.sort(), ["/execute_batches/0/target_instances/0/agent_sn required", "/execute_param/timeout range"]);
  if (init) assert.match(seen, /^Error: coc-script-exec: validate\(\) was called before the WebAssembly module was loaded\. .*`await init\(\)`/);
  else assert.equal(seen ?? null, null);
}

before(async () => {
  const start = Date.now();
  mkdirSync(WORK, { recursive: true });
  for (const f of readdirSync(WORK)) if (f.endsWith(".tgz")) rmSync(join(WORK, f));
  const { stdout } = await run("npm", ["pack", PKG, "--pack-destination", WORK, "--json", "--loglevel=error"], { cwd: WORK });
  tarball = join(WORK, JSON.parse(stdout)[0].filename);
  timings.push(`npm pack: ${Date.now() - start} ms`);
  // Installs wait on the disk and the cache, builds on the CPU: all installs at once, then
  // the builds two at a time (this machine's cores), Next.js (the longest) first.
  await Promise.all(APPS.map(install));
  const order = [...APPS].sort((a, b) => (b.name === "next") - (a.name === "next"));
  await pool(order, Math.max(1, Math.min(2, availableParallelism())), build);
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
});

after(async () => {
  await browser?.close();
  console.log(`# timings: ${timings.join("; ")}`);
});

test("the tarball holds the entries, the declarations, the licences and the README", async () => {
  const { stdout } = await run("tar", ["tzf", tarball]);
  const files = stdout.trim().split("\n").map((f) => f.replace(/^package\//, ""));
  for (const f of ["index.js", "node.js", "node.cjs", "inline.js", "index.d.ts", "index.d.cts", "coc_script_exec_bg.wasm", "coc_script_exec_bg.wasm.d.ts", "LICENSE-MIT", "LICENSE-APACHE", "README.md", "package.json"]) {
    assert.ok(files.includes(f), `${f} is not in the tarball`);
  }
});

for (const app of APPS) {
  test(app.name, async (t) => {
    assert.equal(app.failed, undefined, app.failed);
    const dir = join(HERE, app.name);
    if (app.run) {
      const [cmd, ...args] = app.run;
      const body = JSON.stringify(BODY);
      const env = { ...process.env, COC_BODY: body, DENO_NO_UPDATE_CHECK: "1", CI: "true" };
      if (app.result) rmSync(join(dir, app.result), { force: true });
      const { stdout } = await run(cmd.startsWith("node_modules") ? join(dir, cmd) : cmd, app.result ? args : [...args, body], { cwd: dir, env, maxBuffer: 1 << 26 });
      judge(JSON.parse(app.result ? readFileSync(join(dir, app.result), "utf8") : stdout), { init: false });
    }
    for (const page of app.pages ?? (app.page ? [{ dir: app.page, init: app.init, label: "page" }] : [])) {
      await t.test(page.label, async () => {
        const server = await serveStatic(join(dir, page.dir));
        try {
          judge(await openPage(server.url), { init: page.init });
        } finally {
          server.close();
        }
      });
    }
    if (app.serve) await nextApp(t, dir, app.serve);
  });
}

/** Next.js: `next start`, then the client component in Chromium and a POST to the route handler. */
async function nextApp(t, dir, serve) {
  const port = await new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => { const p = s.address().port; s.close(() => resolve(p)); });
  });
  const [cmd, ...args] = serve;
  const proc = spawn(join(dir, cmd), [...args, String(port)], { cwd: dir, env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" }, stdio: ["ignore", "pipe", "pipe"] });
  let log = "";
  proc.stdout.on("data", (c) => { log += c; });
  proc.stderr.on("data", (c) => { log += c; });
  const url = `http://127.0.0.1:${port}/`;
  try {
    const deadline = Date.now() + 30_000;
    for (;;) {
      const up = await fetch(url).then(() => true, () => false);
      if (up) break;
      if (Date.now() > deadline || proc.exitCode !== null) assert.fail(`next start did not answer:\n${log}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    await t.test("client component", async () => judge(await openPage(url), { init: true }));
    await t.test("route handler", async () => {
      const res = await fetch(`${url}api/validate`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(BODY) });
      assert.equal(res.status, 200, log);
      judge(await res.json(), { init: false });
    });
  } finally {
    proc.kill("SIGTERM");
  }
}
