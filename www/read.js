// Reading what the operator typed into values for the package. No judgement here: a
// value that is not what the API wants goes as it is, and the package says why. Pasted
// host lists are read by the package itself (read_hosts); what is left here writes host
// rows back into text and rewrites lines from one revision's columns into another's.

/** The revisions the console offers, the package's default first (revisions.md). */
export const REVISIONS = ["page", "current"];

/**
 * The host line format of a revision, read from the package's JSON Schema of a host
 * (json_schema(revision), `$defs.ExecuteResourceInstance`), so the page holds no list of
 * fields: `columns`, the cells a pasted line gives in order (the required fields, then
 * the optional text fields that are not deprecated); `optional`, those a line may leave
 * empty (an empty optional cell is an absent field); `header`, every text field a header
 * line may name (deprecated ones too: the package warns of them).
 * - page: resource_id, agent_sn, project_id, region_id (rules.md I1-I4).
 * - current: resource_id and region_id, then provider and type.
 */
export function formatFromSchema(schema) {
  const host = schema?.$defs?.ExecuteResourceInstance ?? {};
  const required = Array.isArray(host.required) ? host.required : [];
  const text = Object.entries(host.properties ?? {}).filter(([, p]) => [].concat(p?.type).includes("string"));
  const optional = text.filter(([k, p]) => !required.includes(k) && !p.deprecated).map(([k]) => k);
  return { columns: [...required, ...optional], optional, header: text.map(([k]) => k) };
}

/** The formats read from the package (learnFormats), by revision. */
const FORMATS = new Map();

/** Reads each revision's host format from the package, once it is loaded. */
export function learnFormats(pkg) {
  for (const revision of REVISIONS) FORMATS.set(revision, formatFromSchema(pkg.json_schema(revision)));
}

/** Before the package has loaded: no columns known yet. */
const UNKNOWN = { columns: [], optional: [], header: [], unknown: true };

/** The host format of a revision; the page's for anything unknown; UNKNOWN before the package loads. */
export const hostFormat = (revision) => FORMATS.get(revision) ?? FORMATS.get(REVISIONS[0]) ?? UNKNOWN;

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
  if (format.optional.length === 0) {
    // A revision without optional columns (the page): exactly its fields, in any order.
    return cells.length === format.columns.length && new Set(cells).size === cells.length
      && cells.every((c) => format.columns.includes(c));
  }
  return cells.length >= 2 && new Set(cells).size === cells.length && cells.every((c) => format.header.includes(c))
    && cells.includes("resource_id");
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

/**
 * Pasted host lines, rewritten from one revision's column format into another's, line for
 * line (comments, blank lines and line numbers stay): the package reads the text under the
 * old revision (read_hosts), and each host it read is written back on its own line in the
 * new revision's columns, so a region stays a region. A line the package flagged, or one
 * that is no whole row of the old format, is left as it is, for the new revision to read. Text with a header row is left as it is (the header
 * names the fields for any revision), and so is JSON (its objects name their fields).
 */
export function convertHostsText(text, from, to, readHosts) {
  const s = text.trim();
  if (s === "" || s[0] === "[" || s[0] === "{") return text;
  const { hosts, lines, issues } = readHosts(text, { revision: from });
  const physical = text.split(/\r\n|\n|\r/);
  const firstContent = physical.findIndex((l) => l.trim() !== "" && !l.trim().startsWith("#")) + 1;
  // A header row: the first host starts after the first line with content.
  if (hosts.length === 0 || lines[0] !== firstContent) return text;
  // A host the package flagged, or one that is not a whole row of the old format (a
  // missing required cell, an extra one): its line stays as typed, for the new revision to read.
  const source = hostFormat(from);
  const required = source.columns.filter((f) => !source.optional.includes(f));
  const whole = (h) => required.every((f) => typeof h?.[f] === "string" && h[f] !== "")
    && Object.keys(h).every((f) => source.columns.includes(f));
  const flagged = new Set(issues.map((i) => /^\/hosts\/(\d+)/.exec(i.path)?.[1]).filter(Boolean).map(Number));
  hosts.forEach((h, k) => { if (!whole(h)) flagged.add(k); });
  const rows = hostsToRows(hosts, to);
  // A value that would not survive as a cell (it holds a separator) makes JSON of it all.
  const kept = rows.filter((_, k) => !flagged.has(k));
  if (kept.some((r) => Object.values(r).some((v) => /[,;\t\r\n"]|^#|^\s|\s$/.test(v)))) return rowsToText(kept, to);
  const written = writtenColumns(kept, hostFormat(to));
  const out = [...physical];
  hosts.forEach((_, k) => {
    if (!flagged.has(k) && lines[k] >= 1 && lines[k] <= out.length) out[lines[k] - 1] = written.map((f) => rows[k][f]).join(",");
  });
  return out.join("\n");
}
