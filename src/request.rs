//! `build_request` and `parse_response`: the whole HTTP exchange around a body
//! (rules U1, U2, A1-A3).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{json, Map, Value};

use crate::limits::{SCRIPT_UUID_MAX, SCRIPT_UUID_MIN};
use crate::model::{
    ExecuteInstancesBatchInfo, ExecuteResourceInstance, RotationStrategy, ScriptExecuteInputParam, ScriptExecuteParam,
    ScriptExecuteRequest,
};
use crate::report::{params, Issue, Locale, Options, Sink};
use crate::validate;

/// The endpoint used when none is given: the SDKs' cn-north-4 endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://coc.myhuaweicloud.com";

/// Options of [`build_request`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestOptions {
    /// `https://host[:port]`, or `http://` on loopback; [`DEFAULT_ENDPOINT`] when absent.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// Sent as `X-Auth-Token` when given.
    #[serde(default)]
    pub token: Option<String>,
    /// Language of the messages and of `X-Language`.
    #[serde(default)]
    pub locale: Locale,
}

/// The HTTP request to send.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequest {
    /// Always `POST`.
    pub method: String,
    /// `{endpoint}/v1/job/scripts/{script_uuid}`.
    pub url: String,
    /// Content-Type, X-Language and, with a token, X-Auth-Token.
    pub headers: BTreeMap<String, String>,
    /// Compact JSON, fields in the page's order, unknown fields left out.
    pub body: String,
}

/// What [`build_request`] returns: the request when nothing is wrong, else the issues.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RequestResult {
    /// No error in the script_uuid, the endpoint or the body.
    pub valid: bool,
    /// script_uuid issues at `/script_uuid`, endpoint issues at `/endpoint`, then the body's.
    pub issues: Vec<Issue>,
    /// Present only when `valid`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request: Option<HttpRequest>,
}

/// Builds the whole request for a body, or says why it cannot.
pub fn build_request(script_uuid: &str, body: &Value, options: &RequestOptions) -> RequestResult {
    let mut sink = Sink::new();
    check_script_uuid(script_uuid, &mut sink);
    let endpoint = options.endpoint.as_deref().unwrap_or(DEFAULT_ENDPOINT);
    let base = match check_endpoint(endpoint) {
        Ok(base) => Some(base),
        Err(reason) => {
            sink.error("endpoint", "/endpoint", params([("reason", reason.into())]));
            None
        }
    };
    let head = sink.finish(options.locale);
    let report = validate::validate_with(body, &Options::locale(options.locale));
    let valid = head.valid && report.valid;
    let mut issues = head.issues;
    issues.extend(report.issues);
    let request = match (valid, base, to_model(body)) {
        (true, Some(base), Some(model)) => Some(HttpRequest {
            method: "POST".to_owned(),
            url: format!("{base}/v1/job/scripts/{script_uuid}"),
            headers: headers(options),
            body: serde_json::to_string(&model).unwrap_or_default(),
        }),
        _ => None,
    };
    RequestResult { valid: request.is_some(), issues, request }
}

fn headers(options: &RequestOptions) -> BTreeMap<String, String> {
    let mut h = BTreeMap::new();
    h.insert("Content-Type".to_owned(), "application/json;charset=UTF-8".to_owned());
    let language = match options.locale {
        Locale::En => "en-us",
        Locale::ZhCn => "zh-cn",
    };
    h.insert("X-Language".to_owned(), language.to_owned());
    if let Some(token) = options.token.as_deref().filter(|t| !t.is_empty()) {
        h.insert("X-Auth-Token".to_owned(), token.to_owned());
    }
    h
}

/// U1: the page says only "String"; the value goes into the URL path, so this project
/// takes 1 to 64 letters, digits, `-` and `_`, and refuses anything else rather than
/// encoding it silently.
fn check_script_uuid(uuid: &str, sink: &mut Sink) {
    const AT: &str = "/script_uuid";
    if uuid.is_empty() {
        sink.error("required", AT, Map::new());
        return;
    }
    let chars = uuid.chars().count();
    if chars > SCRIPT_UUID_MAX {
        let p = params([("min", SCRIPT_UUID_MIN.into()), ("max", SCRIPT_UUID_MAX.into()), ("actual", chars.into())]);
        sink.error("length", AT, p);
    }
    if let Some((index, c)) =
        uuid.chars().enumerate().find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    {
        sink.error("charset", AT, params([("char", c.to_string().into()), ("index", index.into())]));
    }
}

