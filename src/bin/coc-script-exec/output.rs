//! What `validate` (and the other subcommands' issues) look like: text for people (colour
//! only on a terminal, never with `NO_COLOR`), JSON, GitHub workflow annotations, SARIF.

use std::io::{IsTerminal, Write};

use clap::ValueEnum;
use coc_script_exec::{pointer_position, Code, Issue, Severity};
use serde_json::{json, Value};

/// `--format`.
#[derive(Clone, Copy, ValueEnum)]
pub(crate) enum Format {
    /// `file:line:column: error code at /path: message`, one a line.
    Text,
    /// One JSON array: each file with its issues (each with `line` and `column`).
    Json,
    /// `::error file=…,line=…,col=…::…` annotations for GitHub Actions.
    Github,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
}

/// Colours, on a terminal only and never with `NO_COLOR` (no-color.org).
#[derive(Clone, Copy)]
pub(crate) struct Style {
    colour: bool,
}

impl Style {
    /// Colour when stderr is a terminal and `NO_COLOR` is unset or empty (stdout's own
    /// output is checked where it is written).
    pub(crate) fn detect() -> Style {
        let no_colour = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style { colour: !no_colour && std::io::stderr().is_terminal() }
    }

    pub(crate) fn for_stdout(self) -> Style {
        Style { colour: self.colour && std::io::stdout().is_terminal() }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_owned()
        }
    }

    pub(crate) fn error(self, text: &str) -> String {
        self.paint("1;31", text)
    }

    pub(crate) fn warning(self, text: &str) -> String {
        self.paint("1;33", text)
    }

    pub(crate) fn good(self, text: &str) -> String {
        self.paint("32", text)
    }
}

