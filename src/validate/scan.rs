//! A direct reader of JSON text into [`Node`]s, for the common case: well-formed text.
//! It answers only when it is sure to build the very tree `serde_json` would (node.rs's
//! `parse`), and gives up (`None`) on anything else — malformed text, nesting past
//! [`MAX_DEPTH`], a lone surrogate escape, a number it does not read itself — so that
//! `parse` then decides, with serde_json's own error and position. Numbers other than
//! plain non-negative integers are handed to serde_json, so they read exactly as it reads
//! them.
//!
//! Why it exists: through serde's visitor machinery a body costs about twice what a
//! direct pass does, and reading the text was half of judging it.

use std::borrow::Cow;

use serde_json::Number;

use super::node::{dedup, Member, Node};
use crate::limits::MAX_DEPTH;

/// The tree of `text`, or `None` to let serde_json decide.
pub(crate) fn scan(text: &str) -> Option<Node<'_>> {
    let mut s = Scanner { text, bytes: text.as_bytes(), at: 0 };
    let node = s.value(0)?;
    s.skip_ws();
    (s.at == s.bytes.len()).then_some(node)
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

/// Bytes a string may hold as they are: not `"`, not `\`, not a control character.
const PLAIN: [bool; 256] = {
    let mut t = [true; 256];
    let mut b = 0;
    while b < 0x20 {
        t[b] = false;
        b += 1;
    }
    t[b'"' as usize] = false;
    t[b'\\' as usize] = false;
    t
};

