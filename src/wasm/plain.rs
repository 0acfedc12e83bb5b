//! A JS value as the JSON text `JSON.stringify` makes of it: what is posted, so what is
//! judged (issue #12). `toJSON` anywhere (the root included, called with its key), boxed
//! numbers, strings and booleans, Dates, class instances, own enumerable string keys only,
//! `undefined`, functions and symbols left out of objects and `null` in arrays, `-0` as
//! `0`, lone surrogates escaped: so `validate(x)` and `validate(JSON.stringify(x))` judge
//! the same text. One exception, by rules.md (lines 16 and 35): `NaN` and `±Infinity`,
//! which `JSON.stringify` writes as `null`, are a `type` error at their field (a named slot,
//! below), so an operator's `Number("5m")` is told it is no number, not that it is missing.
//!
//! The value is read once, by a walk that follows `JSON.stringify`'s own algorithm
//! (SerializeJSONProperty: `toJSON`, then a box's primitive, then the array or the object's
//! own enumerable string keys): no getter, trap or `toJSON` runs twice (but for the members
//! before one that throws, below), so one that answers differently when asked again changes
//! nothing, and the text is exact by construction. Two writers, the same text: while it is
//! short (the first KB) the walk writes it as it goes, as UTF-8 with `JSON.stringify`'s
//! escapes (QuoteJSONString: `\"`, `\\`, `\b` `\t` `\n` `\f` `\r`, other controls and lone
//! surrogates as `\u` and four lowercase hex digits) straight into wasm memory, and a small
//! body is judged from those bytes, with no JS string of its text and no copy of anything:
//! what it read is only recorded, in order, on a tape. Past that, the walk makes a copy of
//! plain data (the tape's part first), and the text is `JSON.stringify`'s of the copy, which
//! per byte is far cheaper than any JS loop, in Chromium most of all. An object past that
//! point is copied by a spread, which asks each getter and trap once, in an order of its own
//! (each member's descriptor, then its value, where `JSON.stringify` lists every descriptor
//! first; and its symbol keys' getters too): the text is another only where a getter makes
//! a later key of its object enumerable or not. (Issue #12 made object input slower than the plain
//! check before it, which read the value twice; with session 7's tape, spread and for-in it
//! is 0.97-1.02x that on the small body in Chromium, 0.89-0.92x on the largest, and
//! 0.90-0.99x in Node: BENCHMARKS.md.)
//!
//! Bounded by the work done, not only by the size of what comes out, each bound R-SIZE's
//! (`too_large`): the strings, keys and literals copied are more than R-SIZE's bytes of
//! text; an array or typed array whose length alone says so (a Proxy reporting a length of
//! 2^32 - 1 costs two traps, not 2^32); the members read come to more than R-SIZE's bytes,
//! each counting one byte and its key, and one left out of an object as much as if it were
//! `null` (so getters that leave their members out cost no more than getters that answer);
//! nesting past R-SIZE's depth (which also ends a cycle). A member written takes more bytes
//! of text than it counts, so a body whose text is within R-SIZE is stopped only when what
//! it leaves out is about as large. (What no count sees: the one question per key that V8
//! asks a Proxy while listing the keys its `ownKeys` trap returned, a list the Proxy made
//! itself; and past the first KB, the members of one object, which its spread reads before
//! they are counted: one getter or trap more per key, the same order of work.)
//!
//! Where `JSON.stringify` would throw (a BigInt, a getter, trap or `toJSON` that throws, a
//! revoked Proxy), the text holds `null` and the slot's JSON Pointer is named, so the issue
//! is a `type` error at that field (stand_in.rs), as before; so is a non-finite number.
//! Arguments that are not a body (options, hosts, plans) are read the same way, except that
//! lone surrogates are U+FFFD, so their text always parses.

use crate::prelude::*;

use js_sys::{Array, JsString};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::text::{copy_into, keep_buffer, take_buffer, utf8};
use super::utf8_len;
use crate::limits::{MAX_BODY_BYTES, MAX_DEPTH};
use crate::report::TooLarge;

