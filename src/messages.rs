//! Every message text, in English and Simplified Chinese, from an issue's code, path and
//! params. Messages are for people; codes and params are for programs. Each message names
//! the field and the limit in an operator's words: "timeout must be between 5 and 1800
//! seconds; got 4".

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::code::Code;
use crate::limits::MAX_HOSTS_PER_BATCH;

mod words;
use words::{separator_en, separator_zh, wants_en, wants_zh, Place};

/// The language of `message` texts. Codes and params never change with it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Locale {
    /// English (the default).
    #[default]
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese.
    #[serde(rename = "zh-CN")]
    ZhCn,
}

/// Every issue code any function of this crate can return, by name.
pub const CODES: &[&str] = &{
    let mut names = [""; Code::ALL.len()];
    let mut i = 0;
    while i < names.len() {
        names[i] = Code::ALL[i].as_str();
        i += 1;
    }
    names
};

/// The message for one issue, from its code, path and params (public so that callers
/// holding a serialized issue can render it in another locale).
pub fn render(locale: Locale, code: Code, path: &str, p: &Map<String, Value>) -> String {
    let field = Field::of(path);
    match locale {
        Locale::En => en(code, &field, p),
        Locale::ZhCn => zh(code, &field, p),
    }
}

/// The field an issue is about, as an operator reads it.
struct Field {
    /// The last key of the path (`timeout`, `target_instances` for `.../target_instances/3`),
    /// for units and nouns.
    key: String,
    /// Whether the path ends in an item of the array `key` (`.../target_instances/3`).
    item: bool,
    /// Where it is, items counted from 1: "resource_id of batch 1, host 3".
    place: Place,
}

impl Field {
    fn of(path: &str) -> Field {
        let place = Place::of(path);
        let segments: Vec<&str> = path.split('/').skip(1).collect();
        let key_at = segments.iter().rposition(|s| s.parse::<usize>().is_err());
        let key = match (&place.key, key_at) {
            (Some(key), _) => key.clone(),
            (None, Some(i)) => Place::of(&format!("/{}", segments[i])).key.unwrap_or_default(),
            (None, None) => String::new(),
        };
        let item = key_at.map_or(!segments.is_empty(), |i| i + 1 < segments.len());
        Field { key, item, place }
    }

    /// The key, or where the item is when the path ends in one ("batch 1, host 4"): a
    /// field's own place is shown beside the message (a console's field, a file's line).
    fn label_en(&self) -> String {
        match (self.item, self.key.is_empty()) {
            (true, _) => self.place.en(),
            (false, true) => "the body".to_owned(),
            (false, false) => self.key.clone(),
        }
    }

    fn label_zh(&self) -> String {
        match (self.item, self.key.is_empty()) {
            (true, _) => self.place.zh(),
            (false, true) => "请求体".to_owned(),
            (false, false) => self.key.clone(),
        }
    }
}

/// A 0-based position param (`index`) as a message shows it: counted from 1.
fn nth(p: &Map<String, Value>, name: &str) -> String {
    p.get(name).and_then(Value::as_u64).map_or_else(|| v(p, name), |n| n.saturating_add(1).to_string())
}

/// A pointer param (`first`) as a message shows it: its items counted from 1.
fn place_en(p: &Map<String, Value>, name: &str) -> String {
    let place = Place::of(&v(p, name));
    if place.items.is_empty() {
        place.en()
    } else {
        place.items_en()
    }
}

fn place_zh(p: &Map<String, Value>, name: &str) -> String {
    let place = Place::of(&v(p, name));
    if place.items.is_empty() {
        place.zh()
    } else {
        place.items_zh()
    }
}

/// An issue of `read_hosts` about the text at `/hosts` (a header, a column), which has
/// its own line and column.
fn is_list_text(f: &Field, p: &Map<String, Value>) -> bool {
    f.key == "hosts" && !f.item && p.contains_key("line")
}

/// A param as text: strings bare, anything else as JSON.
fn v(p: &Map<String, Value>, name: &str) -> String {
    match p.get(name) {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => "?".to_owned(),
        Some(other) => other.to_string(),
    }
}

/// A param as quoted text, for values the operator typed.
fn q(p: &Map<String, Value>, name: &str) -> String {
    format!("\"{}\"", v(p, name))
}

