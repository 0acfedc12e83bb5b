//! The operator's words messages use for places and kinds of value: items counted from 1
//! ("batch 1, host 3", never `/execute_batches/0/target_instances/2`), and what a field
//! wants in place of a JSON type name ("a whole number of seconds from 5 to 1800", never
//! "send 300, not \"300\""). Params keep the pointers and type names, 0-based as api.md says.

use crate::prelude::*;

use alloc::borrow::Cow;

use super::table::Msg;

/// A pointer's items (an array's key and the 1-based number of the item in it) and the
/// key after the last of them, if the pointer ends in one.
/// Keys are borrowed from the pointer, except where RFC 6901 escapes had to be undone.
pub(super) struct Place<'a> {
    pub(super) items: Vec<(Cow<'a, str>, usize)>,
    pub(super) key: Option<Cow<'a, str>>,
    /// The item whose array is the pointer's last key, when it ends in items
    /// (`/a/0/1`: the first, of `a`).
    pub(super) keyed: Option<usize>,
}

impl<'a> Place<'a> {
    pub(super) fn of(pointer: &'a str) -> Place<'a> {
        let mut items = Vec::new();
        let mut key: Option<Cow<'a, str>> = None;
        let mut keyed = None;
        for segment in pointer.split('/').skip(1) {
            match (segment.parse::<usize>(), key.take()) {
                (Ok(i), Some(array)) => {
                    keyed = Some(items.len());
                    items.push((array, i.saturating_add(1)))
                }
                (Ok(i), None) => items.push((Cow::Borrowed(""), i.saturating_add(1))),
                (Err(_), _) => key = Some(crate::report::unescape(segment)),
            }
        }
        Place { items, key, keyed }
    }

    /// The items: "batch 1, host 3", "第 1 批第 3 台主机" (nothing without items).
    pub(super) fn push_items(&self, out: &mut String, zh: bool) {
        for (i, (array, n)) in self.items.iter().enumerate() {
            let words = item_words(array);
            if zh {
                // "第 3 台主机"; an array of another name: "{array} 第 3 项".
                if words.is_none() {
                    push(out, array);
                    push(out, " ");
                }
                push(out, "第 ");
                push_u64(out, *n as u64);
                push(out, words.map_or(" 项", |w| w[1]));
            } else {
                // "host 3"; an array of another name: "{array} item 3".
                if i > 0 {
                    push(out, ", ");
                }
                match words {
                    Some(w) => push(out, w[0]),
                    None => {
                        push(out, array);
                        push(out, " item");
                    }
                }
                push(out, " ");
                push_u64(out, *n as u64);
            }
        }
    }

    /// The whole place: "resource_id of batch 1, host 3", "batch 2", "timeout";
    /// "第 1 批第 3 台主机的 resource_id", "第 2 批", "timeout".
    pub(super) fn push(&self, out: &mut String, zh: bool) {
        match (&self.key, self.items.is_empty()) {
            (Some(key), true) => push(out, key),
            (Some(key), false) if zh => {
                self.push_items(out, zh);
                push(out, "的 ");
                push(out, key);
            }
            (Some(key), false) => {
                push(out, key);
                push(out, " of ");
                self.push_items(out, zh);
            }
            (None, false) => self.push_items(out, zh),
            (None, true) => push(out, if zh { "请求体" } else { "the body" }),
        }
    }
}

/// The value for `key` in a table of pairs: one loop, where a string `match` would be a
/// compare per arm at opt-level 3.
#[inline(never)]
pub(super) fn lookup<T: Copy>(table: &[(&str, T)], key: &str) -> Option<T> {
    table.iter().find(|(k, _)| *k == key).map(|(_, v)| *v)
}

/// What an item of an array of this name is called: `[English, Chinese after its
/// number]`; an array of another name is named as it is.
const ITEM_WORDS: &[(&str, [&str; 2])] = &[
    ("execute_batches", ["batch", " 批"]),
    ("target_instances", ["host", " 台主机"]),
    ("hosts", ["host", " 台主机"]),
    ("script_params", ["parameter", " 个参数"]),
    ("sizes", ["size", " 个批次大小"]),
    ("custom_attributes", ["attribute", " 个属性"]),
    ("", ["item", " 项"]),
];

fn item_words(array: &str) -> Option<[&'static str; 2]> {
    lookup(ITEM_WORDS, array)
}

/// The unit of a field's bounds (`[English, Chinese]`).
pub(super) fn unit(key: &str) -> [&'static str; 2] {
    lookup(&[("timeout", [" seconds", " 秒"]), ("success_rate", ["%", "%"])], key).unwrap_or(["", ""])
}

/// What a list of this key holds (`[English, Chinese with its measure word]`).
pub(super) fn noun(key: &str) -> [&'static str; 2] {
    const NOUNS: &[(&str, [&str; 2])] = &[
        ("script_params", ["parameters", "个参数"]),
        ("execute_batches", ["batches", "个批次"]),
        ("plan", ["batches", "个批次"]),
        ("target_instances", ["hosts", "台主机"]),
        ("hosts", ["hosts", "台主机"]),
        ("custom_attributes", ["attributes", "个属性"]),
    ];
    lookup(NOUNS, key).unwrap_or(["items", "项"])
}

/// A noun without its Chinese measure word: "由主机组成的列表".
pub(super) fn bare(noun: &str) -> &str {
    noun.strip_prefix('个').or_else(|| noun.strip_prefix('台')).unwrap_or(noun)
}

/// What a field of this key wants, for a `type` issue (`expected`: a JSON type name);
/// `item`: the value is an item of the array `key` names. The first row of [`WANTS`]
/// that fits: its kind, then its key (`None`: any) and whether it is an item (`None`:
/// either). The row's template takes the numbers from limits.rs.
pub(super) fn wants(key: &str, item: bool, expected: &str) -> Msg {
    WANTS
        .iter()
        .find(|(kind, k, i, _)| *kind == expected && k.map_or(true, |k| k == key) && i.map_or(true, |i| i == item))
        .map_or(Msg::WantsOther, |w| w.3)
}

type Wants = (&'static str, Option<&'static str>, Option<bool>, Msg);

const WANTS: &[Wants] = &[
    ("object", Some("execute_batches"), Some(true), Msg::WantsBatch),
    ("object", Some("target_instances"), Some(true), Msg::WantsHost),
    ("object", Some("hosts"), Some(true), Msg::WantsHost),
    ("object", Some("script_params"), Some(true), Msg::WantsParameter),
    ("object", Some("custom_attributes"), Some(true), Msg::WantsAttribute),
    ("object", Some("execute_param"), Some(false), Msg::WantsSettings),
    ("object", Some(""), Some(false), Msg::WantsBody),
    ("object", None, None, Msg::WantsObject),
    ("array", None, None, Msg::WantsList),
    ("integer", Some("timeout"), None, Msg::WantsTimeout),
    ("integer", Some("batch_index"), None, Msg::WantsBatchIndex),
    ("integer", Some("param_order"), None, Msg::WantsParamOrder),
    ("integer", Some("limit"), None, Msg::WantsLimit),
    ("integer", Some("marker"), None, Msg::WantsRecordId),
    ("integer", Some("instance_id"), None, Msg::WantsRecordId),
    ("integer", None, None, Msg::WantsInteger),
    ("number", Some("success_rate"), None, Msg::WantsRate),
    ("number", None, None, Msg::WantsNumber),
    ("string", Some("execute_user"), None, Msg::WantsUser),
    ("string", None, None, Msg::WantsText),
    ("boolean", None, None, Msg::WantsBoolean),
];

/// A separator as a message names it (`read_hosts`' `found` and `delimiter` params).
pub(super) fn separator(s: &str) -> [&'static str; 2] {
    lookup(&[(" ", ["spaces", "空格"]), (";", ["semicolons", "分号"]), ("\t", ["tabs", "制表符"])], s)
        .unwrap_or(["commas", "逗号"])
}

/// `out.push_str(s)`, called rather than inlined at each of the many places text is put.
#[inline(never)]
pub(super) fn push(out: &mut String, s: &str) {
    out.push_str(s)
}

/// Numbers as `Display` writes them, by hand (text.rs): no `core::fmt` in the module.
pub(super) use crate::text::{push_decimal as push_u64, push_f64};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::limits::{
        EXECUTE_USER_ROOT, MAX_BATCHES, MAX_SCRIPT_PARAMS, PAGE_LIMIT_MAX, RECORD_ID_MIN, SUCCESS_RATE_DECIMALS,
        TIMEOUT_MAX, TIMEOUT_MIN,
    };
    use crate::messages::{fill_wants, Field};

