// Jest (CommonJS, its default): require() of the package with no init call, through the
// "node" and "require" export conditions. It writes what it saw for the harness
// (tests/apps/apps.test.mjs) to judge.
const { writeFileSync } = require("node:fs");
const { limits, standard_schema, validate } = require("coc-script-exec");

test("validate works with no init call", () => {
  const body = JSON.parse(process.env.COC_BODY);
  const report = validate(body);
  expect(report.valid).toBe(false);
  const standard = standard_schema["~standard"].validate(body).issues.length;
  writeFileSync("result.json", JSON.stringify({ body, report, max_hosts: limits().max_hosts, standard }));
});