fn unit_en(key: &str) -> &'static str {
    match key {
        "timeout" => " seconds",
        "success_rate" => "%",
        _ => "",
    }
}

fn unit_zh(key: &str) -> &'static str {
    match key {
        "timeout" => " 秒",
        "success_rate" => "%",
        _ => "",
    }
}

fn noun_en(key: &str) -> &'static str {
    match key {
        "script_params" => "parameters",
        "execute_batches" | "plan" => "batches",
        "target_instances" | "hosts" => "hosts",
        "custom_attributes" => "attributes",
        _ => "items",
    }
}

fn noun_zh(key: &str) -> &'static str {
    match key {
        "script_params" => "个参数",
        "execute_batches" | "plan" => "个批次",
        "target_instances" | "hosts" => "台主机",
        "custom_attributes" => "个属性",
        _ => "项",
    }
}

/// An identifier checked as U1 (it goes into a URL path or a header), not a body's text.
fn is_identifier(f: &Field) -> bool {
    matches!(f.key.as_str(), "script_uuid" | "execute_uuid" | "project_id") && f.place.items.is_empty()
}

fn en(code: Code, f: &Field, p: &Map<String, Value>) -> String {
    use Code::*;
    let (label, unit) = (f.label_en(), if is_percent(f, p) { "%" } else { unit_en(&f.key) });
    match code {
        Type if is_size_entry(f, p) => {
            format!("{label} must be a number of hosts (a whole number) or a share of all hosts such as \"25%\"")
        }
        Type => format!("{label} must be {}", wants_en(&f.key, f.item, &v(p, "expected"))),
        Required if p.contains_key("operation_type") => format!("{label} is required for {}", v(p, "operation_type")),
        Required if is_list_text(f, p) => {
            format!("the header has no {} column (line {}): every host needs one", v(p, "field"), v(p, "line"))
        }
        Required => format!("{label} is required"),
        UnknownField if is_list_text(f, p) => match v(p, "field").strip_prefix("column_") {
            Some(n) => format!("column {n} (first on line {}) is not a host field; it is left out", v(p, "line")),
            None => format!(
                "column {} (line {}, column {}) is not a host field; it is left out",
                q(p, "field"), v(p, "line"), v(p, "column")
            ),
        },
        UnknownField => format!("{} is not a field of this API; the service ignores it", q(p, "field")),
        Range => format!("{label} must be between {}{unit} and {}{unit}; got {}", v(p, "min"), v(p, "max"), v(p, "actual")),
        Boundary => format!(
            "{label} of exactly {}{unit} is at the edge: the page allows {} to {}{unit} but also says \"greater than {} and less than {}\"; stay inside to be safe",
            v(p, "actual"), v(p, "min"), v(p, "max"), v(p, "min"), v(p, "max")
        ),
        DecimalPlaces => format!("{label} may have at most {} decimal place; got {}", v(p, "max"), v(p, "actual")),
        Length if !p.contains_key("max") => {
            format!("{label} must be at least {} characters long; got {}", v(p, "min"), v(p, "actual"))
        }
        Length => format!("{label} must be {} to {} characters long; got {}", v(p, "min"), v(p, "max"), v(p, "actual")),
        MustBeRoot => format!("{label} must be \"root\": the service runs scripts as root only; got {}", q(p, "actual")),
        Count if p.contains_key("smallest_size") => {
            let why = match (p.get("smallest_size"), v(p, "reason").as_str()) {
                (Some(Value::Number(n)), _) => format!("it fits with {n} hosts per batch (the size that repeats)"),
                (_, "canaries") => format!(
                    "a canary per group leaves too few batches for the rest, even at {MAX_HOSTS_PER_BATCH} hosts per batch"
                ),
                (_, "first_sizes") => format!(
                    "the first sizes take too many batches for the rest to fit, even at {MAX_HOSTS_PER_BATCH} hosts per batch: drop or merge them"
                ),
                _ => format!("even {MAX_HOSTS_PER_BATCH} hosts per batch do not fit: there are more groups than batches"),
            };
            format!("this plan needs {} batches, more than the {} allowed; {why}", v(p, "actual"), v(p, "max"))
        }
        Count => format!("{label} must have {} to {} {}; got {}", v(p, "min"), v(p, "max"), noun_en(&f.key), v(p, "actual")),
        Duplicate if is_list_text(f, p) => format!(
            "the header names {} twice (line {}, column {}); only the first is read",
            v(p, "field"), v(p, "line"), v(p, "column")
        ),
        Duplicate if !f.place.items.is_empty() => format!(
            "{} {} of {} is already used by {}",
            f.key, q(p, "value"), f.place.items_en(), place_en(p, "first")
        ),
        Duplicate => format!("{label} {} is already used by {}", q(p, "value"), place_en(p, "first")),
        Charset if is_identifier(f) => format!(
            "{label} may not contain {} (character {}): it is sent in the URL or a header, so it may hold only letters, digits, - or _",
            q(p, "char"), nth(p, "index")
        ),
        Charset => format!(
            "{label} may not contain {} (character {}); allowed are letters, digits, space and _ - / . ? : \" , = + @ \\ [ {{ ] }} (and * # in today's API)",
            q(p, "char"), nth(p, "index")
        ),
        ConsecutiveDots => format!("{label} may not contain \"..\" (at character {})", nth(p, "index")),
        Sequence => format!(
            "{} values must run 1, 2, 3, ... without gaps: expected {} in {}; got {}",
            f.key, v(p, "expected"), f.place.items_en(), v(p, "actual")
        ),
        TotalHosts => format!("at most {} hosts may be targeted across all batches; got {}", v(p, "max"), v(p, "actual")),
        Enum => format!("{label} must be one of {}; got {}", allowed(p), q(p, "actual")),
        DuplicateHost if is_listed_host(p) => {
            format!("host {} is already listed as {}; this copy is left out", q(p, "value"), place_en(p, "first"))
        }
        DuplicateHost => {
            format!("host {} is already targeted at {}; the script would run on it twice", q(p, "value"), place_en(p, "first"))
        }
        Syntax if v(p, "reason") == "quote" => {
            format!("a quote opened here is never closed (line {}, column {})", v(p, "line"), v(p, "column"))
        }
        Syntax if v(p, "reason") == "separator" => format!(
            "line {} has {} of the {} columns a host needs and looks separated by {}; separate columns with {} (the first line decides between commas, semicolons and tabs)",
            v(p, "line"), v(p, "actual"), v(p, "expected"), separator_en(&v(p, "found")), separator_en(&v(p, "delimiter"))
        ),
        Syntax => format!("{} is not valid JSON (line {}, column {})", syntax_en(f), v(p, "line"), v(p, "column")),
        TooLarge if p.contains_key("max_depth") => format!("the body nests deeper than {} levels", v(p, "max_depth")),
        TooLarge => format!("{} is {} bytes; at most {} are read", syntax_en(f), v(p, "actual_bytes"), v(p, "max_bytes")),
        Truncated => format!("{} more issues are not listed ({} of them errors)", v(p, "dropped"), v(p, "dropped_errors")),
        Endpoint => format!("endpoint {}", endpoint_en(&v(p, "reason"))),
        Capped => format!("{label} asks for {} hosts in one batch; capped at {}", v(p, "actual"), v(p, "max")),
        Deprecated => format!("{} is deprecated and has no effect (today's API); it is not sent", q(p, "field")),
        Mixed => format!(
            "{label} is {} here, unlike the first host ({}): one execution cannot mix values of {}",
            q(p, "value"), place_en(p, "first"), v(p, "field")
        ),
        Credentials => credentials_en(&v(p, "field"), &v(p, "reason")),
        Date if v(p, "reason") == "required" => {
            "date is required to sign here: there is no clock to read; give an ISO 8601 time".to_owned()
        }
        Date => "date must be an ISO 8601 time with a zone, such as 2026-12-01T08:30:00Z or 2026-12-01T16:30:00+08:00".to_owned(),
    }
}

