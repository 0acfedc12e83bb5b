// Parcel 2: `await init()`; Parcel emits the .wasm (its `new URL(..., import.meta.url)`).
import init, { limits, standard_schema, validate } from "coc-script-exec";
// The body to judge comes from the test, in the URL's fragment.
const body = JSON.parse(decodeURIComponent(location.hash.slice(1)));

let before = null;
try {
  validate(body);
} catch (err) {
  before = `${err.constructor.name}: ${err.message}`;
}
await init();
window.__result = { before, body, report: validate(body), max_hosts: limits().max_hosts, standard: standard_schema["~standard"].validate(body).issues.length };
