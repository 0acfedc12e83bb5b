var __defProp = Object.defineProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};

// node_modules/coc-script-exec/snippets/coc-script-exec-a332d7388e5233b4/inline1.js
var encoder = new TextEncoder();
var base64 = typeof Uint8Array.prototype.setFromBase64 === "function";
function copy_text(text, memory, ptr, capacity, latin1) {
  const view = new Uint8Array(memory.buffer, ptr, capacity);
  const n = text.length;
  if (n <= 512) {
    let i = 0;
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (c > 127) break;
      view[i] = c;
    }
    if (i === n) return -1 - n;
  }
  if (latin1 && base64) {
    try {
      return view.setFromBase64(btoa(text)).written;
    } catch {
    }
  }
  return -1 - encoder.encodeInto(text, view).written;
}

// node_modules/coc-script-exec/snippets/coc-script-exec-a332d7388e5233b4/inline2.js
var budget = 0;
function plain(v, depth, max_depth) {
  if (--budget < 0) return false;
  const t = typeof v;
  if (t === "string" || t === "boolean" || t === "undefined" || t === "function" || t === "symbol") return true;
  if (t === "number") return v - v === 0;
  if (t !== "object") return false;
  if (v === null) return true;
  if (depth >= max_depth || v.toJSON !== void 0) return false;
  if (Array.isArray(v)) {
    if (Object.getPrototypeOf(v) !== Array.prototype) return false;
    for (let i = 0; i < v.length; i++) if (!plain(v[i], depth + 1, max_depth)) return false;
    return true;
  }
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const k in v) if (!plain(v[k], depth + 1, max_depth)) return false;
  return true;
}
function plain_json(v, max_depth, max_values) {
  try {
    budget = max_values;
    if (!plain(v, 0, max_depth)) return void 0;
    const text = JSON.stringify(v);
    return typeof text === "string" && !text.includes("\\ud") ? text : void 0;
  } catch {
    return void 0;
  }
}

// node_modules/coc-script-exec/snippets/coc-script-exec-a332d7388e5233b4/inline0.js
var inline0_exports = {};
__export(inline0_exports, {
  get: () => get,
  keys: () => keys,
  kind: () => kind
});
var THREW = /* @__PURE__ */ Symbol("threw");
function kind(v) {
  switch (typeof v) {
    case "undefined":
    case "function":
      return 0;
    case "symbol":
      return v === THREW ? 9 : 0;
    case "boolean":
      return v ? 3 : 2;
    case "number":
      return 4;
    case "string":
      return 5;
    case "bigint":
      return 6;
  }
  if (v === null) return 1;
  try {
    return Array.isArray(v) ? 7 : 8;
  } catch {
    return 9;
  }
}
function get(o, k) {
  try {
    return o[k];
  } catch {
    return THREW;
  }
}
function keys(o) {
  try {
    return Object.keys(o);
  } catch {
    return THREW;
  }
}

