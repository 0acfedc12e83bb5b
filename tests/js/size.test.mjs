// The module's size cannot creep back (issue #16): the shipped .wasm and its JS glue,
// gzipped at level 9, against benches/size/budget.json. A size is deterministic for one
// build, unlike a timing, so this is a test and the timings are benchmarks.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { gzipSync } from "node:zlib";
import { pkgDir, root } from "./helpers.mjs";

const budget = JSON.parse(readFileSync(`${root}benches/size/budget.json`, "utf8"));
const gz = (file) => gzipSync(readFileSync(`${pkgDir}${file}`), { level: 9 }).length;

test("the .wasm and its glue, gzipped, stay under the ceiling (and say how far the target is)", (t) => {
  const bytes = gz("coc_script_exec_bg.wasm") + gz("coc_script_exec.js");
  t.diagnostic(`.wasm + glue, gzip -9: ${bytes} bytes; ceiling ${budget.ceiling_gzip_bytes}; target ${budget.target_gzip_bytes}`);
  assert.ok(bytes <= budget.ceiling_gzip_bytes, `${bytes} bytes gzipped, over the ceiling of ${budget.ceiling_gzip_bytes}`);
  assert.ok(budget.ceiling_gzip_bytes >= budget.target_gzip_bytes, "the ceiling is never below the target");
});
