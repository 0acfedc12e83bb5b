//! The README's rollout recipes for `build_batches`, run on one fleet of 23 hosts and
//! printed with their actual output: `cargo run --example recipes`. docs/recipes.md
//! shows exactly what this prints, so the output there can be reproduced and checked.

use coc_script_exec::{build_batches, BatchesResult, Options};
use serde_json::{json, Value};

/// 23 hosts, `ecs-01` to `ecs-23`, interleaved over three regions: 12 in cn-north-4,
/// 6 in cn-east-3 and 5 in ap-southeast-3 (docs/recipes.md builds the same list).
fn fleet() -> Value {
    let hosts = (1..=23).map(|i: usize| {
        let region = ["cn-north-4", "cn-east-3", "cn-north-4", "ap-southeast-3"][(i - 1) % 4];
        json!({
            "resource_id": format!("ecs-{i:02}"),
            "agent_sn": format!("agent-{i:02}"),
            "project_id": format!("proj-{region}"),
            "region_id": region,
        })
    });
    Value::Array(hosts.collect())
}

/// The result as JSON, one host per line so a batch reads at a glance.
fn render(r: &BatchesResult) -> String {
    let batches: Vec<String> = r
        .execute_batches
        .iter()
        .map(|b| {
            let hosts: Vec<String> = b.target_instances.iter().map(|h| format!("        {}", compact(h))).collect();
            format!(
                "    {{\n      \"batch_index\": {},\n      \"target_instances\": [\n{}\n      ],\n      \"rotation_strategy\": \"{}\"\n    }}",
                b.batch_index,
                hosts.join(",\n"),
                b.rotation_strategy.as_str()
            )
        })
        .collect();
    let issues: Vec<String> = r.issues.iter().map(|i| format!("    {}", compact(i))).collect();
    let list =
        |items: Vec<String>| if items.is_empty() { "[]".to_owned() } else { format!("[\n{}\n  ]", items.join(",\n")) };
    format!("{{\n  \"execute_batches\": {},\n  \"issues\": {}\n}}", list(batches), list(issues))
}

/// One value as compact JSON (a host, an issue).
fn compact(value: &impl serde::Serialize) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

/// One line per batch: index, rotation strategy, regions, hosts.
fn summary(r: &BatchesResult) -> String {
    let lines: Vec<String> = r
        .execute_batches
        .iter()
        .map(|b| {
            let mut regions: Vec<&str> = Vec::new();
            for h in &b.target_instances {
                if !regions.contains(&h.region_id.as_str()) {
                    regions.push(&h.region_id);
                }
            }
            let ids: Vec<&str> = b.target_instances.iter().map(|h| h.resource_id.as_str()).collect();
            let strategy = b.rotation_strategy.as_str();
            let noun = if ids.len() == 1 { "host " } else { "hosts" };
            format!(
                "batch {:>2}  {strategy:<8}  {:>2} {noun}  [{}]  {}",
                b.batch_index,
                ids.len(),
                regions.join(", "),
                ids.join(" ")
            )
        })
        .collect();
    if lines.is_empty() {
        return "no batches: the input was refused (see issues)".to_owned();
    }
    lines.join("\n")
}

fn main() {
    let hosts = fleet();
    let recipes = [
        ("balanced", Value::Null),
        ("canary, then 25% at a time", json!({"sizes": [1, "25%"], "pause": "first"})),
        ("one region at a time", json!({"group_by": "region_id"})),
        ("refused: one host per batch needs more than 20 batches", json!({"sizes": [1]})),
    ];
    for (name, plan) in recipes {
        let r = build_batches(&hosts, &plan, &Options::default());
        println!("=== {name}: plan {plan}\n");
        println!("--- summary\n{}\n", summary(&r));
        println!("--- result\n{}\n", render(&r));
    }
}
