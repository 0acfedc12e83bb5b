//! The walk: one pass over a body in document order, interpreting a revision's table
//! (rules/). It holds no rule of its own: what each member must be, and which checks run
//! on it, is the table's; lengths, ranges and counts are judged with the table's bounds, as
//! the `validator` crate's rules judge them (characters counted, a NaN side not failing).
//! Order (rules.md): a node's own issues, then its members in the table's order, then
//! unknown keys in input order; array items by index.

use crate::prelude::*;

use crate::maps::{Entry, HashMap};

use serde_json::{Map, Value};

use super::node::{self, Member, Node};
use crate::code::Code;
use crate::report::{params, Pointer, Revision, Severity, Sink};
use crate::rules::checks::{count_params, enum_finding, expected, order_findings, Finding, OrderFinding};
use crate::rules::{self, ArrayOf, Cross, Field, Kind, Presence, Shape, Test};

/// A member of an object, `null` counting as absent (rules.md).
#[inline]
pub(crate) fn field<'n, 'a>(obj: &'n [Member<'a>], key: &str) -> Option<&'n Node<'a>> {
    node::get(obj, key).filter(|v| !v.is_null())
}

/// The one reader of an Integer: any JSON number whose value is whole (`300.0` is 300).
#[inline]
pub(crate) fn integer(v: &Node<'_>) -> Option<f64> {
    number(v).filter(|&f| super::is_whole(f))
}

/// The one reader of a Double: any finite JSON number (a numeric string is not one).
pub(crate) fn number(v: &Node<'_>) -> Option<f64> {
    match v {
        Node::Number(n) => n.as_f64().filter(|f| f.is_finite()),
        _ => None,
    }
}

/// Whether a string of `s.len()` bytes surely has `min..=max` characters: a character is
/// one to four bytes, so `len / 4 <= chars <= len`. Where this says yes the length rule
/// cannot fail and the characters need not be counted (a valid body's strings are all
/// like this); where it says no, they are counted.
pub(crate) fn surely_within(s: &str, min: usize, max: Option<usize>) -> bool {
    !matches!(max, Some(max) if s.len() > max) && s.len().div_ceil(4) >= min
}

/// Whether `x` is in `min..=max`, as `validator`'s range rule reads it (where a side
/// cannot be compared, as for NaN, it does not fail).
fn within(x: f64, min: f64, max: f64) -> bool {
    !(x > max || x < min)
}

/// Whether a count of characters or items is in `min..=max` (no `max`: no upper bound).
fn counted_within(count: usize, min: usize, max: Option<usize>) -> bool {
    count >= min && max.map_or(true, |max| count <= max)
}

/// Each value's first pointer, as a range of [`BodyState::pointers`].
type FirstSeen<'n> = HashMap<&'n str, (usize, usize)>;

/// What the walk remembers across the whole body, for the rules over every host (I6, I9).
#[derive(Default)]
pub(crate) struct BodyState<'n> {
    /// I6: per key, each value's first pointer (kept end to end in `pointers`).
    unique: Vec<(&'static str, FirstSeen<'n>)>,
    pointers: String,
    /// I9: per key, the first item's value and pointer.
    same: Vec<(&'static str, &'n str, String)>,
}

impl<'n> BodyState<'n> {
    /// The first pointer of `value` under `key` if it was seen, else remembers `here`.
    fn first_or_insert(&mut self, key: &'static str, value: &'n str, here: &str) -> Option<String> {
        let at = match self.unique.iter().position(|(k, _)| *k == key) {
            Some(at) => at,
            None => {
                self.unique.push((key, HashMap::default()));
                self.unique.len() - 1
            }
        };
        match self.unique[at].1.entry(value) {
            Entry::Occupied(seen) => {
                let (start, end) = *seen.get();
                Some(self.pointers.get(start..end).unwrap_or_default().to_owned())
            }
            Entry::Vacant(slot) => {
                let start = self.pointers.len();
                self.pointers.push_str(here);
                slot.insert((start, self.pointers.len()));
                None
            }
        }
    }