/// U2: `https://host[:port]`, or `http://` on loopback, with nothing after the port
/// but an optional `/`. Returns the endpoint without that slash, or the reason.
pub(crate) fn check_endpoint(endpoint: &str) -> Result<&str, &'static str> {
    let lower = endpoint.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    let (secure, rest) = if lower.starts_with("https://") {
        (true, &endpoint[8..])
    } else if lower.starts_with("http://") {
        (false, &endpoint[7..])
    } else {
        return Err("scheme");
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    if authority.contains('@') {
        return Err("credentials");
    }
    let host = split_port(authority)?;
    if !secure && !is_loopback(host) {
        return Err("scheme");
    }
    match tail.chars().next() {
        None => Ok(endpoint),
        Some('/') if tail == "/" => Ok(&endpoint[..endpoint.len() - 1]),
        Some('/') => Err(if tail.contains('?') {
            "query"
        } else if tail.contains('#') {
            "fragment"
        } else {
            "path"
        }),
        Some('?') => Err("query"),
        _ => Err("fragment"),
    }
}

/// The host of `host[:port]`, checking the port is 1..=65535 and the host well formed.
fn split_port(authority: &str) -> Result<&str, &'static str> {
    let (host, port) = if let Some(v6_end) = authority.strip_prefix('[').and_then(|r| r.find(']')) {
        let (host, after) = authority.split_at(v6_end + 2);
        let valid_v6 = host[1..host.len() - 1].chars().all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
        if !valid_v6 || host.len() < 3 {
            return Err("invalid");
        }
        (host, after.strip_prefix(':').map(Some).unwrap_or(if after.is_empty() { None } else { Some("x") }))
    } else {
        match authority.rsplit_once(':') {
            Some((h, p)) => (h, Some(p)),
            None => (authority, None),
        }
    };
    if let Some(port) = port {
        let ok = !port.is_empty()
            && port.len() <= 5
            && port.bytes().all(|b| b.is_ascii_digit())
            && port.parse::<u32>().is_ok_and(|p| (1..=65535).contains(&p));
        if !ok {
            return Err("invalid");
        }
    }
    let name_ok = (host.len() > 2 && host.starts_with('[') && host.ends_with(']'))
        || (!host.is_empty()
            && host.len() <= 253
            && host
                .split('.')
                .all(|l| !l.is_empty() && l.len() <= 63 && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')));
    if name_ok {
        Ok(host)
    } else {
        Err("invalid")
    }
}

fn is_loopback(host: &str) -> bool {
    if host.eq_ignore_ascii_case("localhost") || host == "[::1]" {
        return true;
    }
    let octets: Vec<&str> = host.split('.').collect();
    octets.len() == 4 && octets[0] == "127" && octets.iter().all(|o| o.parse::<u8>().is_ok())
}

/// The typed body of a valid value: documented fields only, whole numbers as integers.
fn to_model(body: &Value) -> Option<ScriptExecuteRequest> {
    let p = body.get("execute_param")?;
    let whole = |v: &Value, k: &str| v.get(k).and_then(Value::as_f64).map(|f| f as u64);
    let text = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_owned);
    let script_params = match p.get("script_params").and_then(Value::as_array) {
        None => None,
        Some(items) => Some(
            items
                .iter()
                .map(|i| {
                    Some(ScriptExecuteInputParam {
                        param_name: text(i, "param_name")?,
                        param_value: text(i, "param_value")?,
                        param_order: whole(i, "param_order")?,
                    })
                })
                .collect::<Option<Vec<_>>>()?,
        ),
    };
    let execute_param = ScriptExecuteParam {
        resourceful: p.get("resourceful").and_then(Value::as_bool),
        timeout: whole(p, "timeout")?,
        success_rate: p.get("success_rate").and_then(Value::as_f64)?,
        execute_user: text(p, "execute_user")?,
        script_params,
    };
    let execute_batches = body
        .get("execute_batches")?
        .as_array()?
        .iter()
        .map(|b| {
            Some(ExecuteInstancesBatchInfo {
                batch_index: whole(b, "batch_index")?,
                target_instances: b
                    .get("target_instances")?
                    .as_array()?
                    .iter()
                    .map(|h| {
                        Some(ExecuteResourceInstance {
                            resource_id: text(h, "resource_id")?,
                            agent_sn: text(h, "agent_sn")?,
                            project_id: text(h, "project_id")?,
                            region_id: text(h, "region_id")?,
                        })
                    })
                    .collect::<Option<Vec<_>>>()?,
                rotation_strategy: serde_json::from_value::<RotationStrategy>(b.get("rotation_strategy")?.clone())
                    .ok()?,
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(ScriptExecuteRequest { execute_param, execute_batches })
}

/// What a response means (A1-A3).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A1: 200 with `{"data": "<execute_uuid>"}`.
    Executed {
        /// The run's id.
        execute_uuid: String,
    },
    /// A2: 204, the API's error; code and message are `None` when the 204 came empty
    /// (a 204 cannot carry a body over HTTP, so proxies and browsers drop it).
    Api {
        /// The HTTP status (204).
        status: u16,
        /// `error_code`, e.g. `COC.00040701`.
        error_code: Option<String>,
        /// `error_msg`.
        error_msg: Option<String>,
    },
    /// A3: any other status, or a 200 without an execute_uuid: the status and the text as received.
    Http {
        /// The HTTP status.
        status: u16,
        /// The body text as received.
        text: String,
    },
}

impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Outcome::Executed { execute_uuid } => json!({"ok": true, "execute_uuid": execute_uuid}),
            Outcome::Api { status, error_code, error_msg } => {
                json!({"ok": false, "kind": "api", "status": status, "error_code": error_code, "error_msg": error_msg})
            }
            Outcome::Http { status, text } => json!({"ok": false, "kind": "http", "status": status, "text": text}),
        }
        .serialize(s)
    }
}

