#!/usr/bin/env node
// The console's server, on loopback only: serves www/ at / and the package (pkg/) at /pkg/,
// and stands in for COC's `POST /v1/job/scripts/{script_uuid}` and
// `POST /v1/job/public-scripts/{script_uuid}` (the same body), judging bodies with the
// package itself: a body valid under either revision (the page's, or today's API, which
// needs no agent_sn, project_id, param_order or resourceful) is taken. Node built-ins only.
//
//   node www/serve.mjs [--port 8080]        (or PORT=8080; 0 picks a free port)
//   node www/serve.mjs --error-status 400   (answer API errors with 400 instead of 204)

import { randomBytes } from "node:crypto";
import { promises as fs, readFileSync } from "node:fs";
import http from "node:http";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";

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
  options: { port: { type: "string" }, "error-status": { type: "string" } },
});
const port = Number(args.port ?? process.env.PORT ?? 8080);
/** The page documents 204 for API errors; another status shows what a client does then. */
const errorStatus = Number(args["error-status"] ?? process.env.STAND_IN_ERROR_STATUS ?? 204);
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

async function serveApi(req, res, scriptUuid) {
  if (req.method !== "POST") return send(res, 405, "method not allowed\n", { Allow: "POST" });
  res.requestId = requestId();
  if (!req.headers["x-auth-token"]) {
    return send(res, 401, { error_code: "APIGW.0301", error_msg: "Incorrect IAM authentication information: X-Auth-Token is missing" },
      { "X-Request-Id": res.requestId });
  }
  const text = await readBody(req, res);
  if (text === null) return undefined;
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
  return send(res, 200, { data: executeUuid() }, { "X-Request-Id": res.requestId });
}

// ---------- the server ----------

const server = http.createServer(async (req, res) => {
  try {
    // Only origin-form targets ("/..."): an absolute-form one has no business here.
    if (!req.url.startsWith("/")) return send(res, 400, "bad request\n");
    // The URL parser removes dot segments, %2e%2e included; resolveFile checks the rest.
    const { pathname } = new URL(`http://${HOST}${req.url}`);
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
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => process.exit(0));
