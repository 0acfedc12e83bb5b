// `standard_schema`: `validate` as a Standard Schema V1 validator (https://standardschema.dev),
// so form libraries that take one (TanStack Form, React Hook Form's resolver, ...) take it as
// it is. It is also a Standard JSON Schema V1, handing out `json_schema(revision)`.
// `create_standard_schema({locale, revision})` makes one for other options.
//
// The rules stay in Rust: this file only reshapes a report. Errors become issues (warnings
// do not stop a form), and each JSON Pointer becomes key segments, array indexes as numbers.
import { json_schema, validate } from "./api.js";
import { ensure_ready } from "./instance.js";

/** "/execute_batches/0/batch_index" -> ["execute_batches", 0, "batch_index"] (RFC 6901). */
function segments(pointer) {
  if (pointer === "") return undefined;
  return pointer
    .slice(1)
    .split("/")
    .map((s) => (/^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s.replaceAll("~1", "/").replaceAll("~0", "~")));
}

/** The options a call judges by: the schema's own, then `libraryOptions.locale`. */
function call_options(base, options) {
  const locale = options?.libraryOptions?.locale ?? base.locale;
  return { ...base, ...(locale === undefined ? {} : { locale }) };
}

function standard_validate(base, value, options) {
  ensure_ready('standard_schema["~standard"].validate()');
  const report = validate(value, call_options(base, options));
  if (report.valid) {
    // Text is judged as the body it parses to, and that body is the output.
    return { value: typeof value === "string" ? JSON.parse(value) : value };
  }
  const errors = report.issues.filter((issue) => issue.severity === "error");
  // R-LIMIT may have dropped every error from the list; its `truncated` issue says so.
  const shown = errors.length > 0 ? errors : report.issues;
  return { issues: shown.map((issue) => ({ message: issue.message, path: segments(issue.path) })) };
}

function schema_for(base, options) {
  if (options?.target !== "draft-2020-12") {
    throw new Error(`coc-script-exec: only the "draft-2020-12" JSON Schema target is supported`);
  }
  return json_schema(base.revision);
}

/**
 * A Standard Schema for these options (`locale`, `revision`). An unknown revision throws
 * a TypeError here, once, rather than on every keystroke.
 */
export function create_standard_schema(options) {
  const base = {};
  if (options?.locale != null) base.locale = options.locale;
  if (options?.revision != null) {
    if (options.revision !== "page" && options.revision !== "current") {
      throw new TypeError(`coc-script-exec: revision must be "page" or "current"; got ${JSON.stringify(options.revision)}`);
    }
    base.revision = options.revision;
  }
  const input = (o) => schema_for(base, o);
  return Object.freeze({
    "~standard": Object.freeze({
      version: 1,
      vendor: "coc-script-exec",
      validate: (value, o) => standard_validate(base, value, o),
      jsonSchema: Object.freeze({ input, output: input }),
    }),
  });
}

/** The Standard Schema of the default options (English, revision "page"). */
export const standard_schema = create_standard_schema();
