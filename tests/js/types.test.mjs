// The package's TypeScript: the generated .d.ts matches the committed reference copy; no
// declaration the package ships says `any`; a consumer using narrowed results passes
// `tsc --strict`; a Node-only consumer (no DOM lib, no @types/node, skipLibCheck: false)
// passes through the package's `exports`, as ES module and CommonJS;
// and every export's real output, for a spread of inputs, type-checks against the declared
// result type as an object literal, so a field missing, extra or of another type than the
// Rust side serializes fails here.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { corpus, lib, pkgDir, root, validBody } from "./helpers.mjs";

const tsc = join(root, "node_modules/.bin/tsc");
const dts = readFileSync(`${pkgDir}coc_script_exec.d.ts`, "utf8");

/** Runs tsc; fails the test with its diagnostics. */
function typecheck(args) {
  try {
    execFileSync(tsc, args, { cwd: root, encoding: "utf8", stdio: "pipe" });
  } catch (e) {
    assert.fail(`tsc ${args.join(" ")}\n${e.stdout}${e.stderr}`);
  }
}

test("the generated .d.ts is the committed reference (tests/js/coc_script_exec.d.ts.ref)", () => {
  const ref = readFileSync(new URL("coc_script_exec.d.ts.ref", import.meta.url), "utf8");
  assert.equal(dts, ref, "pkg/coc_script_exec.d.ts changed: review it, then copy it over the .ref");
});

test("no declaration the package ships says any, InitOutput included", () => {
  const code = (text) => text.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  const files = readdirSync(pkgDir).filter((f) => /\.d\.c?ts$/.test(f));
  for (const f of ["coc_script_exec.d.ts", "index.d.ts", "index.d.cts", "inline.d.ts", "standard_schema.d.ts", "coc_script_exec_bg.wasm.d.ts"]) {
    assert.ok(files.includes(f), `${f} is not in pkg/`);
  }
  for (const f of files) assert.doesNotMatch(code(readFileSync(pkgDir + f, "utf8")), /\bany\b/, f);
});

test("a Node-only consumer type-checks through the package's exports (no DOM lib, skipLibCheck: false)", () => {
  const dir = mkdtempSync(join(tmpdir(), "coc-node-types-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(pkgDir, join(dir, "node_modules", "coc-script-exec"), "dir");
    copyFileSync(new URL("consumer-node.ts", import.meta.url), join(dir, "consumer-node.ts"));
    copyFileSync(new URL("consumer-cjs.cts", import.meta.url), join(dir, "consumer-cjs.cts"));
    writeFileSync(join(dir, "package.json"), '{ "type": "module" }');
    const base = { strict: true, exactOptionalPropertyTypes: true, noEmit: true, skipLibCheck: false, target: "es2022", lib: ["es2022"], types: [] };
    const projects = {
      "tsconfig.nodenext.json": { compilerOptions: { ...base, module: "nodenext", moduleResolution: "nodenext" }, files: ["consumer-node.ts", "consumer-cjs.cts"] },
      "tsconfig.bundler.json": { compilerOptions: { ...base, module: "preserve", moduleResolution: "bundler" }, files: ["consumer-node.ts"] },
    };
    for (const [name, config] of Object.entries(projects)) {
      writeFileSync(join(dir, name), JSON.stringify(config));
      typecheck(["-p", join(dir, name)]);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("a consumer with narrowed results passes tsc --strict", () => {
  typecheck(["-p", "tests/js/tsconfig.json"]);
});

test("real outputs type-check against the declared result types", () => {
  const hosts = validBody().execute_batches.flatMap((b) => b.target_instances);
  const samples = [
    ...corpus().map((c) => ["Report", lib.validate(c.body)]),
    ["Report", lib.validate("{", { locale: "zh-CN" })],
    ["Report", lib.validate({ extra: Array.from({ length: 120 }, () => ({})), ...Object.fromEntries(Array.from({ length: 120 }, (_, i) => [`k${i}`, 1])) })],
    ["BatchesResult", lib.build_batches(hosts)],
    ["BatchesResult", lib.build_batches(hosts, { sizes: ["50%", 1], group_by: "region_id", pause: "every" })],
    ["BatchesResult", lib.build_batches([{ resource_id: "" }, 5], { sizes: [0], x: 1 })],
    ["RequestResult", lib.build_request("s-1", validBody(), { token: "t" })],
    ["RequestResult", lib.build_request("", "{", { endpoint: "ftp://x" })],
    ["Outcome", lib.parse_response(200, '{"data":"e"}')],
    ["Outcome", lib.parse_response(204, "")],
    ["Outcome", lib.parse_response(204, '{"error_code":"COC.00040701","error_msg":"no"}')],
    ["Outcome", lib.parse_response(502, "bad gateway")],
    ["Limits", lib.limits()],
    ["JsonSchema", lib.json_schema()],
  ];
  const names = [...new Set(samples.map(([type]) => type))];
  const lines = [
    `import type { ${names.join(", ")} } from "coc-script-exec";`,
    ...samples.map(([type, value], i) => `export const s${i}: ${type} = ${JSON.stringify(value)};`),
  ];
  const dir = mkdtempSync(join(tmpdir(), "coc-types-"));
  try {
    writeFileSync(join(dir, "samples.ts"), lines.join("\n") + "\n");
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          exactOptionalPropertyTypes: true,
          noEmit: true,
          target: "es2022",
          lib: ["es2022", "dom"],
          module: "nodenext",
          moduleResolution: "nodenext",
          types: [],
          paths: { "coc-script-exec": [`${pkgDir}index.d.ts`] },
        },
        files: ["samples.ts"],
      }),
    );
    typecheck(["-p", join(dir, "tsconfig.json")]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