// node_modules/coc-script-exec/coc_script_exec.js
function json_schema(revision) {
  const ret = wasm.json_schema(revision);
  if (ret[2]) {
    throw takeFromExternrefTable0(ret[1]);
  }
  return takeFromExternrefTable0(ret[0]);
}
function limits(revision) {
  const ret = wasm.limits(revision);
  if (ret[2]) {
    throw takeFromExternrefTable0(ret[1]);
  }
  return takeFromExternrefTable0(ret[0]);
}
function validate(body2, options) {
  const ret = wasm.validate(body2, options);
  return ret;
}
function __wbg_get_imports() {
  const import0 = {
    __proto__: null,
    __wbg___wbindgen_is_function_741ff2bb612836f5: function(arg0) {
      const ret = typeof arg0 === "function";
      return ret;
    },
    __wbg___wbindgen_is_null_c22311b1cc228e3a: function(arg0) {
      const ret = arg0 === null;
      return ret;
    },
    __wbg___wbindgen_is_object_8b968c3ab8e96595: function(arg0) {
      const val = arg0;
      const ret = typeof val === "object" && val !== null;
      return ret;
    },
    __wbg___wbindgen_is_string_fc456fee5d3317de: function(arg0) {
      const ret = typeof arg0 === "string";
      return ret;
    },
    __wbg___wbindgen_is_undefined_be5b34249ff1fc15: function(arg0) {
      const ret = arg0 === void 0;
      return ret;
    },
    __wbg___wbindgen_memory_17a1178bc3328ea3: function() {
      const ret = wasm.memory;
      return ret;
    },
    __wbg___wbindgen_number_get_934b640d0889af78: function(arg0, arg1) {
      const obj = arg1;
      const ret = typeof obj === "number" ? obj : void 0;
      getDataViewMemory0().setFloat64((arg0 >>> 0) + 8 * 1, isLikeNone(ret) ? 0 : ret, true);
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, !isLikeNone(ret), true);
    },
    __wbg___wbindgen_string_get_7ce8eee7fd327545: function(arg0, arg1) {
      const obj = arg1;
      const ret = typeof obj === "string" ? obj : void 0;
      var ptr1 = isLikeNone(ret) ? 0 : passStringToWasm0(ret, wasm.__wbindgen_malloc, wasm.__wbindgen_realloc);
      var len1 = WASM_VECTOR_LEN;
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 1, len1, true);
      getDataViewMemory0().setInt32((arg0 >>> 0) + 4 * 0, ptr1, true);
    },
    __wbg___wbindgen_throw_4c88d8bf264fd984: function(arg0, arg1) {
      throw new Error(getStringFromWasm0(arg0, arg1));
    },
    __wbg_call_a410eb4b59ed5965: function() {
      return handleError(function(arg0, arg1, arg2) {
        const ret = arg0.call(arg1, arg2);
        return ret;
      }, arguments);
    },
    __wbg_charCodeAt_851946d8f1279e11: function(arg0, arg1) {
      const ret = arg0.charCodeAt(arg1 >>> 0);
      return ret;
    },
    __wbg_copy_text_7637fb5fc481d729: function(arg0, arg1, arg2, arg3, arg4) {
      const ret = copy_text(arg0, arg1, arg2 >>> 0, arg3 >>> 0, arg4 !== 0);
      return ret;
    },
    __wbg_get_2080c49015e35254: function() {
      return handleError(function(arg0, arg1) {
        const ret = Reflect.get(arg0, arg1);
        return ret;
      }, arguments);
    },
    __wbg_get_unchecked_e6325ad374eff861: function(arg0, arg1) {
      const ret = arg0[arg1 >>> 0];
      return ret;
    },
    __wbg_instanceof_JsString_98f49fc739458fe3: function(arg0) {
      let result;
      try {
        result = arg0 instanceof String;
      } catch (_) {
        result = false;
      }
      const ret = result;
      return ret;
    },
    __wbg_isView_7c4f5a7c257b3a84: function(arg0) {
      const ret = ArrayBuffer.isView(arg0);
      return ret;
    },
    __wbg_length_b03a0fabb109b1e9: function(arg0) {
      const ret = arg0.length;
      return ret;
    },
    __wbg_length_e83e819f48c774e4: function(arg0) {
      const ret = arg0.length;
      return ret;
    },
    __wbg_new_0_36d738a0c8cfac43: function() {
      const ret = /* @__PURE__ */ new Date();
      return ret;
    },
    __wbg_new_4416a2fe2fac9c65: function(arg0, arg1) {
      const ret = new TypeError(getStringFromWasm0(arg0, arg1));
      return ret;
    },
    __wbg_parse_369454a155e5074c: function() {
      return handleError(function(arg0, arg1) {
        const ret = JSON.parse(getStringFromWasm0(arg0, arg1));
        return ret;
      }, arguments);
    },
    __wbg_plain_json_205d7ce117e722f9: function(arg0, arg1, arg2) {
      const ret = plain_json(arg0, arg1 >>> 0, arg2 >>> 0);
      return ret;
    },
    __wbg_slice_8c7f01d7eb703b4e: function(arg0, arg1, arg2) {
      const ret = arg0.slice(arg1 >>> 0, arg2 >>> 0);
      return ret;
    },
    __wbg_toISOString_51ebc75332aba76a: function(arg0) {
      const ret = arg0.toISOString();
      return ret;
    },
    __wbindgen_generic_0000000000000001: function(arg0) {
      const ret = arg0;
      return ret;
    },
    __wbindgen_generic_0000000000000002: function(arg0, arg1) {
      const ret = getStringFromWasm0(arg0, arg1);
      return ret;
    },
    __wbindgen_init_externref_table: function() {
      const table = wasm.__wbindgen_externrefs;
      table.set(0, void 0);
      table.set(1024, void 0);
      table.set(1025, null);
      table.set(1026, true);
      table.set(1027, false);
    }
  };
  return {
    __proto__: null,
    "./coc_script_exec_bg.js": import0,
    "./snippets/coc-script-exec-a332d7388e5233b4/inline0.js": inline0_exports,
    "./snippets/coc-script-exec-a332d7388e5233b4/inline0.js": inline0_exports,
    "./snippets/coc-script-exec-a332d7388e5233b4/inline0.js": inline0_exports
  };
}
function addToExternrefTable0(obj) {
  const idx = wasm.__externref_table_alloc();
  wasm.__wbindgen_externrefs.set(idx, obj);
  return idx;
}
var cachedDataViewMemory0 = null;
function getDataViewMemory0() {
  if (cachedDataViewMemory0 === null || cachedDataViewMemory0.buffer.detached === true || cachedDataViewMemory0.buffer.detached === void 0 && cachedDataViewMemory0.buffer !== wasm.memory.buffer) {
    cachedDataViewMemory0 = new DataView(wasm.memory.buffer);
  }
  return cachedDataViewMemory0;
}
function getStringFromWasm0(ptr, len) {
  ptr = ptr >>> 0;
  return decodeText(getUint8ArrayMemory0().subarray(ptr, ptr + len));
}
var cachedUint8ArrayMemory0 = null;
function getUint8ArrayMemory0() {
  if (cachedUint8ArrayMemory0 === null || cachedUint8ArrayMemory0.byteLength === 0) {
    cachedUint8ArrayMemory0 = new Uint8Array(wasm.memory.buffer);
  }
  return cachedUint8ArrayMemory0;
}
function handleError(f, args) {
  try {
    return f.apply(this, args);
  } catch (e) {
    const idx = addToExternrefTable0(e);
    wasm.__wbindgen_exn_store(idx);
  }
}
function isLikeNone(x) {
  return x === void 0 || x === null;
}
function passStringToWasm0(arg, malloc, realloc) {
  if (realloc === void 0) {
    const buf = cachedTextEncoder.encode(arg);
    const ptr2 = malloc(buf.length, 1) >>> 0;
    getUint8ArrayMemory0().subarray(ptr2, ptr2 + buf.length).set(buf);
    WASM_VECTOR_LEN = buf.length;
    return ptr2;
  }
  let len = arg.length;
  let ptr = malloc(len, 1) >>> 0;
  const mem = getUint8ArrayMemory0();
  let offset = 0;
  for (; offset < len; offset++) {
    const code = arg.charCodeAt(offset);
    if (code > 127) break;
    mem[ptr + offset] = code;
  }
  if (offset !== len) {
    if (offset !== 0) {
      arg = arg.slice(offset);
    }
    ptr = realloc(ptr, len, len = offset + arg.length * 3, 1) >>> 0;
    const view = getUint8ArrayMemory0().subarray(ptr + offset, ptr + len);
    const ret = cachedTextEncoder.encodeInto(arg, view);
    offset += ret.written;
    ptr = realloc(ptr, len, offset, 1) >>> 0;
  }
  WASM_VECTOR_LEN = offset;
  return ptr;
}
function takeFromExternrefTable0(idx) {
  const value = wasm.__wbindgen_externrefs.get(idx);
  wasm.__externref_table_dealloc(idx);
  return value;
}
var cachedTextDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
cachedTextDecoder.decode();
var MAX_SAFARI_DECODE_BYTES = 2146435072;
var numBytesDecoded = 0;
function decodeText(bytes) {
  numBytesDecoded += bytes.length;
  if (numBytesDecoded >= MAX_SAFARI_DECODE_BYTES) {
    cachedTextDecoder = new TextDecoder("utf-8", { ignoreBOM: true });
    cachedTextDecoder.decode();
    numBytesDecoded = bytes.length;
  }
  return cachedTextDecoder.decode(bytes);
}
var cachedTextEncoder = new TextEncoder();
if (!("encodeInto" in cachedTextEncoder)) {
  cachedTextEncoder.encodeInto = function(arg, view) {
    const buf = cachedTextEncoder.encode(arg);
    view.set(buf);
    return {
      read: arg.length,
      written: buf.length
    };
  };
}
var WASM_VECTOR_LEN = 0;
var wasmModule;
var wasmInstance;
var wasm;
function __wbg_finalize_init(instance2, module) {
  wasmInstance = instance2;
  wasm = instance2.exports;
  wasmModule = module;
  cachedDataViewMemory0 = null;
  cachedUint8ArrayMemory0 = null;
  wasm.__wbindgen_start();
  return wasm;
}
async function __wbg_load(module, imports) {
  if (typeof Response === "function" && module instanceof Response) {
    if (!module.ok) {
      throw new Error(`failed to fetch Wasm: ${module.status} ${module.statusText} fetching '${module.url}'`);
    }
    if (typeof WebAssembly.instantiateStreaming === "function") {
      try {
        return await WebAssembly.instantiateStreaming(module, imports);
      } catch (e) {
        const validResponse = expectedResponseType(module.type);
        if (validResponse && module.headers.get("Content-Type") !== "application/wasm") {
          console.warn("`WebAssembly.instantiateStreaming` failed because your server does not serve Wasm with `application/wasm` MIME type. Falling back to `WebAssembly.instantiate` which is slower. Original error:\n", e);
        } else {
          throw e;
        }
      }
    }
    const bytes = await module.arrayBuffer();
    return await WebAssembly.instantiate(bytes, imports);
  } else {
    const instance2 = await WebAssembly.instantiate(module, imports);
    if (instance2 instanceof WebAssembly.Instance) {
      return { instance: instance2, module };
    } else {
      return instance2;
    }
  }
  function expectedResponseType(type) {
    switch (type) {
      case "basic":
      case "cors":
      case "default":
        return true;
    }
    return false;
  }
}
var __wbg_init_promise;
async function __wbg_init(module_or_path) {
  if (wasm !== void 0) return wasm;
  if (__wbg_init_promise === void 0) {
    __wbg_init_promise = __wbg_init_once(module_or_path);
    __wbg_init_promise.catch(() => {
      __wbg_init_promise = void 0;
    });
  }
  return __wbg_init_promise;
}
async function __wbg_init_once(module_or_path) {
  if (module_or_path !== void 0) {
    if (Object.getPrototypeOf(module_or_path) === Object.prototype) {
      ({ module_or_path } = module_or_path);
    } else {
      console.warn("using deprecated parameters for the initialization function; pass a single object instead");
    }
  }
  if (module_or_path === void 0) {
    throw new Error("coc-script-exec: no module to load (the package's entry passes one)");
  }
  const imports = __wbg_get_imports();
  if (typeof module_or_path === "string" || typeof Request === "function" && module_or_path instanceof Request || typeof URL === "function" && module_or_path instanceof URL) {
    module_or_path = fetch(module_or_path);
  }
  const { instance: instance2, module } = await __wbg_load(await module_or_path, imports);
  return __wbg_finalize_init(instance2, module);
}

