//! The JSON tree the walk reads: borrowed from the text where it can be (a string without
//! escapes is a slice of the input), members in a plain vector. Reading a body this way
//! costs a fraction of a `serde_json::Value` (no key or string copies, no hashing), which
//! is what `validate_json` spends most of its time on; `validate(&Value)` borrows the
//! caller's value the same way.
//!
//! Semantics are `serde_json::Value`'s (and `JSON.parse`'s): numbers as serde_json reads
//! them, and a duplicate key keeps the last value at the first key's place.

use crate::prelude::*;

use crate::maps::HashMap;
use alloc::borrow::Cow;

use serde_json::{Number, Value};

/// One JSON value.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Node<'a> {
    Null,
    Bool(bool),
    Number(Number),
    String(Cow<'a, str>),
    Array(Vec<Node<'a>>),
    Object(Vec<Member<'a>>),
}

/// One member of an object: its key and value.
pub(crate) type Member<'a> = (Cow<'a, str>, Node<'a>);

impl<'a> Node<'a> {
    pub(crate) fn is_null(&self) -> bool {
        matches!(self, Node::Null)
    }

    pub(crate) fn as_object(&self) -> Option<&[Member<'a>]> {
        match self {
            Node::Object(m) => Some(m),
            _ => None,
        }
    }

    pub(crate) fn as_array(&self) -> Option<&[Node<'a>]> {
        match self {
            Node::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The value as `serde_json` holds it, for params (`actual`). Numbers only are ever
    /// asked for; the rest is built for completeness.
    pub(crate) fn to_value(&self) -> Value {
        match self {
            Node::Null => Value::Null,
            Node::Bool(b) => Value::Bool(*b),
            Node::Number(n) => Value::Number(n.clone()),
            Node::String(s) => Value::String(s.to_string()),
            Node::Array(items) => Value::Array(items.iter().map(Node::to_value).collect()),
            Node::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.to_string(), v.to_value())).collect()),
        }
    }

    /// A view of a parsed `Value` (its strings borrowed).
    pub(crate) fn from_value(value: &'a Value) -> Node<'a> {
        match value {
            Value::Null => Node::Null,
            Value::Bool(b) => Node::Bool(*b),
            Value::Number(n) => Node::Number(n.clone()),
            Value::String(s) => Node::String(Cow::Borrowed(s)),
            Value::Array(items) => Node::Array(items.iter().map(Node::from_value).collect()),
            Value::Object(m) => {
                Node::Object(m.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), Node::from_value(v))).collect())
            }
        }
    }
}

/// A member of an object by key (keys are unique after parsing).
#[inline]
pub(crate) fn get<'n, 'a>(members: &'n [Member<'a>], key: &str) -> Option<&'n Node<'a>> {
    members.iter().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Why text did not become a tree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ParseError {
    /// Containers nested deeper than [`MAX_DEPTH`](crate::limits::MAX_DEPTH): parsing stopped there.
    TooDeep,
    /// Not JSON: the byte offset serde_json reports the error at (its line and byte
    /// column are that offset's; `validate` turns it into characters).
    Syntax(usize),
}

/// Parses JSON text into a tree borrowing from it (scan.rs), refusing more than
/// [`MAX_DEPTH`](crate::limits::MAX_DEPTH) levels of nesting before it recurses further (so hostile text cannot
/// exhaust the stack).
pub(crate) fn parse(text: &str) -> Result<Node<'_>, ParseError> {
    super::scan::parse(text)
}

/// The tree serde_json reads from `text`, and where it stops when it cannot: the oracle
/// the scanner is tested against (tests only; the crate has one reader).
#[cfg(test)]
pub(crate) mod oracle {
    use alloc::borrow::Cow;
    use core::fmt;

    use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
    use serde_json::Number;

    use super::{dedup, Member, Node, ParseError};
    use crate::limits::MAX_DEPTH;

    /// The message a too-deep container raises inside serde, told apart afterwards.
    const TOO_DEEP: &str = "coc-script-exec: nesting limit";