#[wasm_bindgen(inline_js = r#"
const { keys, defineProperty, hasOwn } = Object;
const { apply } = Reflect;
const { isArray } = Array;
const { isView } = ArrayBuffer;
const tagOf = Function.prototype.call.bind(Object.prototype.toString);
const typedLength = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Uint8Array.prototype), "length").get;
// A boxed primitive's [[...Data]], read by its own valueOf (which throws on anything else).
const UNBOX = new Map([
  ["[object Number]", Number.prototype.valueOf],
  ["[object String]", String.prototype.valueOf],
  ["[object Boolean]", Boolean.prototype.valueOf],
  ["[object BigInt]", BigInt.prototype.valueOf],
]);
// What a member left out of an object counts beyond its key: `"":null,` less the key.
const LEFT_OUT_READ = 7;

// Thrown to end a call over R-SIZE; `stopped` says by how much: bytes (at least), or 0 for
// its depth. A sentinel compared by identity, as anything else thrown may be a Proxy.
const STOP = Object.freeze({});
let stopped = 0;
function stop(size) {
  stopped = Math.min(size, Number.MAX_SAFE_INTEGER);
  throw STOP;
}

// The call under way (a getter may call validate again: posted_text saves and restores
// it). `read`: one per member read plus its key; `bytes`: a lower bound of the text.
let read = 0, bytes = 0, max = 0, maxDepth = 0, args = false, holes = null, path = [], active = 0;

// The text is written here, UTF-8, from `pos`; a call from a getter writes after the text
// of the call it interrupts, and leaves that as it was. Written only while within BY_BYTES
// (below), so it stays small: a string or a key is written only when it fits, then at most
// six bytes a unit, and then the brackets that close; let go of at the next call should it
// grow past KEPT all the same.
const KEPT = 1 << 16;
let buf = new Uint8Array(1 << 14), pos = 0;
// Where the last call's text lies, for take_text when wasm memory had no room for it.
let lastStart = 0, lastLength = 0;

function room(n) {
  if (pos + n <= buf.length) return;
  let size = buf.length * 2;
  while (size < pos + n) size *= 2;
  const b = new Uint8Array(size);
  b.set(buf.subarray(0, pos));
  buf = b;
}

// Text known to be ASCII and to need no escape: numbers, literals.
function ascii(s) {
  const n = s.length;
  room(n);
  const b = buf;
  let p = pos;
  for (let i = 0; i < n; i++) b[p++] = s.charCodeAt(i);
  pos = p;
}

// 1 for the ASCII units JSON.stringify escapes (controls, `"` and `\`); the letter of the
// escapes that have one.
const ESCAPED = new Uint8Array(128);
ESCAPED.fill(1, 0, 0x20);
ESCAPED[0x22] = ESCAPED[0x5c] = 1;
const LETTER = new Uint8Array(0x60);
LETTER[0x08] = 0x62; LETTER[0x09] = 0x74; LETTER[0x0a] = 0x6e; LETTER[0x0c] = 0x66; LETTER[0x0d] = 0x72;
LETTER[0x22] = 0x22; LETTER[0x5c] = 0x5c;
const HEX = new Uint8Array([48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 97, 98, 99, 100, 101, 102]);
// An ASCII unit that needs an escape, at b[p]; the position after it.
function escape(b, p, c) {
  b[p++] = 0x5c;
  const letter = LETTER[c];
  if (letter !== 0) {
    b[p++] = letter;
  } else {
    b[p++] = 0x75; b[p++] = 0x30; b[p++] = 0x30; b[p++] = HEX[c >> 4]; b[p++] = HEX[c & 15];
  }
  return p;
}

