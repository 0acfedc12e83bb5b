// The JavaScript side of the benchmarks, in one run: ours against ajv, zod and valibot on
// the same bodies, in Node and in Chromium (through playwright-core), cold start in fresh
// Chromium pages, and bundle sizes. Writes target/bench-js/results.json.
//
//   node benches/js/run.mjs            full measurement (scripts/bench.sh)
//   node benches/js/run.mjs --smoke    every step once, no timing claims (scripts/bench-smoke.sh)
//
// Either way it fails when a peer disagrees with `validate` on a body (same set of
// (pointer, code) and the same `valid`), or when the bodies on disk are stale.
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, totalmem } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

import { BODIES, TEXTS, staleFiles } from "./bodies.mjs";
import { build, COLD, HAS_BEFORE, HAS_PROBES, loadBefore16, loadOurs, loadProbes, OUT, ROOT, WASM_OF } from "./build.mjs";
import { serve } from "./serve.mjs";

const smoke = process.argv.includes("--smoke");
const FULL = { rounds: 21, batchMs: 25, coldLoads: 15 };
const SMOKE = { rounds: 1, batchMs: 0, coldLoads: 1 };
const cfg = smoke ? SMOKE : FULL;
const log = (...a) => console.error("[bench]", ...a);

function fail(lines) {
  console.error(lines.join("\n"));
  process.exit(1);
}

const stale = staleFiles();
if (stale.length) fail([`benches/bodies/ is stale (${stale.join(", ")}): run node benches/js/bodies.mjs --write`]);

const loadBefore = loadavg();
const ours = await loadOurs();
const before = await loadBefore16();
if (!before) log("target/before16/pkg is missing (scripts/before16.sh): no same-run comparison with the module before issue #16");
const probes = await loadProbes();
if (!probes) log("target/floor/probes is missing (scripts/floor.sh): no parts of the call measured");
if (!COLD.includes("judge_only")) log("target/floor/judge is missing (scripts/floor.sh): no module that only judges");
log("building the peers' bundles");
const sizes = await build(ours);
const suite = await import(join(OUT, "suite.js"));

// Node
const list = suite.contestants(ours, suite.standalone, before, probes);
const { problems, answers } = suite.agreement(list, BODIES, TEXTS);
if (problems.length) fail(["a peer disagrees with validate in Node:", ...problems]);
log(`node: every peer agrees (${Object.entries(answers).map(([k, v]) => `${k}: ${v.issues.length} issues`).join(", ")})`);
const node = suite.measure(list, BODIES, TEXTS, cfg).rows;

