// A consumer in a Node-only project: no DOM lib, no @types/node, `skipLibCheck: false`, so
// every declaration the package ships is checked and none may name a DOM or Node type.
// types.test.mjs compiles it through the package's `exports` (nodenext and bundler).
import init, { initSync, limits, parse_response, standard_schema, validate } from "coc-script-exec";
import type { InitOutput, Issue, Report, SyncInitInput } from "coc-script-exec";
import * as inline from "coc-script-exec/inline";

export async function start(bytes: Uint8Array): Promise<number> {
  const a: InitOutput = initSync({ module: bytes });
  const b: InitOutput = await init({ module_or_path: bytes });
  const input: SyncInitInput = new ArrayBuffer(8);
  // @ts-expect-error: without the DOM lib there is no URL to pass, and a number never was
  await init(42);
  // @ts-expect-error: the instance's raw exports are not part of the API
  a.validate;
  return a.memory.buffer.byteLength + b.memory.buffer.byteLength + (input instanceof ArrayBuffer ? 1 : 0);
}

export function errors(body: unknown): Issue[] {
  const report: Report = validate(body, { locale: "zh-CN" });
  return report.issues.concat(inline.validate(body).issues);
}

export function numbers(): number {
  const outcome = parse_response(200, '{"data":"x"}', { "x-request-id": "r" });
  const checked = standard_schema["~standard"].validate({});
  return limits().max_hosts + (outcome.ok ? 1 : 0) + ("issues" in checked && checked.issues ? checked.issues.length : 0);
}
