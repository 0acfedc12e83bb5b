// The shipped module has no std, so its hash maps (src/maps.rs: an object's repeated keys,
// I6's resource_ids, build_batches' hosts) are seeded from JS when it is instantiated,
// by Math.random: a fixed seed would let a crafted body make each map quadratic. Whatever
// the seed, every answer is the same.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { corpus, lib, pkgDir } from "./helpers.mjs";

const bytes = readFileSync(`${pkgDir}coc_script_exec_bg.wasm`);

/** A fresh instance of the glue and module, made while Math.random is `random`; with the
 * number of times the module asked it. */
async function instance(tag, random) {
  const glue = await import(`${pkgDir}coc_script_exec.js?${tag}`);
  const original = Math.random;
  let draws = 0;
  Math.random = () => {
    draws += 1;
    return random();
  };
  try {
    glue.initSync({ module: bytes });
  } finally {
    Math.random = original;
  }
  return { glue, draws };
}

/** Bodies that fill the maps: the corpus, an object with repeated keys past the small
 * case's linear scan, and resource_ids repeated across batches (I6). */
function bodies() {
  const repeated = `{${Array.from({ length: 400 }, (_, i) => `"k${i % 150}": ${i}`).join(",")}}`;
  const full = corpus().find((c) => c.name === "valid-full").body;
  const host = full.execute_batches[0].target_instances[0];
  full.execute_batches = Array.from({ length: 3 }, (_, b) => ({
    ...full.execute_batches[0],
    batch_index: b + 1,
    target_instances: Array.from({ length: 4 }, (_, i) => ({ ...host, resource_id: `id-${(b * 4 + i) % 5}` })),
  }));
  return [...corpus().map((c) => c.text), repeated, JSON.stringify(full)];
}

test("instantiating the module draws its maps' seed from Math.random", async () => {
  const { draws } = await instance("draws", Math.random);
  assert.ok(draws >= 1, `Math.random was asked ${draws} times`);
});

test("every seed gives the same reports and batches", async () => {
  const seeds = [() => 0, () => 0.999999999, () => 0.5, Math.random];
  const expected = bodies().map((text) => JSON.stringify(lib.validate(text)));
  const hosts = Array.from({ length: 30 }, (_, i) => ({
    resource_id: `r${i % 12}`,
    agent_sn: `sn-${i}`,
    project_id: "p1",
    region_id: "cn-north-4",
  }));
  const plan = { sizes: [5], group_by: "region_id" };
  const batches = JSON.stringify(lib.build_batches(hosts, plan));
  for (const [n, random] of seeds.entries()) {
    const { glue } = await instance(`seed${n}`, random);
    assert.deepEqual(
      bodies().map((text) => JSON.stringify(glue.validate(text))),
      expected,
      `seed ${n}`,
    );
    assert.equal(JSON.stringify(glue.build_batches(hosts, plan)), batches, `seed ${n}`);
  }
});
