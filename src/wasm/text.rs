//! JS strings into wasm memory as UTF-8: the first step of judging text, and in Chromium
//! one of the dearest. Blink's `TextEncoder.encodeInto` copies about one byte per
//! nanosecond, more than `JSON.parse` takes to read the same text; `btoa` (Blink) and then
//! `Uint8Array.prototype.setFromBase64` (V8, into the wasm memory) copy ASCII text in
//! about two thirds of that time (BENCHMARKS.md, "What was tried"). So ASCII text of some
//! length goes that way where the engine has `setFromBase64`, and everything else, or any
//! text that turns out not to be ASCII, through `encodeInto`. Short text too: a plain JS
//! loop a character at a time, once cheaper in Chromium for a few hundred bytes, costs
//! about as much as `encodeInto` there and eight times as much in Node, whose
//! `encodeInto` is a fast API call (session 6, BENCHMARKS.md).

use crate::prelude::*;

use alloc::borrow::Cow;
use core::cell::RefCell;

use js_sys::JsString;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(inline_js = r#"
const encoder = new TextEncoder();
const base64 = typeof Uint8Array.prototype.setFromBase64 === "function";
export function copy_text(text, memory, ptr, capacity, latin1) {
  const view = new Uint8Array(memory.buffer, ptr, capacity);
  if (latin1 && base64) {
    try {
      return view.setFromBase64(btoa(text)).written;
    } catch {
      // A character above U+00FF: btoa refuses it.
    }
  }
  return -1 - encoder.encodeInto(text, view).written;
}
"#)]
extern "C" {
    /// Copies `text` into `capacity` bytes of `memory` at `ptr` and says how: `-1 - n`
    /// for n bytes of UTF-8 (by `encodeInto`, lone surrogates as U+FFFD); `n` for n
    /// Latin-1 bytes (only with `latin1`, where the engine has `setFromBase64`), which are
    /// UTF-8 only where the text is ASCII.
    fn copy_text(text: &JsString, memory: &JsValue, ptr: u32, capacity: u32, latin1: bool) -> i32;
}

/// Text shorter than this is never copied by `btoa`, which makes a string of its own and
/// pays off only on longer text.
const LATIN1_FROM: u32 = 1024;

/// The largest buffer kept between calls (by [`keep_buffer`]): bodies up to about 85 KB of
/// text reuse it instead of allocating and zero-filling three bytes per character.
const KEPT_BUFFER: usize = 256 * 1024;

/// The buffer kept between calls. A plain static, not a `thread_local!` (which needs std,
/// and the shipped module has none): the module is built without the `atomics` target
/// feature (checked below), so it runs on one thread and the cell is never shared.
struct Kept(RefCell<Vec<u8>>);

#[cfg(target_feature = "atomics")]
compile_error!("src/wasm/text.rs keeps a buffer in a static that only one thread may use");

// SAFETY: without `atomics`, a wasm32 module has no threads, so no two can reach the cell.
unsafe impl Sync for Kept {}

static BUFFER: Kept = Kept(RefCell::new(Vec::new()));

/// A JS string as UTF-8 in a Rust `String` (lone surrogates as U+FFFD).
pub(super) fn copy_string(text: &JsString) -> String {
    with_text(text, str::to_owned)
}

/// `f` on a JS string as UTF-8 (lone surrogates as U+FFFD), copied natively into a buffer
/// kept from call to call (not by wasm-bindgen's `as_string`, whose ASCII loop runs in JS
/// a character at a time).
pub(super) fn with_text<R>(text: &JsString, f: impl FnOnce(&str) -> R) -> R {
    let mut buffer = take_buffer();
    let written = copy_into(text, &mut buffer);
    let result = f(&utf8(&buffer[..written]));
    keep_buffer(buffer);
    result
}

/// Copies `text` into `buffer` (grown to 3 bytes a UTF-16 unit, the most UTF-8 takes) and
/// says how many bytes of UTF-8 it wrote.
pub(super) fn copy_into(text: &JsString, buffer: &mut Vec<u8>) -> usize {
    let units = text.length();
    let needed = units as usize * 3;
    if buffer.len() < needed {
        buffer.resize(needed, 0);
    }
    // The memory's buffer is read after the allocation, which may have grown (and so
    // replaced) it.
    let memory = wasm_bindgen::memory();
    let copy = |latin1| copy_text(text, &memory, buffer.as_ptr() as u32, needed as u32, latin1);
    let mut copied = copy(units >= LATIN1_FROM);
    if copied >= 0 && !is_ascii(&buffer[..(copied as usize).min(needed)]) {
        // Latin-1 bytes are UTF-8 only where they are ASCII.
        copied = copy(false);
    }
    let written = if copied >= 0 { copied } else { -1 - copied };
    usize::try_from(written).unwrap_or(0).min(needed)
}

/// The buffer kept from call to call, taken for a call's use (a call made while it is in
/// use, from a getter, gets an empty one of its own); [`keep_buffer`] puts it back.
pub(super) fn take_buffer() -> Vec<u8> {
    BUFFER.0.try_borrow_mut().map(|mut b| core::mem::take(&mut *b)).unwrap_or_default()
}

/// Keeps `buffer` for the next call, unless it grew past [`KEPT_BUFFER`].
pub(super) fn keep_buffer(buffer: Vec<u8>) {
    if buffer.capacity() <= KEPT_BUFFER {
        if let Ok(mut kept) = BUFFER.0.try_borrow_mut() {
            *kept = buffer;
        }
    }
}

/// Bytes that JS wrote as UTF-8, as text. Every writer here writes only valid UTF-8; the
/// check is kept rather than trusted.
pub(super) fn utf8(bytes: &[u8]) -> Cow<'_, str> {
    match core::str::from_utf8(bytes) {
        Ok(text) => Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// No byte of 0x80 or above, sixteen at a time (no early exit, so it vectorises): std's
/// `is_ascii`, built without SIMD, made validate 1.14x slower on the largest body.
fn is_ascii(bytes: &[u8]) -> bool {
    let chunks = bytes.chunks_exact(16);
    let rest = chunks.remainder();
    let high = chunks.fold(0u128, |acc, c| acc | u128::from_le_bytes(c.try_into().unwrap_or_default()));
    high & u128::from_le_bytes([0x80; 16]) == 0 && rest.is_ascii()
}
