//! Every message text, in English and Simplified Chinese, from an issue's code, path and
//! params. Messages are for people; codes and params are for programs. Each message names
//! the field and the limit in an operator's words: "timeout must be between 5 and 1800
//! seconds; got 4".
//!
//! The texts are one table (table.rs): a template per message and locale, with named
//! placeholders that `fill` replaces. Which row a code takes is `row`'s choice, the same
//! in both locales; the words a placeholder computes are in words.rs.

use crate::prelude::*;

use alloc::borrow::Cow;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::code::Code;
use crate::limits::{
    BATCH_INDEX_MIN, EXECUTE_USER_ROOT, MAX_BATCHES, MAX_HOSTS_PER_BATCH, MAX_SCRIPT_PARAMS, PAGE_LIMIT_MAX,
    PAGE_LIMIT_MIN, PARAM_ORDER_MIN, RECORD_ID_MIN, SUCCESS_RATE_DECIMALS, SUCCESS_RATE_MAX, SUCCESS_RATE_MIN,
    TIMEOUT_MAX, TIMEOUT_MIN,
};

mod table;
mod words;
use table::{text, Msg};
use words::{bare, lookup, noun, push, push_f64, push_u64, separator, unit, wants, Place};

/// The language of `message` texts. Codes and params never change with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Locale {
    /// English (the default).
    #[default]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    ZhCn,
}

/// Every issue code any function of this crate can return, by name.
pub const CODES: &[&str] = &{
    let mut names = [""; Code::ALL.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = Code::ALL[i].as_str();
        i += 1;
    }
    names
};

/// The message for one issue, from its code, path and params (public so that callers
/// holding a serialized issue can render it in another locale).
pub fn render(locale: Locale, code: Code, path: &str, p: &Map<String, Value>) -> String {
    let field = Field::of(path);
    let zh = locale == Locale::ZhCn;
    // Room for most messages, so that appending never reallocates.
    let mut out = String::with_capacity(MESSAGE_ROOM);
    fill(&mut out, text(row(code, &field, p), zh), &Fill { zh, f: &field, p }, false);
    out
}

/// Bytes a rendered message starts with room for: most are shorter.
const MESSAGE_ROOM: usize = 160;

/// The field an issue is about, as an operator reads it.
struct Field<'a> {
    /// The last key of the path (`timeout`, `target_instances` for `.../target_instances/3`),
    /// for units and nouns.
    key: Cow<'a, str>,
    /// Whether the path ends in an item of the array `key` (`.../target_instances/3`).
    item: bool,
    /// Where it is, items counted from 1: "resource_id of batch 1, host 3".
    place: Place<'a>,
}

