//! The JavaScript binding, and the only module that knows JavaScript: each export reads
//! its arguments into plain Rust values, calls the core, and hands back what the core
//! serialized. Results are built by `JSON.parse` of the crate's one JSON writer's text
//! (src/json.rs, byte for byte serde_json's), so JS receives what Rust serializes (plain
//! objects and arrays, `null` never `undefined`); `validate`'s report, the one result made
//! per keystroke, by the glue of report.rs from its strings, the same objects.
//!
//! A function throws (a `TypeError`) only where an argument cannot be read at all: a
//! `script_uuid` or response text that is not a string, options of the wrong shape.
//! `validate` never throws.

use crate::prelude::*;

mod hosts;
mod options;
mod plain;
#[cfg(feature = "probes")]
mod probes;
mod read;
mod report;
mod rollout;
mod stand_in;
mod text;
mod types;

use js_sys::JsString;
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::code::Code;
use crate::json::{to_json, Json};
use crate::limits::MAX_BODY_BYTES;
use crate::report::{params, Options, Report, Revision, Sink, TooLarge};
use crate::rules::checks::enum_finding;
use crate::{BatchesResult, Headers, RequestOptions};
use read::read;
use text::{copy_string, with_text};

/// Talc instead of std's dlmalloc: 0.8 KB smaller gzipped, and no slower (BENCHMARKS.md,
/// session 6). wasm32-unknown-unknown has no threads, which its cell relies on.
#[global_allocator]
static ALLOCATOR: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();

/// The shipped module has no std (Cargo.toml's `bare-wasm`), so this is its panic handler:
/// a trap, with none of std's formatting or messages. Nothing in the crate panics on any
/// input (the fuzz and property tests hold it to that); if something ever did, the call
/// throws a `RuntimeError` in JS, as it would with std's `panic = "abort"`.
#[cfg(feature = "bare-wasm")]
#[panic_handler]
fn panic(_: &core::panic::PanicInfo<'_>) -> ! {
    core::arch::wasm32::unreachable()
}

/// When the module is instantiated: the seed of the bare module's hash maps (src/maps.rs),
/// from `Math.random`, which is all the randomness the module can ask for everywhere it runs.
#[cfg(feature = "bare-wasm")]
#[wasm_bindgen(start, private)]
fn start() {
    let draw = || (js_sys::Math::random() * (1u64 << 53) as f64) as u64;
    crate::maps::seed(draw() ^ (draw() << 11));
}

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, js_name = parse, catch)]
    fn json_parse(text: &str) -> Result<JsValue, JsValue>;
}

/// Judges a request body against every rule of a revision. `body` is a plain object, or
/// the JSON text about to be posted. Never throws, whatever `body` is: an unknown revision
/// is an issue at `/options/revision`; other options that cannot be read are taken as
/// the defaults.
#[wasm_bindgen(js_name = validate, unchecked_return_type = "Report")]
pub fn validate(
    #[wasm_bindgen(unchecked_param_type = "unknown")] body: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: JsValue,
) -> JsValue {
    match validate_options(&options) {
        Ok(options) => report::report_js(&validate_value(&body, &options)),
        Err(refused) => report::report_js(&refused),
    }
}

/// Cuts `hosts` into `execute_batches` that pass `validate` (api.md "build_batches").
#[wasm_bindgen(js_name = build_batches, unchecked_return_type = "BatchesResult")]
pub fn build_batches(
    #[wasm_bindgen(unchecked_param_type = "Host[]")] hosts: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "BatchPlan")] plan: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let options = read_options(&options)?;
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
    let options = read_request_options(&options)?;
    let result = match read_body(&body, options.revision) {
        Ok(value) => crate::request::build_request_from(&uuid, Ok(&value), &options),
        Err(refusal) => crate::request::build_request_from(&uuid, Err(refusal), &options),
    };
    Ok(to_js(&result))
}

/// What a response with this status, body text and (optionally) headers means (rules
/// A1-A3; `request_id` from `X-Request-Id`). `headers` is a plain object of strings or a
/// fetch `Headers`.
#[wasm_bindgen(js_name = parse_response, unchecked_return_type = "Outcome")]
pub fn parse_response(
    #[wasm_bindgen(unchecked_param_type = "number")] status: JsValue,
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Record<string, string> | Headers")] headers: JsValue,
) -> Result<JsValue, JsValue> {
    let (status, text) = read_answer(&status, &text)?;
    let headers = read_headers(&headers)?;
    Ok(to_js(&crate::parse_response(status, &text, headers.as_ref())))
}

