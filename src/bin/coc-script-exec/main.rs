//! `coc-script-exec`: the core's checks for people who keep bodies and host lists in a
//! repository and check them in CI (api.md "The command line"). Everything it judges,
//! the library judges; this file reads arguments and files, and writes what came back.
//!
//! Exit codes: 0 all valid (or posted, or the watched order FINISHED), 1 an error was found
//! (or the API refused, or the order ended otherwise, stayed paused or outlasted the
//! watch), 2 a file could not be read, the arguments were wrong, or the service was not
//! reached.
//!
//! A native program: built for wasm32 (as `cargo build --target wasm32-unknown-unknown`
//! does for every target of the package) it is empty, since clap and ureq are native-only.
#![cfg_attr(target_arch = "wasm32", no_main)]
#![cfg(not(target_arch = "wasm32"))]

mod output;
mod post;
mod watch;

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
use coc_script_exec::{build_batches, read_hosts, validate_json_with, Issue, Locale, Options, Revision, Severity};
use serde_json::{json, Value};

use output::{Format, Located, Style};

#[derive(Parser)]
#[command(
    name = "coc-script-exec",
    version,
    about = "Check, plan, post and watch requests for Huawei Cloud COC's Executing Customized Scripts API"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options every subcommand takes.
#[derive(clap::Args, Clone, Copy)]
struct Common {
    /// Which reading of the API to judge by.
    #[arg(long, value_enum, default_value = "page", global = true)]
    revision: RevisionArg,
    /// The language of messages.
    #[arg(long, value_enum, default_value = "en", global = true)]
    locale: LocaleArg,
}

