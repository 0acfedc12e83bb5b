#!/usr/bin/env node
// The console's server, on loopback only: serves www/ at / and the package (pkg/) at /pkg/,
// and stands in for COC's `POST /v1/job/scripts/{script_uuid}` and
// `POST /v1/job/public-scripts/{script_uuid}` (the same body), judging bodies with the
// package itself: a body valid under either revision (the page's, or today's API, which
// needs no agent_sn, project_id, param_order or resourceful) is taken. Each order it takes
// is then run in memory (stand-in-orders.mjs) and answers the SDK's calls after the post:
// GET /v1/job/script/orders/{execute_uuid}[/batches[/{batch_index}]] and
// PUT /v1/job/script/orders/{execute_uuid}/operation. Node built-ins only.
//
//   node www/serve.mjs [--port 8080]        (or PORT=8080; 0 picks a free port)
//   node www/serve.mjs --error-status 400   (answer API errors with 400 instead of 204)
//   node www/serve.mjs --step-ms 2000       (the pace of a running order; tests run fast)
//   node www/serve.mjs --max-orders 100     (orders kept in memory; the oldest go first)

import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { promises as fs, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

import { HOST_STATUSES, Orders } from "./stand-in-orders.mjs";

const HOST = "127.0.0.1";
const WWW = path.dirname(fileURLToPath(import.meta.url));
const PKG = path.resolve(WWW, "../pkg");
/** The stand-in reads at most this much of a request body: twice what the package reads. */
const MAX_REQUEST_BYTES = 2 * 1024 * 1024;

/** What may be served, by extension; anything else (serve.mjs included) is not found. */
const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".wasm": "application/wasm",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ts": "text/plain; charset=utf-8",
  ".md": "text/plain; charset=utf-8",
  ".txt": "text/plain; charset=utf-8",
};

/** The same policy as the page's meta tag; the header also forbids framing. */
const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self' https: http://127.0.0.1:* http://localhost:*",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const SECURITY_HEADERS = {
  "Content-Security-Policy": CSP,
  "X-Content-Type-Options": "nosniff",
  "Referrer-Policy": "no-referrer",
  "Cross-Origin-Opener-Policy": "same-origin",
  "Cache-Control": "no-cache",
};

const { values: args } = parseArgs({
  options: {
    port: { type: "string" }, "error-status": { type: "string" }, "step-ms": { type: "string" }, "max-orders": { type: "string" },
  },
});
const port = Number(args.port ?? process.env.PORT ?? 8080);
/** The page documents 204 for API errors; another status shows what a client does then. */
const errorStatus = Number(args["error-status"] ?? process.env.STAND_IN_ERROR_STATUS ?? 204);
/** Slow enough to watch a canary pause by default; tests pass a few milliseconds. */
const stepMs = Math.max(1, Number(args["step-ms"] ?? process.env.STAND_IN_STEP_MS ?? 2000) || 2000);
const orders = new Orders({ stepMs, maxOrders: Math.max(1, Number(args["max-orders"] ?? 100) || 100) });
const knownScripts = new Set(
  JSON.parse(readFileSync(path.join(WWW, "stand-in-scripts.json"), "utf8")).scripts.map((s) => s.script_uuid),
);

/** The package, as the browser uses it, initialised synchronously from its .wasm bytes. */
async function loadPackage() {
  try {
    const pkg = await import(pathToFileURL(path.join(PKG, "coc_script_exec.js")).href);
    pkg.initSync({ module: readFileSync(path.join(PKG, "coc_script_exec_bg.wasm")) });
    return pkg;
  } catch (err) {
    console.error(`pkg/ could not be loaded (${err.message}); run scripts/build-pkg.sh. The stand-in API answers 503.`);
    return null;
  }
}
const pkg = await loadPackage();

/** An id for X-Request-Id, as the service tags each answer: 32 hex digits. */
const requestId = () => randomBytes(16).toString("hex");

