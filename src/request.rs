//! `build_request` and `parse_response`: the whole HTTP exchange around a body
//! (rules U1, U2, A1-A3, and revisions.md's headers, public scripts and error bodies).

use crate::prelude::*;

use alloc::collections::BTreeMap;
use core::fmt;

use serde::{Deserialize, Serialize, Serializer};
use serde_json::{Map, Value};

use crate::code::Code;
use crate::limits::{PROJECT_ID_HEADER_MAX, PROJECT_ID_HEADER_MIN, SCRIPT_UUID_MAX, SCRIPT_UUID_MIN};
use crate::messages::Locale;
use crate::report::{params, Issue, Options, Revision, Sink};
use crate::rules::write::body_text;
use crate::sign::{self, Credentials, Redacted};
use crate::validate;

/// The endpoint used when none is given: the SDKs' cn-north-4 endpoint.
pub const DEFAULT_ENDPOINT: &str = "https://coc.myhuaweicloud.com";

/// Options of [`build_request`]. `Debug` shows whether a token or credentials are set,
/// never what they are.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RequestOptions {
    /// `https://host[:port]`, or `http://` on loopback; [`DEFAULT_ENDPOINT`] when absent.
    #[serde(default)]
    pub endpoint: Option<String>,
    /// Sent as `X-Auth-Token` when given. Never together with `credentials`.
    #[serde(default)]
    pub token: Option<String>,
    /// An access key pair to sign the request with, as the SDKs do (`SDK-HMAC-SHA256`);
    /// issues at `/credentials` when it cannot sign.
    #[serde(default)]
    pub credentials: Option<Credentials>,
    /// The signing time (`X-Sdk-Date`), ISO 8601 with a zone (`2026-12-01T08:30:00Z`);
    /// the clock when absent. An issue at `/date` when it does not parse.
    #[serde(default)]
    pub date: Option<String>,
    /// Language of the messages and of `X-Language`.
    #[serde(default)]
    pub locale: Locale,
    /// Which reading of the API to judge and write the body by; `"page"` when absent.
    #[serde(default)]
    pub revision: Revision,
    /// Sent as `X-Project-Id` when given (the SDK sends it): 1 to 64 letters, digits,
    /// `-` or `_`, else an issue at `/project_id`. Empty counts as absent.
    #[serde(default)]
    pub project_id: Option<String>,
    /// A custom script (the default) or one of Huawei's public scripts.
    #[serde(default)]
    pub script_source: ScriptSource,
}

impl fmt::Debug for RequestOptions {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("RequestOptions")
            .field("endpoint", &self.endpoint)
            .field("token", &self.token.as_deref().map(Redacted))
            .field("credentials", &self.credentials)
            .field("date", &self.date)
            .field("locale", &self.locale)
            .field("revision", &self.revision)
            .field("project_id", &self.project_id)
            .field("script_source", &self.script_source)
            .finish()
    }
}

/// Whose script runs: the URL differs, the body is the same (revisions.md).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ScriptSource {
    /// `/v1/job/scripts/{script_uuid}` (the default).
    #[default]
    Custom,
    /// `/v1/job/public-scripts/{script_uuid}`.
    Public,
}

impl ScriptSource {
    /// The path of the script's execute call, below the endpoint.
    fn path(self) -> &'static str {
        match self {
            ScriptSource::Custom => "/v1/job/scripts/",
            ScriptSource::Public => "/v1/job/public-scripts/",
        }
    }
}

/// The HTTP request to send. `Debug` leaves out the values of `X-Auth-Token` and
/// `X-Security-Token`.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HttpRequest {
    /// `POST` for `build_request` (other calls: `GET`, `PUT`).
    pub method: String,
    /// `{endpoint}/v1/job/scripts/{script_uuid}` (`public-scripts` for a public script).
    pub url: String,
    /// Content-Type, X-Language and, with a token, X-Auth-Token; signed: X-Sdk-Date, Host,
    /// X-Security-Token for temporary credentials, and Authorization.
    pub headers: BTreeMap<String, String>,
    /// Compact JSON, fields in the revision's order, unknown (and, under `current`,
    /// deprecated) fields left out.
    pub body: String,
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let headers: BTreeMap<&str, &str> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let secret = k.eq_ignore_ascii_case("x-auth-token") || k.eq_ignore_ascii_case("x-security-token");
                (k.as_str(), if secret { "<redacted>" } else { v.as_str() })
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url)
            .field("headers", &headers)
            .field("body", &self.body)
            .finish()
    }
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
    build_request_from(script_uuid, Ok(body), options)
}