impl<'a> Field<'a> {
    fn of(path: &'a str) -> Field<'a> {
        let place = Place::of(path);
        // The last key of the path: the one it ends in, else the array of its last items.
        let key = match (&place.key, place.keyed.and_then(|i| place.items.get(i))) {
            (Some(key), _) => key.clone(),
            (None, Some((array, _))) => array.clone(),
            (None, None) => Cow::Borrowed(""),
        };
        // Whether it ends in an item (a pointer that ends in a key has one left over).
        let item = place.key.is_none() && !place.items.is_empty();
        Field { key, item, place }
    }

    /// The field `key` of a body, not in an array (for `field_description`).
    fn named(key: &'a str) -> Field<'a> {
        Field { key: Cow::Borrowed(key), item: false, place: Place { items: Vec::new(), key: None, keyed: None } }
    }

    /// The key, or where the item is when the path ends in one ("batch 1, host 4"): a
    /// field's own place is shown beside the message (a console's field, a file's line).
    fn push_label(&self, out: &mut String, zh: bool) {
        match (self.item, self.key.is_empty()) {
            (true, _) => self.place.push(out, zh),
            (false, true) => push(out, if zh { "请求体" } else { "the body" }),
            (false, false) => push(out, &self.key),
        }
    }
}

/// The row of the table a code's message is: which variant, where a code has several.
/// Both locales take the same row.
fn row(code: Code, f: &Field, p: &Map<String, Value>) -> Msg {
    let reason = str_param(p, "reason");
    match code {
        Code::Type if is_size_entry(f, p) => Msg::TypeSize,
        Code::Type => Msg::Type,
        Code::Required if has(p, "operation_type") => Msg::RequiredFor,
        Code::Required if is_list_text(f, p) => Msg::RequiredColumn,
        Code::Required => Msg::Required,
        Code::UnknownField if is_list_text(f, p) => match column_number(p) {
            Some(_) => Msg::UnknownColumnN,
            None => Msg::UnknownColumn,
        },
        Code::UnknownField => Msg::UnknownField,
        Code::Range => Msg::Range,
        Code::Boundary => Msg::Boundary,
        Code::DecimalPlaces => Msg::DecimalPlaces,
        Code::Length if !has(p, "max") => Msg::LengthMin,
        Code::Length => Msg::Length,
        Code::MustBeRoot => Msg::MustBeRoot,
        Code::Count if has(p, "smallest_size") => match (get(p, "smallest_size"), reason) {
            (Some(Value::Number(_)), _) => Msg::CountFits,
            (_, Some("canaries")) => Msg::CountCanaries,
            (_, Some("first_sizes")) => Msg::CountFirstSizes,
            _ => Msg::CountGroups,
        },
        Code::Count => Msg::Count,
        Code::Duplicate if is_list_text(f, p) => Msg::DuplicateColumn,
        Code::Duplicate if !f.place.items.is_empty() => Msg::DuplicateItem,
        Code::Duplicate => Msg::Duplicate,
        Code::Charset if is_identifier(f) => Msg::CharsetIdentifier,
        Code::Charset => Msg::Charset,
        Code::ConsecutiveDots => Msg::ConsecutiveDots,
        Code::Sequence => Msg::Sequence,
        Code::TotalHosts => Msg::TotalHosts,
        Code::Enum => Msg::Enum,
        Code::DuplicateHost if is_listed_host(p) => Msg::DuplicateListed,
        Code::DuplicateHost => Msg::DuplicateHost,
        Code::Syntax if reason == Some("quote") => Msg::SyntaxQuote,
        Code::Syntax if reason == Some("separator") => Msg::SyntaxSeparator,
        Code::Syntax => Msg::Syntax,
        Code::TooLarge if has(p, "max_depth") => Msg::TooDeep,
        Code::TooLarge => Msg::TooLarge,
        Code::Truncated => Msg::Truncated,
        Code::Endpoint => reason.and_then(|r| lookup(ENDPOINT_REASONS, r)).unwrap_or(Msg::Endpoint),
        Code::Capped => Msg::Capped,
        Code::Deprecated => Msg::Deprecated,
        Code::Mixed => Msg::Mixed,
        Code::Credentials => reason.and_then(|r| lookup(CREDENTIALS_REASONS, r)).unwrap_or(Msg::Credentials),
        Code::Date if reason == Some("required") => Msg::DateRequired,
        Code::Date => Msg::Date,
    }
}

/// The `endpoint` rows by `reason` (else [`Msg::Endpoint`]: not an address at all).
const ENDPOINT_REASONS: &[(&str, Msg)] = &[
    ("scheme", Msg::EndpointScheme),
    ("path", Msg::EndpointPath),
    ("query", Msg::EndpointQuery),
    ("fragment", Msg::EndpointFragment),
    ("credentials", Msg::EndpointCredentials),
];

/// The `credentials` rows by `reason` (else [`Msg::Credentials`]: a character).
const CREDENTIALS_REASONS: &[(&str, Msg)] = &[
    ("with_token", Msg::CredentialsWithToken),
    ("empty", Msg::CredentialsEmpty),
    ("conflict", Msg::CredentialsConflict),
];

/// What a template's placeholders are filled from.
struct Fill<'a> {
    /// Simplified Chinese, else English.
    zh: bool,
    f: &'a Field<'a>,
    p: &'a Map<String, Value>,
}

/// Appends `template` to `out` with its placeholders filled: a `{` and a lower case
/// letter open one, a `}` closes it; any other `{` is text. `nested`: `template` is the
/// `{wants}` of another, which holds no `{wants}` of its own (so this never recurses
/// twice). One copy of this loop serves every message (hence `inline(never)`).
#[inline(never)]
fn fill(out: &mut String, template: &str, c: &Fill<'_>, nested: bool) {
    let mut rest = template;
    while let Some(open) = rest.bytes().position(|b| b == b'{') {
        // Slices by `get` at ASCII bytes (`{`, `}`), so no panic path is kept.
        push(out, rest.get(..open).unwrap_or_default());
        let after = rest.get(open + 1..).unwrap_or_default();
        let name_len = after.bytes().take_while(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'_').count();
        match after.as_bytes().get(name_len) {
            Some(b'}') if after.as_bytes()[0].is_ascii_lowercase() => {
                put(out, after.get(..name_len).unwrap_or_default(), c, nested);
                rest = after.get(name_len + 1..).unwrap_or_default();
            }
            _ => {
                push(out, "{");
                rest = after;
            }
        }
    }
    push(out, rest);
}

/// A placeholder `put` computes. Looked up by name in [`SLOTS`] (one loop over a table
/// rather than a string `match`, which opt-level 3 lays out as a compare per name).
#[derive(Clone, Copy)]
enum Slot {
    Label,
    Unit,
    Noun,
    NounBare,
    Wants,
    Key,
    Items,
    FirstPlace,
    IndexFrom1,
    Allowed,
    ColumnN,
    FoundSeparator,
    DelimiterSeparator,
    What,
    /// A number of limits.rs.
    Number(u64),
    /// A number of limits.rs of type f64 (written as `Display` writes it).
    Float(f64),
    /// A word of limits.rs.
    Word(&'static str),
}

const SLOTS: &[(&str, Slot)] = &[
    ("label", Slot::Label),
    ("unit", Slot::Unit),
    ("noun", Slot::Noun),
    // The noun without its Chinese measure word: "由主机组成的列表".
    ("noun_bare", Slot::NounBare),
    ("wants", Slot::Wants),
    ("key", Slot::Key),
    ("items", Slot::Items),
    // A pointer param (`first`) as a message shows it: its items counted from 1.
    ("first_place", Slot::FirstPlace),
    // A 0-based position param (`index`) as a message shows it: counted from 1.
    ("index_from_1", Slot::IndexFrom1),
    ("allowed", Slot::Allowed),
    ("column_n", Slot::ColumnN),
    ("found_separator", Slot::FoundSeparator),
    ("delimiter_separator", Slot::DelimiterSeparator),
    // What did not parse: the body, or a host list (`read_hosts`).
    ("what", Slot::What),
    ("max_hosts_per_batch", Slot::Number(MAX_HOSTS_PER_BATCH as u64)),
    ("timeout_min", Slot::Number(TIMEOUT_MIN)),
    ("timeout_max", Slot::Number(TIMEOUT_MAX)),
    ("batch_index_min", Slot::Number(BATCH_INDEX_MIN)),
    ("max_batches", Slot::Number(MAX_BATCHES as u64)),
    ("param_order_min", Slot::Number(PARAM_ORDER_MIN)),
    ("max_script_params", Slot::Number(MAX_SCRIPT_PARAMS as u64)),
    ("page_limit_min", Slot::Number(PAGE_LIMIT_MIN)),
    ("page_limit_max", Slot::Number(PAGE_LIMIT_MAX)),
    ("record_id_min", Slot::Number(RECORD_ID_MIN)),
    ("success_rate_min", Slot::Float(SUCCESS_RATE_MIN)),
    ("success_rate_max", Slot::Float(SUCCESS_RATE_MAX)),
    ("success_rate_decimals", Slot::Number(SUCCESS_RATE_DECIMALS as u64)),
    ("execute_user_root", Slot::Word(EXECUTE_USER_ROOT)),
];

/// The text of one placeholder: a computed word where `name` is one of [`SLOTS`], else
/// the param `name` as text.
fn put(out: &mut String, name: &str, c: &Fill<'_>, nested: bool) {
    let (f, p, zh) = (c.f, c.p, c.zh);
    let z = usize::from(zh);
    let Some(slot) = lookup(SLOTS, name) else { return push_param(out, p, name) };
    match slot {
        Slot::Label => f.push_label(out, zh),
        Slot::Unit => push(out, if is_percent(f, p) { "%" } else { unit(&f.key)[z] }),
        Slot::Noun => push(out, noun(&f.key)[z]),
        Slot::NounBare => push(out, bare(noun(&f.key)[z])),
        // Never reached: no `{wants}` row holds `{wants}` (a test says so).
        Slot::Wants if nested => {}
        Slot::Wants => {
            let row = wants(&f.key, f.item, str_param(p, "expected").unwrap_or_default());
            fill(out, text(row, zh), c, true);
        }
        Slot::Key => push(out, &f.key),
        Slot::Items => f.place.push_items(out, zh),
        Slot::FirstPlace => {
            let first = param(p, "first");
            let place = Place::of(&first);
            if place.items.is_empty() {
                place.push(out, zh)
            } else {
                place.push_items(out, zh)
            }
        }
        Slot::IndexFrom1 => match get(p, "index").and_then(Value::as_u64) {
            Some(n) => push_u64(out, n.saturating_add(1)),
            None => push_param(out, p, "index"),
        },
        Slot::Allowed => match get(p, "allowed") {
            Some(Value::Array(items)) => {
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        push(out, ", ");
                    }
                    push(out, item.as_str().unwrap_or("?"));
                }
            }
            _ => push(out, "?"),
        },
        Slot::ColumnN => push(out, column_number(p).unwrap_or_default()),
        Slot::FoundSeparator => push(out, separator(str_param(p, "found").unwrap_or_default())[z]),
        Slot::DelimiterSeparator => push(out, separator(str_param(p, "delimiter").unwrap_or_default())[z]),
        Slot::What => {
            push(out, if f.key == "hosts" { ["the host list", "主机列表"] } else { ["the body", "请求体"] }[z])
        }
        Slot::Number(n) => push_u64(out, n),
        Slot::Float(x) => push_f64(out, x),
        Slot::Word(w) => push(out, w),
    }
}

