//! Validates a request body file (or standard input) and prints the report as JSON.
//!
//! `cargo run --example validate -- body.json [--locale zh-CN]`

use std::io::Read;

use coc_script_exec::{validate_json_with, Locale, Options};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let locale = match args.iter().position(|a| a == "--locale").and_then(|i| args.get(i + 1)) {
        Some(l) if l == "zh-CN" => Locale::ZhCn,
        _ => Locale::En,
    };
    let file = args.iter().find(|a| !a.starts_with("--") && a.as_str() != "zh-CN" && a.as_str() != "en");
    let mut text = String::new();
    let read = match file {
        Some(path) => std::fs::read_to_string(path).map(|t| text = t),
        None => std::io::stdin().read_to_string(&mut text).map(|_| ()),
    };
    if let Err(e) = read {
        eprintln!("cannot read the body: {e}");
        std::process::exit(2);
    }
    let report = validate_json_with(&text, &Options::locale(locale));
    println!("{}", serde_json::to_string_pretty(&report).unwrap_or_default());
    std::process::exit(if report.valid { 0 } else { 1 });
}
