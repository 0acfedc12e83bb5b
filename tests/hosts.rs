//! `read_hosts` (api.md "Host lists and canaries"): a host list as operators paste it,
//! with the failures issue #13 found (finding 1): a quoted CSV paste whose header row
//! became the canary host and whose ids kept their quotes, a fifth column taken as a host,
//! `;`- and space-separated lines with no word about the separator.

use std::time::{Duration, Instant};

use coc_script_exec::limits::MAX_BODY_BYTES;
use coc_script_exec::{build_batches, read_hosts, HostsResult, Issue, Locale, Options, Revision, Severity};
use proptest::prelude::*;
use serde_json::{json, Value};

fn read(text: &str) -> HostsResult {
    read_hosts(text, &Options::default())
}

fn read_under(text: &str, revision: Revision) -> HostsResult {
    read_hosts(text, &Options::revision(revision))
}

fn codes(r: &HostsResult) -> Vec<(&str, &str)> {
    r.issues.iter().map(|i| (i.path.as_str(), i.code.as_str())).collect()
}

fn ids(r: &HostsResult) -> Vec<&str> {
    r.hosts.iter().map(|h| h["resource_id"].as_str().unwrap_or("?")).collect()
}

/// The text at an issue's `line` and `column` (1-based, in characters).
fn at<'a>(text: &'a str, issue: &Issue) -> &'a str {
    let n = |k: &str| issue.params[k].as_u64().unwrap_or_else(|| panic!("{k} in {issue:?}")) as usize;
    let line = text.split('\n').nth(n("line") - 1).unwrap_or_else(|| panic!("line of {issue:?}"));
    let start = line.char_indices().nth(n("column") - 1).map_or(line.len(), |(i, _)| i);
    &line[start..]
}

const QUOTED: &str = "\"resource_id\",\"agent_sn\",\"project_id\",\"region_id\"\n\
                      \"i-1\",\"sn-1\",\"p1\",\"cn-north-4\"\n\
                      \"i-2\",\"sn-2\",\"p1\",\"cn-north-4\"\n\
                      \"i-3\",\"sn-3\",\"p1\",\"cn-north-4\"\n";

#[test]
fn a_quoted_csv_paste_reads_as_its_hosts() {
    let r = read(QUOTED);
    assert_eq!(ids(&r), ["i-1", "i-2", "i-3"]);
    assert_eq!(
        r.hosts[0],
        json!({"resource_id": "i-1", "agent_sn": "sn-1", "project_id": "p1", "region_id": "cn-north-4"})
    );
    assert!(r.issues.is_empty(), "{:?}", r.issues);
    assert_eq!(r.lines, [2, 3, 4]);
    // The canary is the first host, not the header.
    let built = build_batches(&Value::from(r.hosts), &json!({"sizes": [1, 2], "pause": "first"}), &Options::default());
    assert!(built.issues.is_empty(), "{:?}", built.issues);
    let canary = &built.execute_batches[0];
    assert_eq!((canary.rotation_strategy.as_str(), canary.target_instances[0].resource_id.as_str()), ("PAUSE", "i-1"));
    // Spaces after the commas, a BOM, CRLF, `;` or a tab: the same hosts.
    let spaced = QUOTED.replace("\",\"", "\", \"");
    for text in [
        spaced.clone(),
        format!("\u{feff}{}", QUOTED.replace('\n', "\r\n")),
        QUOTED.replace(',', ";"),
        QUOTED.replace(',', "\t"),
    ] {
        let again = read(&text);
        assert_eq!((ids(&again), again.issues.len()), (vec!["i-1", "i-2", "i-3"], 0), "{text:?}");
    }
}

