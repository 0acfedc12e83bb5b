// The package's README (what the registry shows): js/README.md with its {{size}} fields
// filled from the files just built, and the "Where it runs" section of docs/javascript.md
// put in at `<!-- include: where-it-runs -->`, so the two never say different things.
import { readFileSync } from "node:fs";

/** The section of docs/javascript.md between its where-it-runs markers. */
function where_it_runs(doc) {
  const m = doc.match(/<!-- where-it-runs -->\n([\s\S]*?)<!-- \/where-it-runs -->/);
  if (!m) throw new Error("readme.mjs: docs/javascript.md has no <!-- where-it-runs --> section");
  if (/\]\((?!https?:|#)/.test(m[1])) throw new Error("readme.mjs: the where-it-runs section has a relative link, which the registry cannot follow");
  return m[1];
}

/** js/README.md filled in with `fields` (`{{name}}` each). */
export function package_readme(root, fields) {
  const template = readFileSync(`${root}js/README.md`, "utf8");
  const doc = readFileSync(`${root}docs/javascript.md`, "utf8");
  const text = template
    .replace("<!-- include: where-it-runs -->\n", () => where_it_runs(doc))
    .replace(/\{\{(\w+)\}\}/g, (all, name) => {
      if (!(name in fields)) throw new Error(`readme.mjs: js/README.md asks for {{${name}}}, which the build does not know`);
      return fields[name];
    });
  if (/\]\((?!https?:|#)/.test(text)) throw new Error("readme.mjs: the package README has a relative link, which the registry cannot follow");
  return text;
}
