//! `validate`'s report into JS without `JSON.parse`: in Chromium and Node, `JSON.parse` of a
//! report's text costs more than the rest of a small body's call together (about 1.3 µs for
//! the small body's one-warning report in Node 20, against 0.7 µs this way; BENCHMARKS.md,
//! issue #16). The report is written as its strings one after another, each after a NUL
//! (which no report string holds, or the JSON text goes instead), and the glue below cuts
//! them apart and builds the objects, members in the order `JSON.parse` of the report's
//! JSON text would give them: the same plain objects, arrays and values.
//!
//! The text: `1` or `0` (`valid`), then per issue its path, code, severity, message and the
//! number of its params, then per param its key and its value: `s` and a string, `n` and a
//! number (its JSON text, which unary `+` reads to the double `JSON.parse` reads), or `j`
//! and the JSON text of anything else.

use crate::prelude::*;

use serde_json::Value;
use wasm_bindgen::prelude::*;

use crate::json::Json;
use crate::report::Report;

#[wasm_bindgen(inline_js = r#"
export function report_from(text) {
  // Each string runs from after a NUL to the next (or the end): read by indexOf and slice,
  // which is cheaper than split's array of every part (0.75x in Chromium on a small report).
  let at = text.indexOf("\0");
  if (at < 0) at = text.length;
  const next = () => {
    const from = at + 1;
    at = text.indexOf("\0", from);
    if (at < 0) at = text.length;
    return text.slice(from, at);
  };
  const issues = [];
  while (at < text.length) {
    const path = next(), code = next(), severity = next(), message = next();
    const n = +next();
    const params = {};
    for (let k = 0; k < n; k++) {
      const key = next(), v = next(), tag = v.charCodeAt(0);
      params[key] = tag === 115 ? v.slice(1) : tag === 110 ? +v.slice(1) : JSON.parse(v.slice(1));
    }
    issues.push({ path, code, severity, message, params });
  }
  return { valid: text.charCodeAt(0) === 49, issues };
}
"#)]
extern "C" {
    fn report_from(text: &str) -> JsValue;
}

/// The report as a plain JS value, the same as `JSON.parse` of its JSON text.
pub(super) fn report_js(report: &Report) -> JsValue {
    match flat(report) {
        Some(text) => report_from(&text),
        None => super::to_js(report),
    }
}

/// The report's text for `report_from`, or `None` when a string of it holds a NUL or a
/// param's key would set the prototype of `params` (an own `__proto__` member, which
/// `JSON.parse` makes and an assignment does not): neither is in any report the rules make.
fn flat(report: &Report) -> Option<String> {
    let mut out = String::with_capacity(64 + 160 * report.issues.len());
    out.push(if report.valid { '1' } else { '0' });
    for issue in &report.issues {
        for text in [&*issue.path, issue.code.as_str(), issue.severity.as_str(), &*issue.message] {
            part(&mut out, "", text)?;
        }
        out.push('\0');
        crate::text::push_decimal(&mut out, issue.params.len() as u64);
        for (key, value) in &issue.params {
            if key == "__proto__" {
                return None;
            }
            part(&mut out, "", key)?;
            match value {
                Value::String(s) => part(&mut out, "s", s)?,
                // JSON text escapes every control character: no NUL in it.
                _ => {
                    out.push('\0');
                    out.push(if value.is_number() { 'n' } else { 'j' });
                    value.write(&mut out);
                }
            }
        }
    }
    Some(out)
}

/// Appends a NUL, `tag` and `text`, or `None` when `text` holds a NUL (a byte loop: these
/// strings are short, and core's `memchr` costs more than it saves on them).
fn part(out: &mut String, tag: &str, text: &str) -> Option<()> {
    if text.bytes().any(|b| b == 0) {
        return None;
    }
    out.push('\0');
    out.push_str(tag);
    out.push_str(text);
    Some(())
}
