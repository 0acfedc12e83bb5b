// 100,000 calls leave the instance's memory where the first thousand put it: nothing
// leaks per call (not the JS values handed in, not the reports handed out, not a
// refusal's error path).
import assert from "node:assert/strict";
import { test } from "node:test";
import { corpus, lib, validBody, wasm } from "./helpers.mjs";

test("100,000 validate calls leave memory.buffer.byteLength bounded", () => {
  const bodies = [validBody(), ...corpus().slice(0, 8).map((c) => c.body), "{", NaN, new Proxy({}, { ownKeys() { throw 1; } })];
  const round = (n) => {
    for (let i = 0; i < n; i++) lib.validate(bodies[i % bodies.length]);
  };
  round(1_000);
  const warm = wasm.memory.buffer.byteLength;
  round(100_000);
  const after = wasm.memory.buffer.byteLength;
  // One 64 KiB page of slack for allocator noise; a leak of even 8 bytes a call is 800 KB.
  assert.ok(after - warm <= 65_536, `memory grew from ${warm} to ${after} bytes`);
});

test("the other exports do not leak either", () => {
  const hosts = validBody().execute_batches.flatMap((b) => b.target_instances);
  const round = (n) => {
    for (let i = 0; i < n; i++) {
      lib.build_batches(hosts, { sizes: [2] });
      lib.build_request("u", validBody());
      lib.parse_response(204, "");
      try { lib.parse_response(-1, ""); } catch {}
    }
  };
  round(500);
  const warm = wasm.memory.buffer.byteLength;
  round(10_000);
  assert.ok(wasm.memory.buffer.byteLength - warm <= 65_536);
});
