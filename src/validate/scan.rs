//! The one reader of JSON text in the crate: text into [`Node`]s, with the tree, the
//! numbers and the error positions `serde_json` (with `float_roundtrip`) gives, so every
//! report is what it was when serde_json read the text. Numbers are read by core's
//! correctly rounded decimal-to-double (`str::parse::<f64>`); the tests hold it to
//! serde_json's reading, halfway cases included. (lexical's `compact` parser, 8 KB smaller
//! gzipped, was tried: it rounds some long halfway inputs down, which the halfway test
//! below caught.) An error is the byte offset serde_json reports, from which `validate`
//! computes the line and column of R-SYNTAX. Nesting past [`MAX_DEPTH`] stops the reading
//! before it recurses further.
//!
//! Why its own reader: through serde's visitor machinery a body costs about twice what a
//! direct pass does, and one reader instead of two keeps serde_json's text parser (and its
//! 20 KB exact float reader) out of the wasm module (BENCHMARKS.md, issue #16). The tests
//! compare it with serde_json on generated text, valid and not.

use crate::prelude::*;

use alloc::borrow::Cow;

use serde_json::Number;

use super::node::{dedup, Member, Node, ParseError};
use crate::limits::MAX_DEPTH;

/// The tree of `text`, or why there is none.
pub(crate) fn parse(text: &str) -> Result<Node<'_>, ParseError> {
    let mut s = Scanner { text, bytes: text.as_bytes(), at: 0 };
    let node = s.value(0)?;
    s.skip_ws();
    match s.bytes.get(s.at) {
        None => Ok(node),
        Some(_) => Err(s.peek_error()), // trailing characters
    }
}

struct Scanner<'a> {
    text: &'a str,
    bytes: &'a [u8],
    at: usize,
}

type Read<T> = Result<T, ParseError>;

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

/// `text[from..to]`, whose ends the scanner knows are character boundaries (at ASCII
/// bytes or the text's ends). `get`, not indexing: the module then keeps no panic path of
/// core's (`slice_error_fail`, whose message reads its Unicode tables: 4 KB).
#[inline]
fn slice(text: &str, from: usize, to: usize) -> &str {
    text.get(from..to).unwrap_or_default()
}

/// The index of the first byte at or after `at` that is not [`PLAIN`] (or the length):
/// sixteen bytes at a time where the module has WebAssembly SIMD, eight natively, while
/// no such byte is among them.
#[inline]
fn plain_run(bytes: &[u8], at: usize) -> usize {
    let at = wide_plain_run(bytes, at);
    at + bytes[at..].iter().position(|&b| !PLAIN[b as usize]).unwrap_or(bytes.len() - at)
}

/// [`plain_run`] by SIMD, up to the first special byte or the last whole sixteen.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn wide_plain_run(bytes: &[u8], at: usize) -> usize {
    use core::arch::wasm32::{u8x16_bitmask, u8x16_eq, u8x16_lt, u8x16_splat, v128_or};
    super::wide::run(bytes, at, |x| {
        u8x16_bitmask(v128_or(
            u8x16_lt(x, u8x16_splat(0x20)),
            v128_or(u8x16_eq(x, u8x16_splat(b'"')), u8x16_eq(x, u8x16_splat(b'\\'))),
        ))
    })
}

/// [`plain_run`] eight bytes at a time (SWAR), up to the first special byte or the last
/// whole eight.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn wide_plain_run(bytes: &[u8], mut at: usize) -> usize {
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
    at
}

