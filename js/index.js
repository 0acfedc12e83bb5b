// The package's entry point: everything wasm-bindgen generated from src/wasm/, plus the
// Standard Schema adapter, which is plain JavaScript over `validate`.
export * from "./coc_script_exec.js";
export { default } from "./coc_script_exec.js";
export { create_standard_schema, standard_schema } from "./standard_schema.js";
