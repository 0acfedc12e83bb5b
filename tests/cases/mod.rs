//! The rule cases: data (tests/cases/*.json, the DSL in tests/cases/README.md), read here
//! and run natively (tests/rules.rs) and as wasm in Chromium and Node (tests/wasm.rs); the
//! JS tests (tests/js/cases.test.mjs) read the same files against pkg/. For every rule id
//! of rules.md and revisions.md, bodies that break it (`expect`: the issues that must be
//! present) and bodies that pass it (`absent`: the issues that must not be). Tests match on
//! path, code, severity (and, where a case gives them, params), never on message text.
//!
//! The files are compiled in (`include_str!`), so the wasm build reads them as well.
#![allow(dead_code)]

use coc_script_exec::Severity::{self, Error, Warning};
use coc_script_exec::{Report, Revision};
use serde_json::{json, Map, Value};

/// The bodies cases start from, and each revision's default.
pub const BASES: &str = include_str!("bases.json");
/// The cases of rules.md (some of them also hold under `current`).
pub const PAGE: &str = include_str!("page.json");
/// The cases of revisions.md.
pub const CURRENT: &str = include_str!("current.json");
/// Every case file, by name.
pub const FILES: [(&str, &str); 2] = [("page.json", PAGE), ("current.json", CURRENT)];
/// One line per expanded case (revision, kind, rule, name, hash): what both expansions,
/// Rust's here and JS's in tests/js/cases.test.mjs, must produce.
pub const EXPANDED: &str = include_str!("expanded.txt");
/// The spec's tables, vendored (tests/spec; tests/rules.rs holds them to ../shared/spec).
pub const SPEC_RULES: &str = include_str!("../spec/rules.md");
pub const SPEC_REVISIONS: &str = include_str!("../spec/revisions.md");

