// The hosts box's line numbers and its lines: which line a message names, where it is in
// the text, and scrolling it into view. Lines are counted as read_hosts counts them (from
// 1; "\r\n", "\n" or "\r" ends one), so a number in the gutter is the number a message says.

import { h } from "./ui.js";

/** The start and end (exclusive, before its line break) of 1-based line `line` in `text`. */
export function lineRange(text, line) {
  const breaks = /\r\n|\n|\r/g;
  let start = 0;
  for (let n = 1; n < line; n++) {
    const m = breaks.exec(text);
    if (!m) return null;
    start = m.index + m[0].length;
  }
  breaks.lastIndex = start;
  const next = breaks.exec(text);
  return [start, next ? next.index : text.length];
}

/**
 * Draws `count` line numbers in `gutter`, the lines of `marks` (line -> "error" or
 * "warning") marked. Drawn again only when the count or the marks change, so a keystroke
 * inside a line costs nothing here.
 */
export function drawGutter(gutter, count, marks) {
  const key = `${count}|${[...marks].join(";")}`;
  if (gutter.dataset.key === key) return;
  gutter.dataset.key = key;
  const rows = [];
  for (let n = 1; n <= count; n++) {
    const mark = marks.get(n);
    rows.push(h("span", { class: mark ? `ln ${mark}` : "ln", "data-line": n }, String(n)));
  }
  gutter.replaceChildren(...rows);
}

/** Keeps the gutter's numbers beside their lines while the box scrolls. */
export function followScroll(area, gutter) {
  area.addEventListener("scroll", () => { gutter.scrollTop = area.scrollTop; });
}

/** Selects 1-based line `line` of the text box and scrolls it to the middle of the box. */
export function selectLine(area, line) {
  const range = lineRange(area.value, line);
  if (!range) return;
  area.setSelectionRange(range[0], range[1]);
  const lineHeight = parseFloat(getComputedStyle(area).lineHeight) || 20;
  area.scrollTop = Math.max(0, (line - 1) * lineHeight - (area.clientHeight - lineHeight) / 2);
  area.dispatchEvent(new Event("scroll"));
}
