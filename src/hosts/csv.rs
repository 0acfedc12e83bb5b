//! The cells of a delimited host list, each with its 1-based line and column: `csv-core`
//! (the state machine under the `csv` crate) reads the quoting, one field at a time, so
//! that this side knows where every field starts.
//!
//! Around it, what people paste and RFC 4180 does not allow: spaces before a quoted field
//! (`i-1, "sn-1"`) are skipped, so the quotes still quote; blank lines and lines starting
//! with `#` are skipped; cells are trimmed.

use crate::prelude::*;

use csv_core::{ReadFieldResult, Reader, ReaderBuilder};

/// The delimiters a host list may use, in the order a tie prefers them.
pub(super) const DELIMITERS: [u8; 3] = [b',', b';', b'\t'];

/// One cell: its text (unquoted, trimmed), whether it was quoted, and where it starts.
pub(super) struct Cell {
    pub(super) text: String,
    pub(super) quoted: bool,
    pub(super) line: usize,
    pub(super) column: usize,
}

/// A record, or the place of a quote that is never closed (nothing after it is read).
pub(super) enum Record {
    Cells(Vec<Cell>),
    Unclosed { line: usize, column: usize },
}

/// The delimiter of the first line with content (a header, or the first host): the one of
/// [`DELIMITERS`] it uses most outside quotes; a comma when it uses none.
pub(super) fn delimiter(text: &str) -> u8 {
    let bytes = text.as_bytes();
    let start = skip_blank_and_comments(bytes, 0, b',');
    let mut counts = [0usize; DELIMITERS.len()];
    let mut quoted = false;
    for &b in &bytes[start..] {
        match b {
            b'"' => quoted = !quoted,
            b'\n' | b'\r' if !quoted => break,
            _ if !quoted => {
                if let Some(i) = DELIMITERS.iter().position(|&d| d == b) {
                    counts[i] += 1;
                }
            }
            _ => {}
        }
    }
    // The first of the most used: `max_by_key` keeps the last of equals, so go backwards.
    let most = (0..DELIMITERS.len()).rev().max_by_key(|&i| counts[i]).unwrap_or(0);
    if counts[most] == 0 {
        b','
    } else {
        DELIMITERS[most]
    }
}

/// Spaces (and tabs, unless they delimit) before a field.
fn is_space(b: u8, delimiter: u8) -> bool {
    b == b' ' || (b == b'\t' && delimiter != b'\t')
}

/// The first byte at or after `at` that starts a record: blank lines and `#` lines skipped.
fn skip_blank_and_comments(bytes: &[u8], mut at: usize, delimiter: u8) -> usize {
    loop {
        while at < bytes.len() && (is_space(bytes[at], delimiter) || bytes[at] == b'\n' || bytes[at] == b'\r') {
            at += 1;
        }
        if bytes.get(at) != Some(&b'#') {
            return at;
        }
        while at < bytes.len() && bytes[at] != b'\n' && bytes[at] != b'\r' {
            at += 1;
        }
    }
}

/// The records of a text, in order.
pub(super) struct Records<'a> {
    text: &'a str,
    reader: Reader,
    delimiter: u8,
    /// The byte the next field starts at or after.
    at: usize,
    place: Place,
    done: bool,
}

/// A line and column (1-based, in characters) at a byte offset, moved forward only, so
/// that placing every cell costs one pass over the text.
struct Place {
    at: usize,
    line: usize,
    column: usize,
}

impl Place {
    fn advance(&mut self, text: &str, to: usize) -> (usize, usize) {
        let bytes = text.as_bytes();
        for (i, c) in text.get(self.at..to).unwrap_or("").char_indices() {
            // `\r\n`, `\n` and a lone `\r` each end a line, as they end a record.
            let breaks = c == '\n' || (c == '\r' && bytes.get(self.at + i + 1) != Some(&b'\n'));
            if breaks {
                self.line += 1;
                self.column = 1;
            } else if c != '\r' {
                self.column += 1;
            }
        }
        self.at = self.at.max(to);
        (self.line, self.column)
    }
}

impl<'a> Records<'a> {
    pub(super) fn new(text: &'a str, delimiter: u8) -> Self {
        let reader = ReaderBuilder::new().delimiter(delimiter).build();
        Records { text, reader, delimiter, at: 0, place: Place { at: 0, line: 1, column: 1 }, done: false }
    }

    /// One field from `self.at`: its unquoted bytes, and whether it ended its record.
    fn field(&mut self) -> (Vec<u8>, bool) {
        let bytes = self.text.as_bytes();
        let mut out = Vec::new();
        let mut buffer = [0u8; 256];
        loop {
            let input = &bytes[self.at..];
            let (result, read, written) = self.reader.read_field(input, &mut buffer);
            self.at += read;
            out.extend_from_slice(&buffer[..written]);
            match result {
                ReadFieldResult::Field { record_end } => return (out, record_end),
                ReadFieldResult::End => return (out, true),
                // An empty input tells the reader the text has ended: the next call ends
                // the field, so this never repeats without progress.
                ReadFieldResult::InputEmpty if input.is_empty() => return (out, true),
                ReadFieldResult::InputEmpty | ReadFieldResult::OutputFull => {}
            }
        }
    }
}

impl Iterator for Records<'_> {
    type Item = Record;

    fn next(&mut self) -> Option<Record> {
        let bytes = self.text.as_bytes();
        self.at = skip_blank_and_comments(bytes, self.at, self.delimiter);
        if self.done || self.at >= bytes.len() {
            return None;
        }
        let mut cells = Vec::new();
        loop {
            while self.at < bytes.len() && is_space(bytes[self.at], self.delimiter) {
                self.at += 1;
            }
            let start = self.at;
            let (line, column) = self.place.advance(self.text, start);
            let quoted = bytes.get(start) == Some(&b'"');
            let (out, record_end) = self.field();
            if quoted && !closes(&bytes[start + 1..self.at]) {
                self.done = true;
                return Some(Record::Unclosed { line, column });
            }
            let text = String::from_utf8_lossy(&out).trim().to_owned();
            cells.push(Cell { text, quoted, line, column });
            if record_end {
                return Some(Record::Cells(cells));
            }
        }
    }
}

/// Whether a quoted field's bytes after its opening quote hold its closing quote (a `"`
/// not doubled).
fn closes(rest: &[u8]) -> bool {
    let mut i = 0;
    while i < rest.len() {
        if rest[i] == b'"' {
            if rest.get(i + 1) != Some(&b'"') {
                return true;
            }
            i += 1;
        }
        i += 1;
    }
    false
}