impl<'a> Scanner<'a> {
    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\n' | b'\r' | b'\t') = self.bytes.get(self.at) {
            self.at += 1;
        }
    }

    /// The error at the byte under `at`, not yet consumed (serde_json's `peek_error`:
    /// the offset after it, or the end of the text).
    fn peek_error(&self) -> ParseError {
        ParseError::Syntax((self.at + 1).min(self.bytes.len()))
    }

    /// The error once the byte under `at` was consumed (serde_json's `error`), or at the
    /// end of the text when there is none.
    fn next_error(&self) -> ParseError {
        self.peek_error()
    }

    /// The next byte after whitespace, or the end-of-text error.
    fn next_token(&mut self) -> Read<u8> {
        self.skip_ws();
        self.bytes.get(self.at).copied().ok_or(ParseError::Syntax(self.bytes.len()))
    }

    /// `true`, `false` or `null`: the first byte is known, the rest must follow.
    #[inline]
    fn literal(&mut self, word: &[u8], node: Node<'a>) -> Read<Node<'a>> {
        for &expected in &word[1..] {
            self.at += 1;
            match self.bytes.get(self.at) {
                Some(&b) if b == expected => {}
                _ => return Err(self.next_error()),
            }
        }
        self.at += 1;
        Ok(node)
    }

    /// One value, `depth` containers down.
    fn value(&mut self, depth: usize) -> Read<Node<'a>> {
        match self.next_token()? {
            b'{' => self.object(depth),
            b'[' => self.array(depth),
            b'"' => self.string().map(Node::String),
            b't' => self.literal(b"true", Node::Bool(true)),
            b'f' => self.literal(b"false", Node::Bool(false)),
            b'n' => self.literal(b"null", Node::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => Err(self.peek_error()),
        }
    }

    fn array(&mut self, depth: usize) -> Read<Node<'a>> {
        if depth >= MAX_DEPTH {
            return Err(ParseError::TooDeep);
        }
        self.at += 1;
        let mut items = Vec::new();
        if self.next_token()? == b']' {
            self.at += 1;
            return Ok(Node::Array(items));
        }
        loop {
            items.push(self.value(depth + 1)?);
            match self.next_token()? {
                b']' => {
                    self.at += 1;
                    return Ok(Node::Array(items));
                }
                b',' => {
                    self.at += 1;
                    if self.next_token()? == b']' {
                        return Err(self.peek_error()); // a trailing comma
                    }
                }
                _ => return Err(self.peek_error()),
            }
        }
    }

    fn object(&mut self, depth: usize) -> Read<Node<'a>> {
        if depth >= MAX_DEPTH {
            return Err(ParseError::TooDeep);
        }
        self.at += 1;
        let mut members: Vec<Member<'a>> = Vec::new();
        match self.next_token()? {
            b'}' => {
                self.at += 1;
                return Ok(Node::Object(members));
            }
            b'"' => {}
            _ => return Err(self.peek_error()), // a key must be a string
        }
        loop {
            let key = self.string()?;
            if self.next_token()? != b':' {
                return Err(self.peek_error());
            }
            self.at += 1;
            members.push((key, self.value(depth + 1)?));
            match self.next_token()? {
                b'}' => {
                    self.at += 1;
                    dedup(&mut members);
                    return Ok(Node::Object(members));
                }
                b',' => {
                    self.at += 1;
                    if self.next_token()? != b'"' {
                        return Err(self.peek_error()); // a trailing comma, or a key that is no string
                    }
                }
                _ => return Err(self.peek_error()),
            }
        }
    }

    /// A string at `"`: borrowed when it has no escapes.
    fn string(&mut self) -> Read<Cow<'a, str>> {
        self.at += 1;
        let start = self.at;
        self.at = plain_run(self.bytes, self.at);
        if self.bytes.get(self.at) == Some(&b'"') {
            self.at += 1;
            // Both ends are ASCII, so the slice is at character boundaries.
            return Ok(Cow::Borrowed(slice(self.text, start, self.at - 1)));
        }
        // Room for what came before the first escape and as much again: a long value
        // with escapes grows by doubling from there, not from a few bytes.
        let before = slice(self.text, start, self.at);
        let mut out = String::with_capacity(2 * before.len() + 16);
        out.push_str(before);
        loop {
            match self.bytes.get(self.at) {
                Some(b'"') => {
                    self.at += 1;
                    return Ok(Cow::Owned(out));
                }
                Some(b'\\') => {
                    let (c, next) = strict_escape(self.bytes, self.at).map_err(ParseError::Syntax)?;
                    self.at = next;
                    out.push(c);
                }
                // A control character, or the end of the text.
                Some(b) if *b < 0x20 => return Err(self.next_error()),
                None => return Err(self.next_error()),
                Some(_) => {
                    let run = self.at;
                    self.at = plain_run(self.bytes, self.at);
                    out.push_str(slice(self.text, run, self.at));
                }
            }
        }
    }

    #[inline]
    fn digits(&mut self) -> usize {
        let n = self.bytes[self.at..].iter().take_while(|b| b.is_ascii_digit()).count();
        self.at += n;
        n
    }

    /// A number, at `-` or a digit, read as serde_json reads it: an integer without a
    /// fraction or exponent is a u64 (or, negative, an i64; `-0` and what does not fit
    /// are doubles); the rest are doubles, correctly rounded, and one too large for a
    /// double is an error at its end.
    fn number(&mut self) -> Read<Node<'a>> {
        let start = self.at;
        let negative = self.bytes[start] == b'-';
        self.at += usize::from(negative);
        let int_start = self.at;
        match self.bytes.get(self.at) {
            Some(b'0') => {
                self.at += 1;
                if self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
                    return Err(self.peek_error()); // a leading zero
                }
            }
            Some(b'1'..=b'9') => {
                self.digits();
            }
            _ => return Err(self.next_error()),
        }
        let int_end = self.at;
        let mut fraction = false;
        if self.bytes.get(self.at) == Some(&b'.') {
            self.at += 1;
            if self.digits() == 0 {
                return Err(self.peek_error());
            }
            fraction = true;
        }
        if let Some(b'e' | b'E') = self.bytes.get(self.at) {
            self.exponent(start)?;
        } else if !fraction {
            if let Some(n) = integer(slice(self.text, int_start, int_end), negative) {
                return Ok(Node::Number(n));
            }
        }
        match super::float::parse(slice(self.text, start, self.at)).and_then(Number::from_f64) {
            Some(n) => Ok(Node::Number(n)),
            None => Err(ParseError::Syntax(self.at)), // out of range
        }
    }

    /// The exponent, at `e`: digits must follow its sign. An exponent past `i32::MAX` on
    /// a non-zero number is out of range where serde_json finds it, at the digit that
    /// overflows; on zero, or negative, it is read to its end (the number is ±0).
    fn exponent(&mut self, start: usize) -> Read<()> {
        self.at += 1;
        let positive = match self.bytes.get(self.at) {
            Some(b'-') => {
                self.at += 1;
                false
            }
            Some(b'+') => {
                self.at += 1;
                true
            }
            _ => true,
        };
        if !self.bytes.get(self.at).is_some_and(u8::is_ascii_digit) {
            return Err(self.next_error());
        }
        let digits_start = self.at;
        self.digits();
        let mut exp: i32 = 0;
        for (i, &b) in self.bytes[digits_start..self.at].iter().enumerate() {
            let digit = i32::from(b - b'0');
            let overflows = exp >= i32::MAX / 10 && (exp > i32::MAX / 10 || digit > i32::MAX % 10);
            if overflows && i > 0 {
                let zero = self.bytes[start..digits_start].iter().all(|b| !matches!(b, b'1'..=b'9'));
                if positive && !zero {
                    return Err(ParseError::Syntax(digits_start + i + 1));
                }
                break;
            }
            exp = exp * 10 + digit;
        }
        Ok(())
    }
}