fn zh(code: Code, f: &Field, p: &Map<String, Value>) -> String {
    use Code::*;
    let (label, unit) = (f.label_zh(), if is_percent(f, p) { "%" } else { unit_zh(&f.key) });
    match code {
        Type if is_size_entry(f, p) => format!("{label} 必须是主机台数（整数）或占全部主机的百分比，例如 \"25%\""),
        Type => format!("{label} 必须是 {}", wants_zh(&f.key, f.item, &v(p, "expected"))),
        Required if p.contains_key("operation_type") => format!("{} 操作必须提供 {label}", v(p, "operation_type")),
        Required if is_list_text(f, p) => {
            format!("表头缺少 {} 列（第 {} 行）：每台主机都需要它", v(p, "field"), v(p, "line"))
        }
        Required => format!("{label} 为必填项"),
        UnknownField if is_list_text(f, p) => match v(p, "field").strip_prefix("column_") {
            Some(n) => format!("第 {n} 列（首见于第 {} 行）不是主机字段，已略去", v(p, "line")),
            None => format!(
                "列 {}（第 {} 行，第 {} 列）不是主机字段，已略去",
                q(p, "field"),
                v(p, "line"),
                v(p, "column")
            ),
        },
        UnknownField => format!("{} 不是本接口的字段，服务端会忽略它", q(p, "field")),
        Range => {
            format!("{label} 必须在 {}{unit} 到 {}{unit} 之间；当前为 {}", v(p, "min"), v(p, "max"), v(p, "actual"))
        }
        Boundary => {
            format!(
            "{label} 恰好为 {}{unit}，处于边界：文档允许 {} 到 {}{unit}，但又写明“大于 {} 且小于 {}”；建议取区间内的值",
            v(p, "actual"), v(p, "min"), v(p, "max"), v(p, "min"), v(p, "max")
        )
        }
        DecimalPlaces => format!("{label} 最多保留 {} 位小数；当前为 {} 位", v(p, "max"), v(p, "actual")),
        Length if !p.contains_key("max") => {
            format!("{label} 长度至少为 {} 个字符；当前为 {} 个", v(p, "min"), v(p, "actual"))
        }
        Length => {
            format!("{label} 长度必须为 {} 到 {} 个字符；当前为 {} 个", v(p, "min"), v(p, "max"), v(p, "actual"))
        }
        MustBeRoot => format!("{label} 必须为 \"root\"：服务只以 root 用户执行脚本；当前为 {}", q(p, "actual")),
        Count if p.contains_key("smallest_size") => {
            let why = match (p.get("smallest_size"), v(p, "reason").as_str()) {
                (Some(Value::Number(n)), _) => format!("每批 {n} 台（重复使用的批次大小）即可"),
                (_, "canaries") => {
                    format!("每组一个金丝雀批次后，剩余批次不足，即使每批 {MAX_HOSTS_PER_BATCH} 台也放不下")
                }
                (_, "first_sizes") => format!(
                    "前面的批次大小占用了太多批次，即使其余每批 {MAX_HOSTS_PER_BATCH} 台也放不下：请删除或合并它们"
                ),
                _ => format!("即使每批 {MAX_HOSTS_PER_BATCH} 台也放不下：分组数多于批次数"),
            };
            format!("该方案需要 {} 个批次，超过上限 {} 个；{why}", v(p, "actual"), v(p, "max"))
        }
        Count => {
            format!("{label} 必须有 {} 到 {} {}；当前为 {}", v(p, "min"), v(p, "max"), noun_zh(&f.key), v(p, "actual"))
        }
        Duplicate if is_list_text(f, p) => format!(
            "表头两次出现 {}（第 {} 行，第 {} 列）；只读取第一个",
            v(p, "field"),
            v(p, "line"),
            v(p, "column")
        ),
        Duplicate => format!("{label} {} 已被{}使用", q(p, "value"), place_zh(p, "first")),
        Charset if is_identifier(f) => {
            format!(
                "{label} 不能包含 {}（第 {} 个字符）：它会写入 URL 或请求头，只能包含字母、数字、- 或 _",
                q(p, "char"),
                nth(p, "index")
            )
        }
        Charset => format!(
            "{label} 不能包含 {}（第 {} 个字符）；只允许字母、数字、空格和 _ - / . ? : \" , = + @ \\ [ {{ ] }}（当前接口另允许 * #）",
            q(p, "char"),
            nth(p, "index")
        ),
        ConsecutiveDots => format!("{label} 不能包含 \"..\"（第 {} 个字符处）", nth(p, "index")),
        Sequence => format!(
            "{} 必须从 1 开始连续编号：{}应为 {}；当前为 {}",
            f.key,
            f.place.items_zh(),
            v(p, "expected"),
            v(p, "actual")
        ),
        TotalHosts => format!("所有批次的主机总数最多 {} 台；当前为 {} 台", v(p, "max"), v(p, "actual")),
        Enum => format!("{label} 必须是 {} 之一；当前为 {}", allowed(p), q(p, "actual")),
        DuplicateHost if is_listed_host(p) => {
            format!("主机 {} 已作为{}列出，此重复项已略去", q(p, "value"), place_zh(p, "first"))
        }
        DuplicateHost => {
            format!("主机 {} 已在{}中，脚本会在该主机上执行两次", q(p, "value"), place_zh(p, "first"))
        }
        Syntax if v(p, "reason") == "quote" => {
            format!("此处的引号没有闭合（第 {} 行，第 {} 列）", v(p, "line"), v(p, "column"))
        }
        Syntax if v(p, "reason") == "separator" => format!(
            "第 {} 行只有 {} 列（主机需要 {} 列），看起来是用{}分隔的；请用{}分隔各列（由第一行决定用逗号、分号还是制表符）",
            v(p, "line"),
            v(p, "actual"),
            v(p, "expected"),
            separator_zh(&v(p, "found")),
            separator_zh(&v(p, "delimiter"))
        ),
        Syntax => format!("{}不是合法的 JSON（第 {} 行，第 {} 列）", syntax_zh(f), v(p, "line"), v(p, "column")),
        TooLarge if p.contains_key("max_depth") => format!("请求体嵌套超过 {} 层", v(p, "max_depth")),
        TooLarge => format!("{}为 {} 字节；最多读取 {} 字节", syntax_zh(f), v(p, "actual_bytes"), v(p, "max_bytes")),
        Truncated => format!("另有 {} 个问题未列出（其中 {} 个错误）", v(p, "dropped"), v(p, "dropped_errors")),
        Endpoint => format!("endpoint {}", endpoint_zh(&v(p, "reason"))),
        Capped => format!("{label} 要求每批 {} 台主机；已限制为 {} 台", v(p, "actual"), v(p, "max")),
        Deprecated => format!("{} 已废弃，不再生效（当前接口）；不会发送", q(p, "field")),
        Mixed => format!(
            "{label} 此处为 {}，与第一台主机（{}）不同：一次执行中 {} 不能混用",
            q(p, "value"),
            place_zh(p, "first"),
            v(p, "field")
        ),
        Credentials => credentials_zh(&v(p, "field"), &v(p, "reason")),
        Date if v(p, "reason") == "required" => "此处签名需要 date：无法读取时钟；请给出 ISO 8601 时间".to_owned(),
        Date => "date 必须是带时区的 ISO 8601 时间，例如 2026-12-01T08:30:00Z 或 2026-12-01T16:30:00+08:00".to_owned(),
    }
}