    fn en(p: &Place) -> String {
        let mut out = String::new();
        p.push(&mut out, false);
        out
    }

    fn zh(p: &Place) -> String {
        let mut out = String::new();
        p.push(&mut out, true);
        out
    }

    fn wants_en(key: &str, item: bool, expected: &str) -> String {
        fill_wants(&Field::named(key), wants(key, item, expected), false)
    }

    fn wants_zh(key: &str, item: bool, expected: &str) -> String {
        fill_wants(&Field::named(key), wants(key, item, expected), true)
    }

    #[test]
    fn places_count_from_one() {
        let p = Place::of("/execute_batches/0/target_instances/2/resource_id");
        let mut items = String::new();
        p.push_items(&mut items, false);
        assert_eq!((en(&p), items), ("resource_id of batch 1, host 3".to_owned(), "batch 1, host 3".to_owned()));
        assert_eq!(zh(&p), "第 1 批第 3 台主机的 resource_id");
        assert_eq!(en(&Place::of("/plan/sizes/1")), "size 2");
        assert_eq!(zh(&Place::of("/hosts/0")), "第 1 台主机");
        assert_eq!(en(&Place::of("/a~1b")), "a/b");
        assert_eq!(en(&Place::of("")), "the body");
        assert_eq!(en(&Place::of("/0")), "item 1");
        assert_eq!(
            (en(&Place::of("/x/1/y")), zh(&Place::of("/x/1/y"))),
            ("y of x item 2".to_owned(), "x 第 2 项的 y".to_owned())
        );
    }

