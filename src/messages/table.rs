//! Every message text, as one table: a row per message (a code, or one of its variants
//! where a code has several), its English and its Chinese template. A template is text
//! with named placeholders, `{label}`, `{min}`, ..., which `fill` replaces: a computed
//! word (the label, a unit, what a type wants, a number of limits.rs) where the name is
//! one of `fill`'s, else the param of that name as text. A `{` not followed by a lower
//! case letter is text (the charset messages list `{` and `}`); the values put in are
//! never read again, so a value holding `{label}` stays as it is.
//!
//! Why a table and not a `format!` per message: two locales by ~100 `format!` calls were
//! 22.6 KB of code in the module (issue #16), each expanded and inlined at opt-level 3;
//! a table is text, and one small loop reads it.

/// Defines [`Msg`] (a row) and [`TEXTS`] (its two templates) from one list, so that a row
/// without both texts does not compile.
macro_rules! table {
    ($($row:ident: $en:literal, $zh:literal;)*) => {
        /// A row of [`TEXTS`]: one message (a code, or one of its variants).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(super) enum Msg {
            $($row,)*
        }

        /// Every row's templates: `[English, Chinese]`, in [`Msg`]'s order.
        pub(super) const TEXTS: [[&str; 2]; [$(Msg::$row,)*].len()] = [$([$en, $zh],)*];

        /// Every row, for the tests.
        #[cfg(test)]
        pub(super) const ALL: &[Msg] = &[$(Msg::$row,)*];
    };
}

/// The template of `row` in the locale (`zh`: Simplified Chinese, else English).
pub(super) fn text(row: Msg, zh: bool) -> &'static str {
    TEXTS[row as usize][usize::from(zh)]
}