/// A `build_batches` size entry (`/plan/sizes/i`) of the wrong type: it may be a count
/// or a percentage, so "a whole number" alone would mislead.
fn is_size_entry(f: &Field, p: &Map<String, Value>) -> bool {
    f.key == "sizes" && f.item && v(p, "expected") == "integer"
}

/// A `build_batches` percentage (`"150%"`, kept as sent in `actual`): its bounds are percent.
fn is_percent(f: &Field, p: &Map<String, Value>) -> bool {
    f.key == "sizes" && p.get("actual").is_some_and(Value::is_string)
}

/// A repeated host in `build_batches`' `hosts`, which is dropped rather than run twice.
fn is_listed_host(p: &Map<String, Value>) -> bool {
    v(p, "first").starts_with("/hosts/")
}

fn allowed(p: &Map<String, Value>) -> String {
    match p.get("allowed") {
        Some(Value::Array(items)) => items.iter().map(|i| i.as_str().unwrap_or("?")).collect::<Vec<_>>().join(", "),
        _ => "?".to_owned(),
    }
}

/// What did not parse: the body, or a host list (`read_hosts`).
fn syntax_en(f: &Field) -> &'static str {
    if f.key == "hosts" {
        "the host list"
    } else {
        "the body"
    }
}

fn syntax_zh(f: &Field) -> &'static str {
    if f.key == "hosts" {
        "主机列表"
    } else {
        "请求体"
    }
}

