// The package's declarations, from wasm-bindgen's: its init block (which names the DOM's
// RequestInfo, BufferSource and WebAssembly, and types the raw exports with `any`) replaced
// by init.d.ts, which names no DOM or Node type; `Headers` made FetchHeaders; one CommonJS
// copy of it all for `require` (index.d.cts); and a declaration for the .wasm subpath.
import { readFileSync } from "node:fs";

const INIT_BLOCK = /^export type InitInput = [\s\S]*$/m;

/** The glue's .d.ts with its init block replaced by init.d.ts. */
export function glue_types(dts) {
  if (!INIT_BLOCK.test(dts)) throw new Error("types.mjs: wasm-bindgen's init block (`export type InitInput`) was not found");
  const init = readFileSync(new URL("init.d.ts", import.meta.url), "utf8");
  const out = dts.replace(INIT_BLOCK, init).replaceAll("| Headers)", "| FetchHeaders)");
  const code = out.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  for (const dom of [/\bRequestInfo\b/, /\bBufferSource\b/, /\bWebAssembly\.\w/, /\bHeaders\)/]) {
    if (dom.test(code)) throw new Error(`types.mjs: the .d.ts still names a DOM type (${dom.source})`);
  }
  return out;
}

/**
 * index.d.cts: the same declarations as index.d.ts, in one file, for `require`. A .d.cts
 * cannot re-export the ES module declarations, so the glue's and standard_schema's are
 * concatenated, the latter without its import of the former.
 */
export function commonjs_types(glue_dts, standard_schema_dts) {
  const own = standard_schema_dts.replace(/^import type \{[^}]*\} from "\.\/coc_script_exec\.js";\n/m, "");
  if (own === standard_schema_dts) throw new Error("types.mjs: standard_schema.d.ts's import of coc_script_exec.js was not found");
  return `// The declarations of "coc-script-exec" for require() (node.cjs): coc_script_exec.d.ts and\n// standard_schema.d.ts in one file, written by js/build/types.mjs.\n${glue_dts}\n${own}`;
}

/** The .wasm subpath's declaration: the file is for resolving and fetching, not importing. */
export const WASM_TYPES = `// "coc-script-exec/coc_script_exec_bg.wasm" is the WebAssembly module itself, for a tool that
// wants its path or URL (require.resolve, import.meta.resolve, a bundler's asset import).
// Its exports are the glue's internals, not an API: import "coc-script-exec" instead.
export {};
`;
