//! The JavaScript binding, and the only module that knows JavaScript: each export reads
//! its arguments into plain Rust values, calls the core, and hands back what the core
//! serialized. Results are built by `JSON.parse` of serde_json's own text, so JS receives
//! byte for byte what Rust serializes (plain objects and arrays, `null` never `undefined`).
//!
//! A function throws (a `TypeError`) only where an argument cannot be read at all: a
//! `script_uuid` or response text that is not a string, options of the wrong shape.
//! `validate` never throws.

mod plain;
mod read;
mod stand_in;
mod text;
mod types;

use js_sys::JsString;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::limits::MAX_BODY_BYTES;
use crate::report::{params, Issue, Options, Report, Sink};
use crate::{BatchesResult, RequestOptions, RequestResult};
use read::{read, TooLarge};
use text::{copy_string, with_text};

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

/// Judges a request body against every rule of rules.md. `body` is a plain object, or the
/// JSON text about to be posted. Never throws, whatever `body` is; options that cannot be
/// read are taken as the defaults.
#[wasm_bindgen(js_name = validate, unchecked_return_type = "Report")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "unknown")] body: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: JsValue,
) -> JsValue {
    let options: Options = read_options(&options).unwrap_or_default();
    to_js(&validate_value(&body, &options))
}

/// Cuts `hosts` into `execute_batches` that pass `validate` (api.md "build_batches").
#[wasm_bindgen(js_name = build_batches, unchecked_return_type = "BatchesResult")]
pub fn build_batches(
    #[wasm_bindgen(unchecked_param_type = "Host[]")] hosts: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "BatchPlan")] plan: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options: Options = read_options(&options)?;
    // No field of `hosts` or `plan` takes a boolean, so `false` is a type error wherever
    // a value JSON cannot hold stands.
    let stand_in = |_: &str| Value::Bool(false);
    let hosts = read(&hosts, &stand_in).map_err(|too| ("/hosts", too));
    let plan = if plan.is_undefined() || plan.is_null() {
        Ok(Value::Null)
    } else {
        read(&plan, &stand_in).map_err(|too| ("/plan", too))
    };
    let result = match (hosts, plan) {
        (Ok(hosts), Ok(plan)) => crate::build_batches(&hosts, &plan, &options),
        (Err((at, too)), _) | (_, Err((at, too))) => {
            BatchesResult { execute_batches: Vec::new(), issues: too_large(at, too, &options).issues }
        }
    };
    Ok(to_js(&result))
}

/// The whole HTTP request for a body: method, URL, headers and body text, or the issues
/// that stop it. `body` is a plain object or JSON text, as for `validate`.
#[wasm_bindgen(js_name = build_request, unchecked_return_type = "RequestResult")]
pub fn build_request(
    #[wasm_bindgen(unchecked_param_type = "string")] script_uuid: JsValue,
    #[wasm_bindgen(unchecked_param_type = "unknown")] body: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "RequestOptions")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let uuid = if script_uuid.is_undefined() || script_uuid.is_null() {
        String::new() // U1 reports it as `required`
    } else {
        script_uuid.as_string().ok_or_else(|| type_error("script_uuid must be a string"))?
    };
    let options: RequestOptions = read_options(&options)?;
    let result = match read_body(&body) {
        Ok(value) => crate::build_request(&uuid, &value, &options),
        Err(refusal) => {
            // The body cannot be judged; keep what the core says of the uuid and endpoint.
            let head = crate::build_request(&uuid, &Value::Null, &options);
            let mut issues: Vec<Issue> =
                head.issues.into_iter().filter(|i| i.path == "/script_uuid" || i.path == "/endpoint").collect();
            issues.extend(refusal.finish(options.locale).issues);
            RequestResult { valid: false, issues, request: None }
        }
    };
    Ok(to_js(&result))
}

/// What a response with this status and body text means (rules A1-A3).
#[wasm_bindgen(js_name = parse_response, unchecked_return_type = "Outcome")]
pub fn parse_response(
    #[wasm_bindgen(unchecked_param_type = "number")] status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
) -> Result<JsValue, JsValue> {
    let status = status
        .as_f64()
        .filter(|s| s.fract() == 0.0 && (0.0..=f64::from(u16::MAX)).contains(s))
        .ok_or_else(|| type_error("status must be an HTTP status code (a whole number)"))?;
    let text = text.as_string().ok_or_else(|| type_error("text must be a string"))?;
    Ok(to_js(&crate::parse_response(status as u16, &text)))
}

/// Every documented number (200 hosts, 20 batches, 10 per batch, ...).
#[wasm_bindgen(js_name = limits, unchecked_return_type = "Limits")]
pub fn limits() -> JsValue {
    to_js(&crate::limits())
}