/// A plain integer's digits as serde_json holds them: a u64, or (negative) an i64 down to
/// `i64::MIN`; `None` for what it holds as a double (`-0`, and what does not fit).
#[inline]
fn integer(digits: &str, negative: bool) -> Option<Number> {
    let magnitude: u64 = digits.parse().ok()?;
    if !negative {
        return Some(magnitude.into());
    }
    match magnitude {
        0 => None,
        m if m <= 1 << 63 => Some((m.wrapping_neg() as i64).into()),
        _ => None,
    }
}

/// One escape at the `\` at `at`, as a string holds it: the character and the offset
/// after it, or the offset of serde_json's error (an unknown escape, bad hex digits, a
/// surrogate without its pair, the end of the text).
fn strict_escape(bytes: &[u8], at: usize) -> Result<(char, usize), usize> {
    let end = bytes.len();
    // Four hex digits, or where serde_json stops: past them, or at the end of the text.
    let hex = |at: usize| match bytes.get(at..at + 4) {
        None => Err(end),
        Some(_) => hex4(bytes, at).ok_or(at + 4),
    };
    match *bytes.get(at + 1).ok_or(end)? {
        b'u' => {}
        b => return simple_escape(b).map(|c| (c, at + 2)).ok_or(at + 2),
    }
    let high = hex(at + 2)?;
    let after = at + 6;
    match high {
        0xDC00..=0xDFFF => Err(after),
        0xD800..=0xDBFF => {
            for (i, expected) in [b'\\', b'u'].into_iter().enumerate() {
                match bytes.get(after + i) {
                    None => return Err(end),
                    Some(&b) if b != expected => return Err(after + i + 1),
                    Some(_) => {}
                }
            }
            match hex(after + 2)? {
                low @ 0xDC00..=0xDFFF => Ok((pair(high, low).ok_or(after + 6)?, after + 6)),
                _ => Err(after + 6),
            }
        }
        _ => Ok((char::from_u32(high).ok_or(after)?, after)),
    }
}

