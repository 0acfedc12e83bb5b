// Issue #13, "the console as an operator's tool": one test per numbered finding (its number
// in the title), each able to fail without its fix, and axe-core (0 violations) in every
// state these tests reach. The real server, package and Chromium, as in console.test.mjs.
//   node --test tests/e2e/issue13.test.mjs

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, test } from "node:test";

import { ROOT, assertAxe, field, hostLines, messagesAt, openConsole, sharedConsole, startServer } from "./helpers.mjs";

const TOKEN = "tok-13-operator";
const KNOWN_SCRIPT = "demo-restart-nginx"; // in www/stand-in-scripts.json
const shared = sharedConsole();
const open = (viewport) => openConsole(shared.browser, shared.server.url, viewport);
const text = (page, selector) => page.locator(selector).first().textContent();

/** Every POST the page sent to the scripts API. */
function watchPosts(page) {
  const posts = [];
  page.on("request", (r) => {
    if (r.method() === "POST" && /\/v1\/job\/(public-)?scripts\//.test(new URL(r.url()).pathname)) posts.push(r.url());
  });
  return posts;
}

async function fillValid(page, hosts = hostLines(3, ["cn-north-4"])) {
  await field(page, "/script_uuid").fill(KNOWN_SCRIPT);
  await page.locator("#f-token").fill(TOKEN);
  await field(page, "/hosts").fill(hosts);
}

/** A deterministic 36-character UUID, as real ECS ids are. */
const uuid = (n, salt) => {
  const hex = (n * 2654435761 + salt * 40503).toString(16).padStart(8, "0").slice(-8);
  return `${hex}-${hex.slice(0, 4)}-4${hex.slice(1, 4)}-a${hex.slice(5, 8)}-${hex}${hex.slice(0, 4)}`;
};
/** `count` hosts in page lines: UUID resource ids, 32-digit agent serial numbers (agent_sn's most). */
const uuidHosts = (count) => Array.from({ length: count }, (_, i) =>
  `${uuid(i + 1, 1)},${uuid(i + 1, 2).replaceAll("-", "")},0a1b2c3d4e5f,${["cn-north-4", "cn-south-1"][i % 2]}`).join("\n");

/** Posts the form as it is: Post, then the confirmation's "Post it". */
async function postConfirmed(page) {
  await page.locator("#post").click();
  await page.locator("#confirm-yes").click();
}

describe("issue 13: the console as an operator's tool", () => {
  test("finding 1: a quoted CSV paste is read by the package: the header is no host, quotes are gone, a fifth column is one warning, ; works", async () => {
    const { page, problems, close } = await open();
    await fillValid(page);
    const rows = hostLines(3, ["cn-north-4"]).split("\n").map((l) => l.split(",").map((c) => `"${c}"`).join(","));
    await field(page, "/hosts").fill(`"resource_id","agent_sn","project_id","region_id"\n${rows.join("\n")}`);
    const chips = await page.locator("#batches .chip").allTextContents();
    assert.deepEqual(chips, ["ecs-cn-north-4-01", "ecs-cn-north-4-02", "ecs-cn-north-4-03"]);
    assert.deepEqual(await messagesAt(page, "/hosts"), []);
    assert.equal(await page.locator("#post").isDisabled(), false);
    await assertAxe(page, "quoted CSV read");
    // A fifth column: one warning at the header's line, and never a host or a field.
    await field(page, "/hosts").fill(`resource_id,agent_sn,project_id,region_id,owner\n${hostLines(3, ["cn-north-4"]).split("\n").map((l) => `${l},ops`).join("\n")}`);
    const fifth = await messagesAt(page, "/hosts");
    assert.equal(fifth.length, 1);
    assert.equal(fifth[0].severity, "warning");
    assert.match(fifth[0].text, /^WarningLine 1 · .*owner/);
    assert.equal(await page.locator("#batches .chip").count(), 3);
    assert.ok(!(await text(page, "#body-text")).includes("ops"));
    // Semicolons (a spreadsheet's CSV in many locales) read as columns.
    await field(page, "/hosts").fill(hostLines(3, ["cn-north-4"]).replaceAll(",", ";"));
    assert.deepEqual(await messagesAt(page, "/hosts"), []);
    assert.equal(await page.locator("#batches .chip").count(), 3);
    assert.deepEqual(problems, []);
    await close();
  });

  test("finding 2: Post asks first, then makes exactly one POST; disabled after success until the form changes, which clears the result", async () => {
    const { page, problems, close } = await open();
    const posts = watchPosts(page);
    await fillValid(page, hostLines(37, ["cn-north-4"]));
    await field(page, "/plan/sizes").fill("1, 25%");
    await field(page, "/plan/pause").selectOption("first");
    await page.locator("#post").click();
    assert.equal(await page.locator("#confirm-run").isVisible(), true);
    assert.match(await text(page, "#confirm-text"),
      /^Run script demo-restart-nginx on 37 hosts in 5 batches, pausing after batch 1, under revision The API page \(page\), to http:\/\/127\.0\.0\.1:\d+ \(Local stand-in\)\?$/);
    assert.equal(await page.evaluate(() => document.activeElement.id), "confirm-yes");
    assert.equal(posts.length, 0, "nothing is posted before the confirmation");
    await assertAxe(page, "confirmation");
    // Back sends nothing.
    await page.locator("#confirm-no").click();
    assert.equal(posts.length, 0);
    // Two quick clicks on the confirmation: one POST.
    await page.locator("#post").click();
    await page.locator("#confirm-yes").dblclick();
    await page.waitForSelector("#outcome.ok");
    await page.waitForTimeout(200);
    assert.equal(posts.length, 1);
    // Focus moves to the result.
    assert.equal(await page.evaluate(() => document.activeElement.id), "outcome");
    assert.equal(await page.locator("#post").isDisabled(), true);
    assert.match(await text(page, "#post"), /Posted/);
    await page.locator("#post").click({ force: true });
    await page.waitForTimeout(200);
    assert.equal(posts.length, 1, "a second run needs a changed form");
    await assertAxe(page, "posted");
    // An edited form clears the old result and may be posted again.
    await field(page, "/execute_param/timeout").fill("301");
    assert.equal(await page.locator("#outcome").isHidden(), true);
    assert.equal(await page.locator("#post").isDisabled(), false);
    // A form edited while the confirmation is open closes it: it asked about another request.
    await page.locator("#post").click();
    await field(page, "/execute_param/timeout").fill("302");
    assert.equal(await page.locator("#confirm-run").isHidden(), true);
    assert.equal(posts.length, 1);
    assert.deepEqual(problems, []);
    await close();
  });

  test("finding 3: the endpoint names the package's default, and the stand-in is badged on the form and on the result", async () => {
    const { page, problems, close } = await open();
    const fallback = await page.evaluate(async () => new URL((await import("/pkg/coc_script_exec.js")).build_order_request("SCT0", {}).request.url).origin);
    assert.equal(fallback, "https://coc.myhuaweicloud.com");
    assert.ok((await text(page, "#h-endpoint")).includes(fallback));
    assert.equal(await field(page, "/endpoint").getAttribute("placeholder"), fallback);
    assert.equal(await page.locator("#endpoint-standin").isVisible(), true);
    assert.match(await text(page, "#h-endpoint-standin"), /local stand-in/);
    await fillValid(page);
    await postConfirmed(page);
    await page.waitForSelector("#outcome.ok");
    assert.equal(await page.locator("#outcome-standin").isVisible(), true);
    assert.equal(await text(page, "#outcome-standin"), "Local stand-in");
    await assertAxe(page, "posted to the stand-in");
    // Another endpoint (here the package's default, left empty) is not the stand-in.
    await field(page, "/endpoint").fill("");
    assert.equal(await page.locator("#endpoint-standin").isHidden(), true);
    assert.match(await text(page, "#curl-text"), /https:\/\/coc\.myhuaweicloud\.com\/v1\/job\/scripts\//);
    assert.deepEqual(problems, []);
    await close();
  });

  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    test(`finding 4: 36-character UUID ids stay in their batch columns, and no sideways scroll at ${viewport.width} px`, async () => {
      const { page, problems, close } = await open(viewport);
      await fillValid(page, uuidHosts(37));
      await field(page, "/plan/sizes").fill("1, 25%");
      await field(page, "/plan/group_by").selectOption("region_id");
      await field(page, "/plan/pause").selectOption("first");
      assert.equal(await page.locator("#batches .chip").count(), 37);
      const spill = await page.evaluate(() => [...document.querySelectorAll("#batches .batch")].flatMap((batch) => {
        const box = batch.getBoundingClientRect();
        return [...batch.querySelectorAll(".chip, .strategy, .group")]
          .filter((el) => { const r = el.getBoundingClientRect(); return r.left < box.left - 0.5 || r.right > box.right + 0.5; })
          .map((el) => el.textContent);
      }));
      assert.deepEqual(spill, []);
      const wide = () => page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      assert.ok(await wide() <= 0, `the page is ${await wide()} px wider than the screen`);
      await assertAxe(page, `UUID hosts at ${viewport.width} px`);
      await postConfirmed(page);
      await page.waitForSelector("#outcome.ok");
      await page.waitForSelector("#watch .watch-batch");
      assert.ok(await wide() <= 0, `posted, the page is ${await wide()} px wider than the screen`);
      await assertAxe(page, `UUID hosts posted at ${viewport.width} px`);
      assert.deepEqual(problems, []);
      await close();
    });
  }

  test("finding 5: a bad script UUID is told in the hint's own terms (letters, digits, - or _)", async () => {
    const { page, close } = await open();
    await fillValid(page);
    await field(page, "/script_uuid").fill("demo/restart");
    const [m] = await messagesAt(page, "/script_uuid");
    assert.equal(m.severity, "error");
    assert.match(await text(page, "#h-script-uuid"), /letters, digits, - or _/);
    assert.match(m.text, /letters, digits, - (or|and) _/);
    // Not the parameter-value character set (which holds the very "/" it refuses).
    assert.doesNotMatch(m.text, /[*#@=]/);
    await assertAxe(page, "bad script UUID");
    await close();
  });

  test("finding 6: a 1-host canary plan that needs too many batches is no dead end: the refusal names a size that fits, or says none does", async () => {
    const { page, limits, close } = await open();
    // 200 hosts: after a 1-host canary, 199 hosts in 19 batches cannot fit at 10 per batch.
    await fillValid(page, hostLines(200, ["cn-north-4", "cn-south-1"]));
    await field(page, "/plan/sizes").fill("1, 5");
    await field(page, "/plan/pause").selectOption("first");
    const [none] = await messagesAt(page, "/plan");
    assert.equal(none.severity, "error");
    assert.doesNotMatch(none.text, /(\d+) or more would fit|fits with \d+ hosts/, none.text);
    await assertAxe(page, "plan refused");
    // 150 hosts: the size it names really fits, the canary then that size.
    await field(page, "/hosts").fill(hostLines(150, ["cn-north-4", "cn-south-1"]));
    const [some] = await messagesAt(page, "/plan");
    const size = Number(/fits with (\d+) hosts per batch/.exec(some.text)?.[1]);
    assert.ok(size >= 1 && size <= limits.max_hosts_per_batch, some.text);
    await field(page, "/plan/sizes").fill(`1, ${size}`);
    assert.deepEqual(await messagesAt(page, "/plan"), []);
    assert.ok(await page.locator("#batches > li").count() <= limits.max_batches);
    await close();
  });

  test("finding 7: positions count from 1 in what the page shows: lines, hosts, plan entries", async () => {
    const { page, close } = await open();
    await fillValid(page, `${hostLines(2, ["cn-north-4"])}\necs-3,,proj,cn-north-4`);
    const [line] = await messagesAt(page, "/hosts");
    assert.match(line.text, /^ErrorLine 3 · /);
    assert.doesNotMatch(line.text, /\/hosts\/\d|\bhost 2\b|line 2\b/);
    await field(page, "/hosts").fill(JSON.stringify([{ resource_id: "ecs-1", agent_sn: "", project_id: "p", region_id: "cn-north-4" }]));
    const [json] = await messagesAt(page, "/hosts");
    assert.match(json.text, /^ErrorLine 1 · /);
    assert.doesNotMatch(json.text, /\/hosts\/0|\bhost 0\b|character 0/);
    await fillValid(page);
    await field(page, "/plan/sizes").fill("1, 0");
    const [entry] = await messagesAt(page, "/plan/sizes");
    assert.match(entry.text, /^Error(?!.*·).*size 2\b/); // the package's message counts from 1, said once
    assert.doesNotMatch(entry.text, /sizes\[1\]|\/plan\/sizes\/1/);
    await assertAxe(page, "positions");
    await close();
  });

  test("finding 8: line numbers beside the hosts box, the bad line marked and scrolled into view, the good hosts still drawn", async () => {
    const { page, problems, close } = await open();
    const lines = hostLines(40, ["cn-north-4"]).split("\n");
    lines[37] = "ecs-bad-38,,proj-0a1b2c,cn-north-4";
    await fillValid(page, lines.join("\n"));
    assert.equal(await page.locator("#hosts-gutter .ln").count(), 40);
    assert.deepEqual(await page.locator("#hosts-gutter .ln.error").allTextContents(), ["38"]);
    // The 39 good hosts are still drawn, the bad line named; nothing can be posted.
    assert.equal(await page.locator("#batches .chip").count(), 39);
    assert.match(await text(page, "#partial"), /line 38/);
    assert.equal(await page.locator("#post").isDisabled(), true);
    await assertAxe(page, "a bad line among good ones");
    await page.locator("#summary li.error button").first().click();
    const seen = await page.evaluate(() => {
      const area = document.getElementById("f-hosts");
      const lineHeight = parseFloat(getComputedStyle(area).lineHeight);
      const top = 37 * lineHeight;
      return {
        focused: document.activeElement === area,
        selected: area.value.slice(area.selectionStart, area.selectionEnd),
        visible: top >= area.scrollTop && top + lineHeight <= area.scrollTop + area.clientHeight,
        gutterFollows: document.getElementById("hosts-gutter").scrollTop === area.scrollTop,
      };
    });
    assert.deepEqual(seen, { focused: true, selected: "ecs-bad-38,,proj-0a1b2c,cn-north-4", visible: true, gutterFollows: true });
    assert.deepEqual(problems, []);
    await close();
  });

  test("finding 9: no token is not \"Ready to post\"; a 401 and a readable 400 show code and message, never raw JSON; a 204 says so once", async () => {
    const { page, close } = await open();
    await fillValid(page);
    await page.locator("#f-token").fill("");
    assert.doesNotMatch(await text(page, "#state"), /Ready to post/);
    assert.match(await text(page, "#state"), /no token/);
    await assertAxe(page, "no token");
    await postConfirmed(page);
    await page.waitForSelector("#outcome.api");
    assert.equal(await text(page, "#outcome dd.code"), "APIGW.0301");
    assert.doesNotMatch(await text(page, "#outcome"), /[{}]/);
    await assertAxe(page, "401");
    // A 204 (the page's documented error): the missing code and message said once.
    await page.locator("#f-token").fill(TOKEN);
    await field(page, "/script_uuid").fill("no-such-script");
    await postConfirmed(page);
    await page.waitForSelector("#outcome.api");
    const said = (await text(page, "#outcome")).split("204 response carries no body").length - 1;
    assert.equal(said, 1);
    await close();

    const loud = await startServer(["--error-status", "400"]);
    try {
      const c = await openConsole(shared.browser, loud.url);
      await fillValid(c.page);
      await field(c.page, "/script_uuid").fill("no-such-script");
      await postConfirmed(c.page);
      await c.page.waitForSelector("#outcome.api");
      assert.equal(await text(c.page, "#outcome dd.code"), "COC.00040701");
      assert.doesNotMatch(await text(c.page, "#outcome"), /[{}]|"error_code"/);
      await assertAxe(c.page, "400");
      await c.close();
    } finally {
      await loud.stop();
    }
  });

  test("finding 10: a type error speaks the operator's words, not JSON", async () => {
    const { page, close } = await open();
    await fillValid(page);
    await field(page, "/execute_param/timeout").fill("5m");
    const [m] = await messagesAt(page, "/execute_param/timeout");
    assert.equal(m.severity, "error");
    assert.doesNotMatch(m.text, /"300"|send \d+, not|JSON|string/);
    await close();
  });

  test("finding 11: on a slow link no hint shows a raw template, and what is typed before the checker is ready is kept", async () => {
    const context = await shared.browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    let release;
    const held = new Promise((resolve) => { release = resolve; });
    await page.route("**/pkg/coc_script_exec_bg.wasm", async (route) => { await held; await route.continue(); });
    await page.goto(shared.server.url);
    await page.waitForSelector("#f-timeout");
    assert.match(await text(page, "#state"), /Loading/);
    const raw = await page.evaluate(() => document.body.innerText.replaceAll("{script_uuid}", "").match(/\{\w+\}/g));
    assert.equal(raw, null, `raw templates: ${raw}`);
    await assertAxe(page, "loading");
    await field(page, "/execute_param/timeout").fill("600");
    await field(page, "/execute_param/execute_user").fill("deploy");
    await field(page, "/execute_param/success_rate").fill("95");
    release();
    await page.waitForSelector("#state.ready, #state.blocked");
    assert.equal(await field(page, "/execute_param/timeout").inputValue(), "600");
    assert.equal(await field(page, "/execute_param/execute_user").inputValue(), "deploy");
    assert.equal(await field(page, "/execute_param/success_rate").inputValue(), "95");
    assert.match(await text(page, "#h-timeout"), /5 to 1800/);
    await context.close();
  });

  test("finding 12: on a phone the status and Post stay on screen beside the hosts box", async () => {
    const { page, problems, close } = await open({ width: 390, height: 844 });
    await fillValid(page, hostLines(23, ["cn-north-4"]));
    await field(page, "/hosts").evaluate((el) => el.scrollIntoView({ block: "start" }));
    const inView = (sel) => page.locator(sel).evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= -1 && r.bottom <= innerHeight + 1 && r.height > 0;
    });
    assert.equal(await inView("#f-hosts"), true);
    assert.equal(await inView("#post"), true);
    assert.equal(await inView("#state"), true);
    // Posting from there, with its confirmation, stays in reach too.
    await page.locator("#post").click();
    assert.equal(await inView("#confirm-yes"), true);
    await assertAxe(page, "phone confirmation");
    await page.locator("#confirm-yes").click();
    await page.waitForSelector("#outcome.ok");
    assert.deepEqual(problems, []);
    await close();
  });

  test("finding 13: the form (never the token) survives a reload, can be cleared, and leaving with unsaved changes asks first", async () => {
    const { page, close } = await open();
    await fillValid(page, hostLines(5, ["cn-north-4"]));
    await page.locator("#add-param").click();
    await field(page, "/execute_param/script_params/0/param_name").fill("service");
    await field(page, "/execute_param/script_params/0/param_value").fill("nginx");
    await field(page, "/plan/sizes").fill("1, 2");
    await field(page, "/plan/pause").selectOption("first");
    await field(page, "/execute_param/timeout").fill("600");
    // The endpoint emptied on purpose (COC itself, the package's default) stays empty.
    await field(page, "/endpoint").fill("");
    await page.waitForTimeout(400);
    await page.reload();
    await page.waitForSelector("#state.ready, #state.blocked");
    assert.equal(await field(page, "/script_uuid").inputValue(), KNOWN_SCRIPT);
    assert.equal(await field(page, "/hosts").inputValue(), hostLines(5, ["cn-north-4"]));
    assert.equal(await field(page, "/execute_param/script_params/0/param_value").inputValue(), "nginx");
    assert.equal(await field(page, "/plan/sizes").inputValue(), "1, 2");
    assert.equal(await field(page, "/plan/pause").inputValue(), "first");
    assert.equal(await field(page, "/execute_param/timeout").inputValue(), "600");
    assert.equal(await page.locator("#f-token").inputValue(), "");
    assert.equal(await field(page, "/endpoint").inputValue(), "");
    assert.equal(await page.locator("#endpoint-standin").isHidden(), true);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    assert.ok(stored.includes("nginx") && !stored.includes(TOKEN));
    assert.equal(await page.locator("#batches .chip").count(), 5);
    await assertAxe(page, "restored draft");
    // Clear the form: the defaults, and nothing kept.
    await page.locator("#clear-draft").click();
    assert.equal(await field(page, "/script_uuid").inputValue(), "");
    assert.equal(await field(page, "/hosts").inputValue(), "");
    assert.equal(await field(page, "/execute_param/timeout").inputValue(), "300");
    assert.equal(await field(page, "/endpoint").inputValue(), shared.server.url.replace(/\/$/, ""));
    assert.equal(await page.locator("#param-rows > li").count(), 0);
    assert.equal(await page.evaluate(() => localStorage.getItem("coc-script-exec.draft")), null);
    await close();

    // Storage refused: the form cannot be kept, so leaving asks first.
    const context = await shared.browser.newContext();
    await context.addInitScript(() => {
      Storage.prototype.setItem = function refuse() { throw new DOMException("refused", "QuotaExceededError"); };
    });
    const p = await context.newPage();
    await p.goto(shared.server.url);
    await p.waitForSelector("#state.ready, #state.blocked");
    await field(p, "/script_uuid").click();
    await field(p, "/script_uuid").fill(KNOWN_SCRIPT);
    await p.waitForSelector("#draft-note.unsaved");
    assert.match(await text(p, "#draft-note"), /could not be kept/);
    const dialog = new Promise((resolve) => p.once("dialog", (d) => { resolve(d.type()); d.accept(); }));
    await p.close({ runBeforeUnload: true });
    assert.equal(await dialog, "beforeunload");
    await context.close();
  });

  test("import: a pasted body or a file fills the form, each of its issues at its field", async () => {
    const { page, problems, close } = await open();
    await field(page, "/script_uuid").fill(KNOWN_SCRIPT);
    await page.locator("#import summary").click();
    await assertAxe(page, "import open");
    const example = readFileSync(path.join(ROOT, "tests/fixtures/page_example.json"), "utf8");
    await page.locator("#import-text").fill(example);
    await page.locator("#import-fill").click();
    assert.match(await text(page, "#m-import"), /Filled from the body: 1 hosts in 1 batches, 1 parameters/);
    assert.equal(await field(page, "/execute_param/timeout").inputValue(), "300");
    assert.equal(await field(page, "/execute_param/script_params/0/param_value").inputValue(), "key1");
    assert.deepEqual(await page.locator("#batches .chip").allTextContents(), ["resource_id"]);
    // The example's own issues are listed with the field they are at: success_rate "100.0"
    // (a string, P3) at Success rate, agent_status (unknown) at its host's line.
    const listed = await page.locator("#m-import li").allTextContents();
    assert.ok(listed.some((l) => /Success rate/.test(l)), listed.join("\n"));
    assert.ok(listed.some((l) => /Hosts, one per line · Line \d+.*agent_status/.test(l)), listed.join("\n"));
    await assertAxe(page, "imported");
    // A file: the same, through the file input.
    const body = { execute_param: { timeout: 4, success_rate: 100, execute_user: "root" },
      execute_batches: [{ batch_index: 1, rotation_strategy: "PAUSE", target_instances: [
        { resource_id: "ecs-1", agent_sn: "sn-1", project_id: "p", region_id: "cn-north-4" }] }] };
    await page.locator("#import-file").setInputFiles({ name: "body.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(body)) });
    await page.waitForFunction(() => document.getElementById("f-timeout").value === "4");
    const [timeout] = await messagesAt(page, "/execute_param/timeout");
    assert.equal(timeout.severity, "error");
    assert.equal(await field(page, "/plan/pause").inputValue(), "first");
    assert.deepEqual(problems, []);
    await close();
  });

  test("one canary per group (the planner's canary: \"per_group\"): each region's first batch is one host and pauses", async () => {
    const { page, problems, close } = await open();
    await fillValid(page, `${hostLines(15, ["cn-north-4"])}\n${hostLines(8, ["cn-south-1"])}`);
    await field(page, "/plan/group_by").selectOption("region_id");
    await page.locator('label[for="f-canary"]').click();
    const columns = await page.locator("#batches > li").evaluateAll((lis) => lis.map((li) => [
      li.querySelectorAll(".chip").length, li.querySelector(".strategy").textContent, li.querySelector(".group").textContent]));
    const firsts = columns.filter((c, i) => i === 0 || columns[i - 1][2] !== c[2]);
    assert.deepEqual(firsts, [[1, "PAUSE", "cn-north-4"], [1, "PAUSE", "cn-south-1"]]);
    assert.equal(columns.filter((c) => c[1] === "PAUSE").length, 2);
    const body = JSON.parse(await text(page, "#body-text"));
    assert.deepEqual(body.execute_batches.map((b) => b.rotation_strategy), columns.map((c) => c[1]));
    await page.locator("#post").click();
    assert.match(await text(page, "#confirm-text"), new RegExp(`pausing after batches 1, ${columns.findIndex((c) => c[2] === "cn-south-1") + 1},`));
    await assertAxe(page, "canary per group, confirmation");
    assert.deepEqual(problems, []);
    await close();
  });

  test("dark mode follows prefers-color-scheme, with no axe violation", async () => {
    const context = await shared.browser.newContext({ colorScheme: "dark", viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await page.goto(shared.server.url);
    await page.waitForSelector("#state.ready, #state.blocked");
    const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
    const [r, g, b] = bg.match(/\d+/g).map(Number);
    assert.ok(r + g + b < 120, `the background is ${bg}`);
    await assertAxe(page, "dark, empty");
    await fillValid(page, `${hostLines(3, ["cn-north-4"])}\necs-bad,,p,cn-north-4`);
    await field(page, "/execute_param/timeout").fill("5");
    await assertAxe(page, "dark, errors and warnings");
    await field(page, "/hosts").fill(hostLines(3, ["cn-north-4"]));
    await field(page, "/plan/pause").selectOption("first");
    await postConfirmed(page);
    await page.waitForSelector("#outcome.ok");
    await assertAxe(page, "dark, posted");
    await context.close();
  });
});