/// One body and what `validate_with` must say of it under `revision`.
#[derive(Debug, Clone)]
pub struct Case {
    /// The rule id in rules.md or revisions.md.
    pub rule: &'static str,
    /// What the body does.
    pub name: String,
    /// The revision the case runs under (a case of both revisions is two `Case`s).
    pub revision: Revision,
    /// The body.
    pub body: Value,
    /// (path, code, severity) that must be in the report.
    pub expect: Vec<(String, &'static str, Severity)>,
    /// (path, code) that must not be in the report.
    pub absent: Vec<(String, &'static str)>,
    /// (path, code, params): the issue at path with code carries exactly these params.
    pub params: Vec<(String, &'static str, Value)>,
    /// What `report.valid` must be, when the case says.
    pub valid: Option<bool>,
}

/// One JSON text and what `validate_json_with` must say of it under `revision`.
#[derive(Debug, Clone)]
pub struct TextCase {
    /// The rule id in rules.md or revisions.md.
    pub rule: &'static str,
    /// What the text does.
    pub name: String,
    /// The revision the case runs under.
    pub revision: Revision,
    /// The text.
    pub text: String,
    /// (path, code, severity) that must be in the report.
    pub expect: Vec<(String, &'static str, Severity)>,
    /// (path, code) that must not be in the report.
    pub absent: Vec<(String, &'static str)>,
    /// (path, code, params): the issue at path with code carries exactly these params.
    pub params: Vec<(String, &'static str, Value)>,
    /// What `report.valid` must be, when the case says.
    pub valid: Option<bool>,
}

impl Case {
    /// Asserts everything the case says of `report`.
    pub fn check(&self, report: &Report) {
        check_all(self.rule, &self.label(), report, &self.expect, &self.absent, &self.params, self.valid);
    }

    /// `name [revision]`, for messages.
    pub fn label(&self) -> String {
        format!("{} [{}]", self.name, self.revision.as_str())
    }
}

impl TextCase {
    /// Asserts everything the case says of `report`.
    pub fn check(&self, report: &Report) {
        check_all(self.rule, &self.label(), report, &self.expect, &self.absent, &self.params, self.valid);
    }

    /// `name [revision]`, for messages.
    pub fn label(&self) -> String {
        format!("{} [{}] (text)", self.name, self.revision.as_str())
    }
}

/// A host with the four documented fields of the page (the DSL's `$host`).
pub fn host(id: &str) -> Value {
    json!({"resource_id": id, "agent_sn": format!("sn-{id}"), "project_id": "p1", "region_id": "cn-north-4"})
}

/// A named body of bases.json.
pub fn base(name: &str) -> Value {
    bases()["bodies"].get(name).cloned().unwrap_or_else(|| panic!("bases.json has no body {name:?}"))
}

/// The name of `revision`'s default base.
pub fn default_base(revision: Revision) -> String {
    bases()["default"][revision.as_str()].as_str().expect("bases.json names a default per revision").to_owned()
}

fn bases() -> Value {
    serde_json::from_str(BASES).expect("bases.json is JSON")
}

/// A valid body exercising every member of the page: two parameters, two batches, three hosts.
pub fn valid_body() -> Value {
    base("valid")
}

/// A valid body under `current`, of the same shape (two parameters, the second by
/// `param_refer`; two batches, three hosts, the first with provider, type and attributes).
pub fn valid_current_body() -> Value {
    base("valid_current")
}

/// `count` parameters with unique names and orders 1..=count (the DSL's `$params`).
pub fn params_n(count: usize) -> Value {
    Value::Array(
        (1..=count).map(|i| json!({"param_name": format!("p{i}"), "param_value": "v", "param_order": i})).collect(),
    )
}

/// `batches` batches of `per` hosts each, indexes 1..=batches, distinct hosts (`$batches`).
pub fn batches_n(batches: usize, per: usize) -> Value {
    Value::Array(
        (1..=batches)
            .map(|b| {
                let hosts: Vec<Value> = (0..per).map(|h| host(&format!("i-{b}-{h}"))).collect();
                json!({"batch_index": b, "target_instances": hosts, "rotation_strategy": "CONTINUE"})
            })
            .collect(),
    )
}

/// `body` with the value at `pointer` replaced (or `None`: removed). The parent must exist;
/// in an array, the index `-` (or the length) appends.
pub fn with(mut body: Value, pointer: &str, value: Option<Value>) -> Value {
    let (parent, key) = pointer.rsplit_once('/').expect("a pointer below the root");
    let key = key.replace("~1", "/").replace("~0", "~");
    match body.pointer_mut(parent).unwrap_or_else(|| panic!("the parent of {pointer:?} exists")) {
        Value::Object(map) => match value {
            Some(v) => {
                map.insert(key, v);
            }
            None => {
                map.shift_remove(&key);
            }
        },
        Value::Array(items) => {
            let i: usize = if key == "-" { items.len() } else { key.parse().expect("an index") };
            match value {
                Some(v) if i == items.len() => items.push(v),
                Some(v) => items[i] = v,
                None => {
                    items.remove(i);
                }
            }
        }
        _ => panic!("the parent of {pointer:?} is not a container"),
    }
    body
}

/// The valid body with one value set.
pub fn set(pointer: &str, value: Value) -> Value {
    with(valid_body(), pointer, Some(value))
}

/// The valid body with one member removed.
pub fn drop(pointer: &str) -> Value {
    with(valid_body(), pointer, None)
}

/// The page's own example body, exactly as printed.
pub const PAGE_EXAMPLE: &str = include_str!("../fixtures/page_example.json");

/// Every body case of every file, once per revision it runs under, in file order.
pub fn cases() -> Vec<Case> {
    let mut out = Vec::new();
    for (file, text) in FILES {
        let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        for c in doc["cases"].as_array().unwrap_or_else(|| panic!("{file}: no `cases` array")) {
            for revision in revisions_of(file, &doc, c) {
                out.push(body_case(file, c, revision));
            }
        }
    }
    out
}

/// The body cases that run under `revision`.
pub fn cases_for(revision: Revision) -> Vec<Case> {
    cases().into_iter().filter(|c| c.revision == revision).collect()
}

/// Every text case (R-SYNTAX, R-SIZE, and text-only readings), once per revision.
pub fn text_cases() -> Vec<TextCase> {
    let mut out = Vec::new();
    for (file, text) in FILES {
        let doc: Value = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        for c in doc["text_cases"].as_array().map(Vec::as_slice).unwrap_or_default() {
            for revision in revisions_of(file, &doc, c) {
                out.push(text_case(file, c, revision));
            }
        }
    }
    out
}

/// The text cases that run under `revision`.
pub fn text_cases_for(revision: Revision) -> Vec<TextCase> {
    text_cases().into_iter().filter(|c| c.revision == revision).collect()
}

fn revisions_of(file: &str, doc: &Value, case: &Value) -> Vec<Revision> {
    let revision = |v: &Value| {
        v.as_str().and_then(Revision::from_id).unwrap_or_else(|| panic!("{file}: {v} is not a revision id"))
    };
    match case.get("revisions") {
        Some(Value::Array(ids)) => ids.iter().map(revision).collect(),
        Some(other) => panic!("{file}: `revisions` must be an array of ids, not {other}"),
        None => vec![revision(&doc["revision"])],
    }
}

const BODY_KEYS: &[&str] =
    &["$comment", "rule", "name", "revisions", "base", "body", "set", "merge", "drop", "expect", "absent", "valid"];
const TEXT_KEYS: &[&str] = &[
    "$comment",
    "rule",
    "name",
    "revisions",
    "base",
    "text",
    "chop",
    "replace",
    "append",
    "expect",
    "absent",
    "valid",
];

struct Common {
    rule: &'static str,
    name: String,
    expect: Vec<(String, &'static str, Severity)>,
    absent: Vec<(String, &'static str)>,
    params: Vec<(String, &'static str, Value)>,
    valid: Option<bool>,
}

fn common(file: &str, case: &Value, keys: &[&str]) -> Common {
    let obj = case.as_object().unwrap_or_else(|| panic!("{file}: a case is not an object: {case}"));
    let rule = obj.get("rule").and_then(Value::as_str).unwrap_or_else(|| panic!("{file}: a case without rule"));
    let name = obj.get("name").and_then(Value::as_str).unwrap_or_else(|| panic!("{file}: {rule}: a case without name"));
    let at = format!("{file}: {rule} {name}");
    for key in obj.keys() {
        assert!(keys.contains(&key.as_str()), "{at}: unknown key {key:?}");
    }
    let list = |key: &str| obj.get(key).map(|v| v.as_array().unwrap_or_else(|| panic!("{at}: {key} is not an array")));
    let mut expect = Vec::new();
    let mut params = Vec::new();
    for e in list("expect").into_iter().flatten() {
        let e = e.as_array().unwrap_or_else(|| panic!("{at}: an expect item is not an array"));
        assert!(e.len() == 3 || e.len() == 4, "{at}: expect items are [path, code, severity, params?]");
        let path = str_of(&e[0], &at).to_owned();
        let code = leak(str_of(&e[1], &at));
        let severity = match str_of(&e[2], &at) {
            "error" => Error,
            "warning" => Warning,
            other => panic!("{at}: severity {other:?}"),
        };
        if let Some(p) = e.get(3) {
            assert!(p.is_object(), "{at}: params must be an object");
            params.push((path.clone(), code, p.clone()));
        }
        expect.push((path, code, severity));
    }
    let mut absent = Vec::new();
    for a in list("absent").into_iter().flatten() {
        let a = a.as_array().filter(|a| a.len() == 2).unwrap_or_else(|| panic!("{at}: absent items are [path, code]"));
        absent.push((str_of(&a[0], &at).to_owned(), leak(str_of(&a[1], &at))));
    }
    assert!(!expect.is_empty() || !absent.is_empty(), "{at}: a case expects nothing");
    let valid = obj.get("valid").map(|v| v.as_bool().unwrap_or_else(|| panic!("{at}: valid is not a boolean")));
    Common { rule: leak(rule), name: name.to_owned(), expect, absent, params, valid }
}

fn str_of<'a>(v: &'a Value, at: &str) -> &'a str {
    v.as_str().unwrap_or_else(|| panic!("{at}: {v} is not a string"))
}

/// Case data lives as long as the test: ids and codes become `&'static str`.
fn leak(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

fn base_of(at: &str, case: &Value, revision: Revision) -> Value {
    let name = match case.get("base") {
        Some(v) => str_of(v, at).to_owned(),
        None => default_base(revision),
    };
    base(&name)
}

fn body_case(file: &str, case: &Value, revision: Revision) -> Case {
    let Common { rule, name, expect, absent, params, valid } = common(file, case, BODY_KEYS);
    let at = format!("{file}: {rule} {name}");
    let mut body = match case.get("body") {
        Some(b) => {
            assert!(case.get("base").is_none(), "{at}: body and base together");
            expand(b)
        }
        None => base_of(&at, case, revision),
    };
    if let Some(sets) = case.get("set") {
        let sets = sets.as_object().unwrap_or_else(|| panic!("{at}: set is not an object"));
        for (pointer, value) in sets {
            body = with(body, pointer, Some(expand(value)));
        }
    }
    if let Some(merges) = case.get("merge") {
        let merges = merges.as_object().unwrap_or_else(|| panic!("{at}: merge is not an object"));
        for (pointer, members) in merges {
            let Value::Object(members) = expand(members) else { panic!("{at}: merge {pointer:?} is not an object") };
            let target = body.pointer_mut(pointer).and_then(Value::as_object_mut);
            let target = target.unwrap_or_else(|| panic!("{at}: merge target {pointer:?} is not an object"));
            target.extend(members);
        }
    }
    for pointer in case.get("drop").and_then(Value::as_array).into_iter().flatten() {
        body = with(body, str_of(pointer, &at), None);
    }
    Case { rule, name, revision, body, expect, absent, params, valid }
}

fn text_case(file: &str, case: &Value, revision: Revision) -> TextCase {
    let Common { rule, name, expect, absent, params, valid } = common(file, case, TEXT_KEYS);
    let at = format!("{file}: {rule} {name}");
    let mut text = match case.get("text") {
        Some(t) => {
            assert!(case.get("base").is_none(), "{at}: text and base together");
            str_of(&expand(t), &at).to_owned()
        }
        None => serde_json::to_string(&base_of(&at, case, revision)).unwrap(),
    };
    if let Some(n) = case.get("chop") {
        let n = n.as_u64().unwrap_or_else(|| panic!("{at}: chop is not a count")) as usize;
        let keep = text.chars().count().checked_sub(n).unwrap_or_else(|| panic!("{at}: chop past the start"));
        text = text.chars().take(keep).collect();
    }
    for pair in case.get("replace").and_then(Value::as_array).into_iter().flatten() {
        let pair = pair.as_array().filter(|p| p.len() == 2).unwrap_or_else(|| panic!("{at}: replace [from, to]"));
        let (from, to) = (str_of(&pair[0], &at), str_of(&pair[1], &at));
        assert!(text.contains(from), "{at}: the text has no {from:?} to replace");
        text = text.replacen(from, to, 1);
    }
    if let Some(tail) = case.get("append") {
        text.push_str(str_of(&expand(tail), &at));
    }
    TextCase { rule, name, revision, text, expect, absent, params, valid }
}

/// A value of the DSL with its generators (`{"$name": args}`) replaced by what they make.
pub fn expand(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(expand).collect()),
        Value::Object(map) if map.len() == 1 && map.keys().all(|k| k.starts_with('$')) => {
            let (name, args) = map.iter().next().unwrap();
            generate(name, &expand(args))
        }
        Value::Object(map) => Value::Object(map.iter().map(|(k, v)| (k.clone(), expand(v))).collect()),
        other => other.clone(),
    }
}

fn generate(name: &str, args: &Value) -> Value {
    let count = |v: &Value| v.as_u64().unwrap_or_else(|| panic!("{name}: {v} is not a count")) as usize;
    let pair = || match args.as_array().map(Vec::as_slice) {
        Some([a, b]) => (a, b),
        _ => panic!("{name} takes [a, b], not {args}"),
    };
    let text = |v: &Value| v.as_str().unwrap_or_else(|| panic!("{name}: {v} is not a string")).to_owned();
    match name {
        "$repeat" => {
            let (s, n) = pair();
            Value::String(text(s).repeat(count(n)))
        }
        "$concat" => Value::String(
            args.as_array().unwrap_or_else(|| panic!("$concat takes an array")).iter().map(text).collect(),
        ),
        "$list" => {
            let (v, n) = pair();
            Value::Array(vec![v.clone(); count(n)])
        }
        "$host" => host(&text(args)),
        "$hosts" => Value::Array((0..count(args)).map(|i| host(&format!("h{i}"))).collect()),
        "$params" => params_n(count(args)),
        "$batches" => {
            let (b, per) = pair();
            batches_n(count(b), count(per))
        }
        "$unknown_keys" => Value::Object((0..count(args)).map(|i| (format!("x{i}"), json!(i))).collect::<Map<_, _>>()),
        "$deep" => {
            let n = count(args);
            Value::String(format!("{}{}", "[".repeat(n), "]".repeat(n)))
        }
        other => panic!("unknown generator {other}"),
    }
}

/// What every layer asserts of a case: the `expect` issues present (an error making the
/// report invalid), the `absent` ones not.
pub fn check(rule: &str, name: &str, report: &Report, expect: &[(String, &str, Severity)], absent: &[(String, &str)]) {
    for (path, code, severity) in expect {
        assert!(
            report.issues.iter().any(|i| &i.path == path && i.code == *code && i.severity == *severity),
            "{rule} {name}: expected {code} ({severity:?}) at {path:?}; got {:#?}",
            report.issues
        );
        if *severity == Error {
            assert!(!report.valid, "{rule} {name}: an error must make the report invalid");
        }
    }
    for (path, code) in absent {
        assert!(
            !report.issues.iter().any(|i| &i.path == path && i.code == *code),
            "{rule} {name}: unexpected {code} at {path:?}; got {:#?}",
            report.issues
        );
    }
}

/// `check`, and the params and validity a case may also give.
pub fn check_all(
    rule: &str,
    name: &str,
    report: &Report,
    expect: &[(String, &str, Severity)],
    absent: &[(String, &str)],
    params: &[(String, &str, Value)],
    valid: Option<bool>,
) {
    check(rule, name, report, expect, absent);
    for (path, code, want) in params {
        let issue = report
            .issues
            .iter()
            .find(|i| &i.path == path && i.code == *code && &Value::Object(i.params.clone()) == want);
        assert!(
            issue.is_some(),
            "{rule} {name}: expected {code} at {path:?} with params {want}; got {:#?}",
            report.issues
        );
    }
    if let Some(valid) = valid {
        assert_eq!(report.valid, valid, "{rule} {name}: valid; got {:#?}", report.issues);
    }
}

/// JSON text as `JSON.stringify` writes it (numbers in their shortest form, `5.0` as `5`),
/// so the Rust and JS expansions of a case can be compared byte for byte.
pub fn canonical(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Number(n) => match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => out.push_str(&i.to_string()),
            (_, Some(u)) => out.push_str(&u.to_string()),
            // Display is the shortest round trip, as JS writes numbers below 1e21.
            _ => out.push_str(&n.as_f64().unwrap().to_string()),
        },
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (i, (k, v)) in map.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::to_string(k).unwrap());
                out.push(':');
                write_canonical(v, out);
            }
            out.push('}');
        }
        other => out.push_str(&serde_json::to_string(other).unwrap()),
    }
}

/// 32-bit FNV-1a of the UTF-8 bytes (the JS test computes the same).
pub fn fnv1a(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |h, b| (h ^ u32::from(b)).wrapping_mul(0x0100_0193))
}

