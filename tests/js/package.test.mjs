// pkg/ as it ships: its package.json, the Node quick start run as written in
// docs/javascript.md against the package installed by name, and the browser quick start
// (an ES module and init()) in headless Chromium. Everything loads the .wasm that ships.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { tmpdir } from "node:os";
import { extname, join } from "node:path";
import { test } from "node:test";
import { chromium } from "playwright-core";
import { lib, pkgDir, root, validBody } from "./helpers.mjs";

const pkg = JSON.parse(readFileSync(`${pkgDir}package.json`, "utf8"));

test("package.json names, types and ships every file", () => {
  const cargoVersion = readFileSync(`${root}Cargo.toml`, "utf8").match(/^version = "(.+)"$/m)[1];
  assert.equal(pkg.name, "coc-script-exec");
  assert.equal(pkg.version, cargoVersion);
  assert.equal(pkg.type, "module");
  assert.ok(pkg.description.length > 0);
  assert.ok(pkg.license.length > 0);
  assert.equal(pkg.main, "index.js");
  assert.equal(pkg.types, "index.d.ts");
  assert.equal(pkg.sideEffects, false);
  assert.deepEqual(pkg.exports["."], { types: "./index.d.ts", default: "./index.js" });
  for (const f of pkg.files) assert.ok(existsSync(pkgDir + f), `${f} is listed but missing`);
  for (const f of ["index.js", "coc_script_exec.js", "coc_script_exec_bg.wasm", "snippets/"]) assert.ok(pkg.files.includes(f), f);
});

test("the .wasm that ships exports the API", async () => {
  const module = await WebAssembly.compile(readFileSync(`${pkgDir}coc_script_exec_bg.wasm`));
  const names = WebAssembly.Module.exports(module).map((e) => e.name);
  for (const f of ["validate", "build_batches", "build_request", "parse_response", "limits", "json_schema", "memory"]) {
    assert.ok(names.includes(f), f);
  }
});

test("Node: the quick start, with the package installed by name", () => {
  const dir = mkdtempSync(join(tmpdir(), "coc-node-"));
  try {
    mkdirSync(join(dir, "node_modules"));
    symlinkSync(pkgDir, join(dir, "node_modules", "coc-script-exec"), "dir");
    writeFileSync(join(dir, "package.json"), '{"type": "module"}');
    const doc = readFileSync(`${root}docs/javascript.md`, "utf8");
    const snippet = doc.match(/<!-- node-quick-start -->\n```js\n([\s\S]*?)```/)[1];
    writeFileSync(join(dir, "main.js"), snippet);
    const out = execFileSync(process.execPath, ["main.js"], { cwd: dir, encoding: "utf8" });
    assert.match(out, /valid: false/);
    assert.match(out, /execute_batches/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("browser: an ES module calling init(), in headless Chromium", async () => {
  const types = { ".js": "text/javascript", ".wasm": "application/wasm", ".html": "text/html" };
  const page_html = `<!doctype html><script type="module">
    import init, { validate, limits, standard_schema } from "/pkg/index.js";
    await init();
    window.result = {
      report: validate(${JSON.stringify(JSON.stringify(validBody()))}),
      max_hosts: limits().max_hosts,
      issues: standard_schema["~standard"].validate({}).issues.length,
    };
  </script>`;
  const server = createServer((req, res) => {
    const path = req.url === "/" ? null : req.url.replace(/^\/pkg\//, "");
    if (path === null) return res.writeHead(200, { "content-type": types[".html"] }).end(page_html);
    const file = join(pkgDir, path);
    if (!file.startsWith(pkgDir) || !existsSync(file)) return res.writeHead(404).end();
    res.writeHead(200, { "content-type": types[extname(file)] ?? "application/octet-stream" }).end(readFileSync(file));
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu"],
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e));
    await page.goto(`http://127.0.0.1:${server.address().port}/`);
    const result = await page.waitForFunction(() => window.result, null, { timeout: 20_000 }).then((h) => h.jsonValue());
    assert.deepEqual(errors, []);
    assert.deepEqual(result.report, lib.validate(validBody()));
    assert.equal(result.max_hosts, lib.limits().max_hosts);
    assert.equal(result.issues, 2);
  } finally {
    await browser.close();
    server.close();
  }
});
