// Builds src/main.js with webpack 5's defaults for a production web bundle, and the page.
import { copyFileSync, mkdirSync } from "node:fs";
import webpack from "webpack";

const compiler = webpack({
  mode: "production",
  context: import.meta.dirname,
  entry: "./src/main.js",
  output: { path: `${import.meta.dirname}/dist`, clean: true },
});
compiler.run((err, stats) => {
  if (err || stats.hasErrors()) {
    console.error(err ?? stats.toString("errors-only"));
    process.exit(1);
  }
  mkdirSync("dist", { recursive: true });
  copyFileSync("index.html", "dist/index.html");
  compiler.close(() => {});
});
