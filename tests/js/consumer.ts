// A TypeScript consumer of the package, compiled with `tsc --strict` by types.test.mjs:
// every result narrows as api.md describes, and standard_schema is a Standard Schema V1
// (and Standard JSON Schema V1) by the spec's own types.
import init, {
  build_batches,
  build_request,
  initSync,
  json_schema,
  limits,
  parse_response,
  standard_schema,
  validate,
} from "coc-script-exec";
import type { BatchPlan, Host, Issue, Limits, Outcome, Report, ScriptExecuteRequest, Severity } from "coc-script-exec";
import type { StandardJSONSchemaV1, StandardSchemaV1 } from "@standard-schema/spec";

export async function start(bytes: BufferSource): Promise<void> {
  initSync({ module: bytes });
  await init({ module_or_path: new URL("https://example.com/coc_script_exec_bg.wasm") });
}

export function describe(outcome: Outcome): string {
  if (outcome.ok) return outcome.execute_uuid;
  if (outcome.kind === "api") return `${outcome.status} ${outcome.error_code ?? "unknown"}: ${outcome.error_msg ?? ""}`;
  return `${outcome.status}: ${outcome.text}`;
}

export function post(body: unknown, token: string): string | Issue[] {
  const result = build_request("script-1", body, { token, locale: "zh-CN", endpoint: "http://127.0.0.1:8080" });
  if (result.valid) {
    const headers: Record<string, string> = result.request.headers;
    return `${result.request.method} ${result.request.url} ${headers["X-Auth-Token"] ?? ""} ${result.request.body}`;
  }
  // @ts-expect-error: no request when the result is not valid
  result.request;
  return result.issues;
}

export function errors(body: unknown): string[] {
  const report: Report = validate(body, { locale: "en" });
  const severity: Severity = report.issues[0]?.severity ?? "error";
  const text: Report = validate(JSON.stringify(body));
  return [severity, ...report.issues.concat(text.issues).map((i: Issue) => `${i.path} ${i.code} ${JSON.stringify(i.params)}`)];
}

export function plan(hosts: Host[]): number {
  const p: BatchPlan = { sizes: [1, "25%"], group_by: "region_id", pause: "first" };
  const r = build_batches(hosts, p);
  const first = r.execute_batches[0];
  return first === undefined ? r.issues.length : first.target_instances.length + first.batch_index;
}

export function numbers(): number {
  const l: Limits = limits();
  // @ts-expect-error: limits are numbers, and there is no such limit
  const wrong: string = l.no_such_limit;
  return l.max_hosts + l.timeout_max + wrong.length + json_schema().required.length + describe(parse_response(200, "")).length;
}

// Standard Schema: assignable to the spec's interfaces, synchronous, typed output.
const schema: StandardSchemaV1<ScriptExecuteRequest> = standard_schema;
const jsonSchema: StandardJSONSchemaV1<ScriptExecuteRequest> = standard_schema;
type Output = StandardSchemaV1.InferOutput<typeof standard_schema>;

export function check(value: unknown): number | readonly (string | number)[] | undefined {
  const result = schema["~standard"].validate(value);
  if (result instanceof Promise) return undefined;
  if (result.issues) return result.issues[0]?.path?.map((s) => (typeof s === "object" ? String(s.key) : String(s)));
  const body: Output = result.value;
  jsonSchema["~standard"].jsonSchema.input({ target: "draft-2020-12" });
  return body.execute_param.timeout + body.execute_batches.length;
}

export function direct(value: unknown): number {
  const result = standard_schema["~standard"].validate(value);
  if (result.issues) return result.issues.length;
  return result.value.execute_param.success_rate;
}
