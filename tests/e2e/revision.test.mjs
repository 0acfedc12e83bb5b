// The revision switch at the console: the page (the package's default) or today's API
// ("current", as Huawei's SDK 3.1.219 and Terraform provider send it). The host format, the
// parameter rows, the previews and the posted request follow the choice; the choice is kept
// in localStorage, the token never is. The real server, package and Chromium, as in
// console.test.mjs.
//   node --test tests/e2e/revision.test.mjs

import assert from "node:assert/strict";
import { describe, test } from "node:test";

import { STRINGS } from "../../www/strings.js";
import { assertAxe, field, hostLines, messagesAt, openConsole, sharedConsole } from "./helpers.mjs";

const TOKEN = "tok-5d2e8b-revision-secret";
const KNOWN_SCRIPT = "demo-restart-nginx"; // in www/stand-in-scripts.json
/** Hosts as today's API takes them: resource_id,region_id. */
const TWO_COLUMNS = "ecs-01,cn-north-4\necs-02,cn-north-4\necs-03,cn-south-1";
/** The fields today's API no longer takes (revisions.md: deprecated, not sent). */
const DEPRECATED = ["agent_sn", "project_id", "param_order", "resourceful"];

const shared = sharedConsole();
const open = (viewport) => openConsole(shared.browser, shared.server.url, viewport);
const text = (page, selector) => page.locator(selector).first().textContent();

async function toRevision(page, revision) {
  await page.locator(`label[for="rev-${revision}"]`).click();
  assert.equal(await page.locator(`#rev-${revision}`).isChecked(), true);
}

/** limits(revision) as the page's package gives them. */
const limitsOf = (page, revision) => page.evaluate(async (r) => (await import("/pkg/coc_script_exec.js")).limits(r), revision);

/** Every key of `value` (an object or array), at any depth. */
function keysOf(value, keys = new Set()) {
  if (Array.isArray(value)) value.forEach((v) => keysOf(v, keys));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      keys.add(k);
      keysOf(v, keys);
    }
  }
  return keys;
}

/** The controls without a label, and the body controls not linked to their message slot. */
const unlabelledAndUnlinked = (page) => page.evaluate(() => ({
  unlabelled: [...document.querySelectorAll("input, select, textarea, button")]
    .filter((el) => !el.closest("[hidden]"))
    .filter((el) => !((el.labels?.length && el.labels[0].textContent.trim()) || el.getAttribute("aria-label")
      || (el.tagName === "BUTTON" && el.textContent.trim())))
    .map((el) => el.outerHTML),
  unlinked: [...document.querySelectorAll("[name^='/']")].filter((el) => {
    const slot = [...document.querySelectorAll("[data-path]")].find((s) => s.dataset.path === el.name);
    return !slot || !(el.getAttribute("aria-describedby") ?? "").split(" ").includes(slot.id);
  }).map((el) => el.name),
}));

async function addParam(page, { name, value, id, version }) {
  await page.locator("#add-param").click();
  const i = (await page.locator("#param-rows > li").count()) - 1;
  const at = `/execute_param/script_params/${i}`;
  await field(page, `${at}/param_name`).fill(name);
  await field(page, `${at}/param_value`).fill(value);
  if (id !== undefined) await field(page, `${at}/param_refer/param_id`).fill(id);
  if (version !== undefined) await field(page, `${at}/param_refer/param_version`).fill(version);
}

/** Clicks Post and returns the request the page sent to the API. */
async function postAndCapture(page) {
  const [request] = await Promise.all([
    page.waitForRequest((r) => r.method() === "POST" && new URL(r.url()).pathname.startsWith("/v1/job/")),
    page.locator("#post").click().then(() => page.locator("#confirm-yes").click()),
  ]);
  return request;
}