/// Credentials messages name the field and the reason, never a value: they are secrets.
fn credentials_en(field: &str, reason: &str) -> String {
    match reason {
        "with_token" => "give either a token or credentials (an access key pair), not both".to_owned(),
        "empty" => format!("credentials.{field} is empty: an access key pair needs both ak and sk"),
        "conflict" => "credentials.project_id differs from project_id: give one project".to_owned(),
        _ => format!("credentials.{field} may hold only visible ASCII characters (it is sent in a header)"),
    }
}

fn credentials_zh(field: &str, reason: &str) -> String {
    match reason {
        "with_token" => "token 与 credentials（访问密钥对）只能给出其一".to_owned(),
        "empty" => format!("credentials.{field} 为空：访问密钥对需要 ak 和 sk"),
        "conflict" => "credentials.project_id 与 project_id 不同：只能指定一个项目".to_owned(),
        _ => format!("credentials.{field} 只能包含可见的 ASCII 字符（它会放在请求头中发送）"),
    }
}

fn endpoint_en(reason: &str) -> &'static str {
    match reason {
        "scheme" => "must start with https:// (http:// only on 127.0.0.1, localhost or [::1]): the token must not travel in clear text",
        "path" => "must be scheme and host only, with no path",
        "query" => "must not have a query (?...)",
        "fragment" => "must not have a fragment (#...)",
        "credentials" => "must not carry a user name or password",
        _ => "is not a valid https://host[:port] address",
    }
}

