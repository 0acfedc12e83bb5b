//! Where a JSON Pointer points in JSON text as written: the line and column a command
//! line annotation (or an editor) puts an issue at.

use crate::prelude::*;

use serde::{Deserialize, Serialize};

use crate::validate::scan::escape_at;

/// A place in a text: 1-based line, and 1-based column in characters (Unicode scalar
/// values) from the start of that line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Position {
    /// 1-based line (lines end at `\n`).
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// False when the pointer's target is not in the text (a missing field): the
    /// position is then that of the deepest value on its path that is.
    pub exact: bool,
}

/// The position of the value `pointer` (RFC 6901) names in `text`: of its key when it is
/// an object member (where an editor would underline), else of the value. A pointer to
/// something absent gives its deepest present ancestor, with `exact: false`. Text that
/// does not parse is read up to where it breaks. `None` only when the text holds no value.
pub fn pointer_position(text: &str, pointer: &str) -> Option<Position> {
    let target: Vec<String> = if pointer.is_empty() {
        Vec::new()
    } else {
        pointer
            .strip_prefix('/')
            .unwrap_or(pointer)
            .split('/')
            .map(|s| crate::report::unescape(s).into_owned())
            .collect()
    };
    let mut scan = Scan { b: text.as_bytes(), i: 0 };
    scan.ws();
    if scan.i >= scan.b.len() {
        return None;
    }
    let mut at = scan.i;
    let mut depth = 0;
    // Descend one segment at a time: find the member or item, skipping its siblings.
    while depth < target.len() {
        match scan.child(&target[depth]) {
            Some((mark, value)) => {
                at = mark;
                scan.i = value;
                depth += 1;
            }
            None => break,
        }
    }
    Some(position_of(text, at, depth == target.len()))
}

fn position_of(text: &str, offset: usize, exact: bool) -> Position {
    let before = &text[..offset];
    let line_start = before.rfind('\n').map_or(0, |n| n + 1);
    Position {
        line: before.bytes().filter(|&b| b == b'\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
        exact,
    }
}

struct Scan<'a> {
    b: &'a [u8],
    i: usize,
}