// `s` as JSON.stringify quotes it (an argument's lone surrogates as U+FFFD), in UTF-8.
function quote(s) {
  const n = s.length;
  // 6 bytes a unit at most (an escape); a pair is 4 bytes for 2.
  room(6 * n + 2);
  const b = buf;
  let p = pos;
  b[p++] = 0x22;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      if (ESCAPED[c] === 0) b[p++] = c;
      else p = escape(b, p, c);
    } else if (c < 0x800) {
      b[p++] = 0xc0 | (c >> 6); b[p++] = 0x80 | (c & 63);
    } else if (c < 0xd800 || c > 0xdfff) {
      b[p++] = 0xe0 | (c >> 12); b[p++] = 0x80 | ((c >> 6) & 63); b[p++] = 0x80 | (c & 63);
    } else {
      const d = c < 0xdc00 && i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (d >= 0xdc00 && d <= 0xdfff) {
        const x = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
        b[p++] = 0xf0 | (x >> 18); b[p++] = 0x80 | ((x >> 12) & 63);
        b[p++] = 0x80 | ((x >> 6) & 63); b[p++] = 0x80 | (x & 63);
        i++;
      } else if (args) {
        b[p++] = 0xef; b[p++] = 0xbf; b[p++] = 0xbd; // U+FFFD
      } else {
        b[p++] = 0x5c; b[p++] = 0x75; // \u and the unit in lowercase hex, as JSON.stringify writes it
        b[p++] = HEX[c >> 12]; b[p++] = HEX[(c >> 8) & 15]; b[p++] = HEX[(c >> 4) & 15]; b[p++] = HEX[c & 15];
      }
    }
  }
  b[p++] = 0x22;
  pos = p;
}

function byte(c) {
  room(1);
  buf[pos++] = c;
}

// The slot at `depth` (its keys in `path`) holds what JSON cannot say: named, `null` here.
function named(depth) {
  let p = "";
  for (let d = 1; d <= depth; d++) p += "/" + String(path[d]).replaceAll("~", "~0").replaceAll("/", "~1");
  (holes ??= []).push(p);
  if (writing) ascii("null");
  return null;
}

// While the text is within BY_BYTES bytes, the walk also writes it, by the bytes, straight
// into wasm memory: for a small body cheaper than native JSON.stringify (its fixed cost,
// the string it makes, which text.rs must then copy, and Node 20's dear short strings).
// Once a member, key or string would take it past, the writing stops for good (what it
// wrote is dropped), the walk goes on in the functions that only copy, and the text is
// JSON.stringify's of the copy: per byte far cheaper than any JS loop in Chromium (whose
// JSON.stringify is several times Node 20's; writing the largest body by the bytes there
// took twice as long), and no dearer in Node.
const BY_BYTES = 1024;
let writing = false, origin = 0;
const stringify = JSON.stringify;
const toWellFormed = String.prototype.toWellFormed;
const LONE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const SURROGATE = /[\ud800-\udfff]/;

// An argument's string with its lone surrogates as U+FFFD; a body's as it is (both writers
// escape them).
function text(s) {
  return args && SURROGATE.test(s) ? (toWellFormed ? apply(toWellFormed, s, []) : s.replace(LONE, "\ufffd")) : s;
}

// What JSON.stringify serializes of an object, function or BigInt (SerializeJSONProperty):
// its toJSON's answer, then a box's primitive; THREW when a read that JSON.stringify would
// make throws. Both walks (the writing one and the copying one) start each value here.
const THREW = Object.freeze({});
function serialized(v, key) {
  // A lookup that throws is read as no toJSON (and below, no box): JSON.stringify refuses
  // the value anyway, and its members are then judged each at its own pointer.
  let f;
  try { f = v.toJSON; } catch { /* none */ }
  if (typeof f === "function") {
    try { v = apply(f, v, [typeof key === "number" ? "" + key : key]); } catch { return THREW; }
  }
  if (typeof v === "object" && v !== null) {
    let tag;
    try { tag = tagOf(v); } catch { /* not a box */ }
    const unbox = tag === "[object Object]" || tag === "[object Array]" ? undefined : UNBOX.get(tag);
    if (unbox !== undefined) {
      let data, boxed = true;
      try { data = apply(unbox, v, []); } catch { boxed = false; }
      if (boxed) {
        try { v = typeof data === "number" ? +v : typeof data === "string" ? `${v}` : data; } catch { return THREW; }
      }
    }
  }
  return v;
}

