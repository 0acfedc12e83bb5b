//! The operator's words messages use for places and kinds of value: items counted from 1
//! ("batch 1, host 3", never `/execute_batches/0/target_instances/2`), and what a field
//! wants in place of a JSON type name ("a whole number of seconds from 5 to 1800", never
//! "send 300, not \"300\""). Params keep the pointers and type names, 0-based as api.md says.

use crate::limits::{
    BATCH_INDEX_MIN, EXECUTE_USER_ROOT, MAX_BATCHES, MAX_SCRIPT_PARAMS, PAGE_LIMIT_MAX, PAGE_LIMIT_MIN,
    PARAM_ORDER_MIN, RECORD_ID_MIN, SUCCESS_RATE_DECIMALS, SUCCESS_RATE_MAX, SUCCESS_RATE_MIN, TIMEOUT_MAX,
    TIMEOUT_MIN,
};

/// A pointer's items (an array's key and the 1-based number of the item in it) and the
/// key after the last of them, if the pointer ends in one.
pub(super) struct Place {
    pub(super) items: Vec<(String, usize)>,
    pub(super) key: Option<String>,
}

impl Place {
    pub(super) fn of(pointer: &str) -> Place {
        let mut items = Vec::new();
        let mut key: Option<String> = None;
        for segment in pointer.split('/').skip(1) {
            match (segment.parse::<usize>(), key.take()) {
                (Ok(i), Some(array)) => items.push((array, i.saturating_add(1))),
                (Ok(i), None) => items.push((String::new(), i.saturating_add(1))),
                // RFC 6901 unescaping, only where there is something to unescape.
                (Err(_), _) if segment.contains('~') => key = Some(segment.replace("~1", "/").replace("~0", "~")),
                (Err(_), _) => key = Some(segment.to_owned()),
            }
        }
        Place { items, key }
    }

    /// "batch 1, host 3" (empty without items).
    pub(super) fn items_en(&self) -> String {
        let words: Vec<String> = self.items.iter().map(|(key, n)| format!("{} {n}", item_en(key))).collect();
        words.join(", ")
    }

    /// "第 1 批第 3 台主机" (empty without items).
    pub(super) fn items_zh(&self) -> String {
        self.items.iter().map(|(key, n)| item_zh(key, *n)).collect()
    }

    /// The whole place: "resource_id of batch 1, host 3", "batch 2", "timeout".
    pub(super) fn en(&self) -> String {
        match (&self.key, self.items.is_empty()) {
            (Some(key), true) => key.clone(),
            (Some(key), false) => format!("{key} of {}", self.items_en()),
            (None, false) => self.items_en(),
            (None, true) => "the body".to_owned(),
        }
    }

    /// The whole place: "第 1 批第 3 台主机的 resource_id", "第 2 批", "timeout".
    pub(super) fn zh(&self) -> String {
        match (&self.key, self.items.is_empty()) {
            (Some(key), true) => key.clone(),
            (Some(key), false) => format!("{}的 {key}", self.items_zh()),
            (None, false) => self.items_zh(),
            (None, true) => "请求体".to_owned(),
        }
    }
}

fn item_en(array: &str) -> String {
    match array {
        "execute_batches" => "batch".to_owned(),
        "target_instances" | "hosts" => "host".to_owned(),
        "script_params" => "parameter".to_owned(),
        "sizes" => "size".to_owned(),
        "custom_attributes" => "attribute".to_owned(),
        "" => "item".to_owned(),
        other => format!("{other} item"),
    }
}

fn item_zh(array: &str, n: usize) -> String {
    match array {
        "execute_batches" => format!("第 {n} 批"),
        "target_instances" | "hosts" => format!("第 {n} 台主机"),
        "script_params" => format!("第 {n} 个参数"),
        "sizes" => format!("第 {n} 个批次大小"),
        "custom_attributes" => format!("第 {n} 个属性"),
        "" => format!("第 {n} 项"),
        other => format!("{other} 第 {n} 项"),
    }
}

/// What a field of this key wants, for a `type` issue (`expected`: a JSON type name);
/// `item`: the value is an item of the array `key` names.
pub(super) fn wants_en(key: &str, item: bool, expected: &str) -> String {
    match (expected, key, item) {
        ("object", "execute_batches", true) => "a batch: an object with batch_index, target_instances and rotation_strategy".into(),
        ("object", "target_instances" | "hosts", true) => "a host: an object with resource_id and the other host fields".into(),
        ("object", "script_params", true) => "a parameter: an object with param_name and param_value".into(),
        ("object", "custom_attributes", true) => "an attribute: an object with key and value".into(),
        ("object", "execute_param", false) => "the run's settings: an object with timeout, success_rate and execute_user".into(),
        ("object", "", false) => "one JSON object with execute_param and execute_batches".into(),
        ("object", _, _) => "an object of named fields".into(),
        ("array", key, _) => format!("a list of {}", super::noun_en(key)),
        ("integer", "timeout", _) => format!("a whole number of seconds from {TIMEOUT_MIN} to {TIMEOUT_MAX}"),
        ("integer", "batch_index", _) => {
            format!("a whole number from {BATCH_INDEX_MIN} to {MAX_BATCHES}: the batch's place in the order")
        }
        ("integer", "param_order", _) => format!("a whole number from {PARAM_ORDER_MIN} to {MAX_SCRIPT_PARAMS}"),
        ("integer", "limit", _) => format!("a whole number of hosts from {PAGE_LIMIT_MIN} to {PAGE_LIMIT_MAX}"),
        ("integer", "marker" | "instance_id", _) => format!("a whole number: a record id, {RECORD_ID_MIN} or more"),
        ("integer", _, _) => "a whole number".into(),
        ("number", "success_rate", _) => format!(
            "a percentage from {SUCCESS_RATE_MIN} to {SUCCESS_RATE_MAX}, with at most {SUCCESS_RATE_DECIMALS} decimal place"
        ),
        ("number", _, _) => "a number".into(),
        ("string", "execute_user", _) => format!("a user name, such as {EXECUTE_USER_ROOT}"),
        ("string", _, _) => "text".into(),
        ("boolean", _, _) => "true or false".into(),
        _ => "a value of another kind".into(),
    }
}