/// One JSON escape, at the `\` at `at` in `bytes`, read leniently: the character it stands
/// for (`None` for a lone surrogate, which JSON text may hold and a Rust string cannot; a
/// surrogate pair is one character) and the offset after it. `None` when it is no escape
/// at all. For `pointer_position` (position.rs), which reads text that may not be JSON.
pub(crate) fn escape_at(bytes: &[u8], at: usize) -> Option<(Option<char>, usize)> {
    let b = *bytes.get(at + 1)?;
    if b != b'u' {
        return simple_escape(b).map(|c| (Some(c), at + 2));
    }
    let high = hex4(bytes, at + 2)?;
    let after = at + 6;
    Some(match high {
        0xD800..=0xDBFF if bytes.get(after..after + 2) == Some(b"\\u") => match hex4(bytes, after + 2) {
            Some(low @ 0xDC00..=0xDFFF) => (pair(high, low), after + 6),
            _ => (None, after),
        },
        _ => (char::from_u32(high), after),
    })
}

/// The character a one-letter escape (`\n`, `\"`, ...) stands for.
fn simple_escape(b: u8) -> Option<char> {
    Some(match b {
        b'"' => '"',
        b'\\' => '\\',
        b'/' => '/',
        b'b' => '\u{8}',
        b'f' => '\u{c}',
        b'n' => '\n',
        b'r' => '\r',
        b't' => '\t',
        _ => return None,
    })
}

/// The four hex digits at `at`, if there are four.
#[inline]
fn hex4(bytes: &[u8], at: usize) -> Option<u32> {
    let digits = bytes.get(at..at + 4)?;
    digits.iter().try_fold(0u32, |n, &d| Some(n * 16 + char::from(d).to_digit(16)?))
}