/// A response's status and body text, as every parser takes them: a whole number
/// 0..65535 and a string, else a `TypeError`.
pub(crate) fn read_answer(status: &JsValue, text: &JsValue) -> Result<(u16, String), JsValue> {
    let status = status
        .as_f64()
        .filter(|&s| crate::validate::is_whole(s) && (0.0..=f64::from(u16::MAX)).contains(&s))
        .ok_or_else(|| type_error("status must be an HTTP status code (a whole number)"))?;
    let text = text.as_string().ok_or_else(|| type_error("text must be a string"))?;
    Ok((status as u16, text))
}

/// Every documented number of a revision (200 hosts, 20 batches, 10 per batch, ...).
#[wasm_bindgen(js_name = limits, unchecked_return_type = "Limits")]
pub fn limits(
    #[wasm_bindgen(unchecked_optional_param_type = "Revision")] revision: JsValue,
) -> Result<JsValue, JsValue> {
    Ok(to_js(&crate::limits(read_revision(&revision)?)))
}

/// The JSON Schema (2020-12) of a request body under a revision; rules it cannot express
/// are named in its `description`.
#[wasm_bindgen(js_name = json_schema, unchecked_return_type = "JsonSchema")]
pub fn json_schema(
    #[wasm_bindgen(unchecked_optional_param_type = "Revision")] revision: JsValue,
) -> Result<JsValue, JsValue> {
    // The committed text of the schema (schema.rs), not the builder: the module holds none.
    Ok(json_parse(crate::schema::json_schema_text(read_revision(&revision)?)).unwrap_or(JsValue::NULL))
}

/// A revision id given to `limits` or `json_schema`: absent means `"page"`.
fn read_revision(js: &JsValue) -> Result<Revision, JsValue> {
    if js.is_undefined() || js.is_null() {
        return Ok(Revision::default());
    }
    js.as_string()
        .and_then(|id| Revision::from_id(&id))
        .ok_or_else(|| type_error("revision must be \"page\" or \"current\""))
}

/// Response headers: absent, a plain object (string values kept), or anything with a
/// `get(name)` method (fetch's `Headers`), asked for `X-Request-Id`.
fn read_headers(js: &JsValue) -> Result<Option<Headers>, JsValue> {
    if js.is_undefined() || js.is_null() {
        return Ok(None);
    }
    if !js.is_object() {
        return Err(type_error("headers must be an object or a Headers"));
    }
    let get = js_sys::Reflect::get(js, &"get".into()).unwrap_or(JsValue::UNDEFINED);
    if let Some(get) = get.dyn_ref::<js_sys::Function>() {
        let id = get.call1(js, &"x-request-id".into()).unwrap_or(JsValue::NULL);
        return Ok(Some(crate::sorted::map_of(id.as_string().map(|id| ("x-request-id".to_owned(), id)))));
    }
    let value = read(js, &|_| Value::Null).map_err(|_| type_error("headers are too large to read"))?;
    let strings =
        value.as_object().into_iter().flatten().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())));
    Ok(Some(crate::sorted::map_of(strings)))
}

/// A body read from JS (an object, or JSON text), or the sink holding why it cannot be
/// judged: R-SIZE or, for text, R-SYNTAX. An object is read as its posted text
/// (`JSON.stringify`, plain.rs), so what `build_request` sends is what `validate` judged.
fn read_body(body: &JsValue, revision: Revision) -> Result<Value, Sink> {
    if let Some(text) = body.dyn_ref::<JsString>() {
        return crate::validate::parse_body(&body_text(text)?);
    }
    plain::posted(body, false, |text, holes| posted_value(text, holes, revision)).map_err(|too| too.refusal(""))?
}

/// A body's posted text as a value, with a stand-in (stand_in.rs) at each slot where its
/// `null` stands for what JSON cannot say.
fn posted_value(text: &str, holes: &[String], revision: Revision) -> Result<Value, Sink> {
    let mut value = crate::validate::parse_body(text)?;
    read::fill(&mut value, holes, &|at| stand_in::for_body(at, revision));
    Ok(value)
}

