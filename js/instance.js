// The one WebAssembly instance behind every export, and how it comes to be. The entry points
// (index.js, node.js, inline.js) decide where the module's bytes come from; none of this
// file's names but `initSync` is part of the package's API, and package.json's `exports`
// does not list it.
import glue_init, { initSync as glue_init_sync } from "./coc_script_exec.js";

/** The instance's exports once instantiated (`InitOutput`), else undefined. */
let instance;
/** The load under way, so that two `init()` calls at once make one instance. */
let loading;
/** Why an entry that loads the module on import could not (node.js), for the Error below. */
let failure;

/** Records why the module could not be loaded on import; the exports' Error will say it. */
export function failed_on_import(reason) {
  failure = reason;
}

/** Throws, saying what to call, unless the module is instantiated. */
export function ensure_ready(name) {
  if (instance !== undefined) return;
  if (failure !== undefined) {
    throw new Error(
      `coc-script-exec: ${name} was called, but the WebAssembly module could not be read on import ` +
        `(${failure}). Hand it its bytes first: initSync({ module: bytes }) or \`await init({ module_or_path })\`.`,
    );
  }
  throw new Error(
    `coc-script-exec: ${name} was called before the WebAssembly module was loaded. ` +
      'In a browser or a bundler, call `await init()` first (import init from "coc-script-exec"), ' +
      'or import from "coc-script-exec/inline", which needs no call; in Node, Deno and Bun, ' +
      'importing "coc-script-exec" loads it.',
  );
}

/**
 * Instantiates the module from `input` (the glue's `{ module_or_path }`); later calls hand
 * back the first instance, as the glue does. A load that failed may be tried again.
 */
export function instantiate(input) {
  if (instance !== undefined) return Promise.resolve(instance);
  loading ??= glue_init(input).then(
    (out) => (instance = out),
    (err) => {
      loading = undefined;
      throw err;
    },
  );
  return loading;
}

/** Instantiates the module synchronously from its bytes or a compiled module (`{ module }`). */
export function initSync(input) {
  if (instance !== undefined) return instance;
  if (input === undefined) {
    throw new Error("coc-script-exec: initSync needs the module: initSync({ module: bytes }), or call `await init()`");
  }
  instance = glue_init_sync(input);
  return instance;
}