/// What a response with this status and body text means.
pub fn parse_response(status: u16, text: &str) -> Outcome {
    let json: Option<Value> = serde_json::from_str(text).ok();
    let field = |k: &str| json.as_ref().and_then(|v| v.get(k)).and_then(Value::as_str).map(str::to_owned);
    match status {
        200 => match field("data").filter(|d| !d.is_empty()) {
            Some(execute_uuid) => Outcome::Executed { execute_uuid },
            None => Outcome::Http { status, text: text.to_owned() },
        },
        204 => Outcome::Api { status, error_code: field("error_code"), error_msg: field("error_msg") },
        _ => Outcome::Http { status, text: text.to_owned() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_u2() {
        assert_eq!(check_endpoint("https://coc.myhuaweicloud.com"), Ok("https://coc.myhuaweicloud.com"));
        assert_eq!(check_endpoint("https://coc.example.com:8443/"), Ok("https://coc.example.com:8443"));
        assert_eq!(check_endpoint("http://127.0.0.1:8080"), Ok("http://127.0.0.1:8080"));
        assert_eq!(check_endpoint("http://localhost:8080"), Ok("http://localhost:8080"));
        assert_eq!(check_endpoint("http://[::1]:8080"), Ok("http://[::1]:8080"));
        assert_eq!(check_endpoint("http://coc.example.com"), Err("scheme"));
        assert_eq!(check_endpoint("http://127.0.0.1.evil.com"), Err("scheme"));
        assert_eq!(check_endpoint("ftp://x"), Err("scheme"));
        assert_eq!(check_endpoint("https://x.com/v1"), Err("path"));
        assert_eq!(check_endpoint("https://x.com?a=1"), Err("query"));
        assert_eq!(check_endpoint("https://x.com#f"), Err("fragment"));
        assert_eq!(check_endpoint("https://u:p@x.com"), Err("credentials"));
        assert_eq!(check_endpoint("https://x.com:99999"), Err("invalid"));
        assert_eq!(check_endpoint("https://"), Err("invalid"));
        assert_eq!(check_endpoint("https://[::1"), Err("invalid"));
        assert_eq!(check_endpoint("é"), Err("scheme"));
    }
}