/// `validate` on a JS value: text goes through the core's own text path (R-SIZE,
/// R-SYNTAX); so does an object, as the text `JSON.stringify` makes of it (plain.rs), so
/// `validate(x)` is `validate(JSON.stringify(x))`. Where that text holds a `null` for what
/// JSON cannot say (a BigInt, a getter that throws), it is read with a stand-in there.
fn validate_value(body: &JsValue, options: &Options) -> Report {
    if let Some(text) = body.dyn_ref::<JsString>() {
        return validate_text(text, options);
    }
    let judged = plain::posted(body, false, |text, holes| {
        if holes.is_empty() {
            return crate::validate_json_with(text, options);
        }
        match posted_value(text, holes, options.revision) {
            Ok(value) => crate::validate_with(&value, options),
            Err(refusal) => refusal.finish(options.locale),
        }
    });
    judged.unwrap_or_else(|too| too.refusal("").finish(options.locale))
}

/// Judges JSON text without it ever becoming a `serde_json::Value` (validate/node.rs).
fn validate_text(text: &JsString, options: &Options) -> Report {
    match too_long(text) {
        None => with_text(text, |text| crate::validate_json_with(text, options)),
        Some(refusal) => refusal.finish(options.locale),
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
    (text.length() as usize > MAX_BODY_BYTES).then(|| TooLarge::Bytes(utf8_len(text)).refusal(""))
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
    too.refusal(at).finish(options.locale)
}

/// The options of `validate`, which never throws: a `revision` that is not a revision id
/// is an `enum` (or `type`) issue at `/options/revision`, and nothing else is judged;
/// other options that cannot be read are the defaults.
fn validate_options(js: &JsValue) -> Result<Options, Report> {
    let Ok(value @ Value::Object(_)) = read_plain(js) else { return Ok(Options::default()) };
    let locale = options::locale_or_default(&value);
    let revision = match value.get("revision").unwrap_or(&Value::Null) {
        Value::Null => Ok(Revision::default()),
        Value::String(id) => Revision::from_id(id).ok_or_else(|| {
            let ids: Vec<&str> = Revision::ALL.iter().map(|r| r.as_str()).collect();
            enum_finding(&ids, id)
        }),
        _ => Err((Code::Type, params([("expected", "string".into())]))),
    };
    match revision {
        Ok(revision) => Ok(Options { locale, revision }),
        Err((code, p)) => {
            let mut sink = Sink::new();
            sink.error(code, "/options/revision", p);
            Err(sink.finish(locale))
        }
    }
}

/// Options from JS as a JSON object: absent (`undefined` or `null`) is `{}`; `null`
/// members count as absent, as in a body.
fn read_plain(js: &JsValue) -> Result<Value, JsValue> {
    if js.is_undefined() || js.is_null() {
        return Ok(Value::Object(Default::default()));
    }
    let mut value = read(js, &|_| Value::Null).map_err(|_| type_error("options are too large to read"))?;
    if let Value::Object(members) = &mut value {
        members.retain(|_, v| !v.is_null());
    }
    Ok(value)
}

/// `Options` from JS: absent (`undefined` or `null`) means the defaults; `null` members
/// count as absent, as in a body. Read by hand (options.rs), not by serde.
fn read_options(js: &JsValue) -> Result<Options, JsValue> {
    options::options(&read_plain(js)?).map_err(type_error)
}

/// `RequestOptions` for any call that builds a request: when they sign and give no
/// `date`, the browser's (or Node's) clock gives it, as the core has no clock in wasm32.
/// A shape that cannot be read is a `TypeError` whose message (options.rs) names the
/// member and quotes no value, as a value there may be a secret.
pub(crate) fn read_request_options(js: &JsValue) -> Result<RequestOptions, JsValue> {
    let mut options = options::request_options(&read_plain(js)?).map_err(type_error)?;
    if options.credentials.is_some() && options.date.is_none() {
        options.date = js_sys::Date::new_0().to_iso_string().as_string();
    }
    Ok(options)
}

fn type_error(message: &str) -> JsValue {
    js_sys::TypeError::new(message).into()
}

/// A result as a plain JS value: its JSON text (crate::json, byte for byte serde_json's),
/// parsed by `JSON.parse`, which cannot fail on it; `null` if it ever did.
fn to_js<T: Json + ?Sized>(value: &T) -> JsValue {
    json_parse(&to_json(value)).unwrap_or(JsValue::NULL)
}
