// Where an issue is shown: the control at its JSON Pointer (each control's `name`), the
// slot for its messages (`data-path`), a line of the hosts box, and the link to it from
// a summary. No judgement here: the issues are the package's; this only finds their place.

import { selectLine } from "./lines.js";
import { t } from "./strings.js";
import { h } from "./ui.js";

const visible = (el) => !el.closest("[hidden]");

/** The visible elements under `root` carrying `attr`, by its value (the first of each). */
export function indexBy(root, attr) {
  const map = new Map();
  for (const el of root.querySelectorAll(`[${attr}]`)) {
    const key = el.getAttribute(attr);
    if (!map.has(key) && visible(el)) map.set(key, el);
  }
  return map;
}

/** The 1-based line of the hosts text an issue is about: its own `line`, or its host's (read_hosts' `lines`). */
export function lineOf(issue, read) {
  if (typeof issue.params?.line === "number") return issue.params.line;
  const m = /^\/hosts\/(\d+)(?:\/|$)/.exec(issue.path);
  return m && Array.isArray(read?.lines) ? read.lines[Number(m[1])] ?? null : null;
}

/**
 * Where an issue is shown: `{path, prefix, line?}`, the control at its path or the nearest
 * enclosing one. `hostsMode` and `read` (what read_hosts returned) place a pasted host's
 * issue at its line; `locale` words the prefix ("Line 4": counted from 1).
 */
export function place(issue, controls, { hostsMode, read, locale }) {
  const { path } = issue;
  const host = /^\/hosts(?:\/(\d+))?(?:\/|$)/.exec(path);
  if (host && hostsMode === "paste") {
    const line = lineOf(issue, read);
    if (line != null) return { path: "/hosts", prefix: t(locale, "line_n", { n: line }), line };
    if (host[1] !== undefined) return { path: "/hosts", prefix: t(locale, "host_n", { n: Number(host[1]) + 1 }) };
  }
  // A param_refer as a whole (or its fixed refer_type) is shown at its param_id.
  const refer = /^(\/execute_param\/script_params\/\d+\/param_refer)(?:\/refer_type)?$/.exec(path);
  if (refer && controls.has(`${refer[1]}/param_id`)) return { path: `${refer[1]}/param_id`, prefix: "" };
  // A plan entry's message names it itself ("size 2", counted from 1): no prefix to repeat it.
  if (/^\/plan\/sizes\/\d+/.test(path)) return { path: "/plan/sizes", prefix: "" };
  // The batches are the plan's output: their issues belong to the plan.
  let p = path.startsWith("/execute_batches") ? "/plan" : path;
  while (p) {
    if (controls.has(p)) return { path: p, prefix: "" };
    p = p.slice(0, p.lastIndexOf("/"));
  }
  return { path: null, prefix: "" };
}

/** The words a control is labelled with (a fieldset's legend). */
export function labelOf(control) {
  if (!control) return "";
  if (control.tagName === "FIELDSET") return control.querySelector("legend")?.textContent ?? "";
  return control.labels?.[0]?.textContent ?? control.getAttribute("aria-label") ?? "";
}

/** Moves focus to the control of a place; for a line of the hosts box, selects it and scrolls it into view. */
export function focusAt(root, at) {
  const control = indexBy(root, "name").get(at.path);
  if (!control) return;
  const target = control.tagName === "FIELDSET"
    ? control.querySelector("input:not([disabled]), select, textarea, button:not([disabled])") ?? control
    : control;
  target.focus({ preventScroll: true });
  target.scrollIntoView({ block: "center" });
  // The line itself, selected and scrolled into view inside the box (finding 8).
  if (at.line && target.tagName === "TEXTAREA") selectLine(target, at.line);
}

/** A summary entry: the issue's severity, where it is, its message; choosing it goes there. */
export function issueLink(root, locale, issue, at, controls) {
  const where = [labelOf(controls.get(at.path)), at.prefix].filter(Boolean).join(" · ");
  const link = h("button", { type: "button", class: "issue-link", disabled: !at.path },
    h("span", { class: "sev" }, t(locale, issue.severity)), where ? h("span", { class: "where" }, where) : null,
    h("span", { class: "text" }, issue.message));
  link.addEventListener("click", () => focusAt(root, at));
  return h("li", { class: issue.severity }, link);
}
