// The console's server (www/serve.mjs): what it serves, what it never serves, and its
// stand-in for COC's POST /v1/job/scripts/{script_uuid}. Requests go over a raw socket so
// that the exact bytes of a target (.., %2e%2e, //) reach the server unnormalised.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { after, before, describe, test } from "node:test";

import { ROOT, startServer } from "./helpers.mjs";

let server;
let port;

before(async () => {
  server = await startServer();
  port = Number(new URL(server.url).port);
});
after(() => server?.stop());

/** One HTTP/1.1 exchange, read until the server closes: {status, headers, body}. */
function raw(method, target, { headers = {}, body = "" } = {}) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1");
    const chunks = [];
    const head = [`${method} ${target} HTTP/1.1`, "Host: 127.0.0.1", "Connection: close"];
    for (const [k, v] of Object.entries(headers)) head.push(`${k}: ${v}`);
    if (body !== "" || method === "POST") head.push(`Content-Length: ${Buffer.byteLength(body)}`);
    socket.on("connect", () => socket.write(`${head.join("\r\n")}\r\n\r\n${body}`));
    socket.on("data", (c) => chunks.push(c));
    socket.on("error", reject);
    socket.on("close", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      const split = text.indexOf("\r\n\r\n");
      const lines = text.slice(0, split).split("\r\n");
      const hdrs = Object.fromEntries(lines.slice(1).map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]));
      resolve({ status: Number(lines[0].split(" ")[1]), headers: hdrs, body: text.slice(split + 4) });
    });
  });
}

const VALID_BODY = JSON.stringify(JSON.parse(readFileSync(path.join(ROOT, "tests/fixtures/page_example.json"), "utf8")));
const withSuccessRate = (body) => {
  // The page's example sends success_rate as "100.0", which the package refuses (P3).
  const value = JSON.parse(body);
  value.execute_param.success_rate = 100;
  return JSON.stringify(value);
};

describe("static files", () => {
  test("serves the console and the package, .wasm as application/wasm, with a CSP", async () => {
    const index = await raw("GET", "/");
    assert.equal(index.status, 200);
    assert.match(index.headers["content-type"], /^text\/html/);
    assert.match(index.headers["content-security-policy"], /script-src 'self' 'wasm-unsafe-eval'/);
    assert.match(index.headers["content-security-policy"], /frame-ancestors 'none'/);
    assert.equal(index.headers["x-content-type-options"], "nosniff");
    assert.match(index.body, /<meta http-equiv="Content-Security-Policy"/);
    assert.match((await raw("GET", "/app.js")).headers["content-type"], /^text\/javascript/);
    const wasm = await raw("GET", "/pkg/coc_script_exec_bg.wasm");
    assert.equal(wasm.status, 200);
    assert.equal(wasm.headers["content-type"], "application/wasm");
    assert.equal((await raw("GET", "/pkg/coc_script_exec.js")).status, 200);
    assert.equal((await raw("HEAD", "/style.css")).status, 200);
  });

  test("never reaches a file outside www/ and pkg/, however the path is written", async () => {
    const secrets = [readFileSync(path.join(ROOT, "package.json"), "utf8").slice(0, 40), "root:x:0:0"];
    const targets = [
      "/../package.json", "/../../../../etc/passwd", "/%2e%2e/package.json", "/%2E%2E/%2E%2E/etc/passwd",
      "/.%2e/package.json", "/pkg/../../package.json", "/pkg/%2e%2e/%2e%2e/package.json", "/pkg/..%2f..%2fpackage.json",
      "/..%2fpackage.json", "/%2e%2e%2fpackage.json", "/pkg/%2e%2e%2f%2e%2e%2fpackage.json", "//etc/passwd",
      "/pkg//etc/passwd", "/%2fetc%2fpasswd", "/pkg/%2fetc%2fpasswd", "/..\\package.json", "/%5c..%5cpackage.json",
      "/pkg/..%5c..%5cpackage.json", "/%252e%252e/package.json", "/index.html%00.png", "/serve.mjs", "/.git/config",
      "/pkg/.gitignore", "http://127.0.0.1/../package.json", "/pkg/",
    ];
    for (const target of targets) {
      const res = await raw("GET", target);
      assert.ok([400, 404].includes(res.status), `${target} answered ${res.status}`);
      for (const secret of secrets) assert.ok(!res.body.includes(secret), `${target} leaked a file`);
    }
    // Dot segments above the top stop at the top, as URLs do: the console's own page.
    for (const target of ["/..", "/pkg/..", "/%2e%2e/%2e%2e/"]) {
      const res = await raw("GET", target);
      assert.equal(res.status, 200);
      assert.match(res.body, /<title>COC/);
    }
  });

  test("answers other methods on files with 405", async () => {
    assert.equal((await raw("POST", "/index.html")).status, 405);
    assert.equal((await raw("DELETE", "/app.js")).status, 405);
  });
});

