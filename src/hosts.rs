//! `read_hosts`: a host list as people paste or keep it (api.md "Host lists and
//! canaries") — CSV with a header row, the console's line format, or a JSON array — read
//! into the hosts `build_batches` takes. No judgement of the hosts here: `build_batches`
//! does that; this says only where the text itself is wrong, each problem at the line and
//! column (1-based) where it is.
//!
//! The quoting is read by `csv-core` (csv.rs); this file gives the cells their names. A
//! first row naming any host field is a header and never a host; without one, the cells
//! are the revision's columns in order.

use crate::prelude::*;

mod csv;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::code::Code;
use crate::limits::MAX_BODY_BYTES;
use crate::report::{params, Issue, Options, Revision, Sink, TooLarge};
use crate::text::{concat, decimal};
use crate::validate::node::ParseError;
use csv::{Cell, Record, Records};

/// What [`read_hosts`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostsResult {
    /// The hosts, as objects of text fields (JSON input: as given).
    pub hosts: Vec<Value>,
    /// The 1-based line each host starts on (JSON input: the line its item starts on).
    pub lines: Vec<usize>,
    /// Problems of the text, at `/hosts` or `/hosts/k`, with `line` and `column` params.
    pub issues: Vec<Issue>,
}

/// The host columns of a revision: in the order a line without a header gives them, the
/// ones a line may leave empty, and every name a header may use.
struct Format {
    columns: &'static [&'static str],
    optional: &'static [&'static str],
    known: &'static [&'static str],
}

impl Format {
    fn of(revision: Revision) -> Format {
        match revision {
            Revision::Page => Format {
                columns: &["resource_id", "agent_sn", "project_id", "region_id"],
                optional: &[],
                known: &["resource_id", "agent_sn", "project_id", "region_id"],
            },
            // Two columns suffice today (revisions.md); agent_sn and project_id are still
            // read under a header, for build_batches to call deprecated.
            Revision::Current => Format {
                columns: &["resource_id", "region_id", "provider", "type"],
                optional: &["provider", "type"],
                known: &["resource_id", "region_id", "provider", "type", "agent_sn", "project_id"],
            },
        }
    }

    fn required(&self) -> impl Iterator<Item = &'static str> + '_ {
        self.columns.iter().copied().filter(|c| !self.optional.contains(c))
    }
}

/// Every host field of any revision: a first row naming one of these is a header, even
/// under a revision that does not take it (which is then an unknown column).
const HEADER_NAMES: [&str; 6] = ["resource_id", "agent_sn", "project_id", "region_id", "provider", "type"];

