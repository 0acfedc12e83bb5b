//! The one shape every function returns: [`Issue`], [`Severity`], [`Report`], the
//! [`Options`] every function takes (locale and [`Revision`]), and the collector that
//! keeps the first [`MAX_ISSUES`] issues (rule R-LIMIT).

use crate::prelude::*;

use alloc::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::code::Code;
use crate::limits::{MAX_BODY_BYTES, MAX_DEPTH, MAX_ISSUES};
use crate::messages::{self, Locale};

/// How bad an issue is: an error makes the body invalid, a warning does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// The request would be refused or would do harm.
    Error,
    /// Worth a look; the request may still be sent.
    Warning,
}

impl Severity {
    /// Its wire word (`"error"`, `"warning"`), for the writers of the wasm module's results
    /// (serde's derive writes it natively).
    #[cfg(any(target_arch = "wasm32", test))]
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// Which reading of the API to judge by (revisions.md). `page` is the contract and the
/// default; `current` is the API as Huawei's SDK 3.1.219 and Terraform provider use it
/// today. A later change of the service becomes a new id; an id never changes meaning.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Revision {
    /// The API page, as rules.md reads it (the default).
    #[default]
    Page,
    /// The API as the SDK 3.1.219 models and the Terraform provider describe it.
    Current,
}

impl Revision {
    /// Every revision, the default first.
    pub const ALL: [Revision; 2] = [Revision::Page, Revision::Current];

    /// The id (`"page"`, `"current"`).
    pub fn as_str(self) -> &'static str {
        match self {
            Revision::Page => "page",
            Revision::Current => "current",
        }
    }

    /// The revision with this id, if there is one.
    pub fn from_id(id: &str) -> Option<Revision> {
        Revision::ALL.into_iter().find(|r| r.as_str() == id)
    }
}

/// Options every function takes (`options.locale`, `options.revision` in JS).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Options {
    /// Language of the messages; `"en"` when absent.
    #[serde(default)]
    pub locale: Locale,
    /// Which reading of the API to judge by; `"page"` when absent.
    #[serde(default)]
    pub revision: Revision,
}

impl Options {
    /// Options with the given locale (and the default revision).
    pub fn locale(locale: Locale) -> Self {
        Options { locale, ..Options::default() }
    }

    /// Options with the given revision (and the default locale).
    pub fn revision(revision: Revision) -> Self {
        Options { revision, ..Options::default() }
    }
}

/// One problem, at one JSON Pointer, with a stable code and structured params.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Issue {
    /// RFC 6901 pointer into the input, with wire names (`/execute_param/timeout`).
    pub path: String,
    /// Stable snake_case code from rules.md; match on this, never on `message`.
    pub code: Code,
    /// Error or warning.
    pub severity: Severity,
    /// Human text in the requested locale.
    pub message: String,
    /// Structured facts (`min`, `max`, `actual`, `first`, ...).
    pub params: Map<String, Value>,
}

/// The outcome of `validate`: `valid` is true when no error was found, even one that
/// R-LIMIT dropped from the list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// No error found.
    pub valid: bool,
    /// What was found, in document order, at most [`MAX_ISSUES`] plus `truncated`.
    pub issues: Vec<Issue>,
}

impl Report {
    /// The issues with this code, for tests and callers that filter.
    pub fn with_code<'a>(&'a self, code: &'a str) -> impl Iterator<Item = &'a Issue> + 'a {
        self.issues.iter().filter(move |i| i.code == code)
    }

    /// Number of errors in the list (not counting any R-LIMIT dropped).
    pub fn error_count(&self) -> usize {
        self.issues.iter().filter(|i| i.severity == Severity::Error).count()
    }
}

/// Builds a params object from `(name, value)` pairs.
pub(crate) fn params<const N: usize>(pairs: [(&str, Value); N]) -> Map<String, Value> {
    pairs.into_iter().map(|(k, v)| (k.to_owned(), v)).collect()
}

/// An issue waiting for its message, which is written only if it is kept.
struct Pending {
    path: String,
    code: Code,
    severity: Severity,
    params: Map<String, Value>,
}

/// Collects issues in the order they are found, keeps the first [`MAX_ISSUES`], and
/// counts the rest (R-LIMIT) without building them.
pub(crate) struct Sink {
    kept: Vec<Pending>,
    errors: usize,
    dropped: usize,
    dropped_errors: usize,
}

impl Sink {
    pub(crate) fn new() -> Self {
        Sink { kept: Vec::new(), errors: 0, dropped: 0, dropped_errors: 0 }
    }

    /// Records an issue; `path` and `params` are only evaluated if it is kept.
    pub(crate) fn push(
        &mut self,
        severity: Severity,
        code: Code,
        path: impl FnOnce() -> String,
        params: impl FnOnce() -> Map<String, Value>,
    ) {
        if severity == Severity::Error {
            self.errors += 1;
        }
        if self.kept.len() < MAX_ISSUES {
            self.kept.push(Pending { path: path(), code, severity, params: params() });
        } else {
            self.dropped += 1;
            if severity == Severity::Error {
                self.dropped_errors += 1;
            }
        }
    }

    pub(crate) fn error(&mut self, code: Code, path: &str, params: Map<String, Value>) {
        self.push(Severity::Error, code, || path.to_owned(), || params);
    }

    pub(crate) fn warning(&mut self, code: Code, path: &str, params: Map<String, Value>) {
        self.push(Severity::Warning, code, || path.to_owned(), || params);
    }

