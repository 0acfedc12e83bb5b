//! Screens that prove a part of a body clean before the `validator` derives run on it, so
//! that a valid body does not pay for them: each answers "surely no finding" or "run the
//! rules", never a finding of its own, and each is tested against the full path (a screen
//! that says clean where the rules would find something is a bug the tests below catch).
//! On the largest valid body they take about a sixth off judging it in Chromium
//! (BENCHMARKS.md).

use validator::{Validate, ValidationErrors};

use super::node::{Member, Node};
use super::walk::{as_u64, Read};
use crate::limits::*;
use crate::model::{ExecuteResourceInstance, ScriptExecuteInputParam};

/// Whether a string of `s.len()` bytes surely has `min..=max` characters: a character is
/// one to four bytes, so `len / 4 <= chars <= len`. Where this says yes, a `length` rule
/// cannot fail and its character count can be skipped; where it says no, the rule runs.
pub(crate) fn surely_within(s: &str, min: usize, max: usize) -> bool {
    s.len() <= max && s.len().div_ceil(4) >= min
}

/// The `validator` findings for one script parameter (S2, S4, S7), or `None` without
/// running the derives when the reads show they cannot find anything: each field either
/// not read (the model gets a valid stand-in, as the derives would be given) or surely
/// within its bounds. A valid body's parameters are like this; each would otherwise be
/// copied into the model and its up to 1024 characters counted.
pub(crate) fn param_errors(name: Read<&str>, value: Read<&str>, order: Read<f64>) -> Option<ValidationErrors> {
    let fine = |read: Read<&str>, min, max| read.ok().map_or(true, |s| surely_within(s, min, max));
    let order_fine = order.ok().map_or(true, |f| f >= PARAM_ORDER_MIN as f64 && f <= MAX_SCRIPT_PARAMS as f64);
    if fine(name, PARAM_NAME_MIN, PARAM_NAME_MAX) && fine(value, PARAM_VALUE_MIN, PARAM_VALUE_MAX) && order_fine {
        return None;
    }
    let model = ScriptExecuteInputParam {
        param_name: name.ok().unwrap_or("n").to_owned(),
        param_value: value.ok().unwrap_or("").to_owned(),
        param_order: order.ok().map_or(PARAM_ORDER_MIN, as_u64),
    };
    model.validate().err()
}

