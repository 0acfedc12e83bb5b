// Deno 2: the package from node_modules ("node" export condition): no init call.
import process from "node:process";
import init, { limits, standard_schema, validate } from "coc-script-exec";
// The body to judge comes from the test, as the first argument.
const body = JSON.parse(process.argv[2]);

const report = validate(body);
// The browser way is harmless here: it hands back the instance.
if (!((await init()).memory.buffer.byteLength > 0)) throw new Error("init() did not hand back the instance");
console.log(
  JSON.stringify({
    body,
    report,
    max_hosts: limits().max_hosts,
    standard: standard_schema["~standard"].validate(body).issues.length,
  }),
);
