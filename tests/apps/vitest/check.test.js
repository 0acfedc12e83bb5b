// Vitest: a test file importing the package as a Node user would, with no init call (Vitest
// runs in Node, so the "node" export condition applies). It writes what it saw for the
// harness (tests/apps/apps.test.mjs) to judge.
import { writeFileSync } from "node:fs";
import { expect, test } from "vitest";
import { limits, standard_schema, validate } from "coc-script-exec";

test("validate works with no init call", () => {
  const body = JSON.parse(process.env.COC_BODY);
  const report = validate(body);
  expect(report.valid).toBe(false);
  const standard = standard_schema["~standard"].validate(body).issues.length;
  writeFileSync("result.json", JSON.stringify({ body, report, max_hosts: limits().max_hosts, standard }));
});
