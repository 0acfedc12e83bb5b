// ajv (draft 2020-12) on our own `json_schema()` export, plus in plain JavaScript what
// that schema leaves out (its `description` lists it): P4 decimal places, the cross-field
// rules S3, S8, E2, E5, I6, and the warnings (B4 unknown keys, P1, P2 bounds).
// `allErrors`, since rules.md wants every issue at once.
import Ajv2020 from "ajv/dist/2020.js";
import { crossRules, decimalPlaces } from "./rules.mjs";

export const AJV_OPTIONS = { allErrors: true, allowUnionTypes: true, code: { source: true, esm: true } };

/** Compiles the schema (what a page pays at start-up without standalone code). */
export function compile(schema) {
  return new Ajv2020(AJV_OPTIONS).compile(schema);
}

/** The rules the schema cannot state, as extra issues. */
export function extras(body) {
  const out = [];
  const report = (path, code) => out.push({ path, code });
  const rate = body?.execute_param?.success_rate;
  if (typeof rate === "number" && decimalPlaces(rate) > 1) report(["execute_param", "success_rate"], "decimal_places");
  crossRules(body, report, true);
  return out;
}

/** The peer's whole judgement with a compiled (or standalone) `check`. */
export function judge(check, body) {
  const ok = check(body);
  return { ok, errors: ok ? [] : check.errors, extra: extras(body) };
}
