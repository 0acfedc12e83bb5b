// Rollup: it does not follow `new URL(..., import.meta.url)`, so the inlined entry, which
// loads the module on import (no init call).
import { limits, standard_schema, validate } from "coc-script-exec/inline";
// The body to judge comes from the test, in the URL's fragment.
const body = JSON.parse(decodeURIComponent(location.hash.slice(1)));

window.__result = { before: null, body, report: validate(body), max_hosts: limits().max_hosts, standard: standard_schema["~standard"].validate(body).issues.length };
