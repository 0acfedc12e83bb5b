// Rewrites a copy of this crate's sources (the directory given) so that its wasm module
// exports only `validate` and `limits`: every other `#[wasm_bindgen(js_name = ...)]`
// export becomes a plain Rust function that nothing calls, which LTO drops with all it
// alone reaches. scripts/floor.sh builds the result into target/floor/judge: the module that
// only judges, the floor of issue #16's size and cold-start targets (BENCHMARKS.md). A
// rewrite of a copy, not a Cargo feature: a feature would need a `cfg_attr` on each export
// and on each of its parameters' attributes. Nor the shipped module with its other exports
// cut out afterwards (binaryen's wasm-metadce, then wasm-opt -O3): that gives 144,617 bytes,
// 59,508 gzipped, against 125,234 and 54,612 from the sources, as LLVM then inlines and folds
// what only the two exports reach (session 14, by hand).
//
//   node benches/floor/judge_only.mjs <copy of the tree>
import { readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const KEPT = ["validate", "limits"];
const FILES = ["src/wasm/mod.rs", "src/wasm/hosts.rs", "src/wasm/rollout.rs"];
const EXPORT = /^#\[wasm_bindgen\(js_name = (\w+)[^\n]*\)\]\n/gm;
const PARAM = /#\[wasm_bindgen\(unchecked_(?:optional_)?param_type = "[^"]*"\)\]\s*/g;

/** The text with every export but `kept` unexported; the names it unexported. */
export function judgeOnly(text, kept = KEPT) {
  const dropped = [];
  const starts = [...text.matchAll(EXPORT)];
  let out = text.slice(0, starts[0]?.index ?? text.length);
  starts.forEach((m, i) => {
    const end = i + 1 < starts.length ? starts[i + 1].index : text.length;
    const part = text.slice(m.index, end);
    if (kept.includes(m[1])) {
      out += part;
    } else {
      dropped.push(m[1]);
      // Only exports carry parameter attributes, so the part up to the next export is
      // this function's signature, its body and plain helpers.
      out += "#[allow(dead_code)]\n" + part.slice(m[0].length).replace(PARAM, "");
    }
  });
  return { text: out, dropped };
}

// Run as a script (not imported: benches/js/build.mjs reads KEPT).
if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv[2]) {
  const dropped = [];
  for (const f of FILES) {
    const path = join(process.argv[2], f);
    const r = judgeOnly(readFileSync(path, "utf8"));
    // The file keeps the time of the source it was rewritten from, so that cargo rebuilds
    // the copy when the source changed and not otherwise.
    const { atime, mtime } = statSync(path);
    writeFileSync(path, r.text);
    utimesSync(path, atime, mtime);
    dropped.push(...r.dropped);
  }
  if (!dropped.length) throw new Error("judge_only: no export found to drop (did the sources change shape?)");
  console.error(`judge_only: kept ${KEPT.join(", ")}; unexported ${dropped.join(", ")}`);
}
