// Node, CommonJS: require() works on Node 18, which cannot require an ES module.
const { limits, standard_schema, validate } = require("coc-script-exec");

// The body to judge comes from the test, as the first argument.
const body = JSON.parse(process.argv[2]);

console.log(
  JSON.stringify({
    body,
    report: validate(body),
    max_hosts: limits().max_hosts,
    standard: standard_schema["~standard"].validate(body).issues.length,
  }),
);
