// Reading what the operator typed into values for the package. No judgement here: a
// value that is not what the API wants goes as it is, and the package says why. Pasted
// host lists are read by the package itself (read_hosts); what is left here writes host
// rows back into text and rewrites lines from one revision's columns into another's.

/** The revisions the console offers, the package's default first (revisions.md). */
export const REVISIONS = ["page", "current"];

/**
 * The host line format of each revision: the columns a pasted line gives, in order, and
 * those of them that may be left empty (an empty optional cell is an absent field).
 * `header` names every field a header line may name (it sets the column order).
 * - page: the four documented host fields (rules.md I1-I4).
 * - current: `resource_id` and `region_id`, then optionally `provider` and `type`; a header
 *   may also name the deprecated `agent_sn` and `project_id` (the package warns of them).
 */
export const HOST_FORMATS = {
  page: {
    columns: ["resource_id", "agent_sn", "project_id", "region_id"],
    optional: [],
    header: ["resource_id", "agent_sn", "project_id", "region_id"],
  },
  current: {
    columns: ["resource_id", "region_id", "provider", "type"],
    optional: ["provider", "type"],
    header: ["resource_id", "region_id", "provider", "type", "agent_sn", "project_id"],
  },
};

/** The four documented host fields of the page, in the order a pasted line gives them. */
export const HOST_FIELDS = HOST_FORMATS.page.columns;

/** The host format of a revision; the page's for anything unknown. */
export const hostFormat = (revision) => HOST_FORMATS[revision] ?? HOST_FORMATS.page;

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

/** Is this line of cells a header of `format`: only field names it knows, each once. */
function isHeader(cells, format) {
  if (format === HOST_FORMATS.page) {
    // Exactly the page's four fields, in any order.
    return cells.length === format.columns.length && new Set(cells).size === cells.length
      && cells.every((c) => format.columns.includes(c));
  }
  return cells.length >= 2 && new Set(cells).size === cells.length && cells.every((c) => format.header.includes(c))
    && cells.includes("resource_id");
}

/** One pasted line's cells as a host: by column, an empty optional cell left out. */
function cellsToHost(cells, columns, format) {
  const host = {};
  cells.forEach((c, k) => {
    const name = columns[k] ?? `column_${k + 1}`;
    if (c === "" && format.optional.includes(name)) return;
    host[name] = c;
  });
  return host;
}

/** The size of pasted text, counted without copying it: UTF-8 bytes (as it would be sent)
 * and lines (as read_hosts counts them). */
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

/** The columns rows are written in: the format's, without trailing optional ones no row fills. */
function writtenColumns(rows, format) {
  const columns = [...format.columns];
  while (columns.length && format.optional.includes(columns.at(-1)) && rows.every((r) => !r[columns.at(-1)])) columns.pop();
  return columns;
}

/** Host rows ({field: text}) as the revision's rows: its columns only, every one a string. */
export function hostsToRows(hosts, revision = "page") {
  const { columns } = hostFormat(revision);
  return (Array.isArray(hosts) ? hosts : []).map((host) => Object.fromEntries(columns.map((f) => {
    const v = host && typeof host === "object" ? host[f] : undefined;
    return [f, v == null ? "" : String(v)];
  })));
}

/**
 * Host rows as the package reads them: under the page every field as typed; under a
 * revision with optional columns, an empty optional cell is an absent field.
 */
export function rowsToHosts(rows, revision = "page") {
  const format = hostFormat(revision);
  return rows.map((r) => Object.fromEntries(format.columns
    .filter((f) => !(format.optional.includes(f) && r[f] === ""))
    .map((f) => [f, r[f] ?? ""])));
}

/** Host rows back to text: lines when every value survives the trip, else JSON. */
export function rowsToText(rows, revision = "page") {
  const format = hostFormat(revision);
  const columns = writtenColumns(rows, format);
  const headerLike = rows.length > 0 && isHeader(columns.map((f) => rows[0][f] ?? ""), format);
  const plain = !headerLike && rows.every((r) => columns.every((f) => !/[,\t\r\n]|^\s|\s$|^#/.test(r[f] ?? "")));
  return plain ? rows.map((r) => columns.map((f) => r[f] ?? "").join(",")).join("\n")
    : JSON.stringify(rowsToHosts(rows, revision), null, 2);
}

/** How many cells a line of `format` has when it is well formed: its required columns, up to all. */
function fits(count, format) {
  return count <= format.columns.length && count >= format.columns.length - format.optional.length;
}

/**
 * Pasted host lines, rewritten from one revision's column format into another's, line for
 * line (comments, blank lines and line numbers stay): each host keeps the fields the new
 * format has columns for, so a region stays a region. A header line becomes the new
 * format's header. A line that is not well formed in the old format (two cells under the
 * page: already in today's format) is left as it is, for the new revision to read. JSON is
 * left as it is: its objects name their fields, and the package judges them either way.
 */
export function convertHostsText(text, from, to) {
  const s = text.trim();
  if (s === "" || s[0] === "[" || s[0] === "{") return text;
  const source = hostFormat(from);
  const target = hostFormat(to);
  const parsed = [];
  let columns = null; // the header's, when there is one
  let seenHost = false;
  for (const line of text.split(/\r\n|\n|\r/)) {
    const trimmed = line.trim();
    const cells = trimmed.split(/[,\t]/).map((c) => c.trim());
    if (trimmed === "" || trimmed.startsWith("#")) {
      parsed.push({ line });
    } else if (!seenHost && isHeader(cells, source)) {
      columns = cells;
      parsed.push({ header: true });
    } else {
      seenHost = true;
      parsed.push(columns || fits(cells.length, source) ? { host: cellsToHost(cells, columns ?? source.columns, source) } : { line });
    }
  }
  const rows = hostsToRows(parsed.filter((p) => p.host).map((p) => p.host), to);
  // A value that would not survive as a cell (it holds a separator) makes JSON of it all.
  if (rows.some((r) => Object.values(r).some((v) => /[,\t\r\n]|^#/.test(v)))) return rowsToText(rows, to);
  const written = writtenColumns(rows, target);
  let k = 0;
  return parsed.map((p) => {
    if (p.header) return written.join(",");
    if (!p.host) return p.line;
    const row = rows[k++];
    return written.map((f) => row[f]).join(",");
  }).join("\n");
}