#[test]
fn a_header_row_is_never_a_host() {
    for header in [
        "resource_id,agent_sn,project_id,region_id",
        "Resource ID,Agent SN,Project ID,Region ID",
        "region_id,resource_id",
    ] {
        let text = format!("{header}\ni-1,sn-1,p1,cn-north-4\n");
        let r = read(&text);
        assert_eq!(r.hosts.len(), 1, "{header}");
        assert!(!ids(&r).iter().any(|id| id.to_ascii_lowercase().contains("resource")), "{header}");
    }
    // A space-separated header is no host either; its hosts get the separator hint.
    let r = read("resource_id agent_sn project_id region_id\ni-1 sn-1 p1 cn-north-4\n");
    assert_eq!(r.hosts.len(), 1);
    let hints: Vec<(&str, &Value)> = r.issues.iter().map(|i| (i.path.as_str(), &i.params["line"])).collect();
    assert_eq!(hints, [("/hosts", &json!(1)), ("/hosts/0", &json!(2))]);
    assert!(r.issues.iter().all(|i| i.code == "syntax" && i.params["reason"] == "separator"), "{:?}", r.issues);
    // A header lacking a column the revision needs says so once, at the header.
    let r = read("region_id,resource_id\ncn-north-4,i-1\ncn-north-4,i-2\n");
    let missing: Vec<&str> =
        r.issues.iter().filter(|i| i.code == "required").map(|i| i.params["field"].as_str().unwrap()).collect();
    assert_eq!(missing, ["agent_sn", "project_id"]);
    assert!(r.issues.iter().all(|i| i.path == "/hosts" && i.params["line"] == 1));
    // Under current, resource_id and region_id suffice.
    let r = read_under("region_id,resource_id\ncn-north-4,i-1\n", Revision::Current);
    assert_eq!((r.hosts[0].clone(), r.issues.len()), (json!({"region_id": "cn-north-4", "resource_id": "i-1"}), 0));
}

#[test]
fn header_problems_are_said_once_in_both_locales() {
    let text = "resource_id,Resource ID,owner,region_id\ni-1,i-x,me,cn-north-4,extra\n";
    let [en, zh] = [Locale::En, Locale::ZhCn].map(|l| read_hosts(text, &Options::locale(l)));
    let expected = [
        ("/hosts", "duplicate"),
        ("/hosts", "unknown_field"),
        ("/hosts", "required"),
        ("/hosts", "required"),
        ("/hosts", "unknown_field"),
    ];
    assert_eq!(codes(&en), expected);
    assert_eq!(en.hosts, [json!({"resource_id": "i-1", "region_id": "cn-north-4"})]);
    assert!(at(text, &en.issues[0]).starts_with("Resource ID"));
    assert_eq!(en.issues[4].params["field"], "column_5");
    for (e, z) in en.issues.iter().zip(&zh.issues) {
        assert_eq!((&e.params, e.severity), (&z.params, z.severity));
        assert_ne!(e.message, z.message);
        let line = e.params["line"].to_string();
        assert!(e.message.contains(&line) && z.message.contains(&line), "{} / {}", e.message, z.message);
    }
}

#[test]
fn an_unknown_column_is_one_warning_and_never_a_host() {
    // Without a header: a fifth cell on every line, one warning for the column.
    let text: String = (1..=37).map(|i| format!("i-{i},sn-{i},p1,cn-north-4,extra-{i}\n")).collect();
    let r = read(&text);
    assert_eq!(r.hosts.len(), 37);
    assert!(r.hosts.iter().all(|h| h.as_object().unwrap().len() == 4));
    assert_eq!(codes(&r), [("/hosts", "unknown_field")]);
    let w = &r.issues[0];
    assert_eq!(
        (w.severity, w.params["field"].as_str(), w.params["line"].as_u64()),
        (Severity::Warning, Some("column_5"), Some(1))
    );
    assert!(at(&text, w).starts_with("extra-1"));
    // With a header: the unknown name, once, at the header; its cells in no host.
    let text = "resource_id,owner,agent_sn,project_id,region_id\ni-1,me,sn-1,p1,r\ni-2,you,sn-2,p1,r\n";
    let r = read(text);
    assert_eq!(codes(&r), [("/hosts", "unknown_field")]);
    assert_eq!(at(text, &r.issues[0]), "owner,agent_sn,project_id,region_id");
    assert!(r.hosts.iter().all(|h| h.get("owner").is_none() && h.as_object().unwrap().len() == 4));
}