#[derive(Subcommand)]
enum Command {
    /// Report every issue of each body file ("-" reads stdin). Exit 0 when all are
    /// valid, 1 when any has an error, 2 when a file cannot be read.
    Validate {
        /// Body files (JSON), or "-" for stdin.
        #[arg(required = true)]
        files: Vec<String>,
        /// text (for people), json, github (workflow annotations) or sarif (code scanning).
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        #[command(flatten)]
        common: Common,
    },
    /// Cut a host list (CSV with a header, a JSON array, or the console's line format;
    /// "-" reads stdin) into a body on stdout, or refuse it with its issues (exit 1).
    Plan {
        /// The host list file, or "-" for stdin.
        hosts: String,
        /// Batch sizes: host counts or percentages of all hosts, the last repeating ("1,25%").
        #[arg(long, value_delimiter = ',')]
        sizes: Vec<String>,
        /// A batch never mixes two values of this host field (region_id, project_id, provider).
        #[arg(long)]
        group_by: Option<String>,
        /// Which batches pause: none, first (a canary) or every.
        #[arg(long)]
        pause: Option<String>,
        /// The body's execute_param (JSON); else timeout 300 s, success rate 100 %, root.
        #[arg(long)]
        param_file: Option<String>,
        #[command(flatten)]
        common: Common,
    },
    /// Validate a body and post it (exit 1 when it is invalid or the API refuses it).
    /// Credentials: HUAWEICLOUD_SDK_AK and HUAWEICLOUD_SDK_SK (with HUAWEICLOUD_SDK_PROJECT_ID
    /// and HUAWEICLOUD_SDK_SECURITY_TOKEN when set) sign the request; else COC_TOKEN is sent.
    Post {
        /// The script to run.
        script_uuid: String,
        /// The body file (JSON), or "-" for stdin.
        body: String,
        /// https://host[:port] of the service (http:// on loopback only).
        #[arg(long, default_value = coc_script_exec::DEFAULT_ENDPOINT)]
        endpoint: String,
        /// Run one of Huawei's public scripts (/v1/job/public-scripts/...).
        #[arg(long)]
        public: bool,
        #[command(flatten)]
        common: Common,
    },
    /// Follow a script order until it ends, a progress line per batch (redrawn on a
    /// terminal, one line per change otherwise). Exit 0 when it ends FINISHED; 1 when it
    /// ends ABNORMAL, CANCELED, ERROR or ROLLBACKED, the API refuses, it stays paused, or
    /// --timeout-s passes; 2 without credentials or when the service is not reached.
    /// Credentials as for `post`.
    Watch {
        /// The order's id, as `post` printed it.
        execute_uuid: String,
        /// When the order pauses, continue it (CONTINUE_ORDER) after asking
        /// "Continue the order? [y/N]" on a terminal; off a terminal only with --yes.
        #[arg(long = "continue")]
        continue_paused: bool,
        /// With --continue: continue without asking (for pipelines).
        #[arg(long, requires = "continue_paused")]
        yes: bool,
        /// https://host[:port] of the service (http:// on loopback only).
        #[arg(long, default_value = coc_script_exec::DEFAULT_ENDPOINT)]
        endpoint: String,
        /// Milliseconds between polls.
        #[arg(long, default_value_t = 2000, value_parser = clap::value_parser!(u64).range(10..=600_000))]
        interval_ms: u64,
        /// Give up (exit 1) when the order has not ended after this many seconds.
        #[arg(long, default_value_t = 3600, value_parser = clap::value_parser!(u64).range(1..=604_800))]
        timeout_s: u64,
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RevisionArg {
    Page,
    Current,
}

#[derive(Clone, Copy, ValueEnum)]
enum LocaleArg {
    En,
    #[value(name = "zh-CN")]
    ZhCn,
}

impl Common {
    fn options(self) -> Options {
        Options {
            locale: match self.locale {
                LocaleArg::En => Locale::En,
                LocaleArg::ZhCn => Locale::ZhCn,
            },
            revision: match self.revision {
                RevisionArg::Page => Revision::Page,
                RevisionArg::Current => Revision::Current,
            },
        }
    }
}

fn main() -> ExitCode {
    let style = Style::detect();
    match Cli::parse().command {
        Command::Validate { files, format, common } => validate(&files, format, common.options(), style),
        Command::Plan { hosts, sizes, group_by, pause, param_file, common } => {
            let plan = Plan { sizes, group_by, pause, param_file };
            plan_body(&hosts, &plan, common.options(), style)
        }
        Command::Post { script_uuid, body, endpoint, public, common } => {
            post::post(&script_uuid, &body, &endpoint, public, common.options(), style)
        }
        Command::Watch { execute_uuid, continue_paused, yes, endpoint, interval_ms, timeout_s, common } => {
            let args = watch::Watch {
                execute_uuid,
                endpoint,
                continue_paused,
                yes,
                interval: std::time::Duration::from_millis(interval_ms),
                timeout: std::time::Duration::from_secs(timeout_s),
            };
            watch::watch(&args, common.options(), style)
        }
    }
}

/// A file's text, or why it cannot be read ("-" is stdin).
pub(crate) fn read_text(name: &str) -> Result<String, String> {
    let mut bytes = Vec::new();
    let read = if name == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(name).and_then(|mut f| f.read_to_end(&mut bytes)).map(|_| ())
    };
    read.map_err(|e| format!("cannot read {name}: {e}"))?;
    String::from_utf8(bytes).map_err(|_| format!("cannot read {name}: not UTF-8 text"))
}

/// The file name as output shows it.
pub(crate) fn display_name(name: &str) -> &str {
    if name == "-" {
        "stdin"
    } else {
        name
    }
}

fn validate(files: &[String], format: Format, options: Options, style: Style) -> ExitCode {
    let mut results = Vec::new();
    let mut unreadable = false;
    for name in files {
        match read_text(name) {
            Ok(text) => {
                let report = validate_json_with(&text, &options);
                let issues = report.issues.iter().map(|i| Located::at(i, &text, "")).collect();
                results.push(output::FileResult {
                    name: display_name(name).to_owned(),
                    valid: report.valid,
                    issues,
                    error: None,
                });
            }
            Err(why) => {
                unreadable = true;
                results.push(output::FileResult {
                    name: display_name(name).to_owned(),
                    valid: false,
                    issues: Vec::new(),
                    error: Some(why),
                });
            }
        }
    }
    output::write(&results, format, style);
    if unreadable {
        ExitCode::from(2)
    } else if results.iter().any(|r| !r.valid) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

struct Plan {
    sizes: Vec<String>,
    group_by: Option<String>,
    pause: Option<String>,
    param_file: Option<String>,
}

/// The execute_param a plan gets without `--param-file`: the page's documented
/// defaults of the SDK (300 s, 100 %, root), `resourceful` only where the page wants it.
fn default_param(revision: Revision) -> Value {
    match revision {
        Revision::Page => json!({"resourceful": true, "timeout": 300, "success_rate": 100.0, "execute_user": "root"}),
        Revision::Current => json!({"timeout": 300, "success_rate": 100.0, "execute_user": "root"}),
    }
}

fn plan_body(hosts_file: &str, plan: &Plan, options: Options, style: Style) -> ExitCode {
    let texts = read_text(hosts_file).and_then(|h| {
        let param = plan.param_file.as_deref().map(read_text).transpose()?;
        Ok((h, param))
    });
    let (hosts_text, param_text) = match texts {
        Ok(t) => t,
        Err(why) => {
            eprintln!("{}", style.error(&why));
            return ExitCode::from(2);
        }
    };
    let hosts_name = display_name(hosts_file).to_owned();
    let read = read_hosts(&hosts_text, &options);
    // An issue of the host list, at the line of its host (or its own line and column).
    let host_issue = |i: &Issue| {
        let mut located = Located::unplaced(i);
        let param = |k: &str| i.params.get(k).and_then(Value::as_u64).map(|n| n as usize);
        if let (Some(line), Some(column)) = (param("line"), param("column")) {
            (located.line, located.column) = (line, column);
        } else if let Some(k) = i.path.strip_prefix("/hosts/").and_then(|r| r.split('/').next()?.parse::<usize>().ok())
        {
            located.line = read.lines.get(k).copied().unwrap_or(1);
        }
        located
    };
    let mut issues: Vec<Located> = read.issues.iter().map(host_issue).collect();
    let sizes: Vec<Value> = plan
        .sizes
        .iter()
        .map(|s| s.trim().parse::<u64>().map_or_else(|_| Value::from(s.trim()), Value::from))
        .collect();
    let mut plan_value = json!({});
    if !sizes.is_empty() {
        plan_value["sizes"] = Value::from(sizes);
    }
    if let Some(g) = &plan.group_by {
        plan_value["group_by"] = Value::from(g.as_str());
    }
    if let Some(p) = &plan.pause {
        plan_value["pause"] = Value::from(p.as_str());
    }
    let built = build_batches(&Value::from(read.hosts.clone()), &plan_value, &options);
    issues.extend(built.issues.iter().map(host_issue));
    let mut results = vec![output::FileResult { name: hosts_name, valid: true, issues, error: None }];
    let param = match &param_text {
        Some(text) => {
            let name = plan.param_file.as_deref().map(display_name).unwrap_or_default().to_owned();
            match serde_json::from_str::<Value>(text) {
                Ok(v) => Some((v, name, text.as_str())),
                Err(_) => {
                    // validate_json says where it breaks.
                    let report = validate_json_with(text, &options);
                    let issues = report.issues.iter().map(|i| Located::at(i, text, "")).collect();
                    results.push(output::FileResult { name, valid: false, issues, error: None });
                    None
                }
            }
        }
        None => Some((default_param(options.revision), String::new(), "")),
    };
    let body = param.and_then(|(execute_param, name, text)| {
        let body = json!({"execute_param": execute_param, "execute_batches": built.execute_batches});
        let report = coc_script_exec::validate_with(&body, &options);
        // Only the param's own issues: the batches' were reported by build_batches.
        let own: Vec<Located> = report
            .issues
            .iter()
            .filter(|i| i.path.starts_with("/execute_param") || i.path.is_empty())
            .map(|i| Located::at(i, text, "/execute_param"))
            .collect();
        if !own.is_empty() {
            results.push(output::FileResult { name, valid: report.valid, issues: own, error: None });
        }
        report.valid.then_some(body)
    });
    let refused = results.iter().flat_map(|r| &r.issues).any(|i| i.issue.severity == Severity::Error);
    results.iter_mut().for_each(|r| r.valid = !r.issues.iter().any(|i| i.issue.severity == Severity::Error));
    output::write_text_to_stderr(&results, style);
    match body {
        Some(body) if !refused => {
            println!("{}", serde_json::to_string_pretty(&body).unwrap_or_default());
            ExitCode::SUCCESS
        }
        _ => ExitCode::from(1),
    }
}