/// Reads a host list: a JSON array (text starting with `[` or `{`), else CSV: cells
/// separated by `,`, `;` or a tab (whichever the first line uses most), `"quoted"` as CSV
/// quotes them, with an optional header row naming the columns; empty lines and lines
/// starting with `#` are skipped, and a UTF-8 BOM is ignored. A text longer than a body may
/// be (R-SIZE) is `too_large` at `/hosts`.
pub fn read_hosts(text: &str, options: &Options) -> HostsResult {
    if text.len() > MAX_BODY_BYTES {
        // The hosts go into a body, which R-SIZE bounds: a longer list can never be sent.
        let issues = TooLarge::Bytes(text.len()).refusal("/hosts").finish(options.locale).issues;
        return HostsResult { hosts: Vec::new(), lines: Vec::new(), issues };
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sink = Sink::new();
    let (hosts, lines) = if text.trim_start().starts_with(['[', '{']) {
        read_json(text, &mut sink)
    } else {
        read_csv(text, &Format::of(options.revision), &mut sink)
    };
    HostsResult { hosts, lines, issues: sink.finish(options.locale).issues }
}

/// A JSON array of hosts, read by the crate's one reader: a syntax error at its 1-based
/// line and character column, nesting past R-SIZE's depth `too_large`.
fn read_json(text: &str, sink: &mut Sink) -> (Vec<Value>, Vec<usize>) {
    match crate::validate::node::parse(text).map(|n| n.to_value()) {
        Ok(Value::Array(hosts)) => {
            let mut lines = item_lines(text);
            lines.resize(hosts.len(), 1);
            (hosts, lines)
        }
        Ok(_) => {
            sink.error(Code::Type, "/hosts", params([("expected", "array".into())]));
            (Vec::new(), Vec::new())
        }
        Err(ParseError::Syntax(at)) => {
            let (line, column) = crate::validate::syntax_position(text, at);
            sink.error(Code::Syntax, "/hosts", params([("line", line.into()), ("column", column.into())]));
            (Vec::new(), Vec::new())
        }
        Err(ParseError::TooDeep) => {
            sink.error(Code::TooLarge, "/hosts", TooLarge::Depth.params());
            (Vec::new(), Vec::new())
        }
    }
}

/// The line each item of a top-level JSON array starts on, in one pass over the text
/// (which has parsed as JSON, so no string holds a raw newline): a pointer lookup per
/// item would read the text once per host.
fn item_lines(text: &str) -> Vec<usize> {
    let (mut lines, mut line, mut depth, mut expect_item) = (Vec::new(), 1, 0usize, true);
    for b in crate::validate::outside_strings(text.as_bytes()) {
        match b {
            b'\n' => line += 1,
            b' ' | b'\t' | b'\r' => {}
            _ => {
                if depth == 1 && expect_item && !matches!(b, b',' | b']') {
                    lines.push(line);
                    expect_item = false;
                }
                match b {
                    b'[' | b'{' => depth += 1,
                    b']' | b'}' => depth = depth.saturating_sub(1),
                    b',' if depth == 1 => expect_item = true,
                    _ => {}
                }
            }
        }
    }
    lines
}

/// The names of a header's cells; each unknown name is one `unknown_field` warning, a
/// name given twice a `duplicate` error, and a required column it lacks a `required` error.
fn header(cells: &[Cell], format: &Format, delimiter: u8, sink: &mut Sink) -> Vec<Option<&'static str>> {
    let mut names: Vec<Option<&'static str>> = Vec::with_capacity(cells.len());
    // The names met so far: at most one of each known name, so a short list.
    let mut seen: Vec<&str> = Vec::new();
    for cell in cells {
        let name = format.known.iter().copied().find(|&n| n == normalized(&cell.text));
        match name {
            Some(n) if seen.contains(&n) => {
                sink.error(Code::Duplicate, "/hosts", at(n, cell));
                names.push(None);
            }
            Some(n) => {
                seen.push(n);
                names.push(Some(n));
            }
            None if cell.text.is_empty() => names.push(None), // a trailing delimiter
            // Names separated by spaces: the header the delimiter missed.
            None if cell.text.split_whitespace().any(|w| format.known.contains(&normalized(w).as_str())) => {
                let p = separator(b' ', delimiter, format.required().count(), cells.len(), cell);
                sink.error(Code::Syntax, "/hosts", p);
                return vec![None; cells.len()];
            }
            None => {
                sink.warning(Code::UnknownField, "/hosts", at(&cell.text, cell));
                names.push(None);
            }
        }
    }
    if let Some(first) = cells.first() {
        for missing in format.required().filter(|r| !seen.contains(r)) {
            sink.error(Code::Required, "/hosts", at(missing, first));
        }
    }
    names
}

/// A header name as people write it: `Resource ID`, `resource-id` and `resource_id` alike.
fn normalized(name: &str) -> String {
    // By char, not `replace` with a set of chars (its searcher is code of its own).
    name.trim().chars().map(|c| if c == ' ' || c == '-' { '_' } else { c.to_ascii_lowercase() }).collect()
}

/// A first row naming a host field, in a cell of its own or among words separated by
/// spaces (a header the delimiter missed: it is still no host, and its hosts get a hint).
fn is_header(cells: &[Cell]) -> bool {
    let name = |text: &str| HEADER_NAMES.contains(&normalized(text).as_str());
    cells.iter().any(|c| name(&c.text) || c.text.split_whitespace().any(name))
}

