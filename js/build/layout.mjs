// Lays out the npm package in the directory wasm-pack wrote (argv[2]), before
// scripts/build-pkg.sh moves it to pkg/:
//   the glue without its default module URL (each entry says where the bytes come from);
//   api.js (every glue function, guarded until the module is loaded) and the entries:
//     index.js   browsers and bundlers: `await init()` fetches the .wasm from beside it
//     node.js    Node, Deno, Bun ("node" condition): reads the .wasm on import
//     node.cjs   the same for require() (Node 18 has no require of ES modules), by esbuild
//     inline.js  "coc-script-exec/inline": the .wasm inlined as base64, compiled on import
//   the declarations (types.mjs), the licences, the README (readme.mjs) and package.json.
// Prints the sizes it measured. Run by scripts/build-pkg.sh.
import { execFileSync } from "node:child_process";
import { copyFileSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import { api_module, glue_functions } from "./api.mjs";
import { package_readme } from "./readme.mjs";
import { WASM_TYPES, commonjs_types, glue_types } from "./types.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const out = process.argv[2].replace(/\/?$/, "/");
const read = (file) => readFileSync(out + file, "utf8");
const write = (file, text) => writeFileSync(out + file, text);

// 1. The glue: its fallback `new URL('coc_script_exec_bg.wasm', import.meta.url)` goes, so
// that the inline and CommonJS entries hold no `import.meta` (an IIFE bundle has none, and
// a bundler would emit the .wasm for it). index.js passes that URL itself.
const DEFAULT_URL = /^( *)if \(module_or_path === undefined\) \{\n *module_or_path = new URL\('coc_script_exec_bg\.wasm', import\.meta\.url\);\n *\}$/m;
let glue = read("coc_script_exec.js");
if (!DEFAULT_URL.test(glue)) throw new Error("layout.mjs: the glue's default module URL was not found; has wasm-bindgen's output changed?");
glue = glue.replace(
  DEFAULT_URL,
  (_, indent) => `${indent}if (module_or_path === undefined) {\n${indent}    throw new Error("coc-script-exec: no module to load (the package's entry passes one)");\n${indent}}`,
);
if (glue.includes("import.meta")) throw new Error("layout.mjs: the glue still reads import.meta");
write("coc_script_exec.js", glue);

// 2. The guarded API and the entries.
write("api.js", api_module(glue_functions(glue)));
for (const f of ["instance.js", "index.js", "node.js", "inline.js", "standard_schema.js", "index.d.ts", "inline.d.ts", "standard_schema.d.ts"]) {
  copyFileSync(`${root}js/${f}`, out + f);
}
const wasm = readFileSync(`${out}coc_script_exec_bg.wasm`);
write("wasm_inline.js", `// The .wasm as base64, for inline.js (written by js/build/layout.mjs).\nexport default "${wasm.toString("base64")}";\n`);

// 3. The declarations.
const dts = glue_types(read("coc_script_exec.d.ts"));
write("coc_script_exec.d.ts", dts);
write("index.d.cts", commonjs_types(dts, read("standard_schema.d.ts")));
write("coc_script_exec_bg.wasm.d.ts", WASM_TYPES);
write("coc_script_exec_bg.wasm.d.cts", WASM_TYPES);

// 4. node.cjs: node.js and all it imports in one CommonJS file; `import.meta.url` (which
// CommonJS lacks) is this file's own URL.
buildSync({
  entryPoints: [`${out}node.js`],
  outfile: `${out}node.cjs`,
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node18",
  banner: { js: '// node.js for require(), bundled by esbuild (js/build/layout.mjs).\nconst __coc_import_meta_url = require("node:url").pathToFileURL(__filename).href;' },
  define: { "import.meta.url": "__coc_import_meta_url" },
  logLevel: "error",
});

// 5. Sizes, licences, README, package.json.
const gzip = (bytes) => execFileSync("gzip", ["-9c"], { input: bytes, maxBuffer: 1 << 26 }).length;
const n = (x) => x.toLocaleString("en-US");
const js = readdirSync(out)
  .filter((f) => f.endsWith(".js") && f !== "wasm_inline.js")
  .concat(readdirSync(`${out}snippets`, { recursive: true }).filter((f) => f.endsWith(".js")).map((f) => `snippets/${f}`))
  .map((f) => readFileSync(out + f));
const inline = readFileSync(`${out}wasm_inline.js`);
const sizes = {
  wasm_bytes: n(wasm.length),
  wasm_gzip: n(gzip(wasm)),
  inline_bytes: n(inline.length),
  inline_gzip: n(gzip(inline)),
  js_bytes: n(js.reduce((s, b) => s + b.length, 0)),
  js_gzip: n(js.reduce((s, b) => s + gzip(b), 0)),
};
for (const f of ["LICENSE-MIT", "LICENSE-APACHE"]) copyFileSync(root + f, out + f);

const pkg = JSON.parse(read("package.json"));
write("README.md", package_readme(root, { ...sizes, version: pkg.version }));
delete pkg.repository; // none until the project has a public one (issue #12)
Object.assign(pkg, {
  main: "index.js",
  module: "index.js",
  types: "index.d.ts",
  // In Node ("node": Deno and Bun too), the entries that read the module on import; the
  // CommonJS one for require(), with its own declarations. Elsewhere, the ES modules.
  exports: {
    ".": {
      node: { require: { types: "./index.d.cts", default: "./node.cjs" }, types: "./index.d.ts", default: "./node.js" },
      types: "./index.d.ts",
      default: "./index.js",
    },
    // In Node the module is read from beside the entry, so "inline" is node.js there too.
    "./inline": {
      node: { require: { types: "./index.d.cts", default: "./node.cjs" }, types: "./index.d.ts", default: "./node.js" },
      types: "./inline.d.ts",
      default: "./inline.js",
    },
    // The module itself, for tools that want its path or URL.
    "./coc_script_exec_bg.wasm": {
      require: { types: "./coc_script_exec_bg.wasm.d.cts", default: "./coc_script_exec_bg.wasm" },
      types: "./coc_script_exec_bg.wasm.d.ts",
      default: "./coc_script_exec_bg.wasm",
    },
    "./package.json": "./package.json",
  },
  files: [
    "index.js", "index.d.ts", "index.d.cts", "node.js", "node.cjs", "inline.js", "inline.d.ts", "wasm_inline.js",
    "api.js", "instance.js", "standard_schema.js", "standard_schema.d.ts",
    "coc_script_exec.js", "coc_script_exec.d.ts", "coc_script_exec_bg.wasm", "coc_script_exec_bg.wasm.d.ts", "coc_script_exec_bg.wasm.d.cts",
    "snippets/", "LICENSE-MIT", "LICENSE-APACHE",
  ],
  // What runs on import: the entries that load the module themselves. A bundler must not
  // skip them when only their re-exports are used. Everything else (snippets/ included)
  // only declares.
  sideEffects: ["./node.js", "./node.cjs", "./inline.js"],
  engines: { node: ">=18" },
});
write("package.json", JSON.stringify(pkg, null, 2) + "\n");

console.error(
  `layout: ${sizes.wasm_bytes} bytes of wasm (${sizes.wasm_gzip} gzipped), inline entry +${sizes.inline_bytes} (${sizes.inline_gzip} gzipped), JS ${sizes.js_bytes} (${sizes.js_gzip} gzipped)`,
);
