// The contestants and the way they are timed, the same in Node and in Chromium.
//
// Each contestant is one call that judges one body and returns the library's own answer
// (not normalised: normalising is the harness's work, outside the timed loop). With text
// input the peers pay `JSON.parse`; ours takes the text as it is.
//
// Timing: every round times each (contestant, body) once, as a batch of calls long enough
// for the clock (about `batchMs`), the contestants in a rotated order each round so none
// always runs first or last; a result is the median over rounds of the per-call time.
import * as zodPeer from "./peers/zod.mjs";
import * as valibotPeer from "./peers/valibot.mjs";
import * as ajvPeer from "./peers/ajv.mjs";
import * as normalise from "./normalise.mjs";

/** How many times `probe: core` runs the core in one call (its time is divided by this). */
const CORE_TIMES = 32;

/**
 * `ours`: the package's module (`validate`, `json_schema`); `standalone`: ajv's
 * precompiled validate function for the same schema, or null; `before`: the package as it
 * was before issue #16 (scripts/before16.sh), or null; `probes`: the module with the probes
 * of src/wasm/probes.rs (scripts/floor.sh), or null.
 */
export function contestants(ours, standalone, before, probes) {
  const compiled = ajvPeer.compile(ours.json_schema());
  const peers = {
    zod: { run: zodPeer.validate, norm: normalise.zod },
    valibot: { run: valibotPeer.validate, norm: normalise.valibot },
    ajv: { run: (b) => ajvPeer.judge(compiled, b), norm: normalise.ajv },
  };
  if (standalone) peers.ajv_standalone = { run: (b) => ajvPeer.judge(standalone, b), norm: normalise.ajv };
  const list = [
    { name: "ours", input: "object", run: (b) => ours.validate(b), norm: (_, r) => normalise.ours(r) },
    { name: "ours", input: "text", run: (t) => ours.validate(t), norm: (_, r) => normalise.ours(r) },
    // What every text contestant pays to read, and what ours pays to take an object in.
    { name: "JSON.parse", input: "text", run: (t) => JSON.parse(t), norm: null },
    { name: "JSON.stringify", input: "object", run: (b) => JSON.stringify(b), norm: null },
    // A call that judges nothing and hands back every limit (JSON text, JSON.parse).
    { name: "limits()", input: "object", run: () => ours.limits(), norm: null },
    // The least a validate call that reports anything costs: one byte of text in, a syntax
    // error's one-issue report out (the same whatever the body column says).
    { name: "validate(\"x\")", input: "text", run: () => ours.validate("x"), norm: null },
  ];
  if (before) {
    // Issue #16's "no speed lost", read in the same run as everything else.
    list.push({ name: "before_16", input: "object", run: (b) => before.validate(b), norm: (_, r) => normalise.ours(r) });
    list.push({ name: "before_16", input: "text", run: (t) => before.validate(t), norm: (_, r) => normalise.ours(r) });
  }
  if (probes) {
    // Issue #16's floors: the parts of `validate`'s call on text, each by itself, and the
    // whole call of the same module, so that the parts and the whole are of one build.
    let kept;
    list.push(
      { name: "probe: validate", input: "text", run: (t) => probes.validate(t), norm: (_, r) => normalise.ours(r) },
      { name: "probe: copy in", input: "text", run: (t) => probes.probe_copy(t), norm: null },
      { name: "probe: core", input: "text", per: CORE_TIMES, run: (t) => probes.probe_core(t, CORE_TIMES), norm: null },
      {
        name: "probe: report out",
        input: "text",
        run: (t) => {
          if (t !== kept) probes.probe_keep((kept = t));
          return probes.probe_report();
        },
        norm: null,
      },
    );
  }
  for (const [name, p] of Object.entries(peers)) {
    list.push({ name, input: "object", run: p.run, norm: p.norm });
    list.push({ name, input: "text", run: (t) => p.run(JSON.parse(t)), norm: p.norm });
  }
  return list;
}

/**
 * Checks every contestant returns the same (pointer, code) set and `valid` as ours on
 * every body. Returns the list of differences (empty when all agree) and ours' answers.
 */
export function agreement(list, bodies, texts) {
  const problems = [];
  const answers = {};
  for (const [name, body] of Object.entries(bodies)) {
    const mine = normalise.ours(list[0].run(body));
    answers[name] = mine;
    const fromText = normalise.ours(list[1].run(texts[name]));
    problems.push(...normalise.differences(`${name}: ours on text`, fromText, mine));
    for (const c of list.slice(2)) {
      if (!c.norm) continue;
      const input = c.input === "text" ? texts[name] : body;
      const theirs = c.norm(body, c.run(input));
      problems.push(...normalise.differences(`${name}: ${c.name} (${c.input})`, theirs, mine));
    }
  }
  return { problems, answers };
}

const now = () => performance.now();

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Calls per batch so one batch takes about `ms`. */
function calibrate(run, input, ms) {
  let n = 1;
  for (;;) {
    const t = now();
    for (let i = 0; i < n; i++) run(input);
    const dt = now() - t;
    if (dt >= ms || n >= 1 << 20) return Math.max(1, Math.ceil((n * ms) / Math.max(dt, 0.001)));
    n *= dt < ms / 8 ? 4 : 2;
  }
}

/**
 * Times every contestant on every body. `rounds: 1, batchMs: 0` is the smoke mode: each
 * call once, no calibration. Returns rows {name, input, body, us (median µs per call), samples}.
 */
export function measure(list, bodies, texts, { rounds, batchMs }) {
  const cells = [];
  for (const c of list) {
    for (const body of Object.keys(bodies)) {
      const input = c.input === "text" ? texts[body] : bodies[body];
      const n = batchMs > 0 ? calibrate(c.run, input, batchMs) : 1;
      cells.push({ c, body, input, n, samples: [] });
    }
  }
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    // Rotate the order every round; ours and the peers alternate within it.
    const order = cells.map((_, i) => cells[(i + r * 7) % cells.length]);
    for (const cell of order) {
      const t = now();
      for (let i = 0; i < cell.n; i++) sink ^= cell.c.run(cell.input) ? 1 : 0;
      cell.samples.push(((now() - t) * 1000) / cell.n);
    }
  }
  return {
    sink,
    rows: cells.map(({ c, body, n, samples }) => ({
      name: c.name,
      input: c.input,
      body,
      calls_per_sample: n,
      // A contestant that does its work `per` times in one call is timed per work.
      us: median(samples) / (c.per ?? 1),
      samples: samples.map((s) => Math.round(s * 100) / 100),
    })),
  };
}