    /// True when an error has been recorded (kept or dropped).
    pub(crate) fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Writes the messages of the kept issues and closes the list with `truncated`.
    pub(crate) fn finish(self, locale: Locale) -> Report {
        let mut issues: Vec<Issue> = self
            .kept
            .into_iter()
            .map(|p| Issue {
                message: messages::render(locale, p.code, &p.path, &p.params),
                path: p.path,
                code: p.code,
                severity: p.severity,
                params: p.params,
            })
            .collect();
        if self.dropped > 0 {
            let params = params([("dropped", self.dropped.into()), ("dropped_errors", self.dropped_errors.into())]);
            issues.push(Issue {
                message: messages::render(locale, Code::Truncated, "", &params),
                path: String::new(),
                code: Code::Truncated,
                severity: Severity::Warning,
                params,
            });
        }
        Report { valid: self.errors == 0, issues }
    }
}

/// Why input is refused before it is judged (R-SIZE): the one builder of `too_large`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TooLarge {
    /// Nested deeper than [`MAX_DEPTH`].
    Depth,
    /// This many bytes of JSON text (or at least this many), over [`MAX_BODY_BYTES`].
    Bytes(usize),
}

impl TooLarge {
    /// The params of the `too_large` issue.
    pub(crate) fn params(self) -> Map<String, Value> {
        match self {
            TooLarge::Depth => params([("max_depth", MAX_DEPTH.into())]),
            TooLarge::Bytes(actual) => params([("max_bytes", MAX_BODY_BYTES.into()), ("actual_bytes", actual.into())]),
        }
    }

    /// A sink holding only this refusal, at `at`.
    pub(crate) fn refusal(self, at: &str) -> Sink {
        let mut sink = Sink::new();
        sink.error(Code::TooLarge, at, self.params());
        sink
    }
}

/// A JSON Pointer being walked: push a segment, look, pop it.
#[derive(Default)]
pub(crate) struct Pointer(String);

/// Room a walked pointer starts with: the deepest of a body's (a host's field in a batch,
/// about 60 bytes) never grows it, where growing from empty took five reallocations a
/// body, a twentieth of validate's instructions on the small one (BENCHMARKS.md, session 6).
const POINTER_ROOM: usize = 128;

impl Pointer {
    #[inline]
    pub(crate) fn root() -> Self {
        Pointer(String::with_capacity(POINTER_ROOM))
    }

    /// A pointer that starts as `prefix` (itself a pointer).
    pub(crate) fn from_prefix(prefix: &str) -> Self {
        Pointer(prefix.to_owned())
    }

    pub(crate) fn as_str(&self) -> &str {
        &self.0
    }

    /// Appends a key, escaped per RFC 6901; returns the length to truncate back to.
    #[inline]
    pub(crate) fn key(&mut self, key: &str) -> usize {
        let mark = self.0.len();
        self.0.push('/');
        if !key.bytes().any(|b| b == b'~' || b == b'/') {
            self.0.push_str(key);
            return mark;
        }
        for c in key.chars() {
            match c {
                '~' => self.0.push_str("~0"),
                '/' => self.0.push_str("~1"),
                c => self.0.push(c),
            }
        }
        mark
    }

    /// Appends an array index; returns the length to truncate back to.
    #[inline]
    pub(crate) fn index(&mut self, i: usize) -> usize {
        let mark = self.0.len();
        self.0.push('/');
        crate::text::push_decimal(&mut self.0, i as u64);
        mark
    }

    #[inline]
    pub(crate) fn pop(&mut self, mark: usize) {
        self.0.truncate(mark);
    }

    /// The pointer of `key` below this one, as a new string.
    pub(crate) fn child(&self, key: &str) -> String {
        let mut p = Pointer(self.0.clone());
        p.key(key);
        p.0
    }
}

/// A pointer's segment unescaped per RFC 6901 (`~1` is `/`, `~0` is `~`), as
/// `replace("~1", "/").replace("~0", "~")` gives it, in one pass and without a substring
/// search; borrowed when it holds no `~`.
pub(crate) fn unescape(segment: &str) -> Cow<'_, str> {
    if !segment.contains('~') {
        return Cow::Borrowed(segment);
    }
    // By bytes: `~`, `0` and `1` are ASCII, so every cut is at a character boundary.
    let bytes = segment.as_bytes();
    let mut out = String::with_capacity(segment.len());
    let (mut run, mut i) = (0, 0);
    while i < bytes.len() {
        let unescaped = match (bytes[i], bytes.get(i + 1)) {
            (b'~', Some(b'1')) => "/",
            (b'~', Some(b'0')) => "~",
            _ => {
                i += 1;
                continue;
            }
        };
        out.push_str(segment.get(run..i).unwrap_or_default());
        out.push_str(unescaped);
        i += 2;
        run = i;
    }
    out.push_str(segment.get(run..).unwrap_or_default());
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn segments_unescape_as_the_two_replaces_do(segment in "[~01/aé]{0,12}") {
            prop_assert_eq!(unescape(&segment), segment.replace("~1", "/").replace("~0", "~"));
        }
    }

    #[test]
    fn pointer_segments_push_and_pop() {
        let mut p = Pointer::root();
        let a = p.key("execute_batches");
        for (i, text) in [(0, "/0"), (7, "/7"), (10, "/10"), (199, "/199"), (usize::MAX, "/18446744073709551615")] {
            let b = p.index(i);
            assert_eq!(p.as_str(), format!("/execute_batches{text}"));
            p.pop(b);
        }
        let c = p.key("a~b/c");
        assert_eq!(p.as_str(), "/execute_batches/a~0b~1c");
        p.pop(c);
        p.pop(a);
        assert_eq!(p.as_str(), "");
    }
}
