//! The checks a table names beyond types and bounds: each a plain function over a value
//! already read, citing its id in rules.md or revisions.md. No traversal here: the walk
//! decides where each applies (the tables say) and `Sink` records what they find.

use crate::prelude::*;

use serde_json::{Map, Value};

use crate::code::Code;
use crate::limits::{EXECUTE_USER_ROOT, SUCCESS_RATE_DECIMALS, TIMEOUT_MAX, TIMEOUT_MIN};
use crate::report::params;
use crate::validate::node::Node;

/// A finding of one rule: its code and params, before it gets a path and severity.
pub(crate) type Finding = (Code, Map<String, Value>);

/// Param `expected` of a `type` issue.
pub(crate) fn expected(kind: &'static str) -> Map<String, Value> {
    params([("expected", kind.into())])
}

/// P2: the page's prose says "greater than 5 and less than 1800" while its table gives
/// Minimum 5 and Maximum 1800. We take the table (5 and 1800 pass) and warn at the edge.
pub(crate) fn timeout_boundary(t: f64, raw: &Node<'_>) -> Option<Finding> {
    (t == TIMEOUT_MIN as f64 || t == TIMEOUT_MAX as f64).then(|| {
        let p = params([("min", TIMEOUT_MIN.into()), ("max", TIMEOUT_MAX.into()), ("actual", raw.to_value())]);
        (Code::Boundary, p)
    })
}

/// P4: "The value can contain one decimal place." Judged on the shortest decimal form
/// that reads back as the same double, so `99.9` passes although it is not exact in binary.
pub(crate) fn decimal_places(rate: f64, _: &Node<'_>) -> Option<Finding> {
    let places = shortest_decimal_places(rate);
    (places > SUCCESS_RATE_DECIMALS)
        .then(|| (Code::DecimalPlaces, params([("max", SUCCESS_RATE_DECIMALS.into()), ("actual", places.into())])))
}

/// Digits after the point in the shortest round-trip form, written out without an
/// exponent (as Rust's `Display` for f64 prints it). Read from zmij's shortest form (the
/// writer serde_json already brings), `d.ddde±x`, so the module holds no `core::fmt` of
/// floats (issue #16): the fraction's digits less the exponent. Infinite or NaN: 0.
pub(crate) fn shortest_decimal_places(x: f64) -> usize {
    let mut buffer = zmij::Buffer::new();
    let text = buffer.format(x);
    let (digits, exponent) = text.split_once('e').unwrap_or((text, "0"));
    let fraction = digits.split_once('.').map_or("", |(_, f)| f.trim_end_matches('0'));
    let exponent = exponent.trim_start_matches('+').parse::<i64>().unwrap_or(0);
    usize::try_from(fraction.len() as i64 - exponent).unwrap_or(0)
}

/// P6: "The script must be executed by user root."
pub(crate) fn must_be_root(user: &str) -> Option<Finding> {
    (user != EXECUTE_USER_ROOT).then(|| (Code::MustBeRoot, params([("actual", user.into())])))
}

/// S5 on the page: the characters a `param_value` may hold besides ASCII letters and
/// digits, from the SDKs' pattern `[a-zA-Z0-9_\-/\.\x20\?:",=+@\\\[\{\]\}]` (the page's
/// list is cut off).
const PAGE_PUNCTUATION: &str = "_-/. ?:\",=+@\\[{]}";

/// S5 under `current`: the SDK 3.1.219 adds `*` and `#` (`_-/.* ?:",=+@#\[{]}`).
const CURRENT_PUNCTUATION: &str = "_-/.* ?:\",=+@#\\[{]}";

/// A character set as a table over bytes: ASCII letters, digits and `punctuation` (every
/// byte of 128 and above is outside, being part of a non-ASCII character), so a long
/// value costs one lookup per byte.
const fn byte_table(punctuation: &str) -> [bool; 256] {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    let punctuation = punctuation.as_bytes();
    let mut i = 0;
    while i < punctuation.len() {
        table[punctuation[i] as usize] = true;
        i += 1;
    }
    table
}

