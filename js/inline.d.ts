// "coc-script-exec/inline": the same API as the package's main entry; the module is loaded
// on import, so `init()` is optional there.
export * from "./index.js";
export { default } from "./index.js";
