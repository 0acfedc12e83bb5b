// "coc-script-exec/inline": the module's bytes inlined in JavaScript (wasm_inline.js, base64,
// written by the build), for bundlers that do not follow `new URL(..., import.meta.url)`
// (esbuild, Rollup without a plugin) and for IIFE bundles, which have no `import.meta`.
// The module is compiled synchronously on import, so every export works with no init call;
// `await init()` only hands back the instance. It costs the base64 text: a third more bytes
// than the .wasm, about 40% more gzipped (the package README gives this build's numbers).
import base64 from "./wasm_inline.js";
import { initSync } from "./instance.js";

export * from "./api.js";
export { initSync } from "./instance.js";
export { create_standard_schema, standard_schema } from "./standard_schema.js";

function decode(text) {
  if (typeof Uint8Array.fromBase64 === "function") return Uint8Array.fromBase64(text);
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

const instance = initSync({ module: decode(base64) });

/** The instance, which importing this file made already. */
export default async function init() {
  return instance;
}