/// The character of a surrogate pair.
fn pair(high: u32, low: u32) -> Option<char> {
    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validate::node::oracle::parse_with_serde;

    /// The same tree as serde_json, or the same error at the same offset.
    fn agrees(text: &str) -> Result<(), String> {
        let (ours, theirs) = (parse(text), parse_with_serde(text));
        if ours == theirs {
            Ok(())
        } else {
            Err(format!("{text:?}: ours {ours:?}, serde_json {theirs:?}"))
        }
    }

    /// Hand-picked corners: numbers at every edge, escapes and surrogates, every kind of
    /// syntax error at the end of the text and before it.
    #[test]
    fn same_as_serde_json() {
        let texts = [
            r#"{"a": [1, 0, 18446744073709551615, 18446744073709551616, -0, -5, 2.5, 1e3, 1E-2, 99.9], "b": null}"#,
            r#"[-9223372036854775808, -9223372036854775809, -18446744073709551615, -0.0, 0e5, 1e-400, 2.2250738585072014e-308]"#,
            r#"[123456789012345678901234567890, 0.1000000000000000055511151231257827, 1.7976931348623157e308, 4.9e-324]"#,
            r#"[1e400, 1]"#,
            r#"[1e2147483648]"#,
            r#"[0e2147483648, -1e-2147483649, 1e-99999999999]"#,
            r#"[1e99999999999999]"#,
            r#"[1.7976931348623159e308]"#,
            r#"[2.2250738585072011e-308, 2.2250738585072012e-308, 4.9406564584124654e-324, 2.4703282292062327e-324, 2.4703282292062328e-324]"#,
            r#"[9007199254740993, 9007199254740993.0, 1.00000000000000011102230246251565404236316680908203125, 1.00000000000000011102230246251565404236316680908203124, 1.00000000000000011102230246251565404236316680908203126]"#,
            r#"[7.4109846876186981626485318930233205854758970274e-324, 0.1e-400, 123456789012345678901234567890e-50, 1797693134862315708145274237317043567981e269]"#,
            r#"[1000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000]"#,
            r#" { "k" : "v\"\\\/\b\f\n\r\t\u00e9\ud83d\ude00" , "k" : true } "#,
            r#"["\ud800", 1]"#,
            r#"["\ud800\u0041"]"#,
            r#"["\ud800\n"]"#,
            r#"["\ud800x"]"#,
            r#"["\udc00"]"#,
            r#"["\ud83d\ude0"]"#,
            r#"["\u12"]"#,
            r#"["\u12g4"]"#,
            r#"["\x"]"#,
            r#"["\"#,
            r#"["\ud800"#,
            r#"["\ud800\"#,
            r#"[01]"#,
            r#"[1.]"#,
            r#"[1.e5]"#,
            r#"[1e]"#,
            r#"[1e+]"#,
            r#"[1.5.3]"#,
            r#"[1,]"#,
            r#"[,1]"#,
            r#"{"a":1,}"#,
            r#"{"a":1,"#,
            r#"{1:2}"#,
            r#"{"a" 1}"#,
            r#"{"a":1 "b":2}"#,
            "[\"a\u{1}\"]",
            r#"[tru]"#,
            r#"[nul"#,
            r#"[] x"#,
            r#""é😀""#,
            "\"é\n\u{1}\"",
            "[\n1,\n é,\n2]",
            r#"[-]"#,
            r#"[--1]"#,
            r#"[-a]"#,
            r#"[1-2]"#,
            r#"[+1]"#,
            r#"[.5]"#,
            "",
            "   ",
            "[",
            "{",
            "{\"a\"",
            "{\"a\":",
            "\"abc",
            "[1 2]",
        ];
        for text in texts {
            agrees(text).unwrap();
        }
        assert!(parse(texts[0]).is_ok() && parse(texts[9]).is_ok());
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
        /// Whatever serde_json writes, compact or pretty, is read as serde_json reads it.
        #[test]
        fn reads_what_serde_json_writes(value in json()) {
            for text in [serde_json::to_string(&value).unwrap(), serde_json::to_string_pretty(&value).unwrap()] {
                proptest::prop_assert!(parse(&text).is_ok(), "{}", text);
                proptest::prop_assert_eq!(agrees(&text), Ok(()));
            }
        }

        /// Text made of JSON's own characters, valid or (mostly) not: the same tree, or
        /// the same error at the same offset.
        #[test]
        fn never_disagrees_with_serde_json(
            parts in proptest::collection::vec(proptest::sample::select(vec![
                "{", "}", "[", "]", ",", ":", " ", "\n", "\"", "\"k\"", "\\", "\\u", "d83d", "\\ude00", "00e9", "dc00",
                "\\n", "\\x", "0", "1", "9", "-", ".", "e", "E", "+", "12345678901234567890", "2147483648", "true", "null",
                "fals", "é", "\u{1}", "x",
            ]), 0..40)
        ) {
            let text: String = parts.concat();
            proptest::prop_assert_eq!(agrees(&text), Ok(()));
        }

        /// The exact midpoint between a double and the next one up, written out in full
        /// (up to 767 significant digits): read ties-to-even, as serde_json and core's own
        /// parser read it (the hardest inputs for a decimal-to-double reader).
        #[test]
        fn halfway_points_round_to_even(bits in 1u64..0x7FEF_FFFF_FFFF_FFFF) {
            let text = midpoint(bits);
            let expected = if bits % 2 == 0 { f64::from_bits(bits) } else { f64::from_bits(bits + 1) };
            proptest::prop_assert_eq!(text.parse::<f64>().map(f64::to_bits), Ok(expected.to_bits()));
            let read = match parse(&text) { Ok(Node::Number(n)) => n.as_f64(), _ => None };
            proptest::prop_assert_eq!(read.map(f64::to_bits), Some(expected.to_bits()), "{}", text);
            proptest::prop_assert_eq!(agrees(&text), Ok(()));
        }

        /// Numbers of any shape, valid or not: the same value (to the bit), or the same
        /// error at the same offset.
        #[test]
        fn numbers_read_as_serde_json_reads_them(
            text in "-?(0|[1-9][0-9]{0,30})?(\\.[0-9]{0,25})?([eE][-+]?[0-9]{0,12})?[ ,x]?"
        ) {
            proptest::prop_assert_eq!(agrees(&text), Ok(()));
            let wrapped = format!("[{text}]");
            proptest::prop_assert_eq!(agrees(&wrapped), Ok(()));
        }
    }

    /// The decimal text of the exact midpoint between the double with these bits and the
    /// next one up: `(2m + 1) × 2^(e - 1)` as digits, with an exponent.
    fn midpoint(bits: u64) -> String {
        let (biased, fraction) = ((bits >> 52) as i64, bits & ((1 << 52) - 1));
        let (m, e) = if biased == 0 { (fraction, -1074) } else { (fraction | (1 << 52), biased - 1075) };
        // Base 10^9 limbs, least significant first.
        let mut limbs: Vec<u64> = vec![2 * m + 1];
        let mul = |limbs: &mut Vec<u64>, k: u64| {
            let mut carry = 0;
            for l in limbs.iter_mut() {
                let v = *l * k + carry;
                *l = v % 1_000_000_000;
                carry = v / 1_000_000_000;
            }
            while carry > 0 {
                limbs.push(carry % 1_000_000_000);
                carry /= 1_000_000_000;
            }
        };
        mul(&mut limbs, 1); // normalise the first limb
        let (factor, times, exp10) = if e > 0 { (2, e - 1, 0) } else { (5, 1 - e, e - 1) };
        for _ in 0..times {
            mul(&mut limbs, factor);
        }
        let mut digits = limbs.last().map(u64::to_string).unwrap_or_default();
        for l in limbs.iter().rev().skip(1) {
            digits.push_str(&format!("{l:09}"));
        }
        format!("{digits}e{exp10}")
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
    fn depth_stops_the_reading_past_the_limit() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(MAX_DEPTH)).is_ok());
        assert_eq!(parse(&deep(MAX_DEPTH + 1)), Err(ParseError::TooDeep));
        assert_eq!(parse(&format!("{}{{}}", "{\"a\":".repeat(MAX_DEPTH))), Err(ParseError::TooDeep));
    }
}