// node_modules/coc-script-exec/instance.js
var instance;
var loading;
var failure;
function ensure_ready(name) {
  if (instance !== void 0) return;
  if (failure !== void 0) {
    throw new Error(
      `coc-script-exec: ${name} was called, but the WebAssembly module could not be read on import (${failure}). Hand it its bytes first: initSync({ module: bytes }) or \`await init({ module_or_path })\`.`
    );
  }
  throw new Error(
    `coc-script-exec: ${name} was called before the WebAssembly module was loaded. In a browser or a bundler, call \`await init()\` first (import init from "coc-script-exec"), or import from "coc-script-exec/inline", which needs no call; in Node, Deno and Bun, importing "coc-script-exec" loads it.`
  );
}
function instantiate(input) {
  if (instance !== void 0) return Promise.resolve(instance);
  loading ??= __wbg_init(input).then(
    (out) => instance = out,
    (err) => {
      loading = void 0;
      throw err;
    }
  );
  return loading;
}

// node_modules/coc-script-exec/api.js
function json_schema2(revision) {
  ensure_ready("json_schema()");
  return json_schema(revision);
}
function limits2(revision) {
  ensure_ready("limits()");
  return limits(revision);
}
function validate2(body2, options) {
  ensure_ready("validate()");
  return validate(body2, options);
}