// Chromium
const server = await serve(ROOT);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
let chromiumRows;
let coldTrace;
const browserVersion = browser.version();
const cold = Object.fromEntries(COLD.map((c) => [c, []]));
try {
  const page = await (await browser.newContext()).newPage();
  page.setDefaultTimeout(0);
  await page.goto(`${server.origin}/benches/js/pages/speed.html?rounds=${cfg.rounds}&batchMs=${cfg.batchMs}&before=${HAS_BEFORE ? 1 : 0}&probes=${HAS_PROBES ? 1 : 0}`);
  await page.waitForFunction(() => window.__result, null, { timeout: 15 * 60 * 1000 });
  const result = await page.evaluate(() => window.__result);
  if (result.error) fail(["the Chromium speed page failed:", result.error]);
  if (result.problems.length) fail(["a peer disagrees with validate in Chromium:", ...result.problems]);
  if (!result.isolated) log("warning: the page is not cross-origin isolated (coarse timer)");
  log("chromium: every peer agrees");
  chromiumRows = result.rows;
  await page.context().close();

  // Cold start: a fresh context (empty cache) per load, contestants alternating.
  for (let i = 0; i < cfg.coldLoads; i++) {
    for (let k = 0; k < COLD.length; k++) {
      const name = COLD[(k + i) % COLD.length];
      const context = await browser.newContext();
      const p = await context.newPage();
      await p.goto(`${server.origin}/benches/js/pages/cold.html?c=${name}`);
      await p.waitForFunction(() => window.__cold, null, { timeout: 60 * 1000 });
      const r = await p.evaluate(() => window.__cold);
      await context.close();
      if (r.error || !r.answered) fail([`cold start of ${name} failed: ${r.error ?? "no answer"}`]);
      cold[name].push(r);
    }
  }
  coldTrace = await traceOursCold(browser);
} finally {
  await browser.close();
  server.close();
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const coldSummary = Object.fromEntries(
  Object.entries(cold).map(([k, rs]) => [
    k,
    {
      script_ms: median(rs.map((r) => r.script_ms)),
      nav_ms: median(rs.map((r) => r.nav_ms)),
      // To the contestant's run() (its bundle fetched and evaluated), and from there on.
      run_ms: median(rs.map((r) => r.run_ms)),
      after_run_ms: median(rs.map((r) => r.script_ms - r.run_ms)),
      ...(k in WASM_OF && {
        init_ms: median(rs.map((r) => r.init_ms)),
        first_ms: median(rs.map((r) => r.script_ms - r.run_ms - r.init_ms)),
      }),
      loads: rs.length,
    },
  ]),
);
coldSummary.ours.trace = coldTrace;

/**
 * One more fresh load of ours, traced: which functions V8 compiles (Liftoff, lazily) for the
 * first `validate`, their bytes and time, against the module's whole code section.
 */
async function traceOursCold(browser) {
  const context = await browser.newContext();
  const p = await context.newPage();
  const path = join(OUT, "cold-trace.json");
  await browser.startTracing(p, { path, categories: ["v8.wasm", "disabled-by-default-v8.wasm.detailed"] });
  await p.goto(`${server.origin}/benches/js/pages/cold.html?c=ours`);
  await p.waitForFunction(() => window.__cold, null, { timeout: 60 * 1000 });
  await browser.stopTracing();
  await context.close();
  const compiled = JSON.parse(readFileSync(path, "utf8")).traceEvents.filter((e) => e.name === "wasm.CompileBaseline");
  const code = codeSection(readFileSync(join(ROOT, "pkg", "coc_script_exec_bg.wasm")));
  return {
    functions: compiled.length,
    bytes: compiled.reduce((n, e) => n + (e.args?.bodySize ?? 0), 0),
    ms: compiled.reduce((n, e) => n + e.dur, 0) / 1000,
    module_functions: code.functions,
    module_bytes: code.bytes,
  };
}

/** The number of function bodies in a wasm module and their bytes (the code section). */
function codeSection(b) {
  const leb = (i) => {
    let r = 0, shift = 0, x;
    do {
      x = b[i++];
      r += (x & 0x7f) * 2 ** shift;
      shift += 7;
    } while (x & 0x80);
    return [r, i];
  };
  for (let i = 8; i < b.length; ) {
    const id = b[i];
    const [size, start] = leb(i + 1);
    if (id === 10) {
      let [n, j] = leb(start);
      let bytes = 0;
      for (let k = 0; k < n; k++) {
        const [len, at] = leb(j);
        bytes += len;
        j = at + len;
      }
      return { functions: n, bytes };
    }
    i = start + size;
  }
  return { functions: 0, bytes: 0 };
}

const version = (name) => JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
const results = {
  smoke,
  config: cfg,
  machine: {
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    memory_gib: Math.round(totalmem() / 2 ** 30),
    load_before: loadBefore,
    load_after: loadavg(),
  },
  versions: {
    node: process.versions.node,
    v8: process.versions.v8,
    chromium: browserVersion,
    zod: version("zod"),
    valibot: version("valibot"),
    ajv: version("ajv"),
    esbuild: version("esbuild"),
    "playwright-core": version("playwright-core"),
  },
  bodies: Object.fromEntries(Object.entries(TEXTS).map(([k, t]) => [k, { bytes: t.length, issues: answers[k].issues.length }])),
  sizes,
  node,
  chromium: chromiumRows,
  cold: coldSummary,
};
writeFileSync(join(OUT, smoke ? "results-smoke.json" : "results.json"), JSON.stringify(results, null, 2));
log(`done: ${join(OUT, smoke ? "results-smoke.json" : "results.json")}`);
