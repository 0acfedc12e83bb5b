// Shared by the JS tests: the built package (pkg/, from scripts/build-pkg.sh), loaded the
// way Node users load it (initSync with the .wasm that ships), and the shared corpus.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = fileURLToPath(new URL("../../", import.meta.url));
export const pkgDir = `${root}pkg/`;

export const lib = await import(`${pkgDir}index.js`);
/** The instance's exports (its `memory` among them). */
export const wasm = lib.initSync({ module: readFileSync(`${pkgDir}coc_script_exec_bg.wasm`) });

/** Every body of tests/fixtures/corpus: `{ name, text, body }`, sorted by name. */
export function corpus() {
  const dir = `${root}tests/fixtures/corpus/`;
  return readdirSync(dir)
    .filter((f) => f.endsWith(".json"))
    .sort()
    .map((f) => {
      const text = readFileSync(dir + f, "utf8");
      return { name: f.slice(0, -5), text, body: JSON.parse(text) };
    });
}

/** A body `validate` accepts, built fresh each call. */
export function validBody() {
  return corpus().find((c) => c.name === "valid-full").body;
}

/** Throws unless `value` is plain JSON data: plain objects and arrays, finite numbers,
 * strings, booleans and null; no undefined, Map, class instance or hole anywhere. */
export function assertPlainJson(value, at = "") {
  if (value === null || typeof value === "string" || typeof value === "boolean") return;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`${at}: non-finite number`);
    return;
  }
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) throw new Error(`${at}/${i}: hole`);
      assertPlainJson(value[i], `${at}/${i}`);
    }
    return;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    for (const [k, v] of Object.entries(value)) assertPlainJson(v, `${at}/${k}`);
    return;
  }
  throw new Error(`${at}: not plain JSON (${typeof value} ${Object.prototype.toString.call(value)})`);
}

/** What `tsc --strict` (exactOptionalPropertyTypes, nodenext) says of a TypeScript source
 * importing the built package's types: "" when it type-checks. */
export function typeErrors(source) {
  const dir = mkdtempSync(join(tmpdir(), "coc-types-"));
  try {
    writeFileSync(join(dir, "samples.ts"), source);
    writeFileSync(join(dir, "tsconfig.json"), JSON.stringify({
      compilerOptions: {
        strict: true, exactOptionalPropertyTypes: true, noEmit: true, target: "es2022", lib: ["es2022", "dom"],
        module: "nodenext", moduleResolution: "nodenext", types: [], paths: { "coc-script-exec": [`${pkgDir}index.d.ts`] },
      },
      files: ["samples.ts"],
    }));
    execFileSync(join(root, "node_modules/.bin/tsc"), ["-p", join(dir, "tsconfig.json")], { cwd: root, encoding: "utf8", stdio: "pipe" });
    return "";
  } catch (e) {
    return `${e.stdout}${e.stderr}`;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
