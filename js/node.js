// The package's entry in Node, Deno and Bun (package.json's "node" condition; node.cjs is
// this file built for `require`): the module's bytes are read synchronously from beside this
// file on import, so every export works with no init call, and `await init()` (the browser
// way) only hands back the instance.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ensure_ready, failed_on_import, initSync, instantiate } from "./instance.js";

export * from "./api.js";
export { initSync } from "./instance.js";
export { create_standard_schema, standard_schema } from "./standard_schema.js";

// A bundler building server code (Next.js's Turbopack) follows this `new URL` and emits the
// .wasm with its output. The path goes to readFileSync as text: the URL object a bundled
// module makes need not be one Node's fs recognises. Where it cannot be read (Next.js
// prerendering a client component hands a URL of its client assets), importing still
// succeeds: the exports then throw an Error that says why and what to call, and nothing
// breaks unless they are called there.
let instance;
try {
  const wasm_url = new URL("./coc_script_exec_bg.wasm", import.meta.url);
  instance = initSync({ module: readFileSync(fileURLToPath(wasm_url.href)) });
} catch (err) {
  failed_on_import(err?.message ?? String(err));
}

/**
 * The instance, which importing this file made already; if that failed, the module loaded
 * from `input` as in a browser (`{ module_or_path }`: bytes, a compiled module, a Response).
 */
export default async function init(input) {
  if (instance !== undefined) return instance;
  if (input === undefined) ensure_ready("init()"); // throws, saying why the read failed
  instance = await instantiate(input);
  return instance;
}
