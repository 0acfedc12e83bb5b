//! `read_hosts` (api.md "Host lists and canaries"): a host list as people paste or keep
//! it, read by the core so that the console and the command line read it alike.
//!
//! Like `build_batches`, it throws (a `TypeError`) only where an argument cannot be read
//! at all: a `text` that is not a string, options of the wrong shape. A text too long to
//! ever fit a body is a `too_large` issue at `/hosts`, measured without copying it.

use crate::prelude::*;

use js_sys::JsString;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::text::with_text;
use super::{read_options, to_js, too_large, type_error, utf8_len};
use crate::limits::MAX_BODY_BYTES;
use crate::report::{Options, TooLarge};
use crate::HostsResult;

/// Reads a host list: CSV with a header row, the console's lines, or a JSON array.
#[wasm_bindgen(js_name = read_hosts, unchecked_return_type = "HostsResult")]
pub fn read_hosts(
    #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "Options")] options: JsValue,
) -> Result<JsValue, JsValue> {
    let text = text.dyn_into::<JsString>().map_err(|_| type_error("text must be a string"))?;
    let options: Options = read_options(&options)?;
    // Its UTF-16 length is never more than its UTF-8 length: over the limit, it is never
    // copied into wasm memory.
    let result = if text.length() as usize > MAX_BODY_BYTES {
        let issues = too_large("/hosts", TooLarge::Bytes(utf8_len(&text)), &options).issues;
        HostsResult { hosts: Vec::new(), lines: Vec::new(), issues }
    } else {
        with_text(&text, |text| crate::read_hosts(text, &options))
    };
    Ok(to_js(&result))
}

#[wasm_bindgen(typescript_custom_section)]
const HOSTS: &str = r#"
/** `HostsResult` of `read_hosts`: the hosts in order, the line each starts on, and the problems of the text. */
export interface HostsResult {
  /** CSV and lines: objects of text fields, named by the header (or the revision's columns, in order);
   * a JSON array: its items as given. Not judged here: `build_batches` judges them. `unknown[]`, not
   * api.md's `Host[]`: a row may lack a column and a JSON item may be any value, and the type says so. */
  hosts: unknown[];
  /** The 1-based line each host starts on (a JSON array: the line of its item). */
  lines: number[];
  /** At `/hosts` or `/hosts/k`, with 1-based `line` and `column` params where the text has a place. */
  issues: Issue[];
}
"#;