/// As [`wants_en`], in Chinese.
pub(super) fn wants_zh(key: &str, item: bool, expected: &str) -> String {
    match (expected, key, item) {
        ("object", "execute_batches", true) => {
            "一个批次：含 batch_index、target_instances 和 rotation_strategy 的对象".into()
        }
        ("object", "target_instances" | "hosts", true) => "一台主机：含 resource_id 等主机字段的对象".into(),
        ("object", "script_params", true) => "一个参数：含 param_name 和 param_value 的对象".into(),
        ("object", "custom_attributes", true) => "一个属性：含 key 和 value 的对象".into(),
        ("object", "execute_param", false) => "执行设置：含 timeout、success_rate 和 execute_user 的对象".into(),
        ("object", "", false) => "一个含 execute_param 和 execute_batches 的 JSON 对象".into(),
        ("object", _, _) => "由具名字段组成的对象".into(),
        ("array", key, _) => format!("由{}组成的列表", super::noun_zh(key).trim_start_matches(['个', '台'])),
        ("integer", "timeout", _) => format!("{TIMEOUT_MIN} 到 {TIMEOUT_MAX} 之间的整数秒数"),
        ("integer", "batch_index", _) => format!("{BATCH_INDEX_MIN} 到 {MAX_BATCHES} 之间的整数：批次的执行顺序"),
        ("integer", "param_order", _) => format!("{PARAM_ORDER_MIN} 到 {MAX_SCRIPT_PARAMS} 之间的整数"),
        ("integer", "limit", _) => format!("{PAGE_LIMIT_MIN} 到 {PAGE_LIMIT_MAX} 之间的整数台数"),
        ("integer", "marker" | "instance_id", _) => format!("整数：记录 ID，不小于 {RECORD_ID_MIN}"),
        ("integer", _, _) => "整数".into(),
        ("number", "success_rate", _) => {
            format!("{SUCCESS_RATE_MIN} 到 {SUCCESS_RATE_MAX} 之间的百分比，最多 {SUCCESS_RATE_DECIMALS} 位小数")
        }
        ("number", _, _) => "数字".into(),
        ("string", "execute_user", _) => format!("用户名，例如 {EXECUTE_USER_ROOT}"),
        ("string", _, _) => "文本".into(),
        ("boolean", _, _) => "true 或 false".into(),
        _ => "另一种类型的值".into(),
    }
}

/// A separator as a message names it (`read_hosts`' `found` and `delimiter` params).
pub(super) fn separator_en(s: &str) -> &'static str {
    match s {
        " " => "spaces",
        ";" => "semicolons",
        "\t" => "tabs",
        _ => "commas",
    }
}

pub(super) fn separator_zh(s: &str) -> &'static str {
    match s {
        " " => "空格",
        ";" => "分号",
        "\t" => "制表符",
        _ => "逗号",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_count_from_one() {
        let p = Place::of("/execute_batches/0/target_instances/2/resource_id");
        assert_eq!((p.en(), p.items_en()), ("resource_id of batch 1, host 3".to_owned(), "batch 1, host 3".to_owned()));
        assert_eq!(p.zh(), "第 1 批第 3 台主机的 resource_id");
        assert_eq!(Place::of("/plan/sizes/1").en(), "size 2");
        assert_eq!(Place::of("/hosts/0").zh(), "第 1 台主机");
        assert_eq!(Place::of("/a~1b").en(), "a/b");
        assert_eq!(Place::of("").en(), "the body");
        assert_eq!(Place::of("/0").en(), "item 1");
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
                if let Some(n) = &kinds[i].3 {
                    assert!(text.contains(n.as_str()), "{text} lacks {n}");
                }
            }
        }
        for s in [" ", ",", ";", "\t"] {
            assert_ne!(separator_en(s).len(), 0);
            assert_ne!(separator_zh(s).len(), 0);
        }
        assert_ne!(separator_en(" "), separator_en("\t"));
        assert_ne!(separator_zh(";"), separator_zh(","));
    }
}
