// Reading what the operator typed into values for the package. No judgement here: a
// value that is not what the API wants goes as it is, and the package says why.

/** The four documented host fields, in the order a pasted line gives them. */
export const HOST_FIELDS = ["resource_id", "agent_sn", "project_id", "region_id"];

/** A typed number as a JSON number when it is one, else the text as typed; "" is absent. */
export function readNumber(text) {
  const s = text.trim();
  if (s === "") return undefined;
  try {
    const value = JSON.parse(s);
    if (typeof value === "number") return value;
  } catch { /* not a number: the text goes as it is, and the package says why */ }
  return s;
}

/**
 * Pasted hosts: a JSON array (or any JSON, which build_batches judges), or lines of
 * `resource_id,agent_sn,project_id,region_id` (comma or tab). A first line naming the four
 * fields is a header that sets the column order; `#` starts a comment line. Returns the
 * hosts and, for lines, the line number of each host; for JSON that does not parse,
 * `syntaxAt(text)`, which says where it breaks.
 */
export function readHostsText(text, syntaxAt) {
  const s = text.trim();
  if (s === "") return { hosts: [], lines: [] };
  if (s[0] === "[" || s[0] === "{") {
    try {
      return { hosts: JSON.parse(s), lines: null };
    } catch {
      return { syntax: syntaxAt(text) };
    }
  }
  const hosts = [];
  const lines = [];
  let columns = HOST_FIELDS;
  text.split(/\r\n|\n|\r/).forEach((line, i) => {
    const trimmed = line.trim();
    if (trimmed === "" || trimmed.startsWith("#")) return;
    const cells = trimmed.split(/[,\t]/).map((c) => c.trim());
    const header = cells.length === HOST_FIELDS.length && new Set(cells).size === cells.length
      && cells.every((c) => HOST_FIELDS.includes(c));
    if (header && hosts.length === 0) {
      columns = cells;
      return;
    }
    hosts.push(Object.fromEntries(cells.map((c, k) => [columns[k] ?? `column_${k + 1}`, c])));
    lines.push(i + 1);
  });
  return { hosts, lines };
}

/** The size of pasted text, counted without copying it: UTF-8 bytes (as it would be sent)
 * and lines (as readHostsText splits them). */
export function measureText(text) {
  let bytes = 0;
  let lines = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) {
      bytes += 1;
      if (c === 10) lines += 1;
      else if (c === 13 && text.charCodeAt(i + 1) !== 10) lines += 1;
    } else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) { bytes += 4; i += 1; }
    else bytes += 3;
  }
  return { bytes, lines };
}

/** Host rows back to text: lines when every value survives the trip, else JSON. */
export function rowsToText(rows) {
  const headerLike = rows.length > 0 && HOST_FIELDS.every((f) => HOST_FIELDS.includes(rows[0][f]));
  const plain = !headerLike && rows.every((r) => HOST_FIELDS.every((f) => !/[,\t\r\n]|^\s|\s$|^#/.test(r[f])));
  return plain ? rows.map((r) => HOST_FIELDS.map((f) => r[f]).join(",")).join("\n") : JSON.stringify(rows, null, 2);
}

