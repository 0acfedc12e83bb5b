//! Probes for the bench (Cargo.toml's `probes`; never in pkg/): each times one part of
//! `validate`'s call on JSON text by itself, so BENCHMARKS.md can show, measured in the same
//! run as the targets, what a call costs before and after the core judges a byte (issue #16:
//! "the measured floor that stops it"). scripts/floor.sh builds the module with them into
//! target/floor/probes; benches/js/suite.mjs times them.

use core::cell::RefCell;

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::report::report_js;
use super::text::with_text;
use crate::report::{Options, Report};

/// The core alone, `times` times on one text already in wasm memory: `validate_json` as
/// `validate` calls it on text, with no copy in and no report out (the JS side divides
/// its time by `times`). Returns the number of issues of the last report.
#[wasm_bindgen(js_name = probe_core)]
pub fn probe_core(text: &str, times: u32) -> u32 {
    let options = Options::default();
    let mut issues = 0;
    for _ in 0..times {
        issues = crate::validate_json_with(core::hint::black_box(text), &options).issues.len() as u32;
    }
    issues
}

/// The text copied into wasm memory as `validate` copies it, and nothing else.
#[wasm_bindgen(js_name = probe_copy)]
pub fn probe_copy(#[wasm_bindgen(unchecked_param_type = "string")] text: JsValue) -> u32 {
    match text.dyn_ref::<JsString>() {
        Some(text) => with_text(text, |text| text.len() as u32),
        None => 0,
    }
}

/// The report kept by [`probe_keep`].
struct Kept(RefCell<Option<Report>>);

// SAFETY: the module is built without `atomics` (src/wasm/text.rs refuses it), so it has one
// thread and the cell is never shared.
unsafe impl Sync for Kept {}

static KEPT: Kept = Kept(RefCell::new(None));

/// Judges `text` once and keeps its report for [`probe_report`].
#[wasm_bindgen(js_name = probe_keep)]
pub fn probe_keep(text: &str) -> u32 {
    let report = crate::validate_json_with(text, &Options::default());
    let issues = report.issues.len() as u32;
    if let Ok(mut kept) = KEPT.0.try_borrow_mut() {
        *kept = Some(report);
    }
    issues
}

/// The kept report handed to JS as `validate` hands its report over, and nothing else.
#[wasm_bindgen(js_name = probe_report)]
pub fn probe_report() -> JsValue {
    let kept = KEPT.0.try_borrow();
    match kept.as_ref().ok().and_then(|kept| kept.as_ref()) {
        Some(report) => report_js(report),
        None => JsValue::NULL,
    }
}