/// [`build_request`] for a body that may not have been readable at all (JSON text that
/// did not parse, a value over R-SIZE): then the script_uuid, endpoint and project id are
/// still judged, and the refusal follows their issues.
pub(crate) fn build_request_from(
    script_uuid: &str,
    body: Result<&Value, Sink>,
    options: &RequestOptions,
) -> RequestResult {
    let mut sink = Sink::new();
    check_id(script_uuid, "/script_uuid", (SCRIPT_UUID_MIN, SCRIPT_UUID_MAX), &mut sink);
    let base = check_options(options, &mut sink);
    let head = sink.finish(options.locale);
    let (report, body) = match body {
        Ok(body) => {
            (validate::validate_with(body, &Options { locale: options.locale, revision: options.revision }), Some(body))
        }
        Err(refusal) => (refusal.finish(options.locale), None),
    };
    let valid = head.valid && report.valid;
    let mut issues = head.issues;
    issues.extend(report.issues);
    let request = match (valid, base, body) {
        (true, Some(base), Some(body)) => {
            let path = crate::text::concat(&[options.script_source.path(), script_uuid]);
            Some(http_request(base, "POST", &path, body_text(body, options.revision), options))
        }
        _ => None,
    };
    RequestResult { valid: request.is_some(), issues, request }
}

/// Judges what every request takes from its options (U2's endpoint, the project id, the
/// credentials and the date) into `sink`, and returns the endpoint to send to, when it is
/// usable.
pub(crate) fn check_options<'o>(options: &'o RequestOptions, sink: &mut Sink) -> Option<&'o str> {
    let endpoint = options.endpoint.as_deref().unwrap_or(DEFAULT_ENDPOINT);
    let base = match check_endpoint(endpoint) {
        Ok(base) => Some(base),
        Err(reason) => {
            sink.error(Code::Endpoint, "/endpoint", params([("reason", reason.into())]));
            None
        }
    };
    if let Some(project) = project_id(options) {
        check_id(project, "/project_id", (PROJECT_ID_HEADER_MIN, PROJECT_ID_HEADER_MAX), sink);
    }
    sign::check_credentials(options, sink);
    base
}

/// The one builder of a request: `method` to `base` + `path` (a path already checked to
/// be safe in a URL, and its query) with `body` (empty for none), and the headers every
/// call carries; signed when the options carry credentials. Call it only once
/// [`check_options`] found no error.
pub(crate) fn http_request(
    base: &str,
    method: &str,
    path: &str,
    body: String,
    options: &RequestOptions,
) -> HttpRequest {
    let mut headers = headers(options, !body.is_empty());
    sign::sign(options, method, base, path, &mut headers, &body);
    HttpRequest { method: method.to_owned(), url: crate::text::concat(&[base, path]), headers, body }
}

/// The project id given in the options, if any.
fn project_id(options: &RequestOptions) -> Option<&str> {
    options.project_id.as_deref().filter(|p| !p.is_empty())
}

/// Content-Type (when there is a body), X-Language, and the token and project id when given.
fn headers(options: &RequestOptions, has_body: bool) -> BTreeMap<String, String> {
    let mut h = BTreeMap::new();
    if has_body {
        h.insert("Content-Type".to_owned(), "application/json;charset=UTF-8".to_owned());
    }
    let language = match options.locale {
        Locale::En => "en-us",
        Locale::ZhCn => "zh-cn",
    };
    h.insert("X-Language".to_owned(), language.to_owned());
    if let Some(token) = options.token.as_deref().filter(|t| !t.is_empty()) {
        h.insert("X-Auth-Token".to_owned(), token.to_owned());
    }
    if let Some(project) = project_id(options).or_else(|| sign::credentials_project(options)) {
        h.insert("X-Project-Id".to_owned(), project.to_owned());
    }
    h
}

/// U1 (and the project id header): the page says only "String"; the value goes into the
/// URL path (or a header), so this project takes `min` to `max` letters, digits, `-` and
/// `_`, and refuses anything else rather than encoding it silently.
pub(crate) fn check_id(id: &str, at: &str, (min, max): (usize, usize), sink: &mut Sink) {
    if id.is_empty() {
        sink.error(Code::Required, at, Map::new());
        return;
    }
    let chars = id.chars().count();
    if chars > max {
        sink.error(Code::Length, at, params([("min", min.into()), ("max", max.into()), ("actual", chars.into())]));
    }
    if let Some((index, c)) =
        id.chars().enumerate().find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
    {
        sink.error(Code::Charset, at, params([("char", c.to_string().into()), ("index", index.into())]));
    }
}

