// Builds what the harness loads, into target/bench-js/ (generated, never committed):
//   ajv_standalone.mjs   ajv's precompiled validate function for our json_schema()
//   suite.js             the contestants and the timing loop, one ES module for Node and Chromium
//   cold/<name>.js       one minified bundle per contestant for the cold-start pages
//   size/<name>.js       each peer's minified bundle for the same schema (the size table)
// and returns the byte counts of the size table.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import Ajv2020 from "ajv/dist/2020.js";
import standaloneCode from "ajv/dist/standalone/index.js";

import { AJV_OPTIONS } from "./peers/ajv.mjs";
import { KEPT } from "../floor/judge_only.mjs";

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, "..", "..");
export const OUT = join(ROOT, "target", "bench-js");
export const PKG = join(ROOT, "pkg");
/** The package before issue #16 (108a581), built by scripts/before16.sh; absent, the run goes without it. */
export const BEFORE_PKG = join(ROOT, "target", "before16", "pkg");
export const HAS_BEFORE = existsSync(join(BEFORE_PKG, "coc_script_exec_bg.wasm"));
/** The modules of issue #16's floors, built by scripts/floor.sh; absent, the run goes without them. */
export const JUDGE_PKG = join(ROOT, "target", "floor", "judge");
export const PROBES_PKG = join(ROOT, "target", "floor", "probes");
export const HAS_JUDGE = existsSync(join(JUDGE_PKG, "coc_script_exec_bg.wasm"));
export const HAS_PROBES = existsSync(join(PROBES_PKG, "coc_script_exec_bg.wasm"));

/** Our package, instantiated in Node. */
export async function loadOurs() {
  const ours = await import(join(PKG, "index.js"));
  ours.initSync({ module: readFileSync(join(PKG, "coc_script_exec_bg.wasm")) });
  return ours;
}

/** A wasm-bindgen module of the web target in `dir`, instantiated in Node, or null when `has` is false. */
async function loadGlue(dir, has) {
  if (!has) return null;
  const glue = await import(join(dir, "coc_script_exec.js"));
  glue.initSync({ module: readFileSync(join(dir, "coc_script_exec_bg.wasm")) });
  return glue;
}

/** The package before issue #16, instantiated in Node, or null when it was not built. */
export const loadBefore16 = () => loadGlue(BEFORE_PKG, HAS_BEFORE);

/** The module with the probes (src/wasm/probes.rs), instantiated in Node, or null when it was not built. */
export const loadProbes = () => loadGlue(PROBES_PKG, HAS_PROBES);

const gz = (bytes) => gzipSync(bytes, { level: 9 }).length;

/** The cold-start entry of one contestant: build its validator, judge the small body once. */
function coldEntry(name) {
  const small = "import small from '../../../benches/bodies/small.json' with { type: 'json' };\n";
  // Each run() marks its start ("cold:run": the bundle is fetched and evaluated); ours also
  // marks the end of instantiating ("cold:init").
  // A wasm package: its run() instantiates the module (the .wasm fetch the page started).
  const wasmEntry = (glue) =>
    `import init, { validate } from '${glue}';\n${small}` +
    "export async function run(wasm) { performance.mark('cold:run'); await init({ module_or_path: wasm }); " +
    "performance.mark('cold:init'); return validate(small); }\n";
  const peer = (imports, call) =>
    `${imports}\n${small}export async function run() { performance.mark("cold:run"); return ${call}; }\n`;
  switch (name) {
    case "ours":
      return wasmEntry("../../../pkg/index.js");
    case "before_16":
      return wasmEntry("../../before16/pkg/coc_script_exec.js");
    case "judge_only":
      return wasmEntry("../../floor/judge/coc_script_exec.js");
    case "zod":
      return peer("import { validate } from '../../../benches/js/peers/zod.mjs';", "validate(small)");
    case "valibot":
      return peer("import { validate } from '../../../benches/js/peers/valibot.mjs';", "validate(small)");
    case "ajv":
      return peer(
        "import { compile, judge } from '../../../benches/js/peers/ajv.mjs';\n" +
          "import schema from '../schema.json' with { type: 'json' };",
        "judge(compile(schema), small)",
      );
    case "ajv_standalone":
      return peer(
        "import { judge } from '../../../benches/js/peers/ajv.mjs';\nimport check from '../ajv_standalone.mjs';",
        "judge(check, small)",
      );
    default:
      throw new Error(name);
  }
}

