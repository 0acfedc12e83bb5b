//! `validate` and `validate_json`: judging a request body against every rule of a
//! revision. The traversal (walk.rs, an interpreter) is kept apart from the rules (the
//! tables in rules/), so either can change without moving the other.

mod float;
pub(crate) mod node;
pub(crate) mod scan;
pub(crate) mod walk;
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
pub(crate) mod wide;

use serde_json::Value;

use crate::code::Code;
use crate::limits::{MAX_BODY_BYTES, MAX_DEPTH};
use crate::report::{params, Options, Report, Sink, TooLarge};
pub(crate) use float::is_whole;
use node::{Node, ParseError};

/// Judges a body (a parsed JSON value) with English messages.
pub fn validate(body: &Value) -> Report {
    validate_with(body, &Options::default())
}

/// Judges a body (a parsed JSON value).
pub fn validate_with(body: &Value, options: &Options) -> Report {
    let mut sink = Sink::new();
    walk::body(&Node::from_value(body), options.revision, &mut sink);
    sink.finish(options.locale)
}

/// Judges a body given as JSON text (the text about to be posted), with English messages.
pub fn validate_json(text: &str) -> Report {
    validate_json_with(text, &Options::default())
}

/// Judges a body given as JSON text. Text over 1 MiB or nested deeper than 128 levels
/// is refused (R-SIZE); text that does not parse is a `syntax` error with a 1-based line
/// and character column (R-SYNTAX).
///
/// The text is read into a tree that borrows its strings (node.rs), never into a
/// `serde_json::Value`: that is most of the cost of judging text, and what stays is
/// little more than the parse itself.
pub fn validate_json_with(text: &str, options: &Options) -> Report {
    if let Some(refused) = too_many_bytes(text) {
        return refused.finish(options.locale);
    }
    match node::parse(text) {
        Ok(body) => {
            let mut sink = Sink::new();
            walk::body(&body, options.revision, &mut sink);
            sink.finish(options.locale)
        }
        Err(e) => refusal(text, e).finish(options.locale),
    }
}

/// Reads JSON text within the input limits into a `Value` (for `build_request` given text,
/// and the parsers of responses and host lists), or the sink holding why not: the same
/// refusals as `validate_json`, from the same reader.
#[cfg_attr(not(target_arch = "wasm32"), allow(dead_code))]
pub(crate) fn parse_body(text: &str) -> Result<Value, Sink> {
    if let Some(refused) = too_many_bytes(text) {
        return Err(refused);
    }
    node::parse(text).map(|n| n.to_value()).map_err(|e| refusal(text, e))
}

/// JSON text read into a `Value` by the crate's one reader (scan.rs), or `None` when it
/// is no JSON: for texts that are not a request body (a response, a host list).
pub(crate) fn parse_value(text: &str) -> Option<Value> {
    node::parse(text).ok().map(|n| n.to_value())
}

/// R-SIZE in bytes, before anything is read.
fn too_many_bytes(text: &str) -> Option<Sink> {
    (text.len() > MAX_BODY_BYTES).then(|| TooLarge::Bytes(text.len()).refusal(""))
}

/// Why text that did not parse is refused: R-SIZE when it nests deeper than allowed
/// anywhere (judged on the whole text, whichever problem the reader met first), else
/// R-SYNTAX. Only text that failed pays for this scan.
fn refusal(text: &str, error: ParseError) -> Sink {
    match error {
        ParseError::Syntax(at) if !nesting_exceeds(text.as_bytes(), MAX_DEPTH) => {
            let (line, column) = syntax_position(text, at);
            let mut sink = Sink::new();
            sink.error(Code::Syntax, "", params([("line", line.into()), ("column", column.into())]));
            sink
        }
        _ => TooLarge::Depth.refusal(""),
    }
}

/// True when brackets outside strings nest deeper than `max`. Stops at the first
/// level too deep, so hostile text costs one partial scan.
pub(crate) fn nesting_exceeds(text: &[u8], max: usize) -> bool {
    let mut depth = 0usize;
    for b in outside_strings(text) {
        match b {
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// The bytes of JSON text that are outside its strings, each string's opening `"` among
/// them (escapes followed, so `"\""` is one string), for scans of its structure.
pub(crate) fn outside_strings(text: &[u8]) -> impl Iterator<Item = u8> + '_ {
    let (mut in_string, mut escaped) = (false, false);
    text.iter().copied().filter(move |&b| {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            return false;
        }
        in_string = b == b'"';
        true
    })
}

/// The 1-based line and character column of a syntax error at byte offset `at` (the
/// character before it, as serde_json counts: its column is the bytes from the line's
/// start to `at`); operators count characters, not bytes.
pub(crate) fn syntax_position(text: &str, at: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..at.min(text.len())];
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let line = 1 + before[..line_start].iter().filter(|&&b| b == b'\n').count();
    // Count the bytes that start a character (UTF-8 continuation bytes are 0b10xx_xxxx).
    let chars = before[line_start..].iter().filter(|&&b| (b & 0xC0) != 0x80).count();
    (line, chars.max(1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn refused(result: Result<Value, Sink>) -> (String, Vec<String>) {
        let issue = result.err().map(|s| s.finish(Default::default()).issues.remove(0)).expect("refused");
        (issue.code.as_str().to_owned(), issue.params.keys().cloned().collect())
    }

    /// The JS binding's `build_request` reads text through `parse_body`: the same refusals
    /// as `validate_json`, and the same tree when the text is fine.
    #[test]
    fn parse_body_refuses_as_validate_json_does() {
        let text = r#"{"a": ["x\n", 1.5]}"#;
        assert_eq!(parse_body(text).ok(), serde_json::from_str(text).ok());
        assert_eq!(parse_value(text), serde_json::from_str(text).ok());
        assert_eq!(parse_value("{\"a\": }"), None);
        assert_eq!(refused(parse_body("{\"a\": }")), ("syntax".into(), vec!["line".into(), "column".into()]));
        let deep = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
        assert_eq!(refused(parse_body(&deep)), ("too_large".into(), vec!["max_depth".into()]));
        let huge = " ".repeat(MAX_BODY_BYTES + 1);
        assert_eq!(refused(parse_body(&huge)).0, "too_large");
        for text in ["{\"a\": }", deep.as_str(), huge.as_str()] {
            let report = validate_json(text);
            assert_eq!(report.issues[0].code, refused(parse_body(text)).0);
        }
    }
}