fn endpoint_zh(reason: &str) -> &'static str {
    match reason {
        "scheme" => "必须以 https:// 开头（仅 127.0.0.1、localhost 或 [::1] 可用 http://）：令牌不能明文传输",
        "path" => "只能包含协议和主机，不能带路径",
        "query" => "不能带查询参数（?...）",
        "fragment" => "不能带片段（#...）",
        "credentials" => "不能包含用户名或密码",
        _ => "不是合法的 https://主机[:端口] 地址",
    }
}

// ---- Field descriptions: the JSON Schema's `description` of each field (issue #12). ----
// One sentence per field, in the page's words (SDK 3.1.219's for the `current` fields),
// English only; where a `type` message already says what a field is (`wants_en`), that
// text is the description, so nothing is said twice.

/// What the field `key` of a body is, in English, for `json_schema`: its own sentence
/// below, else what a `type` message says it wants (`expected`: "integer", "array", ...).
/// A key means the same in every object it appears in, so the wire key is the key.
pub(crate) fn field_description(key: &str, expected: &str) -> String {
    let own = match key {
        "resourceful" => "Whether resources are limited: true means not limited, false limited",
        "param_name" => "The name of a script input parameter, unique within the script",
        "param_value" => "The value of the script input parameter",
        "param_order" => "The parameter's place in the sequence, counted from 1 without gaps",
        "param_refer" => "A reference to a stored parameter whose value is used instead of param_value",
        "refer_type" => "Where the referenced parameter is stored",
        "param_id" => "The id of the referenced parameter",
        "param_version" => "The version of the referenced parameter (its latest when absent)",
        "rotation_strategy" => "What happens after this batch: CONTINUE to the next, or PAUSE until continued",
        "resource_id" => "The id of the host (ECS) to run the script on",
        "agent_sn" => "The serial number of the host's UniAgent",
        "project_id" => "The id of the project the host belongs to",
        "region_id" => "The region the host belongs to",
        "provider" => "The cloud service that provides the host (ECS when absent)",
        "type" => "The kind of resource the host is (CLOUDSERVER when absent)",
        "custom_attributes" => "Custom attributes of the host, as key and value pairs; no sensitive data",
        "key" => "The attribute's name, unique within the host",
        "value" => "The attribute's value",
        _ => return capitalized(&wants_en(key, false, expected)),
    };
    own.to_owned()
}

/// `text` with its first letter upper case, as a description opens.
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_name_the_field_and_its_item() {
        assert_eq!(Field::of("/execute_param/timeout").label_en(), "timeout");
        let host = Field::of("/execute_batches/0/target_instances/3");
        assert_eq!(
            (host.label_en(), host.key.as_str(), host.item),
            ("batch 1, host 4".to_owned(), "target_instances", true)
        );
        assert_eq!(Field::of("/a~1b").label_en(), "a/b");
        assert_eq!(Field::of("").label_en(), "the body");
    }
}