/// U2: `https://host[:port]`, or `http://` on loopback, with nothing after the port
/// but an optional `/`. Returns the endpoint without that slash, or the reason.
pub(crate) fn check_endpoint(endpoint: &str) -> Result<&str, &'static str> {
    let lower = endpoint.get(..8).map(str::to_ascii_lowercase).unwrap_or_default();
    let (secure, rest) = if lower.starts_with("https://") {
        (true, endpoint.get(8..).unwrap_or_default())
    } else if lower.starts_with("http://") {
        (false, endpoint.get(7..).unwrap_or_default())
    } else {
        return Err("scheme");
    };
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at_checked(end).unwrap_or((rest, ""));
    if authority.as_bytes().contains(&b'@') {
        return Err("credentials");
    }
    let host = split_port(authority)?;
    if !secure && !is_loopback(host) {
        return Err("scheme");
    }
    match tail.chars().next() {
        None => Ok(endpoint),
        Some('/') if tail == "/" => Ok(endpoint.get(..endpoint.len() - 1).unwrap_or(endpoint)),
        Some('/') => Err(if tail.as_bytes().contains(&b'?') {
            "query"
        } else if tail.as_bytes().contains(&b'#') {
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
        let (host, after) = authority.split_at_checked(v6_end + 2).unwrap_or((authority, ""));
        let valid_v6 = host
            .get(1..host.len() - 1)
            .unwrap_or_default()
            .chars()
            .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
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

/// What a response means (A1-A3, and revisions.md's error bodies). Each outcome carries
/// the response's `X-Request-Id` when the headers were given and had one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// A1: 200 with `{"data": "<execute_uuid>"}`.
    Executed {
        /// The run's id.
        execute_uuid: String,
        /// `X-Request-Id`.
        request_id: Option<String>,
    },
    /// The API's error: a 204 (A2; code and message are `None` when it came empty, as a
    /// 204 cannot carry a body over HTTP), or any other non-200 status whose body is a JSON
    /// object with a string `error_code`, as the service sends in practice.
    Api {
        /// The HTTP status.
        status: u16,
        /// `error_code`, e.g. `COC.00040701`.
        error_code: Option<String>,
        /// `error_msg`.
        error_msg: Option<String>,
        /// `X-Request-Id`.
        request_id: Option<String>,
    },
    /// A3: any other status, or a 200 without an execute_uuid: the status and the text as received.
    Http {
        /// The HTTP status.
        status: u16,
        /// The body text as received.
        text: String,
        /// `X-Request-Id`.
        request_id: Option<String>,
    },
}

impl Serialize for Outcome {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Written member by member (a `json!` value's `to_value(..).unwrap()` would keep
        // serde_json's error `Debug`, and with it core's Unicode tables, in the module).
        let mut out = s.serialize_struct("Outcome", 6)?;
        let request_id = match self {
            Outcome::Executed { execute_uuid, request_id } => {
                out.serialize_field("ok", &true)?;
                out.serialize_field("execute_uuid", execute_uuid)?;
                request_id
            }
            Outcome::Api { status, error_code, error_msg, request_id } => {
                out.serialize_field("ok", &false)?;
                out.serialize_field("kind", "api")?;
                out.serialize_field("status", status)?;
                out.serialize_field("error_code", error_code)?;
                out.serialize_field("error_msg", error_msg)?;
                request_id
            }
            Outcome::Http { status, text, request_id } => {
                out.serialize_field("ok", &false)?;
                out.serialize_field("kind", "http")?;
                out.serialize_field("status", status)?;
                out.serialize_field("text", text)?;
                request_id
            }
        };
        out.serialize_field("request_id", request_id)?;
        out.end()
    }
}

/// Response headers by name (any case), as `parse_response` reads them.
pub type Headers = BTreeMap<String, String>;

/// What a response with this status, body text and (optionally) headers means.
pub fn parse_response(status: u16, text: &str, headers: Option<&Headers>) -> Outcome {
    let request_id =
        headers.and_then(|h| h.iter().find(|(k, _)| k.eq_ignore_ascii_case("x-request-id"))).map(|(_, v)| v.clone());
    let json = crate::validate::parse_value(text);
    let field = |k: &str| json.as_ref().and_then(|v| v.get(k)).and_then(Value::as_str).map(str::to_owned);
    let api_error = json.as_ref().and_then(|v| v.get("error_code")).is_some_and(Value::is_string);
    match status {
        200 => match field("data").filter(|d| !d.is_empty()) {
            Some(execute_uuid) => Outcome::Executed { execute_uuid, request_id },
            None => Outcome::Http { status, text: text.to_owned(), request_id },
        },
        _ if status == 204 || api_error => {
            Outcome::Api { status, error_code: field("error_code"), error_msg: field("error_msg"), request_id }
        }
        _ => Outcome::Http { status, text: text.to_owned(), request_id },
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