#[test]
fn separators_other_than_the_first_lines_get_a_hint() {
    // `;` throughout is simply read.
    let r = read("i-1;sn-1;p1;cn-north-4\ni-2;sn-2;p1;cn-north-4\n");
    assert_eq!((ids(&r), r.issues.len()), (vec!["i-1", "i-2"], 0));
    // Spaces: one hint per line, at the line, naming the separator, in both locales.
    let text = "i-1 sn-1 p1 cn-north-4\ni-2 sn-2 p1 cn-north-4\n";
    for locale in [Locale::En, Locale::ZhCn] {
        let r = read_hosts(text, &Options::locale(locale));
        assert_eq!(codes(&r), [("/hosts/0", "syntax"), ("/hosts/1", "syntax")]);
        let p = &r.issues[1].params;
        assert_eq!(
            (&p["reason"], &p["found"], &p["line"], &p["column"]),
            (&json!("separator"), &json!(" "), &json!(2), &json!(1))
        );
        let word = if locale == Locale::En { "spaces" } else { "空格" };
        assert!(r.issues.iter().all(|i| i.message.contains(word)), "{:?}", r.issues);
    }
    // A line using another delimiter than the first line's.
    let r = read("i-1;sn-1;p1;r\ni-2,sn-2,p1,r\n");
    assert_eq!(codes(&r), [("/hosts/1", "syntax")]);
    assert_eq!((&r.issues[0].params["found"], &r.issues[0].params["delimiter"]), (&json!(","), &json!(";")));
    // A short line without another separator is left to build_batches' `required`.
    assert!(read("i-1,sn-1\n").issues.is_empty());
}

#[test]
fn every_place_is_where_the_text_is() {
    let text = "# hosts\n\nresource_id;agent_sn;project_id;region_id;rack\n  \"i-1\" ; sn-1;p1;r;a1\ni-2;\"sn \"\"2\"\"\";p1;r\n\"i-3;sn";
    let r = read(text);
    assert_eq!(ids(&r), ["i-1", "i-2"]);
    assert_eq!(r.hosts[1]["agent_sn"], "sn \"2\"");
    assert_eq!(r.lines, [4, 5]);
    assert_eq!(codes(&r), [("/hosts", "unknown_field"), ("/hosts/2", "syntax")]);
    assert!(at(text, &r.issues[0]).starts_with("rack"));
    assert_eq!(at(text, &r.issues[1]), "\"i-3;sn");
    assert_eq!(r.issues[1].params["reason"], "quote");
    // Columns count characters, not bytes.
    let text = "résource_ïd,resource_id,agent_sn,project_id,region_id\n";
    let r = read(text);
    assert_eq!(r.issues[0].params["column"], 1);
    let text = "区域,resource_id,agent_sn,project_id,region_id\n";
    assert_eq!(read(text).issues[0].params["column"], 1);
    let text = "resource_id,区域,agent_sn,project_id,region_id\n";
    assert_eq!(at(text, &read(text).issues[0]), "区域,agent_sn,project_id,region_id");
}

#[test]
fn json_arrays_keep_their_items_and_lines() {
    let text = "[\n  {\"resource_id\": \"i-1\", \"region_id\": \"r\"},\n  {\"resource_id\": \"i-2\",\n   \"region_id\": \"r\"}\n]";
    let r = read_under(text, Revision::Current);
    assert_eq!((ids(&r), r.lines.clone(), r.issues.len()), (vec!["i-1", "i-2"], vec![2, 3], 0));
    let r = read("[{\"resource_id\": 1}");
    assert_eq!(codes(&r), [("/hosts", "syntax")]);
    assert_eq!(r.issues[0].params["line"], 1);
}