/// `row`, a `{wants}` row, filled for `f` (the tests and `field_description`).
fn fill_wants(f: &Field, row: Msg, zh: bool) -> String {
    let mut out = String::new();
    fill(&mut out, text(row, zh), &Fill { zh, f, p: &Map::new() }, true);
    out
}

/// The param `name`: one copy of the map's lookup (its hashing) for every use here.
#[inline(never)]
fn get<'a>(p: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    p.get(name)
}

/// A param as text: strings bare, anything else as JSON.
fn param(p: &Map<String, Value>, name: &str) -> String {
    let mut out = String::new();
    push_param(&mut out, p, name);
    out
}

/// Appends the param `name` as text (as [`param`]).
#[inline(never)]
fn push_param(out: &mut String, p: &Map<String, Value>, name: &str) {
    match get(p, name) {
        Some(Value::String(s)) => push(out, s),
        Some(Value::Null) | None => push(out, "?"),
        // The crate's JSON writer, not `Value`'s `Display` (which goes through core::fmt).
        Some(other) => push(out, &crate::json::to_json(other)),
    }
}

/// A param that is a string.
#[inline]
fn str_param<'a>(p: &'a Map<String, Value>, name: &str) -> Option<&'a str> {
    get(p, name).and_then(Value::as_str)
}

