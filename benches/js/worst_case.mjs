// The worst-case 1 MiB inputs (written by `cargo run --release --example worst_case` to
// target/worst_case/) judged in headless Chromium through the shipped package: the median
// time of `validate` on the text (bodies) or `build_batches` on the parsed hosts, and how
// far the wasm memory grew for it (linear memory never shrinks, so the growth over a
// fresh instance is the peak the call needed). Prints a Markdown table.
//   node benches/js/worst_case.mjs

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { launchBrowser, startServer, ROOT } from "../../tests/e2e/helpers.mjs";

const dir = path.join(ROOT, "target/worst_case");
const files = readdirSync(dir).filter((f) => f.endsWith(".json")).sort();
const server = await startServer();
const browser = await launchBrowser();
console.log("| input file | bytes | median ms (Chromium) | wasm memory growth KiB |\n|---|---:|---:|---:|");
try {
  for (const file of files) {
    const text = readFileSync(path.join(dir, file), "utf8");
    const page = await browser.newPage();
    await page.goto(`${server.url}pkg/package.json`);
    const result = await page.evaluate(async ({ text, hosts }) => {
      const pkg = await import("/pkg/index.js");
      const wasm = await pkg.default();
      const before = wasm.memory.buffer.byteLength;
      const input = hosts ? JSON.parse(text) : text;
      const run = () => (hosts ? pkg.build_batches(input, { sizes: [1, "25%"], group_by: "region_id", pause: "first" }) : pkg.validate(input));
      run();
      const grown = wasm.memory.buffer.byteLength - before;
      const times = [];
      for (let i = 0; i < 11; i++) {
        const t = performance.now();
        run();
        times.push(performance.now() - t);
      }
      times.sort((a, b) => a - b);
      return { median: times[5], grown };
    }, { text, hosts: file.startsWith("hosts") });
    console.log(`| ${file} | ${Buffer.byteLength(text)} | ${result.median.toFixed(2)} | ${Math.round(result.grown / 1024)} |`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.stop();
}
