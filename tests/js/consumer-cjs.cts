// The same consumer from CommonJS (require, through index.d.cts), checked as consumer-node.ts is.
import coc = require("coc-script-exec");

export function errors(body: unknown): number {
  const report: coc.Report = coc.validate(body);
  return report.issues.length + coc.limits().max_hosts;
}

export async function start(bytes: Uint8Array): Promise<number> {
  return (await coc.default({ module_or_path: bytes })).memory.buffer.byteLength;
}
