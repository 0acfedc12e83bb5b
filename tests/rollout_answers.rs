//! The rollout's answer parsers (`parse_order`, `parse_batches`, `parse_batch`) against
//! serde's derived `Deserialize` of the same models, which is how they read `data` before
//! issue #16 (hand-written readers since, so that the wasm module holds no derived
//! visitors): every answer here must give the same `Answer` and the same JSON either way.
//!
//! The answers: the SDK's shapes (tests/rollout.rs, tests/js/rollout.test.mjs, the
//! stand-in's www/stand-in-orders.mjs), each member of each removed, set to `null` and to
//! values of every JSON type (numbers at the edges of `u64` and `i64`, floats, `-0`),
//! unknown members added at every object, raw texts for what a `Value` cannot write
//! (`1e2`, `-0`, duplicate keys), and seeded random mixes of those mutations and random
//! trees built from the models' own keys. Every text goes through all three parsers.

use coc_script_exec::{
    parse_batch, parse_batches, parse_order, parse_response, Answer, BatchDetail, BatchSummary, Ends, Order, Outcome,
};
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::fmt::Debug;

// ---------- the oracle: the parsers as they were, on the models' derived Deserialize ----------

/// Absent, `null`, or an object.
fn object_or_none(v: Option<&Value>) -> bool {
    v.map_or(true, |v| v.is_null() || v.is_object())
}

/// Where each model needs an object (serde reads a struct from an array too).
fn order_due(data: &Value) -> bool {
    data.is_object() && object_or_none(data.get("properties"))
}

fn batches_due(data: &Value) -> bool {
    data.as_array().is_some_and(|items| items.iter().all(Value::is_object))
}

fn batch_due(data: &Value) -> bool {
    let hosts = data.get("execute_instances").and_then(Value::as_array);
    data.is_object() && hosts.map_or(true, |hosts| hosts.iter().all(Value::is_object))
}

/// The old `parse`: `data` of a 200 through `serde_json::from_value`, else the outcome.
/// Texts here nest shallowly, so serde_json's reader reads them as the crate's does.
fn oracle<T: DeserializeOwned>(status: u16, text: &str, due: fn(&Value) -> bool, settle: fn(&mut T)) -> Answer<T> {
    if status != 200 {
        return Answer::Failed(parse_response(status, text, None));
    }
    let data = serde_json::from_str::<Value>(text).ok().and_then(|mut v| v.get_mut("data").map(Value::take));
    match data.filter(due).map(serde_json::from_value::<T>) {
        Some(Ok(mut data)) => {
            settle(&mut data);
            Answer::Read(data)
        }
        _ => Answer::Failed(Outcome::Http { status, text: text.to_owned(), request_id: None }),
    }
}

fn old_order(status: u16, text: &str) -> Answer<Order> {
    oracle(status, text, order_due, |_| {})
}

fn old_batches(status: u16, text: &str) -> Answer<Vec<BatchSummary>> {
    oracle(status, text, batches_due, |_| {})
}

fn old_batch(status: u16, text: &str) -> Answer<BatchDetail> {
    oracle(status, text, batch_due, |b: &mut BatchDetail| {
        for host in &mut b.execute_instances {
            host.ended = host.status.ended();
        }
    })
}

// ---------- the answers ----------