    /// [`super::parse`] through serde_json; a syntax error as the offset of its line and
    /// byte column.
    pub(crate) fn parse_with_serde(text: &str) -> Result<Node<'_>, ParseError> {
        let mut de = serde_json::Deserializer::from_str(text);
        // Our own depth bound replaces serde_json's (127), which is one level short of R-SIZE's.
        de.disable_recursion_limit();
        let node = Seed { depth: 0 }.deserialize(&mut de).and_then(|n| de.end().map(|()| n));
        node.map_err(|e| {
            if e.to_string().starts_with(TOO_DEEP) {
                return ParseError::TooDeep;
            }
            let line_start: usize = text.split_inclusive('\n').take(e.line().saturating_sub(1)).map(str::len).sum();
            ParseError::Syntax(line_start + e.column())
        })
    }

    /// Deserializes one value `depth` containers down.
    #[derive(Clone, Copy)]
    struct Seed {
        depth: usize,
    }

    impl Seed {
        /// The seed for the members of a container at this level, or the depth error.
        fn enter<E: de::Error>(self) -> Result<Seed, E> {
            if self.depth >= MAX_DEPTH {
                return Err(E::custom(TOO_DEEP));
            }
            Ok(Seed { depth: self.depth + 1 })
        }
    }

    impl<'de> DeserializeSeed<'de> for Seed {
        type Value = Node<'de>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node<'de>, D::Error> {
            d.deserialize_any(self)
        }
    }

    impl<'de> Visitor<'de> for Seed {
        type Value = Node<'de>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("any JSON value")
        }

        fn visit_unit<E>(self) -> Result<Node<'de>, E> {
            Ok(Node::Null)
        }

        fn visit_bool<E>(self, b: bool) -> Result<Node<'de>, E> {
            Ok(Node::Bool(b))
        }

        fn visit_u64<E>(self, n: u64) -> Result<Node<'de>, E> {
            Ok(Node::Number(n.into()))
        }

        fn visit_i64<E>(self, n: i64) -> Result<Node<'de>, E> {
            Ok(Node::Number(n.into()))
        }

        fn visit_f64<E>(self, f: f64) -> Result<Node<'de>, E> {
            // serde_json never hands a non-finite number (1e400 is its syntax error).
            Ok(Number::from_f64(f).map_or(Node::Null, Node::Number))
        }

        fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Node<'de>, E> {
            Ok(Node::String(Cow::Borrowed(s)))
        }

        fn visit_str<E>(self, s: &str) -> Result<Node<'de>, E> {
            Ok(Node::String(Cow::Owned(s.to_owned())))
        }

        fn visit_string<E>(self, s: String) -> Result<Node<'de>, E> {
            Ok(Node::String(Cow::Owned(s)))
        }

        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node<'de>, A::Error> {
            let inner = self.enter()?;
            let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
            while let Some(item) = seq.next_element_seed(inner)? {
                items.push(item);
            }
            Ok(Node::Array(items))
        }

        fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node<'de>, A::Error> {
            let inner = self.enter()?;
            let mut members: Vec<Member<'de>> = Vec::new();
            while let Some(key) = map.next_key_seed(Key)? {
                members.push((key, map.next_value_seed(inner)?));
            }
            dedup(&mut members);
            Ok(Node::Object(members))
        }
    }

    /// An object key, borrowed when it has no escapes.
    struct Key;

    impl<'de> DeserializeSeed<'de> for Key {
        type Value = Cow<'de, str>;

        fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Cow<'de, str>, D::Error> {
            d.deserialize_str(self)
        }
    }

    impl<'de> Visitor<'de> for Key {
        type Value = Cow<'de, str>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a key")
        }

        fn visit_borrowed_str<E>(self, s: &'de str) -> Result<Cow<'de, str>, E> {
            Ok(Cow::Borrowed(s))
        }

        fn visit_str<E>(self, s: &str) -> Result<Cow<'de, str>, E> {
            Ok(Cow::Owned(s.to_owned()))
        }

        fn visit_string<E>(self, s: String) -> Result<Cow<'de, str>, E> {
            Ok(Cow::Owned(s))
        }
    }
}

/// A repeated key keeps its last value at its first place, as `JSON.parse` and
/// serde_json's ordered map do. Small objects compare keys pairwise; large ones index them.
pub(crate) fn dedup(members: &mut Vec<Member<'_>>) {
    const SMALL: usize = 16;
    let n = members.len();
    let repeats = |i: usize| members[..i].iter().any(|(k, _)| *k == members[i].0);
    if n < 2 || (n <= SMALL && !(1..n).any(repeats)) {
        return;
    }
    // first[i] = the index of the first member with i's key.
    let first: Vec<usize> = if n <= SMALL {
        (0..n).map(|i| (0..i).find(|&j| members[j].0 == members[i].0).unwrap_or(i)).collect()
    } else {
        let mut index: HashMap<&str, usize> = HashMap::with_capacity_and_hasher(n, Default::default());
        members.iter().enumerate().map(|(i, (k, _))| *index.entry(k.as_ref()).or_insert(i)).collect()
    };
    if first.iter().enumerate().all(|(i, &f)| f == i) {
        return;
    }
    let mut slots: Vec<Option<Member<'_>>> = members.drain(..).map(Some).collect();
    for i in 0..n {
        if first[i] != i {
            let later = slots[i].take().map(|(_, v)| v);
            if let (Some(v), Some((_, kept))) = (later, slots[first[i]].as_mut()) {
                *kept = v;
            }
        }
    }
    members.extend(slots.into_iter().flatten());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::MAX_DEPTH;

    #[test]
    fn same_tree_as_serde_json() {
        let text = r#"{"a": [1, -2, 3.5, "x\ny", true, null, {}], "b": {"c": "d"}, "a": 7, "e\u0041": 1e3}"#;
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(parse(text).unwrap().to_value(), value);
        assert_eq!(Node::from_value(&value).to_value(), value);
    }

    #[test]
    fn last_duplicate_wins_at_first_place() {
        let keys: Vec<String> = (0..40).map(|i| format!("\"k{}\": {i}", i % 20)).collect();
        let text = format!("{{{}}}", keys.join(","));
        let value: Value = serde_json::from_str(&text).unwrap();
        assert_eq!(parse(&text).unwrap().to_value(), value);
    }

    /// The serde path alone (what text the scanner leaves is read by), escapes included.
    #[test]
    fn the_oracle_reads_the_same_tree() {
        let text = r#"{"k\u00e9": ["v\n", "plain", -1, 2.5, 7, false, null, {"": []}]}"#;
        let value: Value = serde_json::from_str(text).unwrap();
        assert_eq!(oracle::parse_with_serde(text).unwrap().to_value(), value);
        assert_eq!(parse(text).unwrap(), oracle::parse_with_serde(text).unwrap());
    }

    #[test]
    fn depth_is_bounded() {
        let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
        assert!(parse(&deep(MAX_DEPTH)).is_ok());
        assert!(matches!(parse(&deep(MAX_DEPTH + 1)), Err(ParseError::TooDeep)));
        assert!(matches!(oracle::parse_with_serde(&deep(MAX_DEPTH + 1)), Err(ParseError::TooDeep)));
        assert!(oracle::parse_with_serde(&deep(MAX_DEPTH)).is_ok());
        assert!(matches!(parse("{\"a\": }"), Err(ParseError::Syntax(_))));
    }
}