    /// Room for `n` values per unique key, so a valid body's maps never grow.
    fn reserve(&mut self, keys: &[&'static str], n: usize) {
        for &key in keys {
            if !self.unique.iter().any(|(k, _)| *k == key) {
                self.unique.push((key, HashMap::with_capacity_and_hasher(n, Default::default())));
            }
        }
    }
}

/// What a rule over an array's items found for one item, emitted at its member.
#[derive(Clone)]
enum ItemFinding<'n> {
    /// S3, I10: the value was used by an earlier item.
    Duplicate { value: &'n str, first: usize },
    /// S8, E5.
    Order(OrderFinding),
}

/// The context of an object that is an item of an array.
#[derive(Clone, Copy)]
struct Item<'x, 'n> {
    index: usize,
    /// The array's rules.
    cross: &'static [Cross],
    /// What they found, by (item, key), sorted by item.
    found: &'x [(usize, &'static str, ItemFinding<'n>)],
    /// The length of the array's pointer (a prefix of the walk's pointer).
    base: usize,
    /// The fields of the item's shape that a rule of the array names, as bits by field
    /// index: only these look at the array's rules (the others would find none).
    keyed: u64,
}

/// The bits of [`Item::keyed`] for the items of `of`.
#[inline]
fn keyed_fields(of: &ArrayOf) -> u64 {
    let named = |key: &str| of.cross.iter().any(|c| c.key() == Some(key));
    of.item.fields.iter().enumerate().filter(|(_, f)| named(f.key)).fold(0, |bits, (i, _)| bits | 1 << i)
}

/// The walk's state: where it is and what it found.
struct Walk<'s, 'n> {
    at: Pointer,
    sink: &'s mut Sink,
    body: &'s mut BodyState<'n>,
}

/// Judges a whole body by the table of `revision`.
pub(crate) fn body(value: &Node<'_>, revision: Revision, sink: &mut Sink) {
    let mut state = BodyState::default();
    let mut w = Walk { at: Pointer::root(), sink, body: &mut state };
    w.value_object(rules::table(revision), value, None);
}

/// Judges one host at `at` (build_batches' `/hosts/k`) by the rules a body's hosts obey,
/// `state` carrying the rules over every host (I6, I9) from host to host.
pub(crate) fn host_at<'n>(
    at: Pointer,
    item: &'n Node<'_>,
    revision: Revision,
    state: &mut BodyState<'n>,
    sink: &mut Sink,
) {
    let of = rules::host(revision);
    let mut w = Walk { at, sink, body: state };
    let context = Item { index: 0, cross: of.cross, found: &[], base: 0, keyed: keyed_fields(of) };
    w.value_object(of.item, item, Some(context));
}