/// The index of the first byte at or after `at` that is not [`PLAIN`] (or the length):
/// eight bytes at a time while no such byte is among them.
fn plain_run(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A high bit where a byte of `x` is zero (exact for the lowest one).
    let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGHS;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        let hits = x.wrapping_sub(ONES * 0x20) & !x & HIGHS // a byte below 0x20
            | zero(x ^ (ONES * u64::from(b'"')))
            | zero(x ^ (ONES * u64::from(b'\\')));
        if hits != 0 {
            return at + (hits.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    at + bytes[at..].iter().position(|&b| !PLAIN[b as usize]).unwrap_or(bytes.len() - at)
}

impl<'a> Scanner<'a> {
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    fn peek(&mut self) -> Option<u8> {
        self.skip_ws();
        self.bytes.get(self.at).copied()
    }

    fn eat(&mut self, b: u8) -> bool {
        let hit = self.peek() == Some(b);
        self.at += usize::from(hit);
        hit
    }

    fn literal(&mut self, word: &[u8], node: Node<'a>) -> Option<Node<'a>> {
        self.bytes[self.at..].starts_with(word).then(|| {
            self.at += word.len();
            node
        })
    }

    /// One value, `depth` containers down.
    fn value(&mut self, depth: usize) -> Option<Node<'a>> {
        match self.peek()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(Node::String),
            b't' => self.literal(b"true", Node::Bool(true)),
            b'f' => self.literal(b"false", Node::Bool(false)),
            b'n' => self.literal(b"null", Node::Null),
            _ => self.number(),
        }
    }

    fn array(&mut self, depth: usize) -> Option<Node<'a>> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.at += 1;
        let mut items = Vec::new();
        if self.eat(b']') {
            return Some(Node::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            if self.eat(b']') {
                return Some(Node::Array(items));
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    fn object(&mut self, depth: usize) -> Option<Node<'a>> {
        if depth >= MAX_DEPTH {
            return None;
        }
        self.at += 1;
        let mut members: Vec<Member<'a>> = Vec::new();
        if self.eat(b'}') {
            return Some(Node::Object(members));
        }
        loop {
            if self.peek()? != b'"' {
                return None;
            }
            let key = self.string()?;
            if !self.eat(b':') {
                return None;
            }
            members.push((key, self.value(depth + 1)?));
            if self.eat(b'}') {
                dedup(&mut members);
                return Some(Node::Object(members));
            }
            if !self.eat(b',') {
                return None;
            }
        }
    }

    /// A string at `"`: borrowed when it has no escapes.
    fn string(&mut self) -> Option<Cow<'a, str>> {
        self.at += 1;
        let start = self.at;
        self.at = plain_run(self.bytes, self.at);
        if *self.bytes.get(self.at)? == b'"' {
            self.at += 1;
            // Both ends are ASCII, so the slice is at character boundaries.
            return Some(Cow::Borrowed(&self.text[start..self.at - 1]));
        }
        // Room for what came before the first escape and as much again: a long value
        // with escapes grows by doubling from there, not from a few bytes.
        let before = &self.text[start..self.at];
        let mut out = String::with_capacity(2 * before.len() + 16);
        out.push_str(before);
        loop {
            match *self.bytes.get(self.at)? {
                b'"' => {
                    self.at += 1;
                    return Some(Cow::Owned(out));
                }
                b'\\' => {
                    let c = self.escape()?;
                    out.push(c);
                }
                b if b < 0x20 => return None,
                _ => {
                    let run = self.at;
                    self.at = plain_run(self.bytes, self.at);
                    out.push_str(&self.text[run..self.at]);
                }
            }
        }
    }

    /// One escape at `\`; a lone surrogate is left to serde_json (which refuses it).
    fn escape(&mut self) -> Option<char> {
        let (c, next) = escape_at(self.bytes, self.at)?;
        self.at = next;
        c
    }

    /// A number: plain non-negative integers read here, the rest by serde_json itself.
    fn number(&mut self) -> Option<Node<'a>> {
        let start = self.at;
        let digits = self.bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
        let end = start + digits;
        let simple = digits > 0
            && digits <= 19
            && (digits == 1 || self.bytes[start] != b'0')
            && !matches!(self.bytes.get(end), Some(b'.' | b'e' | b'E' | b'-' | b'+'));
        if simple {
            let n: u64 = self.text[start..end].parse().ok()?;
            self.at = end;
            return Some(Node::Number(n.into()));
        }
        // Whatever serde_json would take as this number: the longest run of number bytes.
        let len = self.bytes[start..]
            .iter()
            .take_while(|b| matches!(b, b'0'..=b'9' | b'-' | b'+' | b'.' | b'e' | b'E'))
            .count();
        let n: Number = serde_json::from_str(&self.text[start..start + len]).ok()?;
        self.at = start + len;
        Some(Node::Number(n))
    }
}

/// One JSON escape, at the `\` at `at` in `bytes`: the character it stands for (`None` for
/// a lone surrogate, which JSON text may hold and a Rust string cannot; a surrogate pair is
/// one character) and the offset after it. `None` when it is no escape at all. The scanner
/// and `pointer_position` (position.rs) both read escapes here.
pub(crate) fn escape_at(bytes: &[u8], at: usize) -> Option<(Option<char>, usize)> {
    let hex4 = |at: usize| {
        let digits = bytes.get(at..at + 4)?;
        let text = std::str::from_utf8(digits).ok().filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()))?;
        u32::from_str_radix(text, 16).ok()
    };
    let c = match *bytes.get(at + 1)? {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        b'u' => {
            let high = hex4(at + 2)?;
            let after = at + 6;
            return Some(match high {
                0xD800..=0xDBFF if bytes.get(after..after + 2) == Some(b"\\u") => match hex4(after + 2) {
                    Some(low @ 0xDC00..=0xDFFF) => {
                        (char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)), after + 6)
                    }
                    _ => (None, after),
                },
                _ => (char::from_u32(high), after),
            });
        }
        _ => return None,
    };
    Some((Some(c), at + 2))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::node::parse_with_serde;

    /// Every text here reads to serde_json's tree, or is left to it.
    #[test]
    fn same_as_serde_json_or_none() {
        let texts = [
            r#"{"a": [1, 0, 18446744073709551615, 18446744073709551616, -0, -5, 2.5, 1e3, 1E-2, 99.9], "b": null}"#,
            r#" { "k" : "v\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00" , "k" : true } "#,
            r#"["\ud800", 1]"#,
            r#"["\udc00"]"#,
            r#"[01]"#,
            r#"[1.]"#,
            r#"[1,]"#,
            r#"{"a":1,}"#,
            r#"[1e400]"#,
            "[\"a\u{1}\"]",
            r#"[tru]"#,
            r#"{"a" 1}"#,
            r#"[] x"#,
            r#""é😀""#,
            r#"[-]"#,
            r#"[--1]"#,
            r#"[1-2]"#,
            "",
        ];
        for text in texts {
            let serde = parse_with_serde(text).ok();
            if let Some(tree) = scan(text) {
                assert_eq!(Some(tree), serde, "{text}");
            }
        }
        assert!(scan(texts[0]).is_some() && scan(texts[1]).is_some());
    }

    /// Any JSON value (object keys repeat now and then, to exercise `dedup`).
    fn json() -> impl proptest::strategy::Strategy<Value = serde_json::Value> {
        use proptest::prelude::*;
        use serde_json::Value;
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<u64>().prop_map(Value::from),
            any::<i64>().prop_map(Value::from),
            any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::from),
            ".{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(4, 48, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
                proptest::collection::vec(("[ab~/é\\\"\n]{0,3}", inner), 0..6)
                    .prop_map(|kv| Value::Object(kv.into_iter().collect())),
            ]
        })
    }

    proptest::proptest! {
        /// Whatever serde_json writes, compact or pretty, the scanner reads as serde_json does.
        #[test]
        fn reads_what_serde_json_writes(value in json()) {
            for text in [serde_json::to_string(&value).unwrap(), serde_json::to_string_pretty(&value).unwrap()] {
                let tree = scan(&text);
                proptest::prop_assert!(tree.is_some(), "{}", text);
                proptest::prop_assert_eq!(tree, parse_with_serde(&text).ok(), "{}", text);
            }
        }

        /// Text made of JSON's own characters, valid or (mostly) not: the scanner never
        /// accepts what serde_json refuses, nor reads anything differently.
        #[test]
        fn never_disagrees_with_serde_json(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "{", "}", "[", "]", ",", ":", " ", "\"", "\"k\"", "\\", "\\u", "d83d", "\\ude00", "00e9",
                "\\n", "0", "1", "-", ".", "e", "+", "12345678901234567890", "true", "null", "fals", "é", "\u{1}",
            ]), 0..40)
        ) {
            let text: String = parts.concat();
            if let Some(tree) = scan(&text) {
                proptest::prop_assert_eq!(Some(tree), parse_with_serde(&text).ok(), "{}", text);
            }
        }
    }

    #[test]
    fn plain_runs_stop_at_the_first_special_byte() {
        for text in [
            "",
            "abc",
            "abcdefghijklmnop",
            "abcdefgh\"",
            "abcdefghi\\x",
            "ab\u{1f}",
            "abcdefghijklmnopqrstuvwxyz\u{7f}é\"",
        ] {
            let expected = text.bytes().position(|b| !PLAIN[b as usize]).unwrap_or(text.len());
            for at in 0..=expected {
                assert_eq!(plain_run(text.as_bytes(), at), expected, "{text:?} from {at}");
            }
        }
    }

    #[test]
    fn depth_is_left_to_serde_past_the_limit() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(scan(&deep(MAX_DEPTH)).is_some());
        assert!(scan(&deep(MAX_DEPTH + 1)).is_none());
    }
}
