// The package's entry for browsers and bundlers: `await init()` fetches the module from
// beside this file (bundlers that follow `new URL(..., import.meta.url)` emit it as an
// asset: Vite, webpack, Parcel, Next.js), then every export works. Node, Deno and Bun get
// node.js instead (package.json's "node" condition), which needs no call.
import { instantiate } from "./instance.js";

export * from "./api.js";
export { initSync } from "./instance.js";
export { create_standard_schema, standard_schema } from "./standard_schema.js";

/**
 * Loads and instantiates the module: from `{ module_or_path }` when given (a URL, a `Response`,
 * bytes or a compiled module, or a promise of one), else from beside this file.
 */
export default function init(input) {
  return instantiate(input ?? { module_or_path: new URL("./coc_script_exec_bg.wasm", import.meta.url) });
}
