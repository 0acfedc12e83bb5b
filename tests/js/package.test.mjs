// pkg/ as it ships: its package.json, the Node quick start run as written in
// docs/javascript.md against the package installed by name, every entry in a fresh Node
// process (the clear Error before init, require(), the inlined module), and the browser
// quick start (an ES module and init()) in headless Chromium. Everything loads the .wasm
// that ships. tests/apps/ runs the packed package in real apps and bundlers.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
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
  assert.equal(pkg.repository, undefined, "no repository until there is a real one");
  // Node (Deno, Bun) gets the entry that reads the module on import; everything else the
  // ES module whose init() fetches it; "types" everywhere beside the file it describes.
  const node = { require: { types: "./index.d.cts", default: "./node.cjs" }, types: "./index.d.ts", default: "./node.js" };
  assert.deepEqual(pkg.exports["."], { node, types: "./index.d.ts", default: "./index.js" });
  assert.deepEqual(pkg.exports["./inline"], { node, types: "./inline.d.ts", default: "./inline.js" });
  assert.equal(pkg.exports["./coc_script_exec_bg.wasm"].default, "./coc_script_exec_bg.wasm");
  assert.deepEqual(pkg.sideEffects, ["./node.js", "./node.cjs", "./inline.js"]);
  for (const f of pkg.files) assert.ok(existsSync(pkgDir + f), `${f} is listed but missing`);
  for (const f of ["index.js", "node.js", "node.cjs", "inline.js", "coc_script_exec.js", "coc_script_exec_bg.wasm", "snippets/", "LICENSE-MIT", "LICENSE-APACHE"]) {
    assert.ok(pkg.files.includes(f), f);
  }
});

test("the package README is for npm: JavaScript first, no relative link, sizes filled in", () => {
  const readme = readFileSync(`${pkgDir}README.md`, "utf8");
  assert.doesNotMatch(readme, /\]\((?!https?:|#)/, "a relative link does not resolve on the registry page");
  assert.doesNotMatch(readme, /\{\{\w+\}\}/);
  assert.match(readme.slice(0, 2000), /import .* from "coc-script-exec"/);
  const wasm = readFileSync(`${pkgDir}coc_script_exec_bg.wasm`).length.toLocaleString("en-US");
  assert.ok(readme.includes(wasm), `the README does not give the .wasm's size (${wasm} bytes)`);
  assert.match(readme, /Where it runs/);
});

/** Runs `code` as an ES module (or CommonJS with `cjs`) in a fresh Node in pkg/; its stdout as JSON. */
function fresh(code, cjs = false) {
  const args = cjs ? ["-e", code] : ["--input-type=module", "-e", code];
  return JSON.parse(execFileSync(process.execPath, args, { cwd: pkgDir, encoding: "utf8" }));
}

test("before init, every export of the browser entry throws one clear Error", () => {
  const out = fresh(`
    const lib = await import("./index.js");
    const calls = {
      validate: () => lib.validate({}), limits: () => lib.limits(), json_schema: () => lib.json_schema(),
      build_batches: () => lib.build_batches([]), parse_response: () => lib.parse_response(200, ""),
      standard_schema: () => lib.standard_schema["~standard"].validate({}),
      created: () => lib.create_standard_schema({ locale: "zh-CN" })["~standard"].validate({}),
    };
    const seen = {};
    for (const [name, call] of Object.entries(calls)) {
      try { call(); seen[name] = "returned"; } catch (e) { seen[name] = e.constructor.name + ": " + e.message; }
    }
    console.log(JSON.stringify(seen));`);
  for (const [name, seen] of Object.entries(out)) {
    assert.match(seen, /^Error: coc-script-exec: .* was called before the WebAssembly module was loaded\. .*call `await init\(\)` first/, name);
  }
});

test("Node: the node entry, node.cjs by require() and the inlined entry all work with no init call", () => {
  const esm = fresh(`const m = await import("./node.js"); const i = await m.default();
    console.log(JSON.stringify({ r: m.validate({}), mem: i.memory.buffer.byteLength > 0 }));`);
  const cjs = fresh(`const m = require("./node.cjs"); console.log(JSON.stringify({ r: m.validate({}), init: typeof m.default }));`, true);
  const inline = fresh(`const m = await import("./inline.js"); console.log(JSON.stringify({ r: m.validate({}) }));`);
  const expected = lib.validate({});
  assert.ok(expected.issues.length > 0);
  assert.deepEqual(esm, { r: expected, mem: true });
  assert.deepEqual(cjs, { r: expected, init: "function" });
  assert.deepEqual(inline, { r: expected });
});

test("Node: when the .wasm cannot be read on import, importing still works and the exports say why", () => {
  const dir = mkdtempSync(join(tmpdir(), "coc-nowasm-"));
  try {
    cpSync(pkgDir, dir, { recursive: true });
    rmSync(join(dir, "coc_script_exec_bg.wasm"));
    const out = JSON.parse(
      execFileSync(process.execPath, ["--input-type=module", "-e", `
        const m = await import("./node.js");
        let before; try { m.limits(); } catch (e) { before = e.constructor.name + ": " + e.message; }
        m.initSync({ module: (await import("node:fs")).readFileSync(${JSON.stringify(`${pkgDir}coc_script_exec_bg.wasm`)}) });
        console.log(JSON.stringify({ before, after: m.limits().max_hosts }));`], { cwd: dir, encoding: "utf8" }),
    );
    assert.match(out.before, /^Error: coc-script-exec: limits\(\) was called, but the WebAssembly module could not be read on import \(.*ENOENT.*\)\. Hand it its bytes first: initSync/);
    assert.equal(out.after, lib.limits().max_hosts);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
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