describe("the stand-in API", () => {
  const at = "/v1/job/scripts/demo-restart-nginx";
  const token = { "X-Auth-Token": "test-token", "Content-Type": "application/json;charset=UTF-8" };

  test("answers 401 without X-Auth-Token", async () => {
    const res = await raw("POST", at, { body: withSuccessRate(VALID_BODY) });
    assert.equal(res.status, 401);
    assert.match(res.body, /X-Auth-Token/);
  });

  test("answers 200 with an execute_uuid shaped like the page's", async () => {
    const res = await raw("POST", at, { headers: token, body: withSuccessRate(VALID_BODY) });
    assert.equal(res.status, 200);
    assert.match(JSON.parse(res.body).data, /^SCT\d{14}[0-9a-f]{9}$/);
  });

  test("tags each answer with an X-Request-Id", async () => {
    const ok = await raw("POST", at, { headers: token, body: withSuccessRate(VALID_BODY) });
    const refused = await raw("POST", at, { headers: token, body: "{" });
    const unauthenticated = await raw("POST", at, { body: "{" });
    for (const res of [ok, refused, unauthenticated]) assert.match(res.headers["x-request-id"], /^[0-9a-f]{32}$/);
    assert.notEqual(ok.headers["x-request-id"], refused.headers["x-request-id"]);
  });

  test("answers POST /v1/job/public-scripts/{script_uuid} as /v1/job/scripts/{script_uuid}", async () => {
    const publicAt = "/v1/job/public-scripts/demo-restart-nginx";
    const ok = await raw("POST", publicAt, { headers: token, body: withSuccessRate(VALID_BODY) });
    assert.equal(ok.status, 200);
    assert.match(JSON.parse(ok.body).data, /^SCT\d{14}[0-9a-f]{9}$/);
    assert.equal((await raw("POST", publicAt, { body: withSuccessRate(VALID_BODY) })).status, 401);
    assert.equal(JSON.parse((await raw("POST", publicAt, { headers: token, body: "{" })).body).error_code, "COC.00040001");
    const unknown = await raw("POST", "/v1/job/public-scripts/no-such-script", { headers: token, body: withSuccessRate(VALID_BODY) });
    assert.equal(JSON.parse(unknown.body).error_code, "COC.00040701");
    assert.equal((await raw("GET", publicAt, { headers: token })).status, 405);
    assert.match(server.log(), /POST \/v1\/job\/public-scripts\/demo-restart-nginx -> 200/);
  });

  test("takes a body as today's API takes it: hosts of resource_id and region_id, no param_order or resourceful", async () => {
    // As Huawei's Terraform provider posts it (revisions.md).
    const current = JSON.stringify({
      execute_param: { timeout: 300, success_rate: 100, execute_user: "root", script_params: [{ param_name: "svc", param_value: "nginx" }] },
      execute_batches: [{ batch_index: 1, rotation_strategy: "CONTINUE",
        target_instances: [{ resource_id: "ecs-1", region_id: "cn-north-4" }, { resource_id: "ecs-2", region_id: "cn-north-4" }] }],
    });
    for (const target of [at, "/v1/job/public-scripts/demo-restart-nginx"]) {
      const res = await raw("POST", target, { headers: token, body: current });
      assert.equal(res.status, 200, `${target}: ${res.body}`);
    }
  });

  test("answers 204 with error_code and error_msg for a body the package rejects", async () => {
    for (const body of [VALID_BODY, "{", '{"execute_param":{"timeout":4}}']) {
      const res = await raw("POST", at, { headers: token, body });
      assert.equal(res.status, 204);
      const error = JSON.parse(res.body);
      assert.equal(error.error_code, "COC.00040001");
      assert.ok(error.error_msg.length >= 2 && error.error_msg.length <= 512);
    }
  });

  test("answers 204 COC.00040701 for a script it does not know", async () => {
    const res = await raw("POST", "/v1/job/scripts/no-such-script", { headers: token, body: withSuccessRate(VALID_BODY) });
    assert.equal(res.status, 204);
    assert.equal(JSON.parse(res.body).error_code, "COC.00040701");
  });

  test("bounds the body: over 2 MiB is 413", async () => {
    const big = "x".repeat(2 * 1024 * 1024 + 1);
    const res = await raw("POST", at, { headers: token, body: big });
    assert.equal(res.status, 413);
  });

  test("takes only POST", async () => {
    const res = await raw("GET", at, { headers: token });
    assert.equal(res.status, 405);
    assert.equal(res.headers.allow, "POST");
  });

  test("never writes the token to its log", () => {
    assert.ok(!server.log().includes("test-token"));
  });
});
