export * from "./coc_script_exec.js";
export { default } from "./coc_script_exec.js";
export { create_standard_schema, standard_schema } from "./standard_schema.js";
export type { StandardIssue, StandardResult, CocStandardSchema } from "./standard_schema.js";