fn read_csv(text: &str, format: &Format, sink: &mut Sink) -> (Vec<Value>, Vec<usize>) {
    let delimiter = csv::delimiter(text);
    let (mut hosts, mut lines) = (Vec::new(), Vec::new());
    let by_order: Vec<Option<&'static str>> = format.columns.iter().map(|c| Some(*c)).collect();
    let mut named: Option<Vec<Option<&'static str>>> = None;
    // The cells a host needs: the revision's required ones, or up to a header's last name.
    let mut expected = format.required().count();
    // Columns past the named ones already warned of: one warning per column, not per line.
    let mut extra_warned = alloc::collections::BTreeSet::new();
    let mut first = true;
    for record in Records::new(text, delimiter) {
        let k = hosts.len();
        let cells = match record {
            Record::Cells(cells) => cells,
            Record::Unclosed { line, column } => {
                let p = params([("reason", "quote".into()), ("line", line.into()), ("column", column.into())]);
                sink.error(Code::Syntax, &concat(&["/hosts/", &decimal(k as u64)]), p);
                break;
            }
        };
        // A row of empty cells (`,,,`, or a line of tabs) says nothing.
        if cells.iter().all(|c| c.text.is_empty() && !c.quoted) {
            continue;
        }
        if core::mem::take(&mut first) && is_header(&cells) {
            let names = header(&cells, format, delimiter, sink);
            expected = names.iter().rposition(Option::is_some).map_or(expected, |i| i + 1);
            named = Some(names);
            continue;
        }
        let columns = named.as_deref().unwrap_or(&by_order);
        let mut host = Map::new();
        for (i, cell) in cells.iter().enumerate() {
            match columns.get(i) {
                Some(Some(name)) if cell.text.is_empty() && format.optional.contains(name) => {}
                Some(Some(name)) => {
                    host.insert((*name).to_owned(), Value::String(cell.text.clone()));
                }
                Some(None) => {} // an unknown or repeated header column: said once, at the header
                None if cell.text.is_empty() && !cell.quoted => {} // a trailing delimiter
                None if !extra_warned.insert(i) => {}
                None => {
                    sink.warning(Code::UnknownField, "/hosts", at(&concat(&["column_", &decimal(i as u64 + 1)]), cell))
                }
            }
        }
        separator_hint(&cells, expected, delimiter, &concat(&["/hosts/", &decimal(k as u64)]), sink);
        lines.push(cells.first().map_or(1, |c| c.line));
        hosts.push(Value::Object(host));
    }
    (hosts, lines)
}

/// A row with fewer cells than it needs, one of which holds another separator (spaces,
/// or a delimiter other than the text's): the columns are most likely separated by that,
/// and saying so is more use than the `required` issues `build_batches` would give alone.
fn separator_hint(cells: &[Cell], expected: usize, delimiter: u8, at_path: &str, sink: &mut Sink) {
    if cells.len() >= expected {
        return;
    }
    let others = csv::DELIMITERS.iter().copied().filter(|&d| d != delimiter).chain([b' ']);
    let found = others.into_iter().find_map(|d| {
        let cell = cells.iter().find(|c| !c.quoted && c.text.as_bytes().contains(&d))?;
        Some((d, cell))
    });
    if let Some((found, cell)) = found {
        sink.error(Code::Syntax, at_path, separator(found, delimiter, expected, cells.len(), cell));
    }
}

/// The params of a `syntax` issue of reason `separator`: at `cell`, which holds `found`.
fn separator(found: u8, delimiter: u8, expected: usize, actual: usize, cell: &Cell) -> Map<String, Value> {
    params([
        ("reason", "separator".into()),
        ("found", char::from(found).to_string().into()),
        ("delimiter", char::from(delimiter).to_string().into()),
        ("expected", expected.into()),
        ("actual", actual.into()),
        ("line", cell.line.into()),
        ("column", cell.column.into()),
    ])
}

