//! `read_hosts`: a host list as people paste or keep it (api.md "Host lists and
//! canaries") — CSV with a header row, the console's line format, or a JSON array — read
//! into the hosts `build_batches` takes. No judgement of the hosts here: `build_batches`
//! does that; this says only where the text itself is wrong.
//!
//! A small reader rather than the `csv` crate: it runs in the console's wasm module too,
//! and RFC 4180's quoting is all a host list needs.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::code::Code;
use crate::report::{params, Issue, Options, Revision, Sink};

/// What [`read_hosts`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HostsResult {
    /// The hosts, as objects of text fields (JSON input: as given).
    pub hosts: Vec<Value>,
    /// The 1-based line each host starts on (JSON input: the line of its `{`).
    pub lines: Vec<usize>,
    /// Problems of the text, at `/hosts` or `/hosts/k`, with `line` and `column` params.
    pub issues: Vec<Issue>,
}

/// The host columns of a revision, in the order a line without a header gives them, the
/// ones a line may leave empty, and every name a header may use (as www/read.js).
fn format(revision: Revision) -> (&'static [&'static str], &'static [&'static str], &'static [&'static str]) {
    match revision {
        Revision::Page => (
            &["resource_id", "agent_sn", "project_id", "region_id"],
            &[],
            &["resource_id", "agent_sn", "project_id", "region_id"],
        ),
        Revision::Current => (
            &["resource_id", "region_id", "provider", "type"],
            &["provider", "type"],
            &["resource_id", "region_id", "provider", "type", "agent_sn", "project_id"],
        ),
    }
}

/// Reads a host list: a JSON array (text starting with `[` or `{`), else lines of cells
/// separated by `,`, `;` or a tab (whichever the first line uses), `"quoted"` as CSV
/// quotes them, with an optional header row naming the columns; empty lines and lines
/// starting with `#` are skipped, and a UTF-8 BOM is ignored.
pub fn read_hosts(text: &str, options: &Options) -> HostsResult {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut sink = Sink::new();
    let trimmed = text.trim_start();
    let (hosts, lines) = if trimmed.starts_with(['[', '{']) {
        read_json(text, &mut sink)
    } else {
        read_lines(text, options.revision, &mut sink)
    };
    HostsResult { hosts, lines, issues: sink.finish(options.locale).issues }
}

fn read_json(text: &str, sink: &mut Sink) -> (Vec<Value>, Vec<usize>) {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(hosts)) => {
            let lines = (0..hosts.len())
                .map(|k| crate::position::pointer_position(text, &format!("/{k}")).map_or(1, |p| p.line))
                .collect();
            (hosts, lines)
        }
        Ok(_) => {
            sink.error(Code::Type, "/hosts", params([("expected", "array".into())]));
            (Vec::new(), Vec::new())
        }
        Err(e) => {
            sink.error(Code::Syntax, "/hosts", params([("line", e.line().into()), ("column", e.column().into())]));
            (Vec::new(), Vec::new())
        }
    }
}

/// One cell: its text, whether it was quoted, and where it starts.
struct Cell {
    text: String,
    quoted: bool,
    line: usize,
    column: usize,
}

fn read_lines(text: &str, revision: Revision, sink: &mut Sink) -> (Vec<Value>, Vec<usize>) {
    let (default_columns, optional, known) = format(revision);
    let mut columns: Vec<Option<&str>> = default_columns.iter().map(|c| Some(*c)).collect();
    let mut hosts = Vec::new();
    let mut lines = Vec::new();
    let mut reader = Reader { chars: text.chars().peekable(), line: 1, column: 1, delimiter: None };
    let mut first = true;
    while let Some(record) = reader.record() {
        let k = hosts.len();
        let record = match record {
            Ok(record) => record,
            Err((line, column)) => {
                sink.error(
                    Code::Syntax,
                    &format!("/hosts/{k}"),
                    params([("reason", "quote".into()), ("line", line.into()), ("column", column.into())]),
                );
                break;
            }
        };
        let header = first && is_header(&record, known);
        first = false;
        if header {
            columns = record.iter().map(|c| known.iter().find(|&&n| n == c.text).copied()).collect();
            for cell in record.iter().filter(|c| !known.contains(&c.text.as_str())) {
                sink.warning(Code::UnknownField, "/hosts", at(&cell.text, cell));
            }
            continue;
        }
        let mut host = Map::new();
        for (i, cell) in record.iter().enumerate() {
            match columns.get(i) {
                Some(Some(name)) => {
                    if !(cell.text.is_empty() && optional.contains(name)) {
                        host.insert((*name).to_owned(), Value::String(cell.text.clone()));
                    }
                }
                Some(None) => {} // an unknown header column: warned of once, at the header
                None if cell.text.is_empty() && !cell.quoted => {} // a trailing delimiter
                None => {
                    sink.warning(Code::UnknownField, &format!("/hosts/{k}"), at(&format!("column_{}", i + 1), cell))
                }
            }
        }
        lines.push(record.first().map_or(reader.line, |c| c.line));
        hosts.push(Value::Object(host));
    }
    (hosts, lines)
}