// An array's length as JSON.stringify reads it, or -1 when reading it throws. Each item is
// at least one byte and a comma: refused on the length alone.
function itemCount(v) {
  let n;
  try { n = +v.length; } catch { return -1; }
  n = n > 0 ? Math.min(Math.floor(n), Number.MAX_SAFE_INTEGER) : 0;
  if (n > 0 && bytes + 2 * n + 1 > max) stop(bytes + 2 * n + 1);
  return n;
}

// An object's own enumerable string keys, or null when listing them throws.
function keysOf(v) {
  if (isView(v)) {
    // A typed array lists one key per element: refused by its length before they are.
    let n = 0;
    try { n = apply(typedLength, v, []); } catch { /* a DataView: no elements */ }
    if (n > 0 && bytes + 6 * n > max) stop(bytes + 6 * n); // each at least `"0":0,`
  }
  let names;
  try { names = keys(v); } catch { return null; }
  if (read + names.length > max) stop(read + names.length);
  return names;
}

// What the writing walk read, in order, while it writes: no copy is made of a body whose
// text stays within BY_BYTES (the small body, judged from the bytes). A container is
// OPEN ... END, an object's members as key and value; a value is a primitive, or the copy
// of a container read after the writing stopped. Made into the copy (`rebuilt`) only when
// the writing stops, for JSON.stringify. A call from a getter records after the call it
// interrupts, and leaves that as it was.
const OPEN_ARRAY = Object.freeze({}), OPEN_OBJECT = Object.freeze({}), END = Object.freeze({});
const IN_TAPE = Object.freeze({}); // what a container written so far returns: it is on the tape
let tape = [], tn = 0;

// holder[key], recorded (and written) as JSON.stringify reads it: a primitive, IN_TAPE, a
// copy, or `undefined` when it leaves it out.
function memberW(holder, key, depth) {
  path[depth] = key;
  let v;
  try { v = holder[key]; } catch { return named(depth); }
  return copyW(v, key, depth);
}

function copyW(v, key, depth) {
  let t = typeof v;
  if (t === "object" ? v !== null : t === "function" || t === "bigint") {
    v = serialized(v, key);
    if (v === THREW) return named(depth);
    t = typeof v;
  }
  switch (t) {
    case "string":
      if ((bytes += v.length + 2) > max) stop(bytes);
      v = text(v);
      if (writing && pos - origin + v.length > BY_BYTES) writing = false;
      if (writing) quote(v);
      return v;
    case "number":
      // NaN and ±Infinity: JSON.stringify writes null, but rules.md (lines 16 and 35) makes
      // them a `type` error at their field, which says more than "missing" does.
      if (v - v !== 0) return named(depth);
      if (++bytes > max) stop(bytes);
      if (writing) ascii("" + v); // -0: "0", as JSON.stringify writes it
      return v;
    case "boolean":
      if ((bytes += 4) > max) stop(bytes);
      if (writing) ascii(v ? "true" : "false");
      return v;
    case "bigint":
      return named(depth);
    case "object": {
      if (v === null) {
        if ((bytes += 4) > max) stop(bytes);
        if (writing) ascii("null");
        return null;
      }
      if (depth >= maxDepth) stop(0);
      let array;
      try { array = isArray(v); } catch { return named(depth); }
      // Once the text is no longer written, the walk goes on without the writing.
      if (!writing) return array ? copyArray(v, depth) : copyObject(v, depth);
      return array ? copyArrayW(v, depth) : copyObjectW(v, depth);
    }
    default:
      return undefined;
  }
}

