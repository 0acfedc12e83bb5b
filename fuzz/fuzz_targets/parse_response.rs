//! `parse_response` on any status and body text.
#![no_main]

use coc_script_exec::{parse_response, Outcome};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u16, &[u8])| {
    let (status, body) = input;
    let text = String::from_utf8_lossy(body);
    match parse_response(status, &text, None) {
        Outcome::Executed { execute_uuid, .. } => assert!(status == 200 && !execute_uuid.is_empty()),
        Outcome::Api { status: s, .. } => assert!(s == 204 || (s == status && s != 200)),
        Outcome::Http { status: s, text: t, .. } => assert!(s == status && t == text),
    }
});