/// Whether the param `name` is there (null or not).
fn has(p: &Map<String, Value>, name: &str) -> bool {
    get(p, name).is_some()
}

/// The number of a host list's column without a name (`field`: `column_3`).
#[inline]
fn column_number(p: &Map<String, Value>) -> Option<&str> {
    str_param(p, "field").and_then(|field| field.strip_prefix("column_"))
}

/// An issue of `read_hosts` about the text at `/hosts` (a header, a column), which has
/// its own line and column.
#[inline]
fn is_list_text(f: &Field, p: &Map<String, Value>) -> bool {
    f.key == "hosts" && !f.item && has(p, "line")
}

/// An identifier checked as U1 (it goes into a URL path or a header), not a body's text.
fn is_identifier(f: &Field) -> bool {
    matches!(&*f.key, "script_uuid" | "execute_uuid" | "project_id") && f.place.items.is_empty()
}

/// A `build_batches` size entry (`/plan/sizes/i`) of the wrong type: it may be a count
/// or a percentage, so "a whole number" alone would mislead.
fn is_size_entry(f: &Field, p: &Map<String, Value>) -> bool {
    f.key == "sizes" && f.item && str_param(p, "expected") == Some("integer")
}

/// A `build_batches` percentage (`"150%"`, kept as sent in `actual`): its bounds are percent.
fn is_percent(f: &Field, p: &Map<String, Value>) -> bool {
    f.key == "sizes" && get(p, "actual").is_some_and(Value::is_string)
}

/// A repeated host in `build_batches`' `hosts`, which is dropped rather than run twice.
fn is_listed_host(p: &Map<String, Value>) -> bool {
    str_param(p, "first").is_some_and(|first| first.starts_with("/hosts/"))
}

// ---- Field descriptions: the JSON Schema's `description` of each field (issue #12). ----
// One sentence per field, in the page's words (SDK 3.1.219's for the `current` fields),
// English only; where a `type` message already says what a field is (`{wants}`), that
// text is the description, so nothing is said twice.

