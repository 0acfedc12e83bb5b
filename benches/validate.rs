//! Native speed of `validate_json` and `validate` on the three benchmark bodies
//! (benches/bodies/, built by benches/js/bodies.mjs), beside the floor:
//! `serde_json::from_str::<Value>` of the same text, which any validator of text pays.
//!
//! `cargo bench --bench validate` (scripts/bench.sh runs it and reads the medians from
//! target/criterion). `cargo bench --bench validate -- --test` runs each once.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use serde_json::Value;
use std::hint::black_box;

use coc_script_exec::{validate, validate_json};

const BODIES: [(&str, &str); 3] = [
    ("small", include_str!("bodies/small.json")),
    ("max", include_str!("bodies/max.json")),
    ("max_errors", include_str!("bodies/max_errors.json")),
];

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("native");
    for (name, text) in BODIES {
        group.throughput(Throughput::Bytes(text.len() as u64));
        // The floor: parsing the text into a Value, with the crate's serde_json features.
        group.bench_with_input(BenchmarkId::new("serde_json_from_str", name), text, |b, t| {
            b.iter(|| serde_json::from_str::<Value>(black_box(t)).map(|v| v.is_object()))
        });
        group.bench_with_input(BenchmarkId::new("validate_json", name), text, |b, t| {
            b.iter(|| validate_json(black_box(t)).issues.len())
        });
        let value: Value = serde_json::from_str(text).expect("the benchmark bodies are JSON");
        group.bench_with_input(BenchmarkId::new("validate_value", name), &value, |b, v| {
            b.iter(|| validate(black_box(v)).issues.len())
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
