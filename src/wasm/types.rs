//! The TypeScript names of the JSON shapes the exports take and return, written into the
//! generated `.d.ts` next to the signatures wasm-bindgen writes from `mod.rs`.
//!
//! Each interface states what serde writes for the Rust type of the same name (field
//! names, `Option` as `| null` or `?` as serde does, enums as their wire strings). The
//! JS tests hold them to that: every export's real output, for a spread of inputs, is
//! type-checked against these names with `tsc --strict`, where an object literal with a
//! missing, extra or mistyped field fails; and the whole `.d.ts` is diffed against a
//! committed reference copy.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(typescript_custom_section)]
const SHAPES: &str = r#"
/** `Severity`: an error makes a body invalid; a warning does not. */
export type Severity = "error" | "warning";

/** `Issue`: one problem at one JSON Pointer, with a stable code (rules.md) and structured params. */
export interface Issue {
  /** RFC 6901 pointer into the input, with wire names: `/execute_param/timeout`. */
  path: string;
  /** Stable snake_case code: match on this, never on `message`. */
  code: string;
  severity: Severity;
  /** Human text in the requested locale. */
  message: string;
  /** Structured facts: `{min, max, actual}`, `{allowed}`, `{first}`, ... */
  params: Record<string, unknown>;
}

/** `Report`: `valid` is true when no error was found, even one R-LIMIT dropped from the list. */
export interface Report {
  valid: boolean;
  issues: Issue[];
}

/** `Locale`: the language of messages only; codes and params never change with it. */
export type Locale = "en" | "zh-CN";

/** `Revision`: which reading of the API to judge by (revisions.md). */
export type Revision = "page" | "current";

/** `Options`, taken by every function. */
export interface Options {
  /** `"en"` when absent. */
  locale?: Locale;
  /** `"page"` when absent. */
  revision?: Revision;
}

/** `RotationStrategy`: what happens after a batch. */
export type RotationStrategy = "CONTINUE" | "PAUSE";

/** A host given to `build_batches`: a page host, or (revision "current") one with only `resource_id` and `region_id`. */
export type Host = ExecuteResourceInstance | CurrentExecuteResourceInstance;

/** The `plan` of `build_batches` (api.md "build_batches"). */
export interface BatchPlan {
  /** Host counts or percentages (`"25%"`); the last repeats. Absent or empty: the default. */
  sizes?: (number | string)[] | null;
  /** A batch never mixes two values of this host field (`project_id` on the page, `provider` under current). */
  group_by?: "region_id" | "project_id" | "provider" | null;
  /** Which batches pause: none (default), the first (a canary), or every one. */
  pause?: "none" | "first" | "every" | null;
  /** `"per_group"`: each group's first batch holds one host and pauses (one canary per region). */
  canary?: "none" | "per_group" | null;
}

/** `BatchesResult`: the batches, empty when any issue is an error. */
export interface BatchesResult {
  execute_batches: (ExecuteInstancesBatchInfo | CurrentExecuteInstancesBatchInfo)[];
  /** Paths point into the arguments: `/hosts/3/agent_sn`, `/plan/sizes/1`. */
  issues: Issue[];
}

/** `RequestOptions` of `build_request`. */
export interface RequestOptions {
  /** `https://host[:port]`, or `http://` on loopback; `https://coc.myhuaweicloud.com` when absent. */
  endpoint?: string | null;
  /** Sent as `X-Auth-Token` when given. Never together with `credentials`. */
  token?: string | null;
  /** An access key pair: the request is signed as the SDKs sign it (SDK-HMAC-SHA256); issues at `/credentials`. */
  credentials?: Credentials | null;
  /** The signing time (`X-Sdk-Date`), ISO 8601 with a zone; the clock when absent. Issues at `/date`. */
  date?: string | null;
  locale?: Locale;
  /** `"page"` when absent. */
  revision?: Revision;
  /** Sent as `X-Project-Id` when given: 1 to 64 letters, digits, `-` or `_` (issues at `/project_id`). */
  project_id?: string | null;
  /** `"custom"` (default): `/v1/job/scripts/{uuid}`; `"public"`: `/v1/job/public-scripts/{uuid}`. */
  script_source?: "custom" | "public";
}

/** `Credentials`: an access key pair (temporary with `security_token`), as the SDKs' `BasicCredentials`. */
export interface Credentials {
  ak: string;
  /** Keys the signature; never sent, never in an issue. */
  sk: string;
  /** Sent as `X-Project-Id`. */
  project_id?: string | null;
  /** Sent and signed as `X-Security-Token`. */
  security_token?: string | null;
}

/** `HttpRequest`: the request to send. */
export interface HttpRequest {
  method: "POST";
  url: string;
  headers: Record<string, string>;
  /** Compact JSON, fields in the revision's order, unknown (and, under current, deprecated) fields left out. */
  body: string;
}

/** `RequestResult`: the request when nothing is wrong, else the issues. */
export type RequestResult =
  | { valid: true; issues: Issue[]; request: HttpRequest }
  | { valid: false; issues: Issue[] };

/** `Outcome`: what a response means (rules A1-A3). */
export type Outcome =
  | { ok: true; execute_uuid: string; request_id: string | null }
  | { ok: false; kind: "api"; status: number; error_code: string | null; error_msg: string | null; request_id: string | null }
  | { ok: false; kind: "http"; status: number; text: string; request_id: string | null };

/** `Limits`: every documented number, so no caller types one. */
export interface Limits {
  max_hosts: number;
  min_batches: number;
  max_batches: number;
  min_hosts_per_batch: number;
  max_hosts_per_batch: number;
  max_script_params: number;
  timeout_min: number;
  timeout_max: number;
  success_rate_min: number;
  success_rate_max: number;
  success_rate_decimals: number;
  execute_user_min: number;
  execute_user_max: number;
  execute_user_root: string;
  param_name_min: number;
  param_name_max: number;
  param_value_min: number;
  param_value_max: number;
  param_order_min: number;
  batch_index_min: number;
  resource_id_min: number;
  resource_id_max: number;
  host_field_min: number;
  host_field_max: number;
  max_body_bytes: number;
  max_depth: number;
  max_issues: number;
  script_uuid_min: number;
  script_uuid_max: number;
  max_log_bytes: number;
  custom_attributes_max: number;
  custom_attribute_key_max: number;
  custom_attribute_value_max: number;
  project_id_header_min: number;
  project_id_header_max: number;
}

/** The JSON Schema (2020-12) of a request body that `json_schema()` returns. */
export interface JsonSchema {
  [keyword: string]: unknown;
  $schema: string;
  title: string;
  /** Names the rules the schema cannot express. */
  description: string;
  type: "object";
  required: string[];
  properties: Record<string, unknown>;
  $defs: Record<string, unknown>;
}
"#;

/// The body's interfaces, generated from the rule tables (src/rules/typescript.rs).
#[wasm_bindgen(typescript_custom_section)]
const BODY: &str = include_str!("body.d.ts");