const PAGE_BYTES: [bool; 256] = byte_table(PAGE_PUNCTUATION);
const CURRENT_BYTES: [bool; 256] = byte_table(CURRENT_PUNCTUATION);
const PAGE_SET: ByteSet = ByteSet::of(PAGE_BYTES);
const CURRENT_SET: ByteSet = ByteSet::of(CURRENT_BYTES);

/// A set of ASCII bytes, as the byte table and as two tables by nibble for WebAssembly
/// SIMD: byte `b` is in the set when `low[b & 15] & high[b >> 4]` is not zero (`high`
/// has one bit per row of sixteen ASCII bytes, none for the rows of 128 and above; `low`
/// the rows in which each column's byte is in the set). Sixteen bytes take two swizzles.
struct ByteSet {
    table: [bool; 256],
    #[cfg_attr(not(all(target_arch = "wasm32", target_feature = "simd128")), allow(dead_code))]
    low: [u8; 16],
    #[cfg_attr(not(all(target_arch = "wasm32", target_feature = "simd128")), allow(dead_code))]
    high: [u8; 16],
}

impl ByteSet {
    const fn of(table: [bool; 256]) -> ByteSet {
        let (mut low, mut high) = ([0u8; 16], [0u8; 16]);
        let mut row = 0;
        while row < 8 {
            high[row] = 1 << row;
            let mut column = 0;
            while column < 16 {
                if table[row << 4 | column] {
                    low[column] |= 1 << row;
                }
                column += 1;
            }
            row += 1;
        }
        ByteSet { table, low, high }
    }
}

/// S5 (page): whether `c` may appear in a `param_value`.
pub(crate) fn is_page_value_char(c: char) -> bool {
    (c as u32) < 128 && PAGE_BYTES[c as usize]
}

/// S5 (current): whether `c` may appear in a `param_value`.
pub(crate) fn is_current_value_char(c: char) -> bool {
    (c as u32) < 128 && CURRENT_BYTES[c as usize]
}

/// S5 (page): the first character outside the set.
pub(crate) fn page_charset(value: &str) -> Option<Finding> {
    charset(value, &PAGE_SET)
}

/// S5 (current): the first character outside the set.
pub(crate) fn current_charset(value: &str) -> Option<Finding> {
    charset(value, &CURRENT_SET)
}

/// S5: the first character outside `allowed`, with its character index. Every byte
/// before it is an allowed ASCII character, so its byte offset is its index.
fn charset(value: &str, allowed: &ByteSet) -> Option<Finding> {
    let at = first_outside(value.as_bytes(), allowed)?;
    let c = value.get(at..)?.chars().next()?;
    Some((Code::Charset, params([("char", c.to_string().into()), ("index", at.into())])))
}

/// S6: the SDKs' pattern forbids `.{2,}`: no two dots in a row. The index (in characters)
/// of the first dot of the first pair.
pub(crate) fn consecutive_dots(value: &str) -> Option<Finding> {
    let at = first_pair_of_dots(value.as_bytes())?;
    Some((Code::ConsecutiveDots, params([("index", value.get(..at)?.chars().count().into())])))
}

/// Bytes judged at once by the screens below: a chunk is folded without a branch per byte
/// (which the compiler unrolls, and vectorises where it can), and only a chunk that holds
/// a hit is searched byte by byte. On a valid body's 1024-character values this is several
/// times faster than a search that branches on every byte (`str::find` among them).
const CHUNK: usize = 32;

/// S5: the offset of the first byte outside `allowed`, sixteen bytes at a time by
/// WebAssembly SIMD (the nibble tables of [`ByteSet`]) while none is among them.
#[cfg(all(target_arch = "wasm32", target_feature = "simd128"))]
fn first_outside(bytes: &[u8], allowed: &ByteSet) -> Option<usize> {
    use crate::validate::wide::{load, lookup, run};
    let (low, high) = (load(&allowed.low), load(&allowed.high));
    let at = run(bytes, 0, |x| lookup(x, low, high));
    bytes[at..].iter().position(|&b| !allowed.table[b as usize]).map(|i| at + i)
}