/// The `resource_id` of a host that I1-I5 cannot fault, or `None` to run them: exactly the
/// four fields, each a string surely within its length bounds ([`surely_within`]; the
/// bounds are the ones the `validator` derives on [`ExecuteResourceInstance`] use, and a
/// test holds the two paths to the same issues). A valid body's 200 hosts are all like
/// this, and the screen costs a fraction of reading each field, running the derives and
/// looking for unknown keys.
pub(crate) fn clean_host<'n>(obj: &'n [Member<'_>]) -> Option<&'n str> {
    // Keys are unique once read (node.rs), so four members that are all fields are the four.
    if obj.len() != ExecuteResourceInstance::FIELDS.len() {
        return None;
    }
    let mut id = None;
    for (key, value) in obj {
        let Node::String(s) = value else { return None };
        let field = ExecuteResourceInstance::FIELDS.iter().position(|f| f == key)?;
        let (min, max) = HOST_FIELD_BOUNDS[field];
        if !surely_within(s, min, max) {
            return None;
        }
        if field == 0 {
            // FIELDS[0] is resource_id.
            id = Some(s.as_ref());
        }
    }
    id
}

/// The length bounds of [`ExecuteResourceInstance::FIELDS`], in that order (I2-I5).
const HOST_FIELD_BOUNDS: [(usize, usize); 4] = [
    (RESOURCE_ID_MIN, RESOURCE_ID_MAX),
    (HOST_FIELD_MIN, HOST_FIELD_MAX),
    (HOST_FIELD_MIN, HOST_FIELD_MAX),
    (HOST_FIELD_MIN, HOST_FIELD_MAX),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{Pointer, Sink};
    use crate::validate::walk::{host_at, host_in_full_at, HostsSeen};
    use proptest::prelude::*;
    use std::borrow::Cow;

    /// Strings around a field's bounds: 0, 1, `max` - 1, `max`, `max` + 1 or any length up
    /// to `max` + 8 characters, mostly ASCII (where bytes and characters agree) and
    /// otherwise of one to four bytes each.
    fn text_near(max: usize) -> impl Strategy<Value = String> {
        let len = prop_oneof![Just(0), Just(1), Just(max - 1), Just(max), Just(max + 1), 0..max + 8];
        let wide = proptest::sample::select(vec!['a', 'é', '中', '😀']);
        (len, proptest::bool::weighted(0.7), proptest::collection::vec(wide, max + 8)).prop_map(|(len, ascii, wide)| {
            if ascii {
                "x".repeat(len)
            } else {
                wide[..len].iter().collect()
            }
        })
    }

    /// Members a host may hold: each of the four fields (usually present, usually a string
    /// near its bounds), now and then an unknown key, in any order.
    fn host() -> impl Strategy<Value = Vec<(String, Option<String>)>> {
        let field = |max| proptest::option::weighted(0.9, proptest::option::weighted(0.95, text_near(max)));
        let (id, other) = (RESOURCE_ID_MAX, HOST_FIELD_MAX);
        (field(id), field(other), field(other), field(other), proptest::option::weighted(0.1, text_near(other)))
            .prop_map(|(a, b, c, d, extra)| {
                let fields = ExecuteResourceInstance::FIELDS.iter().zip([a, b, c, d]);
                let mut members: Vec<(String, Option<String>)> =
                    fields.filter_map(|(k, v)| v.map(|v| (k.to_string(), v))).collect();
                members.extend(extra.map(|v| ("extra".to_owned(), Some(v))));
                members
            })
            .prop_shuffle()
    }

    fn node(members: &[(String, Option<String>)]) -> Node<'_> {
        fn value(v: &Option<String>) -> Node<'_> {
            v.as_deref().map_or(Node::Null, |s| Node::String(Cow::Borrowed(s)))
        }
        Node::Object(members.iter().map(|(k, v)| (Cow::Borrowed(k.as_str()), value(v))).collect())
    }

    fn read(s: &Option<String>) -> Read<&str> {
        s.as_deref().map_or(Read::Missing, Read::Ok)
    }

    proptest! {
        // Cheap cases, and a screen bug shows only near the bounds: many of them.
        #![proptest_config(ProptestConfig::with_cases(4096))]

        /// A host judged through the screen and in full gives the same issues, and twice
        /// (the second time I6 finds the first).
        #[test]
        fn hosts_screened_or_in_full_say_the_same(members in host()) {
            let item = node(&members);
            let run = |full: bool| {
                let (mut sink, mut seen) = (Sink::new(), HostsSeen::default());
                for k in 0..2 {
                    let mut at = Pointer::root();
                    at.index(k);
                    if full {
                        host_in_full_at(at, &item, &mut seen, &mut sink);
                    } else {
                        host_at(at, &item, &mut seen, &mut sink);
                    }
                }
                sink.finish(crate::report::Locale::En)
            };
            prop_assert_eq!(run(false), run(true));
        }

        /// Where the parameter screen passes, the derives find nothing.
        #[test]
        fn parameters_screened_clean_are_clean(
            name in proptest::option::of(text_near(PARAM_NAME_MAX)),
            value in proptest::option::of(text_near(PARAM_VALUE_MAX)),
            order in proptest::option::of(-2.0f64..25.0),
        ) {
            let order = order.map(f64::round).map_or(Read::Missing, Read::Ok);
            let model = ScriptExecuteInputParam {
                param_name: name.clone().unwrap_or_else(|| "n".into()),
                param_value: value.clone().unwrap_or_default(),
                param_order: order.ok().map_or(PARAM_ORDER_MIN, as_u64),
            };
            let full = model.validate().err();
            let screened = param_errors(read(&name), read(&value), order);
            prop_assert_eq!(screened.is_some(), full.is_some());
        }
    }

    #[test]
    fn lengths_are_sure_only_inside_the_bounds() {
        assert!(surely_within("abcd", 1, 4) && surely_within("", 0, 4) && surely_within("😀", 1, 4));
        assert!(!surely_within("", 1, 4) && !surely_within("abcde", 1, 5 - 1));
        // Four bytes may be one character: not surely two or more.
        assert!(!surely_within("😀", 2, 8) && surely_within("😀😀", 2, 8));
    }
}