function copyArrayW(v, depth) {
  const n = itemCount(v);
  if (n < 0) return named(depth);
  bytes += 2;
  if (writing) byte(0x5b);
  tape[tn++] = OPEN_ARRAY;
  for (let i = 0; i < n; i++) {
    if (++read > max) stop(read);
    if (writing && pos - origin > BY_BYTES) writing = false;
    if (writing && i > 0) byte(0x2c);
    const m = memberW(v, i, depth + 1);
    if (m === undefined) {
      if ((bytes += 4) > max) stop(bytes); // written null
      if (writing) ascii("null");
      tape[tn++] = null;
    } else if (m !== IN_TAPE) {
      tape[tn++] = m;
    }
  }
  if (writing) byte(0x5d);
  tape[tn++] = END;
  return IN_TAPE;
}

function copyObjectW(v, depth) {
  const names = keysOf(v);
  if (names === null) return named(depth);
  bytes += 2;
  if (writing) byte(0x7b);
  tape[tn++] = OPEN_OBJECT;
  let first = true;
  for (let i = 0; i < names.length; i++) {
    const k = names[i];
    if ((read += k.length + 1) > max) stop(read);
    const key = text(k);
    if (writing && pos - origin + key.length > BY_BYTES) writing = false;
    // The key is written (and recorded) first, and taken back when its member is left out
    // (which writes and records nothing).
    const mark = pos, at = tn;
    if (writing) {
      if (!first) byte(0x2c);
      quote(key);
      byte(0x3a);
    }
    tape[tn++] = key;
    const m = memberW(v, k, depth + 1);
    if (m === undefined) {
      pos = mark;
      tn = at;
      if ((read += LEFT_OUT_READ) > max) stop(read);
      continue;
    }
    first = false;
    if ((bytes += k.length + 3) > max) stop(bytes);
    if (m !== IN_TAPE) tape[tn++] = m;
  }
  if (writing) byte(0x7d);
  tape[tn++] = END;
  return IN_TAPE;
}

// c[k] = m, as an own data member whatever the key: `c.__proto__ = m` would set the
// prototype instead.
function put(c, k, m) {
  if (k === "__proto__") defineProperty(c, k, { value: m, enumerable: true, writable: true, configurable: true });
  else c[k] = m;
}

// The copy of the container recorded on the tape from `at`, for JSON.stringify; `ti` is
// where it ends.
let ti = 0;
function rebuilt(at) {
  ti = at;
  return value();
}
function value() {
  const x = tape[ti++];
  if (x === OPEN_ARRAY) {
    const c = [];
    while (tape[ti] !== END) c.push(value());
    ti++;
    return c;
  }
  if (x !== OPEN_OBJECT) return x;
  const c = {};
  for (let k = tape[ti++]; k !== END; k = tape[ti++]) {
    put(c, k, value());
  }
  return c;
}

// The same walk, once the text is no longer written: holder[key], copied as JSON.stringify
// reads it; `undefined` when it leaves it out.
function member(holder, key, depth) {
  path[depth] = key;
  let v;
  try { v = holder[key]; } catch { return named(depth); }
  return copy(v, key, depth);
}

function copy(v, key, depth) {
  let t = typeof v;
  if (t === "object" ? v !== null : t === "function" || t === "bigint") {
    v = serialized(v, key);
    if (v === THREW) return named(depth);
    t = typeof v;
  }
  switch (t) {
    case "string":
      if ((bytes += v.length + 2) > max) stop(bytes);
      return text(v);
    case "number":
      // NaN and ±Infinity: JSON.stringify writes null, but rules.md (lines 16 and 35) makes
      // them a `type` error at their field, which says more than "missing" does.
      if (v - v !== 0) return named(depth);
      if (++bytes > max) stop(bytes);
      return v;
    case "boolean":
      if ((bytes += 4) > max) stop(bytes);
      return v;
    case "bigint":
      return named(depth);
    case "object": {
      if (v === null) {
        if ((bytes += 4) > max) stop(bytes);
        return null;
      }
      if (depth >= maxDepth) stop(0);
      let array;
      try { array = isArray(v); } catch { return named(depth); }
      return array ? copyArray(v, depth) : copyObject(v, depth);
    }
    default:
      return undefined;
  }
}