/// What a case says of its report, as one JSON value (hashed into its digest line).
fn says(
    expect: &[(String, &str, Severity)],
    absent: &[(String, &str)],
    params: &[(String, &str, Value)],
    valid: Option<bool>,
) -> Value {
    let sev = |s: &Severity| if *s == Error { "error" } else { "warning" };
    json!({
        "expect": expect.iter().map(|(p, c, s)| json!([p, c, sev(s)])).collect::<Vec<_>>(),
        "absent": absent.iter().map(|(p, c)| json!([p, c])).collect::<Vec<_>>(),
        "params": params.iter().map(|(p, c, v)| json!([p, c, v])).collect::<Vec<_>>(),
        "valid": valid,
    })
}

fn digest_line(revision: Revision, kind: &str, rule: &str, name: &str, input: &str, says: &Value) -> String {
    let hash = |t: &str| format!("{:08x}", fnv1a(t));
    format!(
        "{}\t{kind}\t{rule}\t{name}\t{}\t{}\t{}",
        revision.as_str(),
        input.len(),
        hash(input),
        hash(&canonical(says))
    )
}

/// Every expanded case as one line: revision, kind, rule, name, input bytes, input hash,
/// hash of what the case says; body cases first, then text cases, in file order.
pub fn digest() -> String {
    let mut lines = Vec::new();
    for c in cases() {
        let said = says(&c.expect, &c.absent, &c.params, c.valid);
        lines.push(digest_line(c.revision, "body", c.rule, &c.name, &canonical(&c.body), &said));
    }
    for c in text_cases() {
        let said = says(&c.expect, &c.absent, &c.params, c.valid);
        lines.push(digest_line(c.revision, "text", c.rule, &c.name, &c.text, &said));
    }
    lines.join("\n") + "\n"
}

