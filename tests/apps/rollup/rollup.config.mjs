import { readFileSync } from "node:fs";
import { nodeResolve } from "@rollup/plugin-node-resolve";

/** The page beside the bundle. */
const page = { name: "page", generateBundle() { this.emitFile({ type: "asset", fileName: "index.html", source: readFileSync("index.html") }); } };

export default { input: "main.js", output: { file: "dist/main.js", format: "es" }, plugins: [nodeResolve({ browser: true }), page] };
