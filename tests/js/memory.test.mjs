// 100,000 calls of every export leave the instance's memory where the first thousand put it: nothing
// leaks per call (not the JS values handed in, not the reports handed out, not a
// refusal's error path).
import assert from "node:assert/strict";
import { test } from "node:test";
import { corpus, lib, validBody, wasm } from "./helpers.mjs";

test("100,000 validate calls leave memory.buffer.byteLength bounded", () => {
  // One of each way through validate: a plain object, its text, a syntax error, a
  // stand-in (NaN), a getter that throws, a cycle (R-SIZE), and a report cut by R-LIMIT.
  const cyclic = validBody();
  cyclic.self = cyclic;
  const throwing = Object.defineProperty(validBody(), "execute_param", { enumerable: true, get() { throw 1; } });
  const manyIssues = corpus().find((c) => c.name === "E2-201-hosts").body;
  manyIssues.execute_batches.forEach((b) => b.target_instances.forEach((h) => { h.agent_sn = ""; }));
  const cheap = [validBody(), JSON.stringify(validBody()), "{", { ...validBody(), execute_param: { timeout: NaN } }, throwing];
  const costly = [cyclic, manyIssues]; // milliseconds each: fewer of them
  const round = (n) => {
    for (let i = 0; i < n; i++) {
      lib.validate(cheap[i % cheap.length]);
      if (i % 200 === 0) costly.forEach((body) => lib.validate(body));
    }
  };
  round(1_000);
  const warm = wasm.memory.buffer.byteLength;
  round(100_000);
  const after = wasm.memory.buffer.byteLength;
  // One 64 KiB page of slack for allocator noise; a leak of even 8 bytes a call is 800 KB.
  assert.ok(after - warm <= 65_536, `memory grew from ${warm} to ${after} bytes`);
});

// Every other export, 100,000 calls each, measured alone after its own warm-up.
const hosts = validBody().execute_batches.flatMap((b) => b.target_instances);
const body = validBody();
const others = {
  build_batches: (i) => (i % 2 ? lib.build_batches(hosts, { sizes: [2], pause: "first" }) : lib.build_batches([{}, 1], { sizes: ["x"] })),
  build_request: (i) => (i % 2 ? lib.build_request("u", body, { token: "t", locale: "zh-CN" }) : lib.build_request("", "{", { endpoint: "ftp://x" })),
  parse_response: (i) => {
    if (i % 2) return lib.parse_response(200, '{"data":"SCT2024"}');
    try { return lib.parse_response(-1, ""); } catch { return null; } // a refusal's error path
  },
  limits: () => lib.limits(),
  json_schema: () => lib.json_schema(),
};
for (const [name, call] of Object.entries(others)) {
  test(`100,000 ${name} calls leave memory.buffer.byteLength bounded`, () => {
    const round = (n) => { for (let i = 0; i < n; i++) call(i); };
    round(1_000);
    const warm = wasm.memory.buffer.byteLength;
    round(100_000);
    const after = wasm.memory.buffer.byteLength;
    assert.ok(after - warm <= 65_536, `${name}: memory grew from ${warm} to ${after} bytes`);
  });
}