// node_modules/coc-script-exec/standard_schema.js
function segments(pointer) {
  if (pointer === "") return void 0;
  return pointer.slice(1).split("/").map((s) => /^(0|[1-9][0-9]*)$/.test(s) ? Number(s) : s.replaceAll("~1", "/").replaceAll("~0", "~"));
}
function call_options(base, options) {
  const locale = options?.libraryOptions?.locale ?? base.locale;
  return { ...base, ...locale === void 0 ? {} : { locale } };
}
function standard_validate(base, value, options) {
  const report = validate2(value, call_options(base, options));
  if (report.valid) {
    return { value: typeof value === "string" ? JSON.parse(value) : value };
  }
  const errors = report.issues.filter((issue) => issue.severity === "error");
  const shown = errors.length > 0 ? errors : report.issues;
  return { issues: shown.map((issue) => ({ message: issue.message, path: segments(issue.path) })) };
}
function schema_for(base, options) {
  if (options?.target !== "draft-2020-12") {
    throw new Error(`coc-script-exec: only the "draft-2020-12" JSON Schema target is supported`);
  }
  return json_schema2(base.revision);
}
function create_standard_schema(options) {
  const base = {};
  if (options?.locale != null) base.locale = options.locale;
  if (options?.revision != null) {
    if (options.revision !== "page" && options.revision !== "current") {
      throw new TypeError(`coc-script-exec: revision must be "page" or "current"; got ${JSON.stringify(options.revision)}`);
    }
    base.revision = options.revision;
  }
  const input = (o) => schema_for(base, o);
  return Object.freeze({
    "~standard": Object.freeze({
      version: 1,
      vendor: "coc-script-exec",
      validate: (value, o) => standard_validate(base, value, o),
      jsonSchema: Object.freeze({ input, output: input })
    })
  });
}
var standard_schema = create_standard_schema();

// node_modules/coc-script-exec/index.js
function init(input) {
  return instantiate(input ?? { module_or_path: new URL("./coc_script_exec_bg.wasm", import.meta.url) });
}

// main-esm.js
var body = JSON.parse(decodeURIComponent(location.hash.slice(1)));
var before = null;
try {
  validate2(body);
} catch (err) {
  before = `${err.constructor.name}: ${err.message}`;
}
await init();
window.__result = { before, body, report: validate2(body), max_hosts: limits2().max_hosts, standard: standard_schema["~standard"].validate(body).issues.length };