describe("the revision switch", () => {
  test("offers the page first (checked by default) and today's API, each with one line saying what it is", async () => {
    const { page, problems, close } = await open();
    const choices = await page.locator('input[name="revision"]').evaluateAll((inputs) => inputs.map((i) => ({
      value: i.value, checked: i.checked, label: i.labels[0].textContent,
      line: document.getElementById(i.getAttribute("aria-describedby")).textContent,
    })));
    assert.deepEqual(choices.map((c) => [c.value, c.checked]), [["page", true], ["current", false]]);
    assert.deepEqual(choices.map((c) => c.label), ["The API page", "Today's API"]);
    assert.match(choices[0].line, /API page/);
    assert.match(choices[1].line, /SDK 3\.1\.219/);
    // The page's controls as before: four host columns, resourceful, param_order, no project id.
    assert.match(await text(page, "#h-hosts-hint"), /^resource_id,agent_sn,project_id,region_id on each line/);
    assert.equal(await page.locator("#f-resourceful").isDisabled(), false);
    assert.equal(await page.locator("#project-field").isHidden(), true);
    assert.deepEqual(problems, []);
    await close();
  });

  test("under today's API: two host columns, param_refer on each parameter, resourceful disabled and why, limits(current)", async () => {
    const { page, problems, close } = await open();
    await toRevision(page, "current");
    await assertAxe(page, "today's API");
    const limits = await limitsOf(page, "current");
    assert.equal(await text(page, "#h-revision"), "API revision");
    assert.match(await text(page, "#h-hosts-hint"), /^resource_id,region_id on each line, optionally followed by provider,type/);
    assert.equal(await page.locator("#f-hosts").getAttribute("placeholder"), "resource_id,region_id[,provider,type]");
    // resourceful is deprecated: not offered, and the hint says why.
    assert.equal(await page.locator("#f-resourceful").isDisabled(), true);
    assert.equal(await page.locator("#f-resourceful").isChecked(), false);
    assert.match(await text(page, "#h-resourceful"), /Deprecated in today's API: passing it has no effect, so it is not sent/);
    // The project id (x-project-id) is offered.
    assert.equal(await page.locator("#project-field").isVisible(), true);
    // The numbers are limits("current")'s.
    assert.ok((await text(page, "#h-params-hint")).includes(`${limits.param_value_min} to ${limits.param_value_max} characters`));
    assert.match(await text(page, "#h-params-hint"), /param_order is deprecated and not sent/);
    // Each parameter row takes a parameter-store reference.
    await addParam(page, { name: "svc", value: "nginx" });
    assert.equal(await field(page, "/execute_param/script_params/0/param_refer/param_id").count(), 1);
    assert.equal(await field(page, "/execute_param/script_params/0/param_refer/param_version").count(), 1);
    // Rows: the two required columns, then provider and type, optional.
    await page.locator('label[for="mode-rows"]').click();
    await page.locator("#add-host").click();
    assert.deepEqual(await page.locator("#host-head span").allTextContents(),
      ["#", "resource_id", "region_id", "provider (optional)", "type (optional)", ""]);
    assert.deepEqual(await page.locator("#host-rows > li input").evaluateAll((inputs) => inputs.map((i) => i.name)),
      ["/hosts/0/resource_id", "/hosts/0/region_id", "/hosts/0/provider", "/hosts/0/type"]);
    // Group by: the revision's host fields only (no project_id, which is deprecated).
    assert.deepEqual(await page.locator("#f-group option:not([disabled])").evaluateAll((os) => os.map((o) => o.value)),
      ["", "region_id", "provider"]);
    assert.deepEqual(await unlabelledAndUnlinked(page), { unlabelled: [], unlinked: [] });
    assert.deepEqual(problems, []);
    await close();
  });

  test("two-column hosts are ready to post under today's API and refused under the page", async () => {
    const { page, problems, close } = await open();
    await field(page, "/script_uuid").fill(KNOWN_SCRIPT);
    await page.locator("#f-token").fill(TOKEN);
    await field(page, "/hosts").fill(TWO_COLUMNS);
    // The page: each host lacks its project_id and region_id (the second column is read as agent_sn).
    assert.equal(await page.locator("#state").getAttribute("class"), "state blocked");
    assert.equal(await page.locator("#post").isDisabled(), true);
    const refused = await messagesAt(page, "/hosts");
    assert.ok(refused.length >= 3 && refused.every((m) => m.severity === "error"));
    assert.match(refused[0].text, /^ErrorLine 1 · /);
    assert.equal(await text(page, "#body-badge"), "Draft: not sendable until the errors are fixed");

    // Today's API: the same lines (not page lines, so not rewritten) are ready.
    await toRevision(page, "current");
    assert.equal(await field(page, "/hosts").inputValue(), TWO_COLUMNS);
    assert.deepEqual(await messagesAt(page, "/hosts"), []);
    assert.equal(await page.locator("#summary li.error").count(), 0);
    assert.equal(await text(page, "#state"), "Ready to post");
    assert.equal(await page.locator("#post").isDisabled(), false);
    // The preview is exactly what build_request will post under current.
    assert.equal(await text(page, "#body-badge"), "Exactly what will be posted");
    const body = JSON.parse(await text(page, "#body-text"));
    assert.deepEqual(body.execute_batches.flatMap((b) => b.target_instances), [
      { resource_id: "ecs-01", region_id: "cn-north-4" },
      { resource_id: "ecs-02", region_id: "cn-north-4" },
      { resource_id: "ecs-03", region_id: "cn-south-1" },
    ]);
    for (const key of DEPRECATED) assert.ok(!keysOf(body).has(key), `${key} is in the current body`);
    assert.match(await text(page, "#curl-text"), /--data-raw '\{"execute_param"/);
    // The rollout picture follows: by region.
    await field(page, "/plan/group_by").selectOption("region_id");
    assert.deepEqual(await page.locator("#batches .group").allTextContents(), ["cn-north-4", "cn-south-1"]);

    // Back to the page: refused again.
    await toRevision(page, "page");
    assert.equal(await page.locator("#state").getAttribute("class"), "state blocked");
    assert.equal(await page.locator("#post").isDisabled(), true);
    assert.deepEqual(problems, []);
    await close();
  });

  test("page lines switched to today's API keep each value in its field, and switching back restores them", async () => {
    const { page, problems, close } = await open();
    await field(page, "/script_uuid").fill(KNOWN_SCRIPT);
    const lines = `# inventory\n${hostLines(3, ["cn-north-4"])}`;
    await field(page, "/hosts").fill(lines);
    await toRevision(page, "current");
    assert.equal(await field(page, "/hosts").inputValue(),
      "# inventory\necs-cn-north-4-01,cn-north-4\necs-cn-north-4-02,cn-north-4\necs-cn-north-4-03,cn-north-4");
    assert.equal(await page.locator("#summary li.error").count(), 0);
    assert.deepEqual(await page.locator("#batches .chip").evaluateAll((cs) => cs.map((c) => c.title)),
      ["cn-north-4", "cn-north-4", "cn-north-4"]);
    await toRevision(page, "page");
    assert.equal(await field(page, "/hosts").inputValue(), lines);
    assert.equal(await page.locator("#summary li.error").count(), 0);
    // Rows too: a current row entered with its two fields becomes a text line of two cells.
    await toRevision(page, "current");
    await page.locator('label[for="mode-rows"]').click();
    await page.locator("#add-host").click();
    await field(page, "/hosts/3/resource_id").fill("ecs-new");
    await field(page, "/hosts/3/region_id").fill("cn-north-4");
    assert.equal(await page.locator("#summary li.error").count(), 0);
    await page.locator('label[for="mode-paste"]').click();
    assert.match(await field(page, "/hosts").inputValue(), /\necs-new,cn-north-4$/);
    assert.deepEqual(problems, []);
    await close();
  });

  test("the choice survives a reload (localStorage); the token never reaches any storage", async () => {
    const { page, problems, close } = await open();
    const storage = () => page.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }), session: JSON.stringify({ ...sessionStorage }), cookie: document.cookie,
    }));
    await field(page, "/script_uuid").fill(KNOWN_SCRIPT);
    await page.locator("#f-token").fill(TOKEN);
    await toRevision(page, "current");
    assert.equal(await page.evaluate(() => localStorage.getItem("coc-script-exec.revision")), "current");
    await field(page, "/hosts").fill(TWO_COLUMNS);
    await page.locator("#post").click();
    await page.locator("#confirm-yes").click();
    await page.waitForSelector("#outcome.ok");
    const before = await storage();
    for (const [where, value] of Object.entries(before)) assert.ok(!value.includes(TOKEN), `the token is in ${where}`);

    await page.reload();
    await page.waitForSelector("#state.ready, #state.blocked");
    assert.equal(await page.locator("#rev-current").isChecked(), true);
    assert.equal(await page.locator("#rev-page").isChecked(), false);
    assert.match(await text(page, "#h-hosts-hint"), /^resource_id,region_id on each line/);
    assert.equal(await page.locator("#f-token").inputValue(), "");
    const after = await storage();
    for (const [where, value] of Object.entries(after)) assert.ok(!value.includes(TOKEN), `the token is in ${where} after a reload`);
    // Kept: the revision and the form's draft (issue #13), never the token.
    const kept = JSON.parse(after.local);
    assert.deepEqual(Object.keys(kept).sort(), ["coc-script-exec.draft", "coc-script-exec.revision"]);
    assert.equal(kept["coc-script-exec.revision"], "current");
    assert.equal(JSON.parse(kept["coc-script-exec.draft"]).script_uuid, KNOWN_SCRIPT);
    assert.equal(await field(page, "/script_uuid").inputValue(), KNOWN_SCRIPT);
    assert.equal(after.session, "{}");

    await toRevision(page, "page");
    await page.reload();
    await page.waitForSelector("#state.ready, #state.blocked");
    assert.equal(await page.locator("#rev-page").isChecked(), true);
    assert.deepEqual(problems, []);
    await close();
  });

  test("posts under today's API: no deprecated field, param_refer as given, x-project-id, the preview's exact body", async () => {
    const { page, problems, close } = await open();
    await toRevision(page, "current");
    await field(page, "/script_uuid").fill(KNOWN_SCRIPT);
    await page.locator("#f-token").fill(TOKEN);
    await field(page, "/project_id").fill("0a1b2c3d_proj");
    await field(page, "/hosts").fill(TWO_COLUMNS);
    await addParam(page, { name: "svc", value: "", id: "ps-nginx-conf", version: "v2" });
    await addParam(page, { name: "mode", value: "graceful" });
    assert.equal(await page.locator("#summary li.error").count(), 0);
    const preview = await text(page, "#body-text");
    assert.match(await text(page, "#curl-text"), /-H 'x-project-id: 0a1b2c3d_proj'/i);
    const request = await postAndCapture(page);
    await page.waitForSelector("#outcome.ok");
    assert.match(await text(page, "#execute-uuid"), /^SCT\d{14}[0-9a-f]{9}$/);
    assert.match(await text(page, "#request-id"), /[0-9a-f]{32}/);

    assert.equal(new URL(request.url()).pathname, `/v1/job/scripts/${KNOWN_SCRIPT}`);
    assert.equal(request.postData(), preview);
    const headers = request.headers();
    assert.equal(headers["x-project-id"], "0a1b2c3d_proj");
    assert.equal(headers["x-auth-token"], TOKEN);
    const body = JSON.parse(request.postData());
    for (const key of DEPRECATED) assert.ok(!keysOf(body).has(key), `${key} was posted`);
    const [svc, mode] = body.execute_param.script_params;
    assert.equal(svc.param_name, "svc");
    assert.ok(!("param_value" in svc) || svc.param_value === "");
    assert.deepEqual(svc.param_refer, { refer_type: "PARAM_STORE", param_id: "ps-nginx-conf", param_version: "v2" });
    assert.deepEqual(mode, { param_name: "mode", param_value: "graceful" });
    assert.match(shared.server.log(), /POST \/v1\/job\/scripts\/demo-restart-nginx -> 200/);
    assert.deepEqual(problems, []);
    await close();
  });

  test("shows the package's issues at the project id and at a parameter-store reference", async () => {
    const { page, close } = await open();
    await toRevision(page, "current");
    await field(page, "/script_uuid").fill(KNOWN_SCRIPT);
    await field(page, "/hosts").fill(TWO_COLUMNS);
    await field(page, "/project_id").fill("not a project id!");
    const [bad] = await messagesAt(page, "/project_id");
    assert.equal(bad.severity, "error");
    assert.equal(await field(page, "/project_id").getAttribute("aria-invalid"), "true");
    assert.equal(await page.locator("#post").isDisabled(), true);
    await field(page, "/project_id").fill("");
    assert.deepEqual(await messagesAt(page, "/project_id"), []);
    // An empty value is taken only with a param_refer; a version alone names no param_id.
    await addParam(page, { name: "svc", value: "" });
    const [empty] = await messagesAt(page, "/execute_param/script_params/0/param_value");
    assert.equal(empty.severity, "error");
    await field(page, "/execute_param/script_params/0/param_refer/param_version").fill("v2");
    assert.deepEqual(await messagesAt(page, "/execute_param/script_params/0/param_value"), []);
    const [noId] = await messagesAt(page, "/execute_param/script_params/0/param_refer/param_id");
    assert.equal(noId.severity, "error");
    await field(page, "/execute_param/script_params/0/param_refer/param_id").fill("ps-1");
    assert.equal(await page.locator("#summary li.error").count(), 0);
    await close();
  });

  for (const revision of ["page", "current"]) {
    test(`posts a public script to /v1/job/public-scripts/ (${revision})`, async () => {
      const { page, problems, close } = await open();
      if (revision === "current") await toRevision(page, "current");
      await field(page, "/script_uuid").fill(KNOWN_SCRIPT);
      await page.locator("#f-token").fill(TOKEN);
      await field(page, "/hosts").fill(revision === "current" ? TWO_COLUMNS : hostLines(3, ["cn-north-4"]));
      await page.locator('label[for="f-public"]').click();
      assert.match(await text(page, "#subtitle"), /POST \/v1\/job\/public-scripts\/\{script_uuid\}/);
      assert.match(await text(page, "#curl-text"), new RegExp(`/v1/job/public-scripts/${KNOWN_SCRIPT}'`));
      const request = await postAndCapture(page);
      await page.waitForSelector("#outcome.ok");
      assert.equal(new URL(request.url()).pathname, `/v1/job/public-scripts/${KNOWN_SCRIPT}`);
      assert.match(shared.server.log(), /POST \/v1\/job\/public-scripts\/demo-restart-nginx -> 200/);
      assert.deepEqual(problems, []);
      await close();
    });
  }

  test("labels every new control in 中文", async () => {
    // Each string of the console has its zh-CN twin; those of the new controls are in Chinese.
    const missing = Object.entries(STRINGS)
      .filter(([, pair]) => !(pair.length === 2 && pair.every((text) => typeof text === "string" && text !== "")))
      .map(([key]) => key);
    assert.deepEqual(missing, []);
    const cjk = /[\u4e00-\u9fff]/;
    const fresh = ["revision", "revision_page", "revision_page_desc", "revision_current", "revision_current_desc",
      "subtitle_public", "project_id", "hint_project_id", "hint_project_id_plain", "public_script", "hint_public_script",
      "hint_execute_user@current", "hint_resourceful@current", "param_refer", "param_id", "param_version", "param_id_n",
      "param_version_n", "hint_params@current", "hint_hosts@current", "optional_field", "group_provider", "out_request_id",
      "out_unknown_other"];
    assert.deepEqual(fresh.filter((key) => !(key in STRINGS) || !cjk.test(STRINGS[key][1])), []);

    const { page, problems, close } = await open();
    await page.locator('[data-locale="zh-CN"]').click();
    assert.deepEqual(await page.locator('input[name="revision"]').evaluateAll((is) => is.map((i) => i.labels[0].textContent)),
      ["API 文档页", "当前 API"]);
    assert.match(await text(page, "#d-rev-page"), /按 API 文档页/);
    assert.match(await text(page, "#d-rev-current"), /SDK 3\.1\.219/);
    assert.equal(await text(page, "#h-revision"), "API 版本");
    assert.equal(await text(page, 'label[for="f-public"]'), "公共脚本");
    await toRevision(page, "current");
    assert.equal(await text(page, 'label[for="f-project"]'), "项目 ID（x-project-id）");
    assert.match(await text(page, "#h-resourceful"), /已废弃/);
    assert.match(await text(page, "#h-hosts-hint"), /^每行 resource_id,region_id/);
    await addParam(page, { name: "svc", value: "v" });
    assert.match(await text(page, "#param-rows .refer-label"), /引用参数仓库/);
    assert.equal(await page.locator('label[for="p0-param_refer-param_id"]').textContent(), "参数 1 引用的参数仓库 ID（param_id）");
    await page.locator('label[for="mode-rows"]').click();
    assert.deepEqual(await page.locator("#host-head span").allTextContents(),
      ["#", "resource_id", "region_id", "provider（可选）", "type（可选）", ""]);
    assert.deepEqual(problems, []);
    await close();
  });

  test("fits a 390 px wide screen under today's API", async () => {
    const { page, problems, close } = await open({ width: 390, height: 844 });
    await toRevision(page, "current");
    await field(page, "/script_uuid").fill(KNOWN_SCRIPT);
    await field(page, "/hosts").fill(TWO_COLUMNS);
    await addParam(page, { name: "svc", value: "", id: "ps-1" });
    await page.locator('label[for="mode-rows"]').click();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    assert.deepEqual(problems, []);
    await close();
  });
});
