//! `post`: validate a body, build its request with the core (signed with an access key
//! pair, or with a token), send it, and say what the answer means. Nothing here prints a
//! header: the token, the security token and the signature stay in the request.

use std::collections::BTreeMap;
use std::process::ExitCode;
use std::time::Duration;

use coc_script_exec::{
    build_request, parse_response, validate_json_with, Credentials, Options, Outcome, RequestOptions, ScriptSource,
};

use crate::output::{self, FileResult, Located, Style};
use crate::{display_name, read_text};

/// How long a post may take, connection included.
const TIMEOUT: Duration = Duration::from_secs(60);

/// The SDKs' own variables (`HUAWEICLOUD_SDK_AK`, ...), else `COC_TOKEN`; empty counts as
/// unset. `None`, having said so on stderr, when neither is there.
pub(crate) fn auth_from_env(style: Style) -> Option<(Option<Credentials>, Option<String>)> {
    let var = |k: &str| std::env::var(k).ok().filter(|v| !v.is_empty());
    let found = match (var("HUAWEICLOUD_SDK_AK"), var("HUAWEICLOUD_SDK_SK")) {
        (Some(ak), Some(sk)) => Some((
            Some(Credentials {
                ak,
                sk,
                project_id: var("HUAWEICLOUD_SDK_PROJECT_ID"),
                security_token: var("HUAWEICLOUD_SDK_SECURITY_TOKEN"),
            }),
            None,
        )),
        _ => var("COC_TOKEN").map(|t| (None, Some(t))),
    };
    if found.is_none() {
        let why = "no credentials: set HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (an access key pair), or COC_TOKEN";
        eprintln!("{}", style.error(why));
    }
    found
}

pub(crate) fn post(
    script_uuid: &str,
    body_file: &str,
    endpoint: &str,
    public: bool,
    options: Options,
    style: Style,
) -> ExitCode {
    let Some((credentials, token)) = auth_from_env(style) else {
        return ExitCode::from(2);
    };
    let text = match read_text(body_file) {
        Ok(text) => text,
        Err(why) => {
            eprintln!("{}", style.error(&why));
            return ExitCode::from(2);
        }
    };
    let name = display_name(body_file).to_owned();
    let report = validate_json_with(&text, &options);
    let issues: Vec<Located> = report.issues.iter().map(|i| Located::at(i, &text, "")).collect();
    if !report.valid {
        output::write_text_to_stderr(&[FileResult { name, valid: false, issues, error: None }], style);
        eprintln!("{}", style.error("not posted: the body has errors"));
        return ExitCode::from(1);
    }
    output::write_text_to_stderr(&[FileResult { name, valid: true, issues, error: None }], style);
    let body: serde_json::Value = match serde_json::from_str(&text) {
        Ok(v) => v,
        Err(_) => return ExitCode::from(1), // validate_json said it parses
    };
    let request_options = RequestOptions {
        endpoint: Some(endpoint.to_owned()),
        token,
        credentials,
        locale: options.locale,
        revision: options.revision,
        script_source: if public { ScriptSource::Public } else { ScriptSource::Custom },
        ..Default::default()
    };
    let built = build_request(script_uuid, &body, &request_options);
    let Some(request) = built.request else {
        let issues = built.issues.iter().map(Located::unplaced).collect();
        output::write_text_to_stderr(
            &[FileResult { name: "request".into(), valid: false, issues, error: None }],
            style,
        );
        eprintln!("{}", style.error("not posted"));
        return ExitCode::from(1);
    };
    let agent: ureq::Agent =
        ureq::Agent::config_builder().http_status_as_error(false).timeout_global(Some(TIMEOUT)).build().into();
    let mut call = agent.post(&request.url);
    for (k, v) in &request.headers {
        call = call.header(k.as_str(), v.as_str());
    }
    let mut response = match call.send(request.body.as_bytes()) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("{}", style.error(&format!("could not reach {}: {e}", request.url)));
            return ExitCode::from(2);
        }
    };
    let status = response.status().as_u16();
    let headers: BTreeMap<String, String> = response
        .headers()
        .iter()
        .map(|(k, v)| (k.as_str().to_owned(), v.to_str().unwrap_or_default().to_owned()))
        .collect();
    let text = response.body_mut().read_to_string().unwrap_or_default();
    match parse_response(status, &text, Some(&headers)) {
        Outcome::Executed { execute_uuid, request_id } => {
            println!("{execute_uuid}");
            eprintln!(
                "{}",
                style.good(&format!("started {execute_uuid} (request {})", request_id.as_deref().unwrap_or("-")))
            );
            ExitCode::SUCCESS
        }
        Outcome::Api { status, error_code, error_msg, request_id } => {
            eprintln!(
                "{}",
                style.error(&format!(
                    "refused ({status}): {} {} (request {})",
                    error_code.as_deref().unwrap_or("-"),
                    error_msg.as_deref().unwrap_or(""),
                    request_id.as_deref().unwrap_or("-")
                ))
            );
            ExitCode::from(1)
        }
        Outcome::Http { status, text, .. } => {
            let text: String = text.chars().take(500).collect();
            eprintln!("{}", style.error(&format!("HTTP {status}: {text}")));
            ExitCode::from(1)
        }
    }
}