/// What the field `key` of a body is, in English, for `json_schema`: its own sentence
/// below, else what a `type` message says it wants (`expected`: "integer", "array", ...).
/// A key means the same in every object it appears in, so the wire key is the key.
pub(crate) fn field_description(key: &str, expected: &str) -> String {
    let own = match key {
        "resourceful" => "Whether resources are limited: true means not limited, false limited",
        "param_name" => "The name of a script input parameter, unique within the script",
        "param_value" => "The value of the script input parameter",
        "param_order" => "The parameter's place in the sequence, counted from 1 without gaps",
        "param_refer" => "A reference to a stored parameter whose value is used instead of param_value",
        "refer_type" => "Where the referenced parameter is stored",
        "param_id" => "The id of the referenced parameter",
        "param_version" => "The version of the referenced parameter (its latest when absent)",
        "rotation_strategy" => "What happens after this batch: CONTINUE to the next, or PAUSE until continued",
        "resource_id" => "The id of the host (ECS) to run the script on",
        "agent_sn" => "The serial number of the host's UniAgent",
        "project_id" => "The id of the project the host belongs to",
        "region_id" => "The region the host belongs to",
        "provider" => "The cloud service that provides the host (ECS when absent)",
        "type" => "The kind of resource the host is (CLOUDSERVER when absent)",
        "custom_attributes" => "Custom attributes of the host, as key and value pairs; no sensitive data",
        "key" => "The attribute's name, unique within the host",
        "value" => "The attribute's value",
        _ => return capitalized(&fill_wants(&Field::named(key), wants(key, false, expected), false)),
    };
    own.to_owned()
}

/// `text` with its first letter upper case, as a description opens.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(path: &str) -> String {
        let mut out = String::new();
        Field::of(path).push_label(&mut out, false);
        out
    }

    #[test]
    fn labels_name_the_field_and_its_item() {
        assert_eq!(label("/execute_param/timeout"), "timeout");
        let host = Field::of("/execute_batches/0/target_instances/3");
        assert_eq!(
            (label("/execute_batches/0/target_instances/3"), &*host.key, host.item),
            ("batch 1, host 4".to_owned(), "target_instances", true)
        );
        assert_eq!(label("/a~1b"), "a/b");
        assert_eq!(label(""), "the body");
    }

    /// Every placeholder of the table is one `put` computes or a param some code has, so
    /// a misspelt name cannot quietly read as a missing param ("?").
    #[test]
    fn every_placeholder_is_known() {
        const COMPUTED: &[&str] = &[
            "label",
            "unit",
            "noun",
            "noun_bare",
            "wants",
            "key",
            "items",
            "first_place",
            "index_from_1",
            "allowed",
            "column_n",
            "found_separator",
            "delimiter_separator",
            "what",
            "max_hosts_per_batch",
            "timeout_min",
            "timeout_max",
            "batch_index_min",
            "max_batches",
            "param_order_min",
            "max_script_params",
            "page_limit_min",
            "page_limit_max",
            "record_id_min",
            "success_rate_min",
            "success_rate_max",
            "success_rate_decimals",
            "execute_user_root",
        ];
        const PARAMS: &[&str] = &[
            "operation_type",
            "field",
            "line",
            "column",
            "min",
            "max",
            "actual",
            "smallest_size",
            "value",
            "char",
            "expected",
            "max_depth",
            "actual_bytes",
            "max_bytes",
            "dropped",
            "dropped_errors",
        ];
        let mut used = Vec::new();
        for &row in table::ALL {
            for zh in [false, true] {
                let template = text(row, zh);
                let mut rest = template;
                while let Some(open) = rest.find('{') {
                    rest = &rest[open + 1..];
                    if !rest.starts_with(|c: char| c.is_ascii_lowercase()) {
                        continue;
                    }
                    let end = rest.find('}').unwrap_or_else(|| panic!("{row:?}: unclosed {{ in {template}"));
                    let name = &rest[..end];
                    assert!(COMPUTED.contains(&name) || PARAMS.contains(&name), "{row:?}: {{{name}}} in {template}");
                    used.push(name.to_owned());
                }
            }
        }
        for name in COMPUTED.iter().chain(PARAMS) {
            assert!(used.iter().any(|u| u == name), "{{{name}}} is in no template");
        }
        // Only the `{wants}` rows are filled nested, and they hold no `{wants}`.
        for &row in table::ALL {
            let wants_row = format!("{row:?}").starts_with("Wants");
            for zh in [false, true] {
                assert!(!(wants_row && text(row, zh).contains("{wants}")), "{row:?}");
            }
        }
    }
}