    #[test]
    fn numbers_read_as_display_writes_them() {
        for n in [0, 1, 9, 10, 99, 100, 1800, u64::MAX - 1, u64::MAX] {
            let mut out = String::new();
            push_u64(&mut out, n);
            assert_eq!(out, n.to_string());
        }
        for x in [0.0, -0.0, 1.0, 100.0, -3.0, 99.9, 1e20, 0.5] {
            let mut out = String::new();
            push_f64(&mut out, x);
            assert_eq!(out, x.to_string());
        }
    }

    #[test]
    fn type_words_name_the_limits() {
        let timeout = wants_en("timeout", false, "integer");
        assert!(timeout.contains(&TIMEOUT_MIN.to_string()) && timeout.contains(&TIMEOUT_MAX.to_string()), "{timeout}");
        assert!(!timeout.contains('"'), "{timeout}");
        assert_eq!(wants_en("script_params", false, "array"), "a list of parameters");
        assert_eq!(wants_zh("target_instances", false, "array"), "由主机组成的列表");
    }

    #[test]
    fn every_kind_has_its_own_words_in_both_locales() {
        // (expected, key, item, a number of limits.rs the words must hold)
        let kinds: [(&str, &str, bool, Option<String>); 20] = [
            ("object", "execute_batches", true, None),
            ("object", "target_instances", true, None),
            ("object", "script_params", true, None),
            ("object", "custom_attributes", true, None),
            ("object", "execute_param", false, None),
            ("object", "", false, None),
            ("object", "query", false, None),
            ("array", "execute_batches", false, None),
            ("integer", "timeout", false, Some(TIMEOUT_MAX.to_string())),
            ("integer", "batch_index", false, Some(MAX_BATCHES.to_string())),
            ("integer", "param_order", false, Some(MAX_SCRIPT_PARAMS.to_string())),
            ("integer", "limit", false, Some(PAGE_LIMIT_MAX.to_string())),
            ("integer", "marker", false, Some(RECORD_ID_MIN.to_string())),
            ("integer", "x", false, None),
            ("number", "success_rate", false, Some(SUCCESS_RATE_DECIMALS.to_string())),
            ("number", "x", false, None),
            ("string", "execute_user", false, Some(EXECUTE_USER_ROOT.to_owned())),
            ("string", "x", false, None),
            ("boolean", "x", false, None),
            ("null", "x", false, None),
        ];
        for words in [wants_en, wants_zh] {
            let all: Vec<String> = kinds.iter().map(|(kind, key, item, _)| words(key, *item, kind)).collect();
            for (i, text) in all.iter().enumerate() {
                assert!(!all[..i].contains(text), "{text} twice");
                assert!(!text.contains('"') && !text.contains("send") && !text.contains("应写"), "{text}");
                assert!(!text.contains('{'), "{text}");
                if let Some(n) = &kinds[i].3 {
                    assert!(text.contains(n.as_str()), "{text} lacks {n}");
                }
            }
        }
        for s in [" ", ",", ";", "\t"] {
            assert_ne!(separator(s)[0].len(), 0);
            assert_ne!(separator(s)[1].len(), 0);
        }
        assert_ne!(separator(" ")[0], separator("\t")[0]);
        assert_ne!(separator(";")[1], separator(",")[1]);
    }
}