impl<'n> Walk<'_, 'n> {
    /// Records a finding at the current pointer.
    fn here(&mut self, severity: Severity, (code, params): Finding) {
        let at = &self.at;
        self.sink.push(severity, code, || at.as_str().to_owned(), || params);
    }

    /// Records a finding at member `key` of the current object, its pointer and params
    /// built only if it is kept.
    fn at_key(&mut self, key: &str, severity: Severity, code: Code, params: impl FnOnce() -> Map<String, Value>) {
        let at = &self.at;
        self.sink.push(severity, code, || at.child(key), params);
    }

    /// A value that must be an object of `shape` (B1, S1, E3, I1, ...).
    #[inline]
    fn value_object<'a>(&mut self, shape: &'static Shape, value: &'n Node<'a>, item: Option<Item<'_, 'n>>) {
        match value.as_object() {
            Some(obj) => self.object(shape, obj, item),
            None => self.here(Severity::Error, (Code::Type, expected("object"))),
        }
    }

    /// The members of an object: each field of the shape, then unknown keys (B4).
    fn object<'a>(&mut self, shape: &'static Shape, obj: &'n [Member<'a>], item: Option<Item<'_, 'n>>) {
        let mut present = 0;
        // Members usually come in the table's order: look where the last one was found first.
        let mut next = 0;
        for (i, f) in shape.fields.iter().enumerate() {
            let at = match obj.get(next) {
                Some((k, _)) if k == f.key => Some(next),
                _ => obj.iter().position(|(k, _)| k == f.key),
            };
            let raw = at.map(|at| &obj[at].1);
            if let Some(at) = at {
                present += 1;
                next = at + 1;
            }
            let item = item.filter(|it| it.keyed & (1 << i) != 0);
            self.field(f, raw.filter(|v| !v.is_null()), obj, item);
        }
        // Keys are unique once read, so when every member is a field there is no other.
        if present != obj.len() {
            for (key, _) in obj.iter().filter(|(k, _)| !shape.knows(k)) {
                self.at_key(key, Severity::Warning, Code::UnknownField, || params([("field", key.as_ref().into())]));
            }
        }
    }

    /// One field: presence, type and bounds, its checks, then what the array's rules
    /// found of it.
    #[inline]
    fn field<'a>(
        &mut self,
        f: &'static Field,
        v: Option<&'n Node<'a>>,
        obj: &'n [Member<'a>],
        item: Option<Item<'_, 'n>>,
    ) {
        let key = f.key;
        let Some(v) = v else {
            let severity = match f.presence {
                Presence::Required => Some(Severity::Error),
                Presence::Expected => Some(Severity::Warning),
                Presence::RequiredUnless(sibling) if field(obj, sibling).is_none() => Some(Severity::Error),
                _ => None,
            };
            if let Some(severity) = severity {
                self.at_key(key, severity, Code::Required, Map::new);
            }
            if let Some(item) = item {
                self.across(key, None, item);
            }
            return;
        };
        let ok: Result<(), &str> = match &f.kind {
            Kind::Bool => matches!(v, Node::Bool(_)).then_some(()).ok_or("boolean"),
            Kind::Integer(range) => match integer(v) {
                Some(x) => {
                    if let Some((min, max)) = *range {
                        if !within(x, min as f64, max as f64) {
                            self.at_key(key, Severity::Error, Code::Range, || {
                                params([("min", min.into()), ("max", max.into()), ("actual", v.to_value())])
                            });
                        }
                    }
                    self.number_checks(f, x, v);
                    Ok(())
                }
                None => Err("integer"),
            },
            Kind::Number(min, max) => match number(v) {
                Some(x) => {
                    if !within(x, *min, *max) {
                        self.at_key(key, Severity::Error, Code::Range, || {
                            params([("min", (*min).into()), ("max", (*max).into()), ("actual", v.to_value())])
                        });
                    }
                    self.number_checks(f, x, v);
                    Ok(())
                }
                None => Err("number"),
            },
            Kind::Str(min, max) => match v {
                Node::String(s) => {
                    let excused = match f.presence {
                        Presence::RequiredUnless(sibling) => s.is_empty() && field(obj, sibling).is_some(),
                        _ => false,
                    };
                    if !excused {
                        self.length(key, s, *min, *max);
                    }
                    self.string_checks(f, s);
                    Ok(())
                }
                _ => Err("string"),
            },
            Kind::Enum(allowed) => match v {
                Node::String(s) => {
                    if !allowed.contains(&s.as_ref()) {
                        let (code, p) = enum_finding(allowed, s);
                        self.at_key(key, Severity::Error, code, || p);
                    }
                    Ok(())
                }
                _ => Err("string"),
            },
            Kind::Object(shape) => match v.as_object() {
                Some(members) => {
                    let mark = self.at.key(key);
                    self.object(shape, members, None);
                    self.at.pop(mark);
                    Ok(())
                }
                None => Err("object"),
            },
            Kind::Array(of) => match v.as_array() {
                Some(items) => {
                    let mark = self.at.key(key);
                    self.array(of, items);
                    self.at.pop(mark);
                    Ok(())
                }
                None => Err("array"),
            },
        };
        if let Err(kind) = ok {
            self.at_key(key, Severity::Error, Code::Type, || expected(kind));
        }
        if f.presence == Presence::Deprecated {
            self.at_key(key, Severity::Warning, Code::Deprecated, || params([("field", key.into())]));
        }
        if let Some(item) = item {
            let value = match (ok, v) {
                (Ok(()), Node::String(s)) => Some(Ok(s.as_ref())),
                (Ok(()), _) => Some(Err(())),
                _ => None,
            };
            if let Some(value) = value {
                self.across(key, Some(value), item);
            }
        }
    }

    /// A string's length in characters against `min..=max`.
    fn length(&mut self, key: &str, s: &str, min: usize, max: Option<usize>) {
        if surely_within(s, min, max) || counted_within(s.chars().count(), min, max) {
            return;
        }
        self.at_key(key, Severity::Error, Code::Length, || {
            let mut p = params([("min", min.into())]);
            if let Some(max) = max {
                p.insert("max".to_owned(), max.into());
            }
            p.insert("actual".to_owned(), s.chars().count().into());
            p
        });
    }

    fn string_checks(&mut self, f: &Field, s: &str) {
        for check in f.checks {
            if let Test::Str(test) = check.test {
                if let Some((code, p)) = test(s) {
                    self.at_key(f.key, check.severity, code, || p);
                }
            }
        }
    }

    fn number_checks(&mut self, f: &Field, x: f64, raw: &Node<'_>) {
        for check in f.checks {
            if let Test::Num(test) = check.test {
                if let Some((code, p)) = test(x, raw) {
                    self.at_key(f.key, check.severity, code, || p);
                }
            }
        }
    }

    /// What the array's rules say of member `key` of this item: `value` is its string
    /// (`Err` when it is of another type that was read), `None` when it is missing.
    fn across(&mut self, key: &'static str, value: Option<Result<&'n str, ()>>, item: Item<'_, 'n>) {
        let start = item.found.partition_point(|(i, _, _)| *i < item.index);
        for (_, _, finding) in
            item.found[start..].iter().take_while(|(i, _, _)| *i == item.index).filter(|f| f.1 == key)
        {
            let first = |first: usize| {
                let mut p = Pointer::from_prefix(self.at.as_str().get(..item.base).unwrap_or_default());
                p.index(first);
                p.key(key);
                p.as_str().to_owned()
            };
            let (code, p) = match finding {
                ItemFinding::Duplicate { value, first: at } => {
                    (Code::Duplicate, params([("value", (*value).into()), ("first", first(*at).into())]))
                }
                ItemFinding::Order(order) => order.finding(first),
            };
            self.at_key(key, Severity::Error, code, || p);
        }
        for cross in item.cross {
            match *cross {
                Cross::BodyUnique { key: k, code, severity, .. } if k == key => {
                    let Some(Ok(value)) = value else { continue };
                    let mark = self.at.key(key);
                    let first = self.body.first_or_insert(key, value, self.at.as_str());
                    if let Some(first) = first {
                        self.here(severity, (code, params([("value", value.into()), ("first", first.into())])));
                    }
                    self.at.pop(mark);
                }
                Cross::BodySame { key: k, default, .. } if k == key => {
                    let value = match value {
                        None => default,
                        Some(Ok(s)) => s,
                        Some(Err(())) => continue,
                    };
                    match self.body.same.iter().find(|(k, _, _)| *k == key) {
                        None => self.body.same.push((key, value, self.at.as_str().to_owned())),
                        Some((_, first_value, first)) if *first_value != value => {
                            let p = params([
                                ("field", key.into()),
                                ("value", value.into()),
                                ("first", first.clone().into()),
                            ]);
                            self.at_key(key, Severity::Error, Code::Mixed, || p);
                        }
                        Some(_) => {}
                    }
                }
                _ => {}
            }
        }
    }

    /// An array of objects: its count, its totals, then each item.
    fn array<'a>(&mut self, of: &'static ArrayOf, items: &'n [Node<'a>]) {
        if !counted_within(items.len(), of.min, Some(of.max)) {
            self.here(Severity::Error, (Code::Count, count_params(of.min, of.max, items.len())));
        }
        let mut found = Vec::new();
        for cross in of.cross {
            match *cross {
                Cross::Total { key, max, .. } => {
                    let total: usize = items
                        .iter()
                        .filter_map(|i| i.as_object().and_then(|o| node::get(o, key)).and_then(Node::as_array))
                        .map(<[_]>::len)
                        .sum();
                    if total > max {
                        self.here(
                            Severity::Error,
                            (Code::TotalHosts, params([("max", max.into()), ("actual", total.into())])),
                        );
                    }
                    // Sized for every item a valid body can hold, so the maps never grow in one.
                    let keys: Vec<&'static str> = nested_unique_keys(of, key);
                    self.body.reserve(&keys, total.min(max));
                }
                Cross::Unique { key, .. } => unique(items, key, &mut found),
                Cross::Sequence { key, min, max, .. } => {
                    let values: Vec<(usize, u64)> = items
                        .iter()
                        .enumerate()
                        .filter_map(|(i, item)| {
                            let x = item.as_object().and_then(|o| field(o, key)).and_then(integer)?;
                            (x >= min as f64 && x <= max as f64).then_some((i, x as u64))
                        })
                        .collect();
                    found
                        .extend(order_findings(&values, max).into_iter().map(|(i, f)| (i, key, ItemFinding::Order(f))));
                }
                Cross::BodyUnique { .. } | Cross::BodySame { .. } => {}
            }
        }
        let found = crate::sorted::by_index(found, |(i, _, _)| *i);
        let base = self.at.as_str().len();
        let keyed = keyed_fields(of);
        for (index, item) in items.iter().enumerate() {
            let mark = self.at.index(index);
            let context = Item { index, cross: of.cross, found: &found, base, keyed };
            self.value_object(of.item, item, Some(context));
            self.at.pop(mark);
        }
    }
}

/// S3, I10: for each item whose string `key` an earlier item holds, that earlier item.
fn unique<'n>(items: &'n [Node<'_>], key: &'static str, found: &mut Vec<(usize, &'static str, ItemFinding<'n>)>) {
    let mut first: HashMap<&'n str, usize> = HashMap::default();
    for (i, item) in items.iter().enumerate() {
        if let Some(Node::String(s)) = item.as_object().and_then(|o| field(o, key)) {
            let at = *first.entry(s.as_ref()).or_insert(i);
            if at != i {
                found.push((i, key, ItemFinding::Duplicate { value: s.as_ref(), first: at }));
            }
        }
    }
}

/// The keys of the body-wide unique rules on the items of array member `key` of `of`'s items.
fn nested_unique_keys(of: &ArrayOf, key: &str) -> Vec<&'static str> {
    match of.item.field(key).map(|f| &f.kind) {
        Some(Kind::Array(inner)) => inner
            .cross
            .iter()
            .filter_map(|c| match c {
                Cross::BodyUnique { key, .. } => Some(*key),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}