/// The rows of the spec's id tables: (heading of the section, id, cells) for every row of
/// every markdown table whose first header cell is `id`, backticks removed.
pub fn spec_rows(markdown: &str) -> Vec<(String, String, Vec<String>)> {
    let cells = |line: &str| -> Vec<String> {
        let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
        inner.split('|').map(|c| c.trim().replace('`', "")).collect()
    };
    let mut rows = Vec::new();
    let mut heading = String::new();
    let mut in_id_table = false;
    let mut lines = markdown.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some(h) = line.strip_prefix("## ") {
            heading = h.trim().to_owned();
        }
        if !line.trim_start().starts_with('|') {
            in_id_table = false;
            continue;
        }
        let row = cells(line);
        if lines.peek().is_some_and(|next| next.trim_start().starts_with("|---")) {
            // A header row: the table is an id table when its first column is `id`.
            in_id_table = row.first().is_some_and(|c| c == "id");
            lines.next();
            continue;
        }
        if in_id_table {
            rows.push((heading.clone(), row[0].clone(), row));
        }
    }
    rows
}

/// rules.md's ids of the body and the input-limit tables (every id table but the path
/// parameter and the response's, which `validate` does not judge).
pub fn page_ids() -> Vec<String> {
    spec_rows(SPEC_RULES)
        .into_iter()
        .filter(|(heading, _, _)| !heading.starts_with("The path parameter"))
        .map(|(_, id, _)| id)
        .collect()
}

/// revisions.md's rows for `current`: (id, not judged under current).
pub fn current_rows() -> Vec<(String, bool)> {
    spec_rows(SPEC_REVISIONS)
        .into_iter()
        .map(|(_, id, row)| {
            let not_judged = row.get(2).is_some_and(|c| c.starts_with("not judged"));
            (id, not_judged)
        })
        .collect()
}

/// The ids each revision judges by: the page's, and for `current` revisions.md's rows
/// plus every page id they leave as written. (`false`: the id is not judged, so it has
/// only passing cases.)
pub fn spec_ids(revision: Revision) -> Vec<(String, bool)> {
    let page = page_ids();
    match revision {
        Revision::Page => page.into_iter().map(|id| (id, true)).collect(),
        Revision::Current => {
            let rows = current_rows();
            let mut ids: Vec<(String, bool)> =
                page.into_iter().filter(|id| !rows.iter().any(|(r, _)| r == id)).map(|id| (id, true)).collect();
            ids.extend(rows.into_iter().map(|(id, not_judged)| (id, !not_judged)));
            ids
        }
    }
}