function copyArray(v, depth) {
  const n = itemCount(v);
  if (n < 0) return named(depth);
  bytes += 2;
  const c = new Array(n);
  for (let i = 0; i < n; i++) {
    if (++read > max) stop(read);
    const m = member(v, i, depth + 1);
    if (m === undefined && (bytes += 4) > max) stop(bytes); // written null
    c[i] = m === undefined ? null : m;
  }
  return c;
}

// An object read as JSON.stringify reads it: its keys listed, then each member asked for.
function copyObjectByKeys(v, depth) {
  const names = keysOf(v);
  if (names === null) return named(depth);
  bytes += 2;
  const c = {};
  for (let i = 0; i < names.length; i++) {
    const k = names[i];
    if ((read += k.length + 1) > max) stop(read);
    const m = member(v, k, depth + 1);
    if (m === undefined) {
      if ((read += LEFT_OUT_READ) > max) stop(read);
      continue;
    }
    if ((bytes += k.length + 3) > max) stop(bytes);
    put(c, text(k), m);
  }
  return c;
}

// An object, once the text is no longer written: read by a spread, one native copy of its
// own enumerable members, each getter and trap asked once as JSON.stringify asks, then
// each member made what JSON.stringify serializes of it, in place, its keys listed by
// for-in over the copy (the largest body's copy in 38 µs in Chromium, against 79 µs
// adding its keys to a copy one by one). The copy's only prototype is Object.prototype,
// whose enumerable keys (should it have any, or a getter give it one) for-in lists too:
// each is passed over, but for a string or a number, which changes nothing but a count.
// Read key by key instead (above) where a spread would read more than JSON.stringify does
// or cost more than a count allows: an argument (its keys made well-formed), a typed array
// or a DataView (a key per element), and an object a read of which throws (to name the
// member that threw; its members before it are then asked again).
function copyObject(v, depth) {
  if (args || isView(v)) return copyObjectByKeys(v, depth);
  let c;
  try { c = { ...v }; } catch { return copyObjectByKeys(v, depth); }
  bytes += 2;
  for (const k in c) {
    if ((read += k.length + 1) > max) stop(read);
    const x = c[k];
    // A string or a finite number is kept as it is (copy's first cases, inline).
    const t = typeof x;
    if (t === "string" || (t === "number" && x - x === 0)) {
      if ((bytes += (t === "string" ? x.length + 2 : 1) + k.length + 3) > max) stop(bytes);
      continue;
    }
    if (!hasOwn(c, k)) continue;
    path[depth + 1] = k;
    const m = copy(x, k, depth + 1);
    if (m === undefined) {
      if ((read += LEFT_OUT_READ) > max) stop(read);
    } else if ((bytes += k.length + 3) > max) {
      stop(bytes);
    }
    // What JSON.stringify would leave out stays as it was, or is `undefined` (an object
    // whose toJSON answers nothing), so it is left out again.
    if (m !== x) put(c, k, m);
  }
  return c;
}

// The JSON text of `v`: its bytes, written into `capacity` bytes of wasm `memory` at `ptr`
// when they fit (else take_text copies them, once the caller has room), and their length;
// or, past BY_BYTES, the string JSON.stringify writes of the copy. Either, or [either,
// pointer...] naming the slots that hold `null` in place of what JSON cannot say; or
// -1 - n, over R-SIZE by at least n bytes, or n = 0 for its depth.
export function posted_text(v, max_depth, max_bytes, as_argument, memory, ptr, capacity) {
  if (active === 0 && buf.length > KEPT) buf = new Uint8Array(1 << 14);
  const r = read, b = bytes, m = max, d = maxDepth, a = args, h = holes, p = path, w = writing, o = origin, start = pos;
  const recorded = tn;
  if (active++ > 0) path = []; // called again from a getter: a path of its own
  read = 1; bytes = 0; max = max_bytes; maxDepth = max_depth; args = as_argument; holes = null;
  writing = true; origin = start;
  try {
    let c = copyW(v, "", 0);
    if (c === undefined) c = named(0); // the root left out: null, and a hole
    let answer;
    if (writing) {
      answer = pos - start;
      if (answer <= capacity) new Uint8Array(memory.buffer, ptr, answer).set(buf.subarray(start, pos));
      lastStart = start;
      lastLength = answer;
    } else {
      answer = stringify(c === IN_TAPE ? rebuilt(recorded) : c);
    }
    return holes === null ? answer : [answer, ...holes];
  } catch (e) {
    // The walk's own stack running out is depth too.
    return -1 - (e === STOP ? stopped : 0);
  } finally {
    read = r; bytes = b; max = m; maxDepth = d; args = a; holes = h; path = p; writing = w; origin = o; pos = start;
    // What a small body left on the tape is overwritten by the next call; anything more
    // (copies, long strings) is let go of now.
    if (tn - recorded > 256) tape.length = recorded;
    tn = recorded;
    active--;
  }
}

