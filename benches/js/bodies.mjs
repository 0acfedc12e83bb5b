// The three bodies every benchmark judges, built deterministically.
//
//   small       the page's example, corrected (success_rate a number, resourceful added);
//               its `agent_status` stays, so it carries one unknown_field warning
//   max         the largest valid body: 200 hosts in 20 batches of 10, every host field at
//               its longest, 20 parameters with 1024-character values
//   max_errors  `max` with about 100 errors spread over every kind of rule
//
// `node benches/js/bodies.mjs --write` writes them to benches/bodies/*.json (compact JSON,
// the text that would be posted); the criterion benches read those files, and the smoke
// run checks they are still what this generator builds.

import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = dirname(fileURLToPath(import.meta.url));
export const BODIES_DIR = join(HERE, "..", "bodies");
const FIXTURE = join(HERE, "..", "..", "tests", "fixtures", "page_example.json");

/** A string of exactly `n` characters from `alphabet`, varied by `seed`. */
function fill(n, seed, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789") {
  let s = "";
  let x = seed * 2654435761 + 1;
  while (s.length < n) {
    x = (x * 1103515245 + 12345) % 2147483648;
    s += alphabet[x % alphabet.length];
  }
  return s;
}

/** The characters S5 allows, minus `.` (so no `..` can appear by chance). */
const VALUE_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-/ ?:",=+@\\[{]}';

export function small() {
  const body = JSON.parse(readFileSync(FIXTURE, "utf8"));
  body.execute_param = { resourceful: true, ...body.execute_param, success_rate: 100 };
  return body;
}

function host(k) {
  const id = `ecs-${String(k).padStart(4, "0")}-`;
  return {
    resource_id: id + fill(64 - id.length, k),
    agent_sn: fill(32, k + 1000),
    project_id: fill(32, k % 4),
    region_id: "cn-north-4-" + fill(21, k % 3),
  };
}

export function max() {
  const script_params = [];
  for (let i = 0; i < 20; i++) {
    const name = `param_${String(i + 1).padStart(2, "0")}_`;
    script_params.push({
      param_name: name + fill(64 - name.length, i + 500),
      param_value: fill(1023, i + 700, VALUE_ALPHABET) + ".",
      param_order: i + 1,
    });
  }
  const execute_batches = [];
  for (let j = 0; j < 20; j++) {
    const target_instances = [];
    for (let k = 0; k < 10; k++) target_instances.push(host(j * 10 + k));
    execute_batches.push({ batch_index: j + 1, target_instances, rotation_strategy: j === 0 ? "PAUSE" : "CONTINUE" });
  }
  return {
    execute_param: { resourceful: true, timeout: 1200, success_rate: 99.5, execute_user: "root", script_params },
    execute_batches,
  };
}

/** `max` with 95 errors and 3 warnings (98 issues: under R-LIMIT's 100, so every issue is kept). */
export function maxErrors() {
  const body = max();
  const p = body.execute_param;
  p.timeout = 4; // P2 range
  p.success_rate = 99.55; // P4 decimal_places
  p.execute_user = "admin"; // P6 must_be_root
  const sp = p.script_params;
  for (let i = 0; i < 10; i++) sp[i].param_value = sp[i].param_value.slice(0, 100 + i) + "#" + sp[i].param_value.slice(101 + i); // S5
  for (let i = 10; i < 15; i++) sp[i].param_value = sp[i].param_value.slice(0, 200) + ".." + sp[i].param_value.slice(202); // S6
  sp[15].param_name = sp[0].param_name; // S3 duplicate
  sp[16].param_order = 1; // S8 duplicate; 17 goes missing, so 18, 19, 20 are out of sequence
  sp[17].param_name = ""; // S2 length
  const b = body.execute_batches;
  for (let j = 0; j < 10; j++) b[j].rotation_strategy = "continue"; // E7 enum
  b[19].batch_index = 21; // E4 range
  b[18].note = "unknown"; // B4 warning
  for (let j = 0; j < 4; j++) for (const h of b[j].target_instances) h.agent_sn = fill(33, j); // I3 length
  for (const h of b[5].target_instances) delete h.region_id; // I5 required
  for (let k = 0; k < 5; k++) b[6].target_instances[k].project_id = ""; // I4 length
  for (let k = 5; k < 10; k++) b[6].target_instances[k].resource_id = 1000 + k; // I2 type
  b[7].target_instances[3].resource_id = b[7].target_instances[2].resource_id; // I6 warning
  b[8].target_instances[0].resource_id = b[1].target_instances[0].resource_id; // I6 warning
  return body;
}

export const BODIES = { small: small(), max: max(), max_errors: maxErrors() };

/** The compact JSON text of each body (what would be posted). */
export const TEXTS = Object.fromEntries(Object.entries(BODIES).map(([k, v]) => [k, JSON.stringify(v)]));

/** Names of bodies whose file under benches/bodies/ differs from what this module builds. */
export function staleFiles() {
  return Object.entries(TEXTS)
    .filter(([name, text]) => {
      try {
        return readFileSync(join(BODIES_DIR, `${name}.json`), "utf8") !== text + "\n";
      } catch {
        return true;
      }
    })
    .map(([name]) => name);
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes("--write")) {
  for (const [name, text] of Object.entries(TEXTS)) writeFileSync(join(BODIES_DIR, `${name}.json`), text + "\n");
  console.log(Object.entries(TEXTS).map(([k, t]) => `${k}: ${t.length} bytes`).join("\n"));
}
