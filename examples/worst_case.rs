//! The most expensive 1 MiB inputs we know of, for `validate_json` and `build_batches`,
//! with their time and peak heap, natively: `cargo run --release --example worst_case`.
//! The same inputs are written to `target/worst_case/*.json` for the browser measurement
//! (benches/js/worst_case.mjs).

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use coc_script_exec::{build_batches, limits::MAX_BODY_BYTES, validate_json, Options};

/// Counts live and peak heap bytes.
struct Counting;
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        let now = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }
}

#[global_allocator]
static A: Counting = Counting;

/// Repeats `item` (joined by commas) as often as fits in `budget` bytes.
fn fill(item: &str, budget: usize) -> String {
    let n = budget / (item.len() + 1);
    vec![item; n].join(",")
}

/// Joins the items (by commas) while they fit in `budget` bytes.
fn fill_with(items: impl Iterator<Item = String>, budget: usize) -> String {
    let mut out = String::new();
    for item in items {
        if out.len() + item.len() + 1 > budget {
            break;
        }
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(&item);
    }
    out
}

const PARAM: &str = r#""execute_param":{"resourceful":true,"timeout":300,"success_rate":100,"execute_user":"root"}"#;
const HOST: &str = r#"{"resource_id":"i-1","agent_sn":"a","project_id":"p","region_id":"r"}"#;

fn bodies() -> Vec<(&'static str, String)> {
    let room = MAX_BODY_BYTES - 300;
    let batch = |hosts: String| {
        format!(
            r#"{{{PARAM},"execute_batches":[{{"batch_index":1,"rotation_strategy":"PAUSE","target_instances":[{hosts}]}}]}}"#
        )
    };
    let unknown_keys = fill_with((0..).map(|i| format!(r#""k{i}":0"#)), room);
    let params = fill_with(
        (0..).map(|i| format!(r#"{{"param_name":"p","param_value":"{}","param_order":{}}}"#, "é".repeat(20), i % 30)),
        room - 100,
    );
    // The body and `x` take two levels: 126 more reach the limit of 128 exactly.
    let deep = format!("{}{}", "[".repeat(126), "]".repeat(126));
    vec![
        ("empty hosts: 4 errors each", batch(fill("{}", room))),
        ("one host repeated: duplicate_host each", batch(fill(HOST, room))),
        ("unknown keys", format!("{{{PARAM},{unknown_keys}}}")),
        (
            "parameters, multi-byte values, orders out of range",
            format!(
                r#"{{"execute_param":{{"timeout":300,"success_rate":100,"execute_user":"root","script_params":[{params}]}},"execute_batches":[]}}"#
            ),
        ),
        (
            "one 1 MiB multi-byte param_value",
            format!(
                r#"{{"execute_param":{{"timeout":300,"success_rate":100,"execute_user":"root","script_params":[{{"param_name":"p","param_value":"{}","param_order":1}}]}}}}"#,
                "é".repeat(room / 2)
            ),
        ),
        ("128-deep arrays under an unknown key", format!("{{{PARAM},\"x\":[{}]}}", fill(&deep, room))),
        ("syntax error at the very end", format!("{}x", batch(fill(HOST, room)))),
    ]
}

fn host_lists() -> Vec<(&'static str, String)> {
    let room = MAX_BODY_BYTES - 10;
    let distinct = fill_with(
        (0..).map(|i| format!(r#"{{"resource_id":"i-{i}","agent_sn":"a","project_id":"p","region_id":"r{}"}}"#, i % 7)),
        room,
    );
    vec![
        ("distinct valid hosts (over 200)", format!("[{distinct}]")),
        ("one host repeated", format!("[{}]", fill(HOST, room))),
        ("empty host objects", format!("[{}]", fill("{}", room))),
        (
            "hosts with unknown keys",
            format!(
                "[{}]",
                fill(r#"{"resource_id":"i-1","agent_sn":"a","project_id":"p","region_id":"r","x":1,"y":2}"#, room)
            ),
        ),
    ]
}

/// Median time of `runs` calls, and the peak heap of one, beyond what was live before.
fn measure(runs: usize, mut f: impl FnMut()) -> (f64, usize) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    times.sort_by(f64::total_cmp);
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    f();
    (times[runs / 2], PEAK.load(Ordering::Relaxed) - base)
}

fn main() {
    let out = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/worst_case");
    let _ = std::fs::create_dir_all(&out);
    println!("| input | bytes | issues | median ms | peak heap KiB |\n|---|---:|---:|---:|---:|");
    for (i, (name, text)) in bodies().into_iter().enumerate() {
        assert!(text.len() <= MAX_BODY_BYTES, "{name}: {}", text.len());
        let _ = std::fs::write(out.join(format!("body{i}.json")), &text);
        let issues = validate_json(&text).issues.len();
        let (ms, peak) = measure(15, || {
            std::hint::black_box(validate_json(&text));
        });
        println!("| validate_json: {name} | {} | {issues} | {ms:.2} | {} |", text.len(), peak / 1024);
    }
    for (i, (name, text)) in host_lists().into_iter().enumerate() {
        let _ = std::fs::write(out.join(format!("hosts{i}.json")), &text);
        let hosts: serde_json::Value = serde_json::from_str(&text).unwrap_or_default();
        let plan = serde_json::json!({"sizes": [1, "25%"], "group_by": "region_id", "pause": "first"});
        let issues = build_batches(&hosts, &plan, &Options::default()).issues.len();
        let (ms, peak) = measure(15, || {
            std::hint::black_box(build_batches(&hosts, &plan, &Options::default()));
        });
        println!("| build_batches: {name} | {} | {issues} | {ms:.2} | {} |", text.len(), peak / 1024);
    }
}