fn at(field: &str, cell: &Cell) -> Map<String, Value> {
    params([("field", field.into()), ("line", cell.line.into()), ("column", cell.column.into())])
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A header name folds as `trim`, `to_ascii_lowercase` and `replace([' ', '-'], "_")` fold it.
        #[test]
        fn header_names_fold_as_the_string_functions_do(name in "[ a-zA-Z_\\-é\t]{0,16}") {
            proptest::prop_assert_eq!(normalized(&name), name.trim().to_ascii_lowercase().replace([' ', '-'], "_"));
        }
    }

    fn read(text: &str, revision: Revision) -> HostsResult {
        read_hosts(text, &Options::revision(revision))
    }

    /// `(path, code, line, column)` of each issue.
    fn placed(r: &HostsResult) -> Vec<(&str, &str, u64, u64)> {
        let n = |i: &Issue, k: &str| i.params.get(k).and_then(Value::as_u64).unwrap_or(0);
        r.issues.iter().map(|i| (i.path.as_str(), i.code.as_str(), n(i, "line"), n(i, "column"))).collect()
    }

    #[test]
    fn csv_with_header_quotes_bom_and_delimiters() {
        let text = "\u{feff}region_id;resource_id;owner;agent_sn;project_id\n\
                    cn-north-4;\"i-1\";me;\"sn;1\";p1\r\n\
                    # a comment\n\n\
                    cn-north-4;i-2;you;\"sn \"\"2\"\"\";p1;extra\n";
        let r = read(text, Revision::Page);
        assert_eq!(r.hosts.len(), 2);
        assert_eq!(r.hosts[0]["resource_id"], "i-1");
        assert_eq!(r.hosts[0]["agent_sn"], "sn;1");
        assert_eq!(r.hosts[1]["agent_sn"], "sn \"2\"");
        assert!(r.hosts[0].get("owner").is_none());
        assert_eq!(r.lines, [2, 5]);
        assert_eq!(placed(&r), [("/hosts", "unknown_field", 1, 23), ("/hosts", "unknown_field", 5, 34)]);
    }

    #[test]
    fn console_lines_and_current_columns() {
        let r = read("i-1, sn-1, p1, cn-north-4\ni-2\tsn-2\tp1\tcn-north-4", Revision::Page);
        assert_eq!(r.hosts.len(), 2);
        // The first line decides the delimiter: the second, tab-separated, gets a hint.
        assert_eq!(r.hosts[1]["resource_id"], "i-2\tsn-2\tp1\tcn-north-4");
        assert_eq!(placed(&r), [("/hosts/1", "syntax", 2, 1)]);
        assert_eq!(r.issues[0].params["found"], "\t");
        let r = read("i-1\tcn-north-4\ni-2\tcn-north-4\tcloud\t\n", Revision::Current);
        assert_eq!(r.hosts[0], serde_json::json!({"resource_id": "i-1", "region_id": "cn-north-4"}));
        assert_eq!(r.hosts[1]["provider"], "cloud");
        assert!(r.issues.is_empty());
        let r = read("resource_id,region_id\ni-1,cn-north-4,", Revision::Current);
        assert_eq!((r.hosts.len(), r.issues.len()), (1, 0));
        assert_eq!(read("  \n", Revision::Page).hosts, Vec::<Value>::new());
    }

    #[test]
    fn json_and_broken_text() {
        let r = read("[\n {\"resource_id\": \"i-1\"},\n {\"x\": [1, \"]\"]}\n]", Revision::Page);
        assert_eq!((r.hosts.len(), r.lines.clone()), (2, vec![2, 3]));
        let r = read("{\"resource_id\": \"i-1\"}", Revision::Page);
        assert_eq!((r.issues[0].path.as_str(), r.issues[0].code.as_str()), ("/hosts", "type"));
        let r = read("[{", Revision::Page);
        assert_eq!(r.issues[0].code, "syntax");
        let r = read("i-1,sn,p,r\n\"i-2,sn", Revision::Page);
        assert_eq!(r.hosts.len(), 1);
        assert_eq!(placed(&r), [("/hosts/1", "syntax", 2, 1)]);
        assert!(r.issues[0].message.contains("quote"), "{}", r.issues[0].message);
    }

    #[test]
    fn item_lines_skip_strings_and_nesting() {
        assert_eq!(item_lines("[1,\n\"a,b\",\n[2,\n3], {\"k\": [4]}\n]"), [1, 2, 3, 4]);
        assert_eq!(item_lines("[]"), Vec::<usize>::new());
    }
}