/// The `data` of each SDK shape: orders, batch lists, batch pages.
fn bases() -> Vec<Value> {
    vec![
        // tests/rollout.rs's order.
        json!({"execute_uuid": "SCT2023083109562601af694bf", "gmt_created": 1_700_000_000_000i64, "gmt_finished": null,
            "execute_costs": 12, "creator": "ops", "status": "PAUSED", "properties": {"script_uuid": "demo",
            "script_name": "Restart", "script_version_uuid": 3, "script_version_name": "v3",
            "current_execute_batch_index": 2, "execute_param": {"timeout": 300, "success_rate": 100}}}),
        // The stand-in's order, early (nulls where nothing is known yet).
        json!({"execute_uuid": "u", "gmt_created": 1, "gmt_finished": null, "execute_costs": 0, "creator": "stand-in",
            "status": "PROCESSING", "properties": {"script_uuid": null, "script_name": null, "script_version_uuid": 1,
            "script_version_name": "v1", "current_execute_batch_index": null, "execute_param": null}}),
        // The JS test's order, and the least an order can be.
        json!({"execute_uuid": "e", "gmt_created": 1, "gmt_finished": null, "execute_costs": 3, "creator": "c",
            "status": "WAITING", "properties": {"script_uuid": "s", "script_name": "n", "script_version_uuid": "1",
            "script_version_name": "v", "current_execute_batch_index": 1, "execute_param": {}}}),
        json!({"status": "ROLLBACKED"}),
        // Batch lists: the tests', the stand-in's.
        json!([{"batch_index": 1, "total_instances": 1, "rotation_strategy": "PAUSE", "properties": "canary"},
            {"batch_index": 2, "total_instances": 3, "rotation_strategy": "CONTINUE"}]),
        json!([{"batch_index": 1, "total_instances": 2, "rotation_strategy": "CONTINUE", "properties": null},
            {"batch_index": 20, "total_instances": 10, "rotation_strategy": "NEW", "properties": {"label": [1]}}]),
        json!([]),
        // Batch pages: the tests', the stand-in's, the JS test's.
        json!({"batch_index": 1, "total_instances": 2, "execute_instances": [
            {"id": 11, "target_instance": {"resource_id": "ecs-1", "region_id": "cn-north-4"}, "gmt_created": 1,
             "gmt_finished": 2, "execute_costs": 1, "status": "FINISHED", "message": "ok"},
            {"id": 12, "target_instance": {"resource_id": "ecs-2"}, "status": "PROCESSING"}]}),
        json!({"batch_index": 2, "total_instances": 3, "execute_instances": [
            {"id": 4, "target_instance": {"resource_id": "a-fail", "region_id": "r", "custom_attributes": [{"key": "k",
             "value": "v"}]}, "gmt_created": 10, "gmt_finished": null, "execute_costs": 0, "status": "READY",
             "message": null},
            {"id": 5, "target_instance": null, "gmt_created": -10, "gmt_finished": 20, "execute_costs": -1,
             "status": "CANCELED", "message": "canceled"},
            {"id": 6, "target_instance": "x", "status": "QUEUED", "ended": true}]}),
        json!({"batch_index": 1, "total_instances": 1, "execute_instances": [{"id": 1, "target_instance":
            {"resource_id": "a"}, "status": "ABNORMAL", "message": "exit code 1"}]}),
        json!({"execute_instances": []}),
        json!({}),
    ]
}

/// What a member is set to: every JSON type, numbers at the edges of the models' integers.
fn palette() -> Vec<Value> {
    vec![
        json!(null),
        json!(true),
        json!(false),
        json!(0),
        json!(1),
        json!(2),
        json!(-1),
        json!(-0.0),
        json!(1.0),
        json!(1.5),
        json!(1e300),
        json!(u64::MAX),
        json!(i64::MAX),
        json!(i64::MAX as u64 + 1),
        json!(i64::MIN),
        json!(""),
        json!("PAUSED"),
        json!("FINISHED"),
        json!("x"),
        json!([]),
        json!([1]),
        json!(["FINISHED"]),
        json!([{}]),
        json!([{"status": "READY"}]),
        json!([{"batch_index": 1}]),
        json!({}),
        json!({"a": 1}),
        json!({"status": "READY"}),
        json!({"batch_index": 1, "status": "FINISHED"}),
    ]
}

/// Every key the models know, and some they do not.
const KEYS: [&str; 24] = [
    "execute_uuid",
    "gmt_created",
    "gmt_finished",
    "execute_costs",
    "creator",
    "status",
    "properties",
    "script_uuid",
    "script_name",
    "script_version_uuid",
    "script_version_name",
    "current_execute_batch_index",
    "execute_param",
    "batch_index",
    "total_instances",
    "rotation_strategy",
    "execute_instances",
    "id",
    "target_instance",
    "message",
    "ended",
    "data",
    "extra",
    "",
];