/// S5: the offset of the first byte outside `allowed`.
#[cfg(not(all(target_arch = "wasm32", target_feature = "simd128")))]
fn first_outside(bytes: &[u8], allowed: &ByteSet) -> Option<usize> {
    let allowed = &allowed.table;
    let mut start = 0;
    for chunk in bytes.chunks(CHUNK) {
        if !chunk.iter().fold(true, |ok, &b| ok & allowed[b as usize]) {
            return chunk.iter().position(|&b| !allowed[b as usize]).map(|i| start + i);
        }
        start += chunk.len();
    }
    None
}

/// S6: the offset of the first dot of the first `..`.
fn first_pair_of_dots(bytes: &[u8]) -> Option<usize> {
    let (Some(head), Some(tail)) = (bytes.len().checked_sub(1).map(|n| &bytes[..n]), bytes.get(1..)) else {
        return None;
    };
    let mut start = 0;
    for (a, b) in head.chunks(CHUNK).zip(tail.chunks(CHUNK)) {
        if a.iter().zip(b).fold(false, |hit, (&x, &y)| hit | ((x == b'.') & (y == b'.'))) {
            return a.iter().zip(b).position(|(&x, &y)| x == b'.' && y == b'.').map(|i| start + i);
        }
        start += a.len();
    }
    None
}

/// What S8 and E5 say of one item of a numbered list.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum OrderFinding {
    /// The value was used by an earlier item (its position in the list).
    Duplicate { value: u64, first: usize },
    /// The value is not where 1..n puts it.
    Sequence { expected: u64, actual: u64 },
}

/// S8 / E5: "starts from 1 and must be consecutive". `values` are (item position, value)
/// for the items whose value passed its range rule (so 1..=max). A value equal to an
/// earlier one is a duplicate on the later item; sorting the distinct values, the k-th
/// must be k, and the first item holding each one that is not gets `sequence`.
/// Returns the findings by item position, in item order.
pub(crate) fn order_findings(values: &[(usize, u64)], max: u64) -> Vec<(usize, OrderFinding)> {
    let slots = usize::try_from(max).unwrap_or(0).saturating_add(1);
    let mut first: Vec<Option<usize>> = vec![None; slots];
    let mut out = Vec::new();
    for &(item, value) in values {
        let Some(slot) = usize::try_from(value).ok().and_then(|v| first.get_mut(v)) else { continue };
        match *slot {
            Some(first_item) => out.push((item, OrderFinding::Duplicate { value, first: first_item })),
            None => *slot = Some(item),
        }
    }
    let mut rank = 0u64;
    for (value, holder) in first.iter().enumerate() {
        let Some(item) = holder else { continue };
        rank += 1;
        let value = value as u64;
        if value != rank {
            out.push((*item, OrderFinding::Sequence { expected: rank, actual: value }));
        }
    }
    crate::sorted::by_index(out, |(item, _)| *item)
}

impl OrderFinding {
    /// The code and params, with `first` as the pointer made by `first_path`.
    pub(crate) fn finding(&self, first_path: impl FnOnce(usize) -> String) -> Finding {
        match *self {
            OrderFinding::Duplicate { value, first } => {
                (Code::Duplicate, params([("value", value.into()), ("first", first_path(first).into())]))
            }
            OrderFinding::Sequence { expected, actual } => {
                (Code::Sequence, params([("expected", expected.into()), ("actual", actual.into())]))
            }
        }
    }
}

/// E7 and build_batches' `enum`: the allowed values and what was sent.
pub(crate) fn enum_finding(allowed: &[&str], actual: &str) -> Finding {
    (Code::Enum, params([("allowed", allowed.into()), ("actual", actual.into())]))
}