/// The JSON Schema (2020-12) of a request body; rules it cannot express are named in its
/// `description`.
#[wasm_bindgen(js_name = json_schema, unchecked_return_type = "JsonSchema")]
pub fn json_schema() -> JsValue {
    to_js(&crate::json_schema())
}

/// A body read from JS (an object, or JSON text), or the sink holding why it cannot be
/// judged: R-SIZE or, for text, R-SYNTAX.
fn read_body(body: &JsValue) -> Result<Value, Sink> {
    if let Some(text) = body.dyn_ref::<JsString>() {
        return crate::validate::parse_body(&body_text(text)?);
    }
    read(body, &stand_in::for_body).map_err(|too| {
        let mut sink = Sink::new();
        sink.error("too_large", "", too.params());
        sink
    })
}

/// `validate` on a JS value: text goes through the core's own text path (R-SIZE,
/// R-SYNTAX), anything else through the bounded reader.
fn validate_value(body: &JsValue, options: &Options) -> Report {
    // Text is judged without ever becoming a `serde_json::Value` (validate/node.rs).
    if let Some(text) = body.dyn_ref::<JsString>() {
        return match too_long(text) {
            None => with_text(text, |text| crate::validate_json_with(text, options)),
            Some(refusal) => refusal.finish(options.locale),
        };
    }
    // A plain object as its JSON text, when that is what the reader would read (plain.rs)
    // and within R-SIZE; else the reader, which also says how large a large one is.
    if let Some(text) = plain::json_text(body).filter(|t| t.length() as usize <= MAX_BODY_BYTES) {
        let report =
            with_text(&text, |text| (text.len() <= MAX_BODY_BYTES).then(|| crate::validate_json_with(text, options)));
        if let Some(report) = report {
            return report;
        }
    }
    match read_body(body) {
        Ok(value) => crate::validate_with(&value, options),
        Err(refusal) => refusal.finish(options.locale),
    }
}

/// JSON text, copied into Rust only when it can be within R-SIZE (its UTF-16 length is
/// never more than its UTF-8 length), so a huge string costs no wasm memory.
fn body_text(text: &JsString) -> Result<String, Sink> {
    match too_long(text) {
        Some(refusal) => Err(refusal),
        None => Ok(copy_string(text)),
    }
}

/// R-SIZE for JS text: refused when its UTF-16 length alone is over the limit.
fn too_long(text: &JsString) -> Option<Sink> {
    (text.length() as usize > MAX_BODY_BYTES).then(|| {
        let mut sink = Sink::new();
        let p = params([("max_bytes", MAX_BODY_BYTES.into()), ("actual_bytes", utf8_len(text).into())]);
        sink.error("too_large", "", p);
        sink
    })
}

/// Bytes of `text` in UTF-8 (lone surrogates as U+FFFD, as they would be sent), counted
/// a slice at a time so the string is never copied whole.
fn utf8_len(text: &JsString) -> usize {
    const SLICE: u32 = 1 << 16;
    let len = text.length();
    let (mut start, mut total) = (0, 0);
    while start < len {
        let mut end = start.saturating_add(SLICE).min(len);
        // Never cut a surrogate pair in two.
        if end < len && (0xD800..0xDC00).contains(&(text.char_code_at(end - 1) as u32)) {
            end -= 1;
        }
        total += JsValue::from(text.slice(start, end)).as_string().map_or(0, |s| s.len());
        start = end;
    }
    total
}

/// A report holding only R-SIZE's `too_large` at `at`.
fn too_large(at: &str, too: TooLarge, options: &Options) -> Report {
    let mut sink = Sink::new();
    sink.error("too_large", at, too.params());
    sink.finish(options.locale)
}

/// Options from JS: absent (`undefined` or `null`) means the defaults; `null` members
/// count as absent, as in a body.
fn read_options<T: DeserializeOwned + Default>(js: &JsValue) -> Result<T, JsValue> {
    if js.is_undefined() || js.is_null() {
        return Ok(T::default());
    }
    let mut value = read(js, &|_| Value::Null).map_err(|_| type_error("options are too large to read"))?;
    if let Value::Object(members) = &mut value {
        members.retain(|_, v| !v.is_null());
    }
    serde_json::from_value(value).map_err(|e| type_error(&format!("options: {e}")))
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// A result as a plain JS value: serde_json's text, parsed by `JSON.parse`. Neither step
/// can fail for the crate's own types (string keys, finite numbers); `null` if one did.
fn to_js<T: Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value).ok().and_then(|text| json_parse(&text).ok()).unwrap_or(JsValue::NULL)
}
