// Types of standard_schema.js, structurally a StandardSchemaV1 and a StandardJSONSchemaV1
// (https://standardschema.dev) without depending on @standard-schema/spec.
import type { CurrentScriptExecuteRequest, JsonSchema, Locale, Options, ScriptExecuteRequest } from "./coc_script_exec.js";

/** A Standard Schema issue: the message, and the path as key segments. */
export interface StandardIssue {
  readonly message: string;
  /** `["execute_batches", 0, "batch_index"]`; absent for the body as a whole. */
  readonly path?: ReadonlyArray<string | number> | undefined;
}

/** The result of `standard_schema["~standard"].validate`: the body, or the errors. */
export type StandardResult<T = ScriptExecuteRequest> =
  | { readonly value: T; readonly issues?: undefined }
  | { readonly issues: ReadonlyArray<StandardIssue> };

/** The type of `standard_schema`. */
export interface CocStandardSchema<T = ScriptExecuteRequest> {
  readonly "~standard": {
    readonly version: 1;
    readonly vendor: "coc-script-exec";
    /** Synchronous; `libraryOptions.locale` picks the message language. */
    readonly validate: (
      value: unknown,
      options?: { readonly libraryOptions?: { readonly locale?: Locale } | Record<string, unknown> | undefined } | undefined,
    ) => StandardResult<T>;
    readonly types?: { readonly input: T; readonly output: T } | undefined;
    readonly jsonSchema: {
      /** Only `target: "draft-2020-12"`; throws for any other target. */
      readonly input: (options: { readonly target: string }) => JsonSchema;
      readonly output: (options: { readonly target: string }) => JsonSchema;
    };
  };
}

/** `validate` as a Standard Schema V1 (and Standard JSON Schema V1) validator. */
export declare const standard_schema: CocStandardSchema;

/** A Standard Schema judging by these options (`locale`, `revision`); throws a TypeError for an unknown revision. */
export declare function create_standard_schema(
  options?: Options,
): CocStandardSchema<ScriptExecuteRequest | CurrentScriptExecuteRequest>;