/// An issue with the line and column it stands at in its file.
pub(crate) struct Located {
    pub(crate) issue: Issue,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl Located {
    /// At its pointer in `text` (after taking `prefix` off the pointer: the part of the
    /// body the file holds); a syntax error where the parser stopped.
    pub(crate) fn at(issue: &Issue, text: &str, prefix: &str) -> Located {
        let param = |k: &str| issue.params.get(k).and_then(Value::as_u64).map(|n| n as usize);
        let (line, column) = match (issue.code, param("line"), param("column")) {
            (Code::Syntax, Some(line), Some(column)) => (line, column.max(1)),
            _ => {
                let pointer = issue.path.strip_prefix(prefix).unwrap_or(&issue.path);
                pointer_position(text, pointer).map_or((1, 1), |p| (p.line, p.column))
            }
        };
        Located { issue: issue.clone(), line, column }
    }

    /// At the start of its file (placed by the caller).
    pub(crate) fn unplaced(issue: &Issue) -> Located {
        Located { issue: issue.clone(), line: 1, column: 1 }
    }
}

/// One file's outcome.
pub(crate) struct FileResult {
    pub(crate) name: String,
    pub(crate) valid: bool,
    pub(crate) issues: Vec<Located>,
    /// Why it could not be read.
    pub(crate) error: Option<String>,
}

/// Writes the results to stdout in `format`.
pub(crate) fn write(results: &[FileResult], format: Format, style: Style) {
    let text = match format {
        Format::Text => text(results, style.for_stdout()),
        Format::Json => json_text(results) + "\n",
        Format::Github => github(results),
        Format::Sarif => serde_json::to_string_pretty(&sarif(results)).unwrap_or_default() + "\n",
    };
    let mut out = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = out.write_all(text.as_bytes()).and_then(|()| out.flush());
}

/// The text form on stderr (for `plan` and `post`, whose stdout is the result).
pub(crate) fn write_text_to_stderr(results: &[FileResult], style: Style) {
    let lines: String =
        text(results, style).lines().filter(|l| !l.ends_with(": valid")).map(|l| format!("{l}\n")).collect();
    let _ = std::io::stderr().write_all(lines.as_bytes());
}

fn severity(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

fn text(results: &[FileResult], style: Style) -> String {
    let mut out = String::new();
    for r in results {
        if let Some(why) = &r.error {
            out.push_str(&format!("{}: {}\n", r.name, style.error(why)));
            continue;
        }
        for l in &r.issues {
            let i = &l.issue;
            let sev = match i.severity {
                Severity::Error => style.error("error"),
                Severity::Warning => style.warning("warning"),
            };
            let at = if i.path.is_empty() { String::new() } else { format!(" at {}", i.path) };
            out.push_str(&format!("{}:{}:{}: {sev} {}{at}: {}\n", r.name, l.line, l.column, i.code, i.message));
        }
        let errors = r.issues.iter().filter(|l| l.issue.severity == Severity::Error).count();
        let warnings = r.issues.len() - errors;
        let summary = if r.valid {
            style.good(&if warnings == 0 { "valid".to_owned() } else { format!("valid ({warnings} warnings)") })
        } else {
            style.error(&format!("{errors} errors, {warnings} warnings"))
        };
        out.push_str(&format!("{}: {summary}\n", r.name));
    }
    out
}

fn json_text(results: &[FileResult]) -> String {
    let files: Vec<Value> = results
        .iter()
        .map(|r| match &r.error {
            Some(why) => json!({"file": r.name, "valid": false, "error": why}),
            None => {
                let issues: Vec<Value> = r
                    .issues
                    .iter()
                    .map(|l| {
                        let mut v = serde_json::to_value(&l.issue).unwrap_or_default();
                        v["line"] = l.line.into();
                        v["column"] = l.column.into();
                        v
                    })
                    .collect();
                json!({"file": r.name, "valid": r.valid, "issues": issues})
            }
        })
        .collect();
    serde_json::to_string_pretty(&files).unwrap_or_default()
}

/// GitHub's workflow command escaping: data (`%`, CR, LF) and properties (also `:` `,`).
fn escape(s: &str, property: bool) -> String {
    let mut out = s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A");
    if property {
        out = out.replace(':', "%3A").replace(',', "%2C");
    }
    out
}

fn github(results: &[FileResult]) -> String {
    let mut out = String::new();
    for r in results {
        let file = escape(&r.name, true);
        if let Some(why) = &r.error {
            out.push_str(&format!("::error file={file},title=unreadable::{}\n", escape(why, false)));
            continue;
        }
        for l in &r.issues {
            let i = &l.issue;
            let at = if i.path.is_empty() { String::new() } else { format!("{}: ", i.path) };
            out.push_str(&format!(
                "::{} file={file},line={},col={},title={}::{}\n",
                severity(i.severity),
                l.line,
                l.column,
                escape(&format!("coc-script-exec {}", i.code), true),
                escape(&format!("{at}{}", i.message), false),
            ));
        }
    }
    out
}

/// A relative file name as a SARIF `uri` (a URI reference): `%`, spaces and the like
/// percent-encoded, `/` kept.
fn uri(name: &str) -> String {
    let mut out = String::new();
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

fn sarif(results: &[FileResult]) -> Value {
    let mut codes: Vec<Code> = results.iter().flat_map(|r| r.issues.iter().map(|l| l.issue.code)).collect();
    codes.sort();
    codes.dedup();
    let rules: Vec<Value> = codes
        .iter()
        .map(|c| json!({"id": c.as_str(), "name": c.as_str(), "helpUri": "https://example.invalid/coc-script-exec/rules.md"}))
        .collect();
    let mut found = Vec::new();
    let mut notifications = Vec::new();
    for r in results {
        if let Some(why) = &r.error {
            notifications.push(json!({"level": "error", "message": {"text": why},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&r.name)}}}]}));
            continue;
        }
        for l in &r.issues {
            let i = &l.issue;
            found.push(json!({
                "ruleId": i.code.as_str(),
                "ruleIndex": codes.iter().position(|c| *c == i.code).unwrap_or_default(),
                "level": severity(i.severity),
                "message": {"text": i.message},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": {"uri": uri(&r.name)},
                        "region": {"startLine": l.line, "startColumn": l.column}
                    },
                    "logicalLocations": [{"fullyQualifiedName": i.path, "kind": "member"}]
                }],
                "properties": {"path": i.path, "params": i.params}
            }));
        }
    }
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "coc-script-exec",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://example.invalid/coc-script-exec",
                "rules": rules
            }},
            "invocations": [{"executionSuccessful": notifications.is_empty(), "toolExecutionNotifications": notifications}],
            "results": found
        }]
    })
}