table! {
    // ---- Issue messages, in the order of Code (rules.md). ----
    // `type` of a build_batches size entry, which may be a count or a percentage.
    TypeSize: "{label} must be a number of hosts (a whole number) or a share of all hosts such as \"25%\"",
        "{label} 必须是主机台数（整数）或占全部主机的百分比，例如 \"25%\"";
    Type: "{label} must be {wants}",
        "{label} 必须是 {wants}";
    // `required` by a rollout operation (`operation_type`).
    RequiredFor: "{label} is required for {operation_type}",
        "{operation_type} 操作必须提供 {label}";
    // `required` of a host list's header (read_hosts).
    RequiredColumn: "the header has no {field} column (line {line}): every host needs one",
        "表头缺少 {field} 列（第 {line} 行）：每台主机都需要它";
    Required: "{label} is required",
        "{label} 为必填项";
    // `unknown_field` of a host list's header: a column without a name, then one with.
    UnknownColumnN: "column {column_n} (first on line {line}) is not a host field; it is left out",
        "第 {column_n} 列（首见于第 {line} 行）不是主机字段，已略去";
    UnknownColumn: "column \"{field}\" (line {line}, column {column}) is not a host field; it is left out",
        "列 \"{field}\"（第 {line} 行，第 {column} 列）不是主机字段，已略去";
    UnknownField: "\"{field}\" is not a field of this API; the service ignores it",
        "\"{field}\" 不是本接口的字段，服务端会忽略它";
    Range: "{label} must be between {min}{unit} and {max}{unit}; got {actual}",
        "{label} 必须在 {min}{unit} 到 {max}{unit} 之间；当前为 {actual}";
    Boundary: "{label} of exactly {actual}{unit} is at the edge: the page allows {min} to {max}{unit} but also says \"greater than {min} and less than {max}\"; stay inside to be safe",
        "{label} 恰好为 {actual}{unit}，处于边界：文档允许 {min} 到 {max}{unit}，但又写明“大于 {min} 且小于 {max}”；建议取区间内的值";
    DecimalPlaces: "{label} may have at most {max} decimal place; got {actual}",
        "{label} 最多保留 {max} 位小数；当前为 {actual} 位";
    // `length` with a lower bound only.
    LengthMin: "{label} must be at least {min} characters long; got {actual}",
        "{label} 长度至少为 {min} 个字符；当前为 {actual} 个";
    Length: "{label} must be {min} to {max} characters long; got {actual}",
        "{label} 长度必须为 {min} 到 {max} 个字符；当前为 {actual} 个";
    MustBeRoot: "{label} must be \"root\": the service runs scripts as root only; got \"{actual}\"",
        "{label} 必须为 \"root\"：服务只以 root 用户执行脚本；当前为 \"{actual}\"";
    // `count` of a build_batches plan (`smallest_size`), by why it does not fit.
    CountFits: "this plan needs {actual} batches, more than the {max} allowed; it fits with {smallest_size} hosts per batch (the size that repeats)",
        "该方案需要 {actual} 个批次，超过上限 {max} 个；每批 {smallest_size} 台（重复使用的批次大小）即可";
    CountCanaries: "this plan needs {actual} batches, more than the {max} allowed; a canary per group leaves too few batches for the rest, even at {max_hosts_per_batch} hosts per batch",
        "该方案需要 {actual} 个批次，超过上限 {max} 个；每组一个金丝雀批次后，剩余批次不足，即使每批 {max_hosts_per_batch} 台也放不下";
    CountFirstSizes: "this plan needs {actual} batches, more than the {max} allowed; the first sizes take too many batches for the rest to fit, even at {max_hosts_per_batch} hosts per batch: drop or merge them",
        "该方案需要 {actual} 个批次，超过上限 {max} 个；前面的批次大小占用了太多批次，即使其余每批 {max_hosts_per_batch} 台也放不下：请删除或合并它们";
    CountGroups: "this plan needs {actual} batches, more than the {max} allowed; even {max_hosts_per_batch} hosts per batch do not fit: there are more groups than batches",
        "该方案需要 {actual} 个批次，超过上限 {max} 个；即使每批 {max_hosts_per_batch} 台也放不下：分组数多于批次数";
    Count: "{label} must have {min} to {max} {noun}; got {actual}",
        "{label} 必须有 {min} 到 {max} {noun}；当前为 {actual}";
    // `duplicate` of a host list's header, of a field in an item, of a field.
    DuplicateColumn: "the header names {field} twice (line {line}, column {column}); only the first is read",
        "表头两次出现 {field}（第 {line} 行，第 {column} 列）；只读取第一个";
    DuplicateItem: "{key} \"{value}\" of {items} is already used by {first_place}",
        "{label} \"{value}\" 已被{first_place}使用";
    Duplicate: "{label} \"{value}\" is already used by {first_place}",
        "{label} \"{value}\" 已被{first_place}使用";
    // `charset` of an identifier (U1: it goes into a URL path or a header).
    CharsetIdentifier: "{label} may not contain \"{char}\" (character {index_from_1}): it is sent in the URL or a header, so it may hold only letters, digits, - or _",
        "{label} 不能包含 \"{char}\"（第 {index_from_1} 个字符）：它会写入 URL 或请求头，只能包含字母、数字、- 或 _";
    Charset: "{label} may not contain \"{char}\" (character {index_from_1}); allowed are letters, digits, space and _ - / . ? : \" , = + @ \\ [ { ] } (and * # in today's API)",
        "{label} 不能包含 \"{char}\"（第 {index_from_1} 个字符）；只允许字母、数字、空格和 _ - / . ? : \" , = + @ \\ [ { ] }（当前接口另允许 * #）";
    ConsecutiveDots: "{label} may not contain \"..\" (at character {index_from_1})",
        "{label} 不能包含 \"..\"（第 {index_from_1} 个字符处）";
    Sequence: "{key} values must run 1, 2, 3, ... without gaps: expected {expected} in {items}; got {actual}",
        "{key} 必须从 1 开始连续编号：{items}应为 {expected}；当前为 {actual}";
    TotalHosts: "at most {max} hosts may be targeted across all batches; got {actual}",
        "所有批次的主机总数最多 {max} 台；当前为 {actual} 台";
    Enum: "{label} must be one of {allowed}; got \"{actual}\"",
        "{label} 必须是 {allowed} 之一；当前为 \"{actual}\"";
    // `duplicate_host` in build_batches' `hosts` (dropped), then in a body (run twice).
    DuplicateListed: "host \"{value}\" is already listed as {first_place}; this copy is left out",
        "主机 \"{value}\" 已作为{first_place}列出，此重复项已略去";
    DuplicateHost: "host \"{value}\" is already targeted at {first_place}; the script would run on it twice",
        "主机 \"{value}\" 已在{first_place}中，脚本会在该主机上执行两次";
    // `syntax` of a host list (a quote, a separator), then of JSON.
    SyntaxQuote: "a quote opened here is never closed (line {line}, column {column})",
        "此处的引号没有闭合（第 {line} 行，第 {column} 列）";
    SyntaxSeparator: "line {line} has {actual} of the {expected} columns a host needs and looks separated by {found_separator}; separate columns with {delimiter_separator} (the first line decides between commas, semicolons and tabs)",
        "第 {line} 行只有 {actual} 列（主机需要 {expected} 列），看起来是用{found_separator}分隔的；请用{delimiter_separator}分隔各列（由第一行决定用逗号、分号还是制表符）";
    Syntax: "{what} is not valid JSON (line {line}, column {column})",
        "{what}不是合法的 JSON（第 {line} 行，第 {column} 列）";
    // `too_large` in depth, then in bytes.
    TooDeep: "the body nests deeper than {max_depth} levels",
        "请求体嵌套超过 {max_depth} 层";
    TooLarge: "{what} is {actual_bytes} bytes; at most {max_bytes} are read",
        "{what}为 {actual_bytes} 字节；最多读取 {max_bytes} 字节";
    Truncated: "{dropped} more issues are not listed ({dropped_errors} of them errors)",
        "另有 {dropped} 个问题未列出（其中 {dropped_errors} 个错误）";
    // `endpoint`, by `reason`.
    EndpointScheme: "endpoint must start with https:// (http:// only on 127.0.0.1, localhost or [::1]): the token must not travel in clear text",
        "endpoint 必须以 https:// 开头（仅 127.0.0.1、localhost 或 [::1] 可用 http://）：令牌不能明文传输";
    EndpointPath: "endpoint must be scheme and host only, with no path",
        "endpoint 只能包含协议和主机，不能带路径";
    EndpointQuery: "endpoint must not have a query (?...)",
        "endpoint 不能带查询参数（?...）";
    EndpointFragment: "endpoint must not have a fragment (#...)",
        "endpoint 不能带片段（#...）";
    EndpointCredentials: "endpoint must not carry a user name or password",
        "endpoint 不能包含用户名或密码";
    Endpoint: "endpoint is not a valid https://host[:port] address",
        "endpoint 不是合法的 https://主机[:端口] 地址";
    Capped: "{label} asks for {actual} hosts in one batch; capped at {max}",
        "{label} 要求每批 {actual} 台主机；已限制为 {max} 台";
    Deprecated: "\"{field}\" is deprecated and has no effect (today's API); it is not sent",
        "\"{field}\" 已废弃，不再生效（当前接口）；不会发送";
    Mixed: "{label} is \"{value}\" here, unlike the first host ({first_place}): one execution cannot mix values of {field}",
        "{label} 此处为 \"{value}\"，与第一台主机（{first_place}）不同：一次执行中 {field} 不能混用";
    // `credentials`, by `reason`: they name the field and the reason, never a value (a secret).
    CredentialsWithToken: "give either a token or credentials (an access key pair), not both",
        "token 与 credentials（访问密钥对）只能给出其一";
    CredentialsEmpty: "credentials.{field} is empty: an access key pair needs both ak and sk",
        "credentials.{field} 为空：访问密钥对需要 ak 和 sk";
    CredentialsConflict: "credentials.project_id differs from project_id: give one project",
        "credentials.project_id 与 project_id 不同：只能指定一个项目";
    Credentials: "credentials.{field} may hold only visible ASCII characters (it is sent in a header)",
        "credentials.{field} 只能包含可见的 ASCII 字符（它会放在请求头中发送）";
    // `date`: none where there is no clock, then one that does not read.
    DateRequired: "date is required to sign here: there is no clock to read; give an ISO 8601 time",
        "此处签名需要 date：无法读取时钟；请给出 ISO 8601 时间";
    Date: "date must be an ISO 8601 time with a zone, such as 2026-12-01T08:30:00Z or 2026-12-01T16:30:00+08:00",
        "date 必须是带时区的 ISO 8601 时间，例如 2026-12-01T08:30:00Z 或 2026-12-01T16:30:00+08:00";

    // ---- What a field wants ({wants} of a `type` message; words::wants picks the row). ----
    WantsBatch: "a batch: an object with batch_index, target_instances and rotation_strategy",
        "一个批次：含 batch_index、target_instances 和 rotation_strategy 的对象";
    WantsHost: "a host: an object with resource_id and the other host fields",
        "一台主机：含 resource_id 等主机字段的对象";
    WantsParameter: "a parameter: an object with param_name and param_value",
        "一个参数：含 param_name 和 param_value 的对象";
    WantsAttribute: "an attribute: an object with key and value",
        "一个属性：含 key 和 value 的对象";
    WantsSettings: "the run's settings: an object with timeout, success_rate and execute_user",
        "执行设置：含 timeout、success_rate 和 execute_user 的对象";
    WantsBody: "one JSON object with execute_param and execute_batches",
        "一个含 execute_param 和 execute_batches 的 JSON 对象";
    WantsObject: "an object of named fields",
        "由具名字段组成的对象";
    WantsList: "a list of {noun}",
        "由{noun_bare}组成的列表";
    WantsTimeout: "a whole number of seconds from {timeout_min} to {timeout_max}",
        "{timeout_min} 到 {timeout_max} 之间的整数秒数";
    WantsBatchIndex: "a whole number from {batch_index_min} to {max_batches}: the batch's place in the order",
        "{batch_index_min} 到 {max_batches} 之间的整数：批次的执行顺序";
    WantsParamOrder: "a whole number from {param_order_min} to {max_script_params}",
        "{param_order_min} 到 {max_script_params} 之间的整数";
    WantsLimit: "a whole number of hosts from {page_limit_min} to {page_limit_max}",
        "{page_limit_min} 到 {page_limit_max} 之间的整数台数";
    WantsRecordId: "a whole number: a record id, {record_id_min} or more",
        "整数：记录 ID，不小于 {record_id_min}";
    WantsInteger: "a whole number",
        "整数";
    WantsRate: "a percentage from {success_rate_min} to {success_rate_max}, with at most {success_rate_decimals} decimal place",
        "{success_rate_min} 到 {success_rate_max} 之间的百分比，最多 {success_rate_decimals} 位小数";
    WantsNumber: "a number",
        "数字";
    WantsUser: "a user name, such as {execute_user_root}",
        "用户名，例如 {execute_user_root}";
    WantsText: "text",
        "文本";
    WantsBoolean: "true or false",
        "true 或 false";
    WantsOther: "a value of another kind",
        "另一种类型的值";
}