fn at(field: &str, cell: &Cell) -> Map<String, Value> {
    params([("field", field.into()), ("line", cell.line.into()), ("column", cell.column.into())])
}

/// A first row naming fields, not a host: `resource_id` and at least one more known
/// field, each name once (other names are unknown columns).
fn is_header(record: &[Cell], known: &[&str]) -> bool {
    let names: Vec<&str> = record.iter().map(|c| c.text.as_str()).collect();
    let known_count = names.iter().filter(|n| known.contains(n)).count();
    let unique = names.iter().enumerate().all(|(i, n)| !names[..i].contains(n));
    names.contains(&"resource_id") && known_count >= 2 && unique
}

struct Reader<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    line: usize,
    column: usize,
    delimiter: Option<char>,
}

impl Reader<'_> {
    fn next(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.line += 1;
            self.column = 1;
        } else {
            self.column += 1;
        }
        Some(c)
    }

    /// The next record, skipping blank and `#` lines; `Err` at an unclosed quote.
    fn record(&mut self) -> Option<Result<Vec<Cell>, (usize, usize)>> {
        loop {
            // Skip blank lines and comments.
            while self.chars.peek().is_some_and(|&c| c == '\n' || c == '\r' || c == ' ' || c == '\t') {
                self.next();
            }
            match self.chars.peek() {
                None => return None,
                Some('#') => {
                    while self.next().is_some_and(|c| c != '\n') {}
                    continue;
                }
                Some(_) => return Some(self.cells()),
            }
        }
    }

    fn cells(&mut self) -> Result<Vec<Cell>, (usize, usize)> {
        let mut cells = Vec::new();
        loop {
            while self.chars.peek().is_some_and(|&c| c == ' ' || (c == '\t' && self.delimiter != Some('\t'))) {
                self.next();
            }
            let (line, column) = (self.line, self.column);
            let mut text = String::new();
            let quoted = self.chars.peek() == Some(&'"');
            if quoted {
                self.next();
                loop {
                    match self.next() {
                        None => return Err((line, column)),
                        Some('"') if self.chars.peek() == Some(&'"') => {
                            self.next();
                            text.push('"');
                        }
                        Some('"') => break,
                        Some(c) => text.push(c),
                    }
                }
            }
            // The rest of the cell, up to a delimiter or the end of the line.
            let mut rest = String::new();
            let end = loop {
                match self.chars.peek().copied() {
                    None => break None,
                    Some('\n') => {
                        self.next();
                        break None;
                    }
                    Some(c) if self.is_delimiter(c) => {
                        self.next();
                        break Some(c);
                    }
                    Some(c) => {
                        self.next();
                        rest.push(c);
                    }
                }
            };
            if quoted {
                // Text after a closing quote is kept, as lenient CSV readers do.
                text.push_str(rest.trim());
            } else {
                text = rest.trim().to_owned();
            }
            cells.push(Cell { text, quoted, line, column });
            if end.is_none() {
                return Ok(cells);
            }
        }
    }

    /// Is `c` the delimiter: the first of `,`, `;` or tab met decides for the whole text.
    fn is_delimiter(&mut self, c: char) -> bool {
        match self.delimiter {
            Some(d) => c == d,
            None if matches!(c, ',' | ';' | '\t') => {
                self.delimiter = Some(c);
                true
            }
            None => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, revision: Revision) -> HostsResult {
        read_hosts(text, &Options::revision(revision))
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
        let issues: Vec<(&str, &str, u64, u64)> = r
            .issues
            .iter()
            .map(|i| {
                (
                    i.path.as_str(),
                    i.code.as_str(),
                    i.params["line"].as_u64().unwrap(),
                    i.params["column"].as_u64().unwrap(),
                )
            })
            .collect();
        assert_eq!(issues, [("/hosts", "unknown_field", 1, 23), ("/hosts/1", "unknown_field", 5, 34)]);
    }

    #[test]
    fn console_lines_and_current_columns() {
        let r = read("i-1, sn-1, p1, cn-north-4\ni-2\tsn-2\tp1\tcn-north-4", Revision::Page);
        assert_eq!(r.hosts.len(), 2);
        // The first line decides the delimiter: a tab here is part of a cell.
        assert_eq!(r.hosts[1]["resource_id"], "i-2\tsn-2\tp1\tcn-north-4");
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
        let r = read("[\n {\"resource_id\": \"i-1\"},\n {\"x\": 1}\n]", Revision::Page);
        assert_eq!((r.hosts.len(), r.lines.clone()), (2, vec![2, 3]));
        let r = read("{\"resource_id\": \"i-1\"}", Revision::Page);
        assert_eq!((r.issues[0].path.as_str(), r.issues[0].code.as_str()), ("/hosts", "type"));
        let r = read("[{", Revision::Page);
        assert_eq!(r.issues[0].code, "syntax");
        let r = read("i-1,sn,p,r\n\"i-2,sn", Revision::Page);
        assert_eq!(r.hosts.len(), 1);
        assert_eq!((r.issues[0].path.as_str(), r.issues[0].code.as_str()), ("/hosts/1", "syntax"));
        assert_eq!(r.issues[0].params["line"], 2);
        assert!(r.issues[0].message.contains("quote"), "{}", r.issues[0].message);
    }
}