impl Scan<'_> {
    fn ws(&mut self) {
        while self.i < self.b.len() && matches!(self.b[self.i], b' ' | b'\t' | b'\n' | b'\r') {
            self.i += 1;
        }
    }

    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }

    /// At a value: the (mark, value start) of its child `segment`, the mark being the key
    /// for an object member and the value for an array item.
    fn child(&mut self, segment: &str) -> Option<(usize, usize)> {
        match self.peek()? {
            b'{' => {
                self.i += 1;
                loop {
                    self.ws();
                    if self.peek()? != b'"' {
                        return None;
                    }
                    let key_at = self.i;
                    let key = self.string()?;
                    self.ws();
                    if self.peek()? != b':' {
                        return None;
                    }
                    self.i += 1;
                    self.ws();
                    if key == segment {
                        return Some((key_at, self.i));
                    }
                    self.skip_value()?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        _ => return None,
                    }
                }
            }
            b'[' => {
                let index: usize = segment.parse().ok().filter(|_| segment == "0" || !segment.starts_with('0'))?;
                self.i += 1;
                for k in 0.. {
                    self.ws();
                    if self.peek()? == b']' {
                        return None;
                    }
                    if k == index {
                        return Some((self.i, self.i));
                    }
                    self.skip_value()?;
                    self.ws();
                    match self.peek()? {
                        b',' => self.i += 1,
                        _ => return None,
                    }
                }
                None
            }
            _ => None,
        }
    }

    /// A string at `i` (its opening quote), decoded; `i` after its closing quote.
    fn string(&mut self) -> Option<String> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            let b = self.peek()?;
            self.i += 1;
            match b {
                b'"' => return String::from_utf8(out).ok(),
                b'\\' => {
                    // A lone surrogate names no key a pointer can reach: U+FFFD stands in.
                    let (c, next) = escape_at(self.b, self.i - 1)?;
                    self.i = next;
                    let c = c.unwrap_or('\u{FFFD}');
                    out.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
                }
                b => out.push(b),
            }
        }
    }

    /// Past one value of any depth (without recursion), `i` after it.
    fn skip_value(&mut self) -> Option<()> {
        let mut depth = 0usize;
        loop {
            self.ws();
            match self.peek()? {
                b'"' => {
                    self.string()?;
                }
                b'{' | b'[' => {
                    depth += 1;
                    self.i += 1;
                    continue;
                }
                b'}' | b']' => {
                    depth = depth.checked_sub(1)?;
                    self.i += 1;
                }
                b',' | b':' if depth > 0 => {
                    self.i += 1;
                    continue;
                }
                _ => {
                    let start = self.i;
                    while self
                        .peek()
                        .is_some_and(|b| !matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\n' | b'\r' | b':'))
                    {
                        self.i += 1;
                    }
                    if self.i == start {
                        return None;
                    }
                }
            }
            if depth == 0 {
                return Some(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str, pointer: &str) -> Option<(usize, usize, bool)> {
        pointer_position(text, pointer).map(|p| (p.line, p.column, p.exact))
    }

    #[test]
    fn pointers_land_on_their_key_or_item() {
        let text = "{\n  \"a\": {\"b\": [1, {\"c\": \"x\"}, [2, 3]]},\n  \"é~/\": \"中\", \"d\": 4\n}\n";
        assert_eq!(at(text, ""), Some((1, 1, true)));
        assert_eq!(at(text, "/a"), Some((2, 3, true)));
        assert_eq!(at(text, "/a/b"), Some((2, 9, true)));
        assert_eq!(at(text, "/a/b/0"), Some((2, 15, true)));
        assert_eq!(at(text, "/a/b/1/c"), Some((2, 19, true)));
        assert_eq!(at(text, "/a/b/2/1"), Some((2, 34, true)));
        assert_eq!(at(text, "/é~0~1"), Some((3, 3, true)));
        assert_eq!(at(text, "/d"), Some((3, 15, true)));
        // Absent: the deepest present ancestor.
        assert_eq!(at(text, "/a/missing"), Some((2, 3, false)));
        assert_eq!(at(text, "/a/b/9"), Some((2, 9, false)));
        assert_eq!(at(text, "/a/b/01"), Some((2, 9, false)));
        assert_eq!(at(text, "/d/x"), Some((3, 15, false)));
        assert_eq!(at("  ", ""), None);
        assert_eq!(at("", "/a"), None);
    }

    #[test]
    fn escapes_and_broken_text() {
        assert_eq!(at(r#"{"\u0061\n\ud83d\ude00\ud800":1,"b":2}"#, "/b"), Some((1, 33, true)));
        assert_eq!(at(r#"{"x":"\"}\\", "b":2}"#, "/b"), Some((1, 15, true)));
        assert_eq!(at(r#"{"a\q":1}"#, "/b"), Some((1, 1, false)));
        assert_eq!(at(r#"{"a":[1,{"z":[true,null,"]"]}],"b":"#, "/b"), Some((1, 32, true)));
        assert_eq!(at(r#"{"a":1 "b":2}"#, "/b"), Some((1, 1, false)));
        assert_eq!(at(r#"{"a" 1}"#, "/a"), Some((1, 1, false)));
        assert_eq!(at(r#"{1:2}"#, "/a"), Some((1, 1, false)));
        assert_eq!(at(r#"{"a":}"#, "/b"), Some((1, 1, false)));
        assert_eq!(at(r#"{"a":[1 2]}"#, "/a/1"), Some((1, 2, false)));
        assert_eq!(at(r#"{"a":[}"#, "/b"), Some((1, 1, false)));
        assert_eq!(at(r#"{"a":"\u12"}"#, "/b"), Some((1, 1, false)));
        assert_eq!(at("[1,", "/1"), Some((1, 1, false)));
        assert_eq!(at("3", "/0"), Some((1, 1, false)));
    }
}