// The last call's text into `memory` at `ptr`, which has room for it.
export function take_text(memory, ptr) {
  new Uint8Array(memory.buffer, ptr, lastLength).set(buf.subarray(lastStart, lastStart + lastLength));
}
"#)]
extern "C" {
    fn posted_text(
        v: &JsValue,
        max_depth: u32,
        max_bytes: u32,
        as_argument: bool,
        memory: &JsValue,
        ptr: u32,
        capacity: u32,
    ) -> JsValue;
    fn take_text(memory: &JsValue, ptr: u32);
}

/// `f` on the JSON text of `js` as posted (`JSON.stringify`), or as read for an argument
/// (`as_argument`), and the JSON Pointers of the slots in it where `null` stands for
/// something JSON cannot say (a BigInt, a member whose reading threw, the root when it is
/// left out, a non-finite number); R-SIZE when it is too large or too deep to read, or
/// when its text is longer than R-SIZE's bytes.
pub(super) fn posted<R>(js: &JsValue, as_argument: bool, f: impl FnOnce(&str, &[String]) -> R) -> Result<R, TooLarge> {
    let mut buffer = take_buffer();
    let result = write(js, as_argument, &mut buffer).map(|(length, holes)| f(&utf8(&buffer[..length]), &holes));
    keep_buffer(buffer);
    result
}

/// Writes the text of `js` into `buffer`, grown as it needs: its length, and its holes.
fn write(js: &JsValue, as_argument: bool, buffer: &mut Vec<u8>) -> Result<(usize, Vec<String>), TooLarge> {
    let memory = wasm_bindgen::memory();
    let capacity = buffer.len() as u32;
    let answer = posted_text(
        js,
        MAX_DEPTH as u32,
        MAX_BODY_BYTES as u32,
        as_argument,
        &memory,
        buffer.as_mut_ptr() as u32,
        capacity,
    );
    let (first, holes) = match answer.dyn_ref::<Array>() {
        Some(parts) => (parts.get(0), parts.iter().skip(1).filter_map(|p| p.as_string()).collect()),
        None => (answer, Vec::new()),
    };
    let length = match (first.dyn_ref::<JsString>(), first.as_f64()) {
        // Longer text, as JSON.stringify wrote it: copied only when it can be within R-SIZE
        // (its UTF-16 length is never more than its UTF-8 length).
        (Some(text), _) if text.length() as usize > MAX_BODY_BYTES => return Err(TooLarge::Bytes(utf8_len(text))),
        (Some(text), _) => copy_into(text, buffer),
        (None, Some(n)) if n >= 0.0 => n as usize,
        (None, Some(n)) if n < -1.0 => return Err(TooLarge::Bytes((-1.0 - n) as usize)),
        _ => return Err(TooLarge::Depth),
    };
    // As validate_json refuses text over R-SIZE: by its length, without reading it.
    if length > MAX_BODY_BYTES {
        return Err(TooLarge::Bytes(length));
    }
    if length > buffer.len() {
        buffer.resize(length, 0);
        // The memory's buffer is read after the allocation, which may have grown it.
        take_text(&wasm_bindgen::memory(), buffer.as_mut_ptr() as u32);
    }
    Ok((length, holes))
}
