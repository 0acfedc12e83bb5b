// The two esbuild recipes of the README: ESM with the .wasm copied beside the bundle, and
// an IIFE with the inlined entry.
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { build } from "esbuild";

const page = (script) => `<!doctype html><html><head><meta charset="utf-8"></head><body>${script}</body></html>`;
mkdirSync("dist/esm", { recursive: true });
mkdirSync("dist/iife", { recursive: true });
await build({ entryPoints: ["main-esm.js"], bundle: true, format: "esm", outfile: "dist/esm/main.js", logLevel: "warning" });
copyFileSync(createRequire(import.meta.url).resolve("coc-script-exec/coc_script_exec_bg.wasm"), "dist/esm/coc_script_exec_bg.wasm");
writeFileSync("dist/esm/index.html", page('<script type="module" src="main.js"></script>'));
await build({ entryPoints: ["main-iife.js"], bundle: true, format: "iife", outfile: "dist/iife/main.js", logLevel: "warning" });
writeFileSync("dist/iife/index.html", page('<script src="main.js"></script>'));