#[test]
fn a_list_longer_than_a_body_is_refused_at_once() {
    let text = "i-1,sn,p,r\n".repeat(MAX_BODY_BYTES / 11 + 1);
    let started = Instant::now();
    let r = read(&text);
    assert_eq!((codes(&r), r.hosts.len()), (vec![("/hosts", "too_large")], 0));
    assert_eq!(r.issues[0].params["actual_bytes"], text.len());
    assert!(r.issues[0].message.contains("host list"), "{}", r.issues[0].message);
    assert!(started.elapsed() < Duration::from_millis(100));
}

#[test]
fn hostile_text_stays_cheap() {
    // Just under the limit: one huge line of delimiters, of quotes, of lines. Linear work
    // takes well under a second; quadratic work on half a million cells, hours.
    let n = MAX_BODY_BYTES - 16;
    for text in
        [",".repeat(n), "\"".repeat(n), "\n".repeat(n), "a,".repeat(n / 2), "\"\"".repeat(n / 2), "a\n".repeat(n / 2)]
    {
        let started = Instant::now();
        let r = read(&text);
        assert_eq!(r.hosts.len(), r.lines.len());
        assert!(r.issues.len() <= coc_script_exec::limits::MAX_ISSUES + 1);
        assert!(started.elapsed() < Duration::from_secs(20), "{:?} took {:?}", &text[..4], started.elapsed());
    }
}

/// A CSV cell as a careful writer writes it: every cell quoted, quotes doubled.
fn quote(cell: &str) -> String {
    format!("\"{}\"", cell.replace('"', "\"\""))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Hosts written as CSV (any delimiter, with or without a header and a BOM, CRLF or LF,
    /// ids holding delimiters, quotes and spaces) read back as exactly those hosts.
    #[test]
    fn written_hosts_read_back(
        hosts in prop::collection::vec(prop::collection::vec("[a-z0-9 ,;\"\t-]{1,12}", 4), 1..30),
        delimiter in prop::sample::select(vec![",", ";", "\t"]),
        header in any::<bool>(),
        bom in any::<bool>(),
        crlf in any::<bool>(),
    ) {
        // Cells are trimmed as they are read, so write them trimmed and never blank.
        let hosts: Vec<Vec<String>> = hosts.into_iter()
            .map(|h| h.into_iter().map(|c| { let t = c.trim().to_owned(); if t.is_empty() { "x".to_owned() } else { t } }).collect())
            .collect();
        let end = if crlf { "\r\n" } else { "\n" };
        let mut text = String::from(if bom { "\u{feff}" } else { "" });
        if header {
            text.push_str(&["resource_id", "agent_sn", "project_id", "region_id"].join(delimiter));
            text.push_str(end);
        }
        for h in &hosts {
            text.push_str(&h.iter().map(|c| quote(c)).collect::<Vec<_>>().join(delimiter));
            text.push_str(end);
        }
        let r = read(&text);
        prop_assert!(r.issues.is_empty(), "{:?}", r.issues);
        let expected: Vec<Value> = hosts.iter()
            .map(|h| json!({"resource_id": h[0], "agent_sn": h[1], "project_id": h[2], "region_id": h[3]}))
            .collect();
        prop_assert_eq!(r.hosts, expected);
    }

    /// Any text: no panic, a line per host, and every issue's place inside the text.
    #[test]
    fn any_text_reads_without_panic(text in "[a-z_ ,;\"\t\r\n#\u{feff}é区-]{0,200}", current in any::<bool>()) {
        let revision = if current { Revision::Current } else { Revision::Page };
        let r = read_under(&text, revision);
        prop_assert_eq!(r.hosts.len(), r.lines.len());
        let lines = text.split('\n').count() + text.matches('\r').count();
        for i in &r.issues {
            if let Some(line) = i.params.get("line").and_then(Value::as_u64) {
                prop_assert!(line >= 1 && line as usize <= lines, "{:?} in {:?}", i, text);
                prop_assert!(i.params["column"].as_u64().unwrap_or(0) >= 1);
            }
        }
    }
}