/// Count params for an array's item count.
pub(crate) fn count_params(min: usize, max: usize, actual: usize) -> Map<String, Value> {
    params([("min", min.into()), ("max", max.into()), ("actual", actual.into())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortest_form_counts_places() {
        assert_eq!(shortest_decimal_places(99.9), 1);
        assert_eq!(shortest_decimal_places(100.0), 0);
        assert_eq!(shortest_decimal_places(99.55), 2);
        assert_eq!(shortest_decimal_places(1e-7), 7);
        assert_eq!(shortest_decimal_places(1e21), 0);
        assert_eq!(shortest_decimal_places(1.5e-7), 8);
        assert_eq!(shortest_decimal_places(1.25e22), 0);
        assert_eq!(shortest_decimal_places(0.1 + 0.2), 17);
        assert_eq!(shortest_decimal_places(-0.5), 1);
        assert_eq!(shortest_decimal_places(123456.789), 3);
        assert_eq!(shortest_decimal_places(5e-324), 324);
        assert_eq!(shortest_decimal_places(f64::NAN), 0);
    }

    proptest::proptest! {
        /// P4 counts as Rust's `Display` would (its shortest form, never an exponent).
        #[test]
        fn shortest_places_are_display_s(
            bits in proptest::prelude::any::<u64>(),
            rate in 0.0f64..1000.0,
            (n, k) in (0u64..10_000_000, 0i32..12),
        ) {
            for x in [f64::from_bits(bits), rate, n as f64 / 10f64.powi(k)].into_iter().filter(|x| x.is_finite()) {
                let text = x.to_string();
                proptest::prop_assert_eq!(
                    shortest_decimal_places(x),
                    text.split_once('.').map_or(0, |(_, frac)| frac.len())
                );
            }
        }
    }

    #[test]
    fn s5_tables_are_the_sdk_classes() {
        let allowed = |f: fn(char) -> bool| (0u8..128).map(char::from).filter(|&c| f(c)).collect::<String>();
        assert_eq!(
            allowed(is_page_value_char),
            " \"+,-./0123456789:=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]_abcdefghijklmnopqrstuvwxyz{}"
        );
        assert_eq!(
            allowed(is_current_value_char),
            " \"#*+,-./0123456789:=?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]_abcdefghijklmnopqrstuvwxyz{}"
        );
        assert!(!is_page_value_char('é') && !is_page_value_char('#') && !is_page_value_char('\n'));
        let index = |f: Option<Finding>| f.map(|(code, p)| (code, p["index"].as_u64().unwrap_or(99)));
        assert_eq!(page_charset("ab.é#").map(|f| f.1["char"].clone()), Some("é".into()));
        assert_eq!(index(page_charset("ab.é#")), Some((Code::Charset, 3)));
        assert_eq!(index(current_charset("ab*#é")), Some((Code::Charset, 4)));
        assert_eq!(index(consecutive_dots("é..")), Some((Code::ConsecutiveDots, 1)));
        assert_eq!(index(consecutive_dots("a...b")), Some((Code::ConsecutiveDots, 1)));
        assert_eq!(index(consecutive_dots(".x.")), None);
        assert_eq!(page_charset(""), None);
    }

    proptest::proptest! {
        /// The chunked screens find what a plain search finds, on values made of dots,
        /// allowed and refused characters, across chunk boundaries.
        #[test]
        fn screens_agree_with_a_plain_search(value in "[.a\\- #é\n]{0,80}") {
            let plain = value.bytes().position(|b| !PAGE_BYTES[b as usize]);
            proptest::prop_assert_eq!(first_outside(value.as_bytes(), &PAGE_SET), plain);
            proptest::prop_assert_eq!(first_pair_of_dots(value.as_bytes()), value.find(".."));
        }
    }

    #[test]
    fn orders_s8() {
        let f = order_findings(&[(0, 1), (1, 3)], 20);
        assert_eq!(f, vec![(1, OrderFinding::Sequence { expected: 2, actual: 3 })]);
        let f = order_findings(&[(0, 2), (1, 2), (2, 1)], 20);
        assert_eq!(f, vec![(1, OrderFinding::Duplicate { value: 2, first: 0 })]);
        assert!(order_findings(&[(0, 3), (1, 1), (2, 2)], 20).is_empty());
    }
}