function send(res, status, body = "", headers = {}) {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  res.writeHead(status, {
    ...SECURITY_HEADERS,
    "Content-Type": typeof body === "string" ? "text/plain; charset=utf-8" : "application/json;charset=UTF-8",
    "Content-Length": Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

// ---------- static files ----------

/** The file a path names inside one of the two folders, or null. */
async function resolveFile(pathname) {
  const [root, rest] = pathname.startsWith("/pkg/") ? [PKG, pathname.slice(5)] : [WWW, pathname.slice(1)];
  let rel;
  try {
    rel = decodeURIComponent(rest) || "index.html";
  } catch {
    return null;
  }
  // No parent, hidden or odd segments, whatever encoding brought them.
  if (/[\0\\]/.test(rel) || rel.split("/").some((s) => s === ".." || s.startsWith("."))) return null;
  if (!(path.extname(rel) in TYPES)) return null;
  try {
    // join, never resolve: an absolute `rel` stays under the root; realpath then follows
    // any link, and the file must still be inside the root's real path.
    const [file, realRoot] = await Promise.all([fs.realpath(path.join(root, rel)), fs.realpath(root)]);
    if (!file.startsWith(realRoot + path.sep)) return null;
    return (await fs.stat(file)).isFile() ? file : null;
  } catch {
    return null;
  }
}

async function serveFile(req, res, pathname) {
  if (req.method !== "GET" && req.method !== "HEAD") return send(res, 405, "method not allowed\n", { Allow: "GET, HEAD" });
  const file = await resolveFile(pathname);
  if (!file) return send(res, 404, "not found\n");
  const data = await fs.readFile(file);
  res.writeHead(200, { ...SECURITY_HEADERS, "Content-Type": TYPES[path.extname(file)], "Content-Length": data.length });
  res.end(req.method === "HEAD" ? undefined : data);
}

// ---------- the stand-in API ----------

/** An id shaped like the page's `SCT2023083109562601af694bf`: SCT, UTC time, 9 hex digits. */
function executeUuid() {
  const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);
  return `SCT${stamp}${randomBytes(5).toString("hex").slice(0, 9)}`;
}

/** The body, or null once a 413 has been sent. */
function readBody(req, res) {
  return new Promise((resolve, reject) => {
    if (Number(req.headers["content-length"] ?? 0) > MAX_REQUEST_BYTES) {
      tooLarge(req, res);
      return resolve(null);
    }
    const chunks = [];
    let size = 0;
    req.on("data", (chunk) => {
      size += chunk.length;
      if (size > MAX_REQUEST_BYTES) {
        req.removeAllListeners("data");
        tooLarge(req, res);
        resolve(null);
      } else chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function tooLarge(req, res) {
  send(res, 413, { error_code: "COC.00041300", error_msg: `request body over ${MAX_REQUEST_BYTES} bytes` }, { Connection: "close" });
  // Let the client finish sending (so it reads the 413), but only so much; then hang up.
  let drained = 0;
  req.on("data", (chunk) => {
    drained += chunk.length;
    if (drained > 4 * MAX_REQUEST_BYTES) req.destroy();
  });
  req.resume();
}

/**
 * An API error. As a 204, the page's documented shape: Node (like any HTTP stack) never
 * writes a body on a 204, so the stand-in writes the response itself and closes the
 * connection, so that the body cannot be taken for the start of another response.
 * Browsers drop it all the same; the console shows that case as the package reads it.
 */
function apiError(req, res, error_code, error_msg) {
  const body = JSON.stringify({ error_code, error_msg: error_msg.slice(0, 512) });
  if (errorStatus !== 204) return send(res, errorStatus, JSON.parse(body), { "X-Request-Id": res.requestId });
  const head = ["HTTP/1.1 204 No Content", "Content-Type: application/json;charset=UTF-8", "Connection: close",
    `X-Request-Id: ${res.requestId}`]
    .concat(Object.entries(SECURITY_HEADERS).map(([k, v]) => `${k}: ${v}`));
  req.socket.end(`${head.join("\r\n")}\r\n\r\n${body}`);
}

/**
 * The package's report on a body under the revision that takes it: the page's when it is
 * valid there, else today's API's (a body the page refuses may be what Huawei's own tools
 * send today). Both invalid: today's report, whose errors hold under either reading.
 */
function judge(text) {
  const page = pkg.validate(text, { revision: "page" });
  return page.valid ? page : pkg.validate(text, { revision: "current" });
}

/**
 * The stand-in's access key pair (STAND_IN_AK / STAND_IN_SK to change it): a request
 * signed with it is taken, as one signed with a real key pair is by the service.
 */
const STAND_IN_AK = process.env.STAND_IN_AK || "STANDINAK0000000000";
const STAND_IN_SK = process.env.STAND_IN_SK || "stand-in-secret-key";
/** How far X-Sdk-Date may be from the stand-in's clock, as the service allows. */
const SIGNATURE_SKEW_MS = 15 * 60 * 1000;

/**
 * Why an `SDK-HMAC-SHA256` signature (api.md "Signing like the SDKs") does not verify, or
 * null when it does: the canonical request rebuilt from what arrived (path with a
 * trailing "/", sorted query, the signed headers as lowercase-name:trimmed-value, the
 * body's SHA-256), signed again with the stand-in's SK.
 */
function signatureProblem(req, body) {
  const auth = /^SDK-HMAC-SHA256 Access=([^,]+), SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$/.exec(req.headers.authorization ?? "");
  if (!auth) return "Authorization is not SDK-HMAC-SHA256";
  const [, access, signedHeaders, signature] = auth;
  if (access !== STAND_IN_AK) return "unknown access key";
  const date = req.headers["x-sdk-date"] ?? "";
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(date);
  if (!m || Math.abs(Date.UTC(m[1], m[2] - 1, m[3], m[4], m[5], m[6]) - Date.now()) > SIGNATURE_SKEW_MS) return "X-Sdk-Date is missing or stale";
  const names = signedHeaders.split(";");
  if (names.some((n) => req.headers[n] === undefined)) return "a signed header is missing";
  const url = new URL(`http://${HOST}${req.url}`);
  const encode = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const path = url.pathname.split("/").map((seg) => encode(decodeURIComponent(seg))).join("/");
  const query = [...url.searchParams].sort(([a, x], [b, y]) => (a < b ? -1 : a > b ? 1 : x < y ? -1 : x > y ? 1 : 0))
    .map(([k, v]) => `${encode(k)}=${encode(v)}`).join("&");
  const sha256 = (data) => createHash("sha256").update(data).digest("hex");
  const canonical = [req.method, path.endsWith("/") ? path : `${path}/`, query,
    names.map((n) => `${n}:${String(req.headers[n]).trim()}\n`).join(""), signedHeaders, sha256(Buffer.from(body, "utf8"))].join("\n");
  const expected = createHmac("sha256", STAND_IN_SK).update(`SDK-HMAC-SHA256\n${date}\n${sha256(canonical)}`).digest();
  return timingSafeEqual(expected, Buffer.from(signature, "hex")) ? null : "the signature does not match";
}

/**
 * The one authentication check of every stand-in call: a token, or a request signed with
 * the stand-in's key pair over `body` (the text read; "" for a call without one). True
 * once a 401 has been sent.
 */
function refused(req, res, body = "") {
  if (req.headers["x-auth-token"]) return false;
  const problem = req.headers.authorization ? signatureProblem(req, body) : "X-Auth-Token is missing";
  if (problem === null) return false;
  send(res, 401, { error_code: "APIGW.0301", error_msg: `Incorrect IAM authentication information: ${problem}` },
    { "X-Request-Id": res.requestId });
  return true;
}

async function serveApi(req, res, scriptUuid) {
  if (req.method !== "POST") return send(res, 405, "method not allowed\n", { Allow: "POST" });
  res.requestId = requestId();
  const text = await readBody(req, res);
  if (text === null || refused(req, res, text)) return undefined;
  if (!pkg) return send(res, 503, { error_code: "COC.00050300", error_msg: "the stand-in's package (pkg/) is not built" });
  const report = judge(text);
  if (!report.valid) {
    const first = report.issues.find((i) => i.severity === "error");
    return apiError(req, res, "COC.00040001", `invalid request body: ${first.path || "/"}: ${first.message}`);
  }
  let uuid = scriptUuid;
  try {
    uuid = decodeURIComponent(scriptUuid);
  } catch { /* not decodable: cannot be a known script either */ }
  if (!knownScripts.has(uuid)) return apiError(req, res, "COC.00040701", `script ${uuid.slice(0, 80)} does not exist`);
  const execute = executeUuid();
  orders.create(execute, { script_uuid: uuid, ...JSON.parse(text) });
  return send(res, 200, { data: execute }, { "X-Request-Id": res.requestId });
}

/** A whole number from a query parameter or a body, or undefined. */
const wholeNumber = (v) => (v != null && v !== "" && Number.isSafeInteger(Number(v)) ? Number(v) : undefined);

/**
 * The calls after the post, on an order the stand-in runs: the order, its batches, one
 * batch's hosts (status, limit, marker), and an operation. Errors in the API's shape,
 * `{error_code, error_msg}`, with a 4xx status.
 */
async function serveOrder(req, res, uuid, tail, query) {
  const method = tail === "/operation" ? "PUT" : "GET";
  if (req.method !== method) return send(res, 405, "method not allowed\n", { Allow: method });
  res.requestId = requestId();
  // The body first (a GET's is ""): a signature covers it.
  const text = await readBody(req, res);
  if (text === null || refused(req, res, text)) return undefined;
  let answer;
  if (tail === "/operation") {
    let body = null;
    try {
      body = JSON.parse(text);
    } catch { /* judged below */ }
    answer = body && typeof body === "object" && !Array.isArray(body)
      ? orders.operate(uuid, { ...body, batch_index: wholeNumber(body.batch_index), instance_id: wholeNumber(body.instance_id) })
      : { status: 400, error_code: "COC.00040001", error_msg: "the body must be a JSON object" };
  } else if (tail === "") {
    answer = orders.info(uuid);
  } else if (tail === "/batches") {
    answer = orders.batchList(uuid);
  } else {
    const index = wholeNumber(tail.slice("/batches/".length));
    const status = query.get("status");
    const [limit, marker] = ["limit", "marker"].map((k) => (query.has(k) ? wholeNumber(query.get(k)) ?? Number.NaN : undefined));
    answer = index === undefined || Number.isNaN(limit) || Number.isNaN(marker) || (status !== null && !HOST_STATUSES.includes(status))
      ? { status: 400, error_code: "COC.00040001", error_msg: "batch_index, limit and marker must be whole numbers; status one of the SDK's" }
      : orders.batch(uuid, index, { status, limit, marker });
  }
  const { status = 200, ...body } = answer;
  return send(res, status, body, { "X-Request-Id": res.requestId });
}

// ---------- the server ----------

const server = http.createServer(async (req, res) => {
  try {
    // Only origin-form targets ("/..."): an absolute-form one has no business here.
    if (!req.url.startsWith("/")) return send(res, 400, "bad request\n");
    // The URL parser removes dot segments, %2e%2e included; resolveFile checks the rest.
    const { pathname } = new URL(`http://${HOST}${req.url}`);
    const order = /^\/v1\/job\/script\/orders\/([^/]+)(|\/batches|\/batches\/[^/]+|\/operation)$/.exec(pathname);
    if (order) {
      let uuid = order[1];
      try {
        uuid = decodeURIComponent(uuid);
      } catch { /* not decodable: no order has that id */ }
      await serveOrder(req, res, uuid, order[2], new URL(`http://${HOST}${req.url}`).searchParams);
      console.log(`${req.method} /v1/job/script/orders/${order[1].slice(0, 80)}${order[2]} -> ${res.statusCode}`);
      return undefined;
    }
    const api = /^(\/v1\/job\/(?:public-)?scripts\/)([^/]+)$/.exec(pathname);
    if (api) {
      await serveApi(req, res, api[2]);
      console.log(`${req.method} ${api[1]}${api[2].slice(0, 80)} -> ${res.headersSent ? res.statusCode : errorStatus}`);
      return undefined;
    }
    return await serveFile(req, res, pathname);
  } catch (err) {
    console.error(`error serving ${req.method}: ${err.message}`);
    if (!res.headersSent) send(res, 500, "internal error\n");
    return undefined;
  }
});

server.on("error", (err) => {
  console.error(err.code === "EADDRINUSE" ? `port ${port} is in use: try --port or PORT=` : err.message);
  process.exit(1);
});
server.listen(port, HOST, () => {
  console.log(`Console: http://${HOST}:${server.address().port}/`);
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => { orders.close(); process.exit(0); });