export const COLD = [
  "ours",
  "zod",
  "valibot",
  "ajv",
  "ajv_standalone",
  ...(HAS_BEFORE ? ["before_16"] : []),
  ...(HAS_JUDGE ? ["judge_only"] : []),
];
/** The contestants of COLD that are wasm modules, and where their .wasm is. */
export const WASM_OF = { ours: PKG, before_16: BEFORE_PKG, judge_only: JUDGE_PKG };

/** The module that only judges must export what judge_only.mjs keeps (`validate`, `limits`) and none of the package's other functions. */
function checkJudgeOnly() {
  const functions = (dir) =>
    WebAssembly.Module.exports(new WebAssembly.Module(readFileSync(join(dir, "coc_script_exec_bg.wasm"))))
      .filter((e) => e.kind === "function" && !e.name.startsWith("__") && e.name !== "start")
      .map((e) => e.name);
  const judge = functions(JUDGE_PKG);
  const extra = judge.filter((n) => functions(PKG).includes(n) && !KEPT.includes(n));
  if (!KEPT.every((n) => judge.includes(n)) || extra.length) {
    throw new Error(`target/floor/judge exports ${judge.join(", ")}: not ${KEPT.join(" and ")} alone (scripts/floor.sh)`);
  }
}

export async function build(ours) {
  mkdirSync(join(OUT, "cold"), { recursive: true });
  mkdirSync(join(OUT, "size"), { recursive: true });
  const schema = ours.json_schema();
  writeFileSync(join(OUT, "schema.json"), JSON.stringify(schema));
  const ajv = new Ajv2020(AJV_OPTIONS);
  writeFileSync(join(OUT, "ajv_standalone.mjs"), standaloneCode(ajv, ajv.compile(schema)));

  const common = { bundle: true, format: "esm", platform: "browser", target: "es2022", logLevel: "error" };
  // The suite: pkg stays outside (loaded by the page or by Node), peers are bundled in.
  await esbuild.build({
    ...common,
    stdin: {
      contents:
        "export * from '../../benches/js/suite.mjs';\n" +
        "export { default as standalone } from './ajv_standalone.mjs';\n" +
        "export * as normalise from '../../benches/js/normalise.mjs';\n",
      resolveDir: OUT,
      sourcefile: "suite-entry.mjs",
    },
    outfile: join(OUT, "suite.js"),
  });
  const sizes = {};
  for (const name of COLD) {
    const file = join(OUT, "cold", `${name}.js`);
    await esbuild.build({
      ...common,
      minify: true,
      stdin: { contents: coldEntry(name), resolveDir: join(OUT, "cold"), sourcefile: `${name}-entry.mjs` },
      outfile: file,
    });
    // The size table: the same bundle without the body (a module that builds the validator).
    const sizeFile = join(OUT, "size", `${name}.js`);
    await esbuild.build({
      ...common,
      minify: true,
      stdin: {
        contents: coldEntry(name).replace(/import small .*\n/, "const small = {};\n"),
        resolveDir: join(OUT, "cold"),
        sourcefile: `${name}-size.mjs`,
      },
      outfile: sizeFile,
    });
    const bytes = readFileSync(sizeFile);
    sizes[name] = { js_raw: bytes.length, js_gzip: gz(bytes) };
  }
  if (HAS_JUDGE) checkJudgeOnly();
  for (const name of COLD.filter((n) => n in WASM_OF)) {
    const wasm = readFileSync(join(WASM_OF[name], "coc_script_exec_bg.wasm"));
    const glue = readFileSync(join(WASM_OF[name], "coc_script_exec.js"));
    sizes[name] = {
      ...sizes[name],
      wasm_raw: wasm.length,
      wasm_gzip: gz(wasm),
      glue_raw: glue.length,
      glue_gzip: gz(glue),
    };
  }
  return sizes;
}
