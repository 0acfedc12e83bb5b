// A route handler (server code, Node.js runtime): no init call, as in Node itself.
import { limits, standard_schema, validate } from "coc-script-exec";

export async function POST(request) {
  const body = await request.json();
  return Response.json({ before: null, body, report: validate(body), max_hosts: limits().max_hosts, standard: standard_schema["~standard"].validate(body).issues.length });
}