/// JSON pointers (as key lists) to every value in `v`, `v` itself first.
fn paths(v: &Value, at: &mut Vec<String>, out: &mut Vec<Vec<String>>) {
    out.push(at.clone());
    match v {
        Value::Object(m) => {
            for (k, child) in m {
                at.push(k.clone());
                paths(child, at, out);
                at.pop();
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push(i.to_string());
                paths(child, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn pointer(path: &[String]) -> String {
    path.iter().map(|k| format!("/{}", k.replace('~', "~0").replace('/', "~1"))).collect()
}

/// One change at one place.
#[derive(Clone, Debug)]
enum Op {
    Remove,
    Set(Value),
    /// Adds a member to an object (an unknown one, or a known one it lacks).
    Add(String, Value),
}

fn apply(root: &mut Value, path: &[String], op: &Op) {
    match op {
        Op::Set(v) => {
            if let Some(slot) = root.pointer_mut(&pointer(path)) {
                *slot = v.clone();
            }
        }
        Op::Add(k, v) => {
            if let Some(Value::Object(m)) = root.pointer_mut(&pointer(path)) {
                m.insert(k.clone(), v.clone());
            }
        }
        Op::Remove => {
            let Some((last, parent)) = path.split_last() else { return };
            match root.pointer_mut(&pointer(parent)) {
                Some(Value::Object(m)) => {
                    m.shift_remove(last);
                }
                Some(Value::Array(items)) => {
                    if let Ok(i) = last.parse::<usize>() {
                        if i < items.len() {
                            items.remove(i);
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// A small deterministic generator (xorshift64*), so a failure names its case.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A random tree of the models' keys and the palette's values.
fn random_value(rng: &mut Rng, depth: usize) -> Value {
    match if depth == 0 { 0 } else { rng.below(4) } {
        0 | 1 => rng.pick(&palette()).clone(),
        2 => Value::Array((0..rng.below(4)).map(|_| random_value(rng, depth - 1)).collect()),
        _ => {
            let mut m = Map::new();
            for _ in 0..rng.below(7) {
                m.insert(rng.pick(&KEYS).to_string(), random_value(rng, depth - 1));
            }
            Value::Object(m)
        }
    }
}

fn ops(palette: &[Value]) -> Vec<Op> {
    let mut ops = vec![Op::Remove];
    ops.extend(palette.iter().cloned().map(Op::Set));
    ops
}

/// Every answer text: each base wrapped as `{"data": ...}`, then mutated.
fn answers() -> Vec<String> {
    let palette = palette();
    let ops = ops(&palette);
    let mut texts = Vec::new();
    for base in bases() {
        let mut all = Vec::new();
        paths(&base, &mut Vec::new(), &mut all);
        texts.push(json!({"data": base}).to_string());
        for path in &all {
            for op in &ops {
                let mut data = base.clone();
                apply(&mut data, path, op);
                texts.push(json!({"data": data}).to_string());
            }
            if base.pointer(&pointer(path)).is_some_and(Value::is_object) {
                for key in KEYS {
                    for value in [json!(null), json!(1), json!("FINISHED"), json!({"status": "READY"}), json!([1])] {
                        let mut data = base.clone();
                        apply(&mut data, path, &Op::Add(key.to_owned(), value));
                        texts.push(json!({"data": data}).to_string());
                    }
                }
            }
        }
        // Around `data`: other members, and `data` of every type.
        texts.push(json!({"data": base, "extra": 1, "error_code": "COC.1"}).to_string());
        texts.push(json!({"other": base}).to_string());
        texts.push(json!([{"data": base}]).to_string());
        texts.push(json!({"data": [base]}).to_string());
        texts.push(json!({"data": {"data": base}}).to_string());
    }
    for value in &palette {
        texts.push(json!({"data": value}).to_string());
    }
    // Seeded mixes: up to four mutations of one base, and random trees.
    let bases = bases();
    let mut rng = Rng(0x0016_5eed);
    for _ in 0..4000 {
        let mut data = rng.pick(&bases).clone();
        for _ in 0..1 + rng.below(4) {
            let mut all = Vec::new();
            paths(&data, &mut Vec::new(), &mut all);
            let path = rng.pick(&all).clone();
            let op = match rng.below(3) {
                0 => Op::Add(rng.pick(&KEYS).to_string(), random_value(&mut rng, 2)),
                1 => Op::Set(random_value(&mut rng, 2)),
                _ => rng.pick(&ops).clone(),
            };
            apply(&mut data, &path, &op);
        }
        texts.push(json!({"data": data}).to_string());
    }
    for _ in 0..3000 {
        texts.push(json!({"data": random_value(&mut rng, 4)}).to_string());
    }
    texts.extend(raw_texts());
    texts
}

/// What `Value` never writes: other spellings of numbers, duplicate keys, odd text.
fn raw_texts() -> Vec<String> {
    let host = r#"{"id":ID,"gmt_created":ID,"status":"READY"}"#;
    let mut texts: Vec<String> = ["1e2", "-0", "0.0", "1E0", "100000000000000000000", "-9223372036854775809", "7"]
        .iter()
        .flat_map(|n| {
            [
                format!(r#"{{"data":{{"execute_instances":[{}]}}}}"#, host.replace("ID", n)),
                format!(r#"{{"data":[{{"batch_index":{n},"total_instances":{n}}}]}}"#),
                format!(r#"{{"data":{{"status":"PAUSED","gmt_created":{n},"properties":{{"current_execute_batch_index":{n}}}}}}}"#),
            ]
        })
        .collect();
    texts.extend(
        [
            r#"{"data":{"status":"PAUSED","status":7}}"#,
            r#"{"data":{"status":7,"status":"PAUSED"}}"#,
            r#"{"data":{"status":"PAUSED"},"data":{"status":"FINISHED"}}"#,
            r#"{"data":{"status":"PAUSED"},"data":null}"#,
            r#"{"data":[{"batch_index":1,"batch_index":null}]}"#,
            r#"{"data":[{"batch_index":null,"batch_index":1}]}"#,
            r#"{"data":{"execute_instances":[{"status":"READY","id":1,"id":"x"}]}}"#,
            r#"{"data":{"execute_instances":[{"status":"READY","id":"x","id":1}]}}"#,
            r#"{"data":{"status":"\u0050AUSED","creator":"\ud83d\ude00"}}"#,
            r#"{"data":{"status":"PAUSED"}} "#,
            r#"{"data":{"status":"PAUSED"}} x"#,
            r#"{"data":{"status":"PAUSED",}}"#,
            r#" {"data" : { "status" : "FINISHED" } }"#,
            "",
            "null",
            "{",
            "[]",
            "{}",
            "\u{feff}{}",
            "not json",
        ]
        .map(str::to_owned),
    );
    texts
}

// ---------- the comparison ----------

/// The text an answer was serialized to before it was written member by member: through
/// a `json!` value.
fn old_text<T: Serialize + Ends>(answer: &Answer<T>) -> String {
    match answer {
        Answer::Read(data) => match data.ended() {
            Some(ended) => json!({"ok": true, "data": data, "ended": ended}),
            None => json!({"ok": true, "data": data}),
        },
        Answer::Failed(outcome) => json!(outcome),
    }
    .to_string()
}

/// The same answer both ways, and the same text; whether it was read.
fn same<T: PartialEq + Debug + Serialize + Ends>(new: Answer<T>, old: Answer<T>, what: &str, text: &str) -> bool {
    assert_eq!(new, old, "{what} of {text}");
    assert_eq!(serde_json::to_string(&new).unwrap(), old_text(&old), "{what} of {text} as JSON");
    matches!(new, Answer::Read(_))
}

#[test]
fn every_answer_reads_as_serde_read_it() {
    let texts = answers();
    let mut read = [0usize; 3];
    for text in &texts {
        read[0] += same(parse_order(200, text), old_order(200, text), "order", text) as usize;
        read[1] += same(parse_batches(200, text), old_batches(200, text), "batches", text) as usize;
        read[2] += same(parse_batch(200, text), old_batch(200, text), "batch", text) as usize;
    }
    // Enough of each read (and enough refused) that both ways of reading are exercised.
    let total = texts.len();
    assert!(total > 10_000, "{total} answers");
    for (n, what) in read.iter().zip(["order", "batches", "batch"]) {
        assert!(*n > 500 && *n < total - 500, "{what}: {n} of {total} read");
    }
}

#[test]
fn other_statuses_read_as_before() {
    for text in [r#"{"error_code":"COC.1","error_msg":"m"}"#, "", "bad gateway", r#"{"data":{"status":"PAUSED"}}"#] {
        for status in [201, 204, 400, 404, 500, 502] {
            same(parse_order(status, text), old_order(status, text), "order", text);
            same(parse_batches(status, text), old_batches(status, text), "batches", text);
            same(parse_batch(status, text), old_batch(status, text), "batch", text);
        }
    }
}
