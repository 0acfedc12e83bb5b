// The console as an operator uses it: the real server (www/serve.mjs, with its stand-in
// API), the real package in pkg/, and Debian's Chromium.
//   node --test tests/e2e/

import assert from "node:assert/strict";
import net from "node:net";
import { describe, test } from "node:test";

import { assertAxe, field, hostLines, messagesAt, openConsole, sharedConsole, startServer } from "./helpers.mjs";

const TOKEN = "tok-3f9a1c-very-secret";
const KNOWN_SCRIPT = "demo-restart-nginx"; // in www/stand-in-scripts.json
/** 15 hosts in cn-north-4, then 8 in cn-south-1. */
const HOSTS_23 = `${hostLines(15, ["cn-north-4"])}\n${hostLines(8, ["cn-south-1"])}`;

const shared = sharedConsole();

/** A fresh page on the console; `requests` are the URLs it asked for. */
async function open(viewport) {
  const opened = await openConsole(shared.browser, shared.server.url, viewport);
  return { ...opened, requests: opened.requests.map((r) => r.split(" ")[0]) };
}

/** A loopback port nothing listens on. */
const closedPort = () => new Promise((resolve) => {
  const probe = net.createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});

const text = (page, selector) => page.locator(selector).first().textContent();

/** A valid form: a known script, a token, three hosts. */
async function fillValid(page, { hosts = hostLines(3, ["cn-north-4"]) } = {}) {
  await field(page, "/script_uuid").fill(KNOWN_SCRIPT);
  await page.locator("#f-token").fill(TOKEN);
  await field(page, "/hosts").fill(hosts);
}

async function addParam(page, name, value) {
  await page.locator("#add-param").click();
  const i = (await page.locator("#param-rows > li").count()) - 1;
  await field(page, `/execute_param/script_params/${i}/param_name`).fill(name);
  await field(page, `/execute_param/script_params/${i}/param_value`).fill(value);
}

describe("the console", () => {
  test("opens with no console errors, its numbers from limits(), every control labelled and linked to its messages", async () => {
    const { page, problems, close } = await open();
    assert.deepEqual(problems, []);
    assert.equal(await field(page, "/execute_param/execute_user").inputValue(), "root");
    assert.equal(await field(page, "/execute_param/timeout").inputValue(), "300");
    assert.equal(await field(page, "/execute_param/success_rate").inputValue(), "100");
    assert.equal(await field(page, "/endpoint").inputValue(), shared.server.url.replace(/\/$/, ""));
    assert.match(await text(page, "#h-timeout"), /5 to 1800/);
    assert.match(await text(page, "#totals"), /0 \/ 200 hosts · 0 \/ 20 batches · at most 10 per batch/);
    const unlabelled = await page.evaluate(() => [...document.querySelectorAll("input, select, textarea, button")]
      .filter((el) => !el.closest("[hidden]"))
      .filter((el) => !((el.labels?.length && el.labels[0].textContent.trim()) || el.getAttribute("aria-label") || (el.tagName === "BUTTON" && el.textContent.trim())))
      .map((el) => el.outerHTML));
    assert.deepEqual(unlabelled, []);
    const unlinked = await page.evaluate(() => [...document.querySelectorAll("[name^='/']")].filter((el) => {
      const slot = [...document.querySelectorAll("[data-path]")].find((s) => s.dataset.path === el.name);
      return !slot || !(el.getAttribute("aria-describedby") ?? "").split(" ").includes(slot.id);
    }).map((el) => el.name));
    assert.deepEqual(unlinked, []);
    await close();
  });

  test("shows each mistake at its field and in the summary, errors unlike warnings, and clears them when fixed", async () => {
    const { page, problems, close } = await open();
    await fillValid(page);
    assert.equal(await page.locator("#state").getAttribute("class"), "state ready");
    assert.equal(await page.locator("#post").isDisabled(), false);

    // timeout 4, a duplicate parameter name, a bad host line (and a repeated one: a warning)
    const three = hostLines(3, ["cn-north-4"]);
    await field(page, "/execute_param/timeout").fill("4");
    await addParam(page, "region", "cn-north-4");
    await addParam(page, "region", "cn-south-1");
    await field(page, "/hosts").fill(`${three}\necs-bad,,proj-0a1b2c,cn-north-4\n${three.split("\n")[1]}`);

    const timeout = await messagesAt(page, "/execute_param/timeout");
    assert.equal(timeout.length, 1);
    assert.equal(timeout[0].severity, "error");
    assert.match(timeout[0].text, /^Errortimeout .*5.*1800.*4$/);
    assert.equal(await field(page, "/execute_param/timeout").getAttribute("aria-invalid"), "true");
    const dup = await messagesAt(page, "/execute_param/script_params/1/param_name");
    assert.equal(dup[0].severity, "error");
    assert.match(dup[0].text, /region/);
    assert.deepEqual(await messagesAt(page, "/execute_param/script_params/0/param_name"), []);
    const host = await messagesAt(page, "/hosts");
    assert.equal(host.length, 2);
    assert.equal(host[0].severity, "error");
    assert.match(host[0].text, /^ErrorLine 4 · agent_sn/);
    assert.equal(host[1].severity, "warning");
    assert.match(host[1].text, /^WarningLine 5 · .*"ecs-cn-north-4-02"/);
    assert.equal(await page.locator("#summary li.error").count(), 3);
    assert.equal(await page.locator("#summary li.warning").count(), 1);
    assert.equal(await page.locator("#post").isDisabled(), true);
    assert.match(await text(page, "#state"), /Errors: 3 · warnings: 1/);
    // Errors and warnings look different, not by their words alone.
    const look = (sel) => page.locator(sel).first().evaluate((e) => {
      const s = getComputedStyle(e); const tag = getComputedStyle(e.querySelector(".sev"));
      return `${s.color} ${tag.backgroundColor}`;
    });
    assert.notEqual(await look(".msg.error"), await look(".msg.warning"));
    await assertAxe(page, "errors and warnings at their fields");

    // A summary entry moves focus to its field; the host entry selects the line.
    await page.locator("#summary li", { hasText: "1800" }).locator("button").click();
    assert.equal(await page.evaluate(() => document.activeElement.name), "/execute_param/timeout");
    await page.locator("#summary li", { hasText: "agent_sn" }).locator("button").click();
    assert.equal(await page.evaluate(() => document.activeElement.name), "/hosts");
    assert.equal(await page.evaluate(() => { const t = document.activeElement; return t.value.slice(t.selectionStart, t.selectionEnd); }),
      "ecs-bad,,proj-0a1b2c,cn-north-4");

    // Fix them; a warning (timeout exactly 5) looks different and does not block.
    await field(page, "/execute_param/timeout").fill("5");
    await field(page, "/execute_param/script_params/1/param_name").fill("region2");
    await field(page, "/hosts").fill(`${hostLines(3, ["cn-north-4"])}\necs-bad,sn-fixed,proj-0a1b2c,cn-north-4`);
    const edge = await messagesAt(page, "/execute_param/timeout");
    assert.equal(edge[0].severity, "warning");
    assert.equal(await page.locator("#summary li.error").count(), 0);
    assert.equal(await page.locator("#summary li.warning").count(), 1);
    assert.equal(await page.locator("#state").getAttribute("class"), "state ready warn");
    assert.equal(await page.locator("#post").isDisabled(), false);

    await field(page, "/execute_param/timeout").fill("300");
    assert.equal(await page.locator("#summary li").count(), 0);
    assert.equal(await text(page, "#state"), "Ready to post");
    assert.deepEqual(problems, []);
    await close();
  });

  test("moves parameter rows, and param_order follows the rows", async () => {
    const { page, close } = await open();
    await fillValid(page);
    await addParam(page, "first", "1");
    await addParam(page, "second", "2");
    await page.locator('[data-act="param-up"][data-i="1"]').click();
    const body = JSON.parse(await text(page, "#body-text"));
    assert.deepEqual(body.execute_param.script_params, [
      { param_name: "second", param_value: "2", param_order: 1 },
      { param_name: "first", param_value: "1", param_order: 2 },
    ]);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.act), "param-down");
    await page.locator('[data-act="param-remove"][data-i="0"]').click();
    assert.deepEqual(JSON.parse(await text(page, "#body-text")).execute_param.script_params,
      [{ param_name: "first", param_value: "1", param_order: 1 }]);
    await close();
  });

  test("draws 23 hosts in two regions, planned 1, 25% by region with a canary pause", async () => {
    const { page, close } = await open();
    await fillValid(page, { hosts: HOSTS_23 });
    await field(page, "/plan/sizes").fill("1, 25%");
    await field(page, "/plan/group_by").selectOption("region_id");
    await field(page, "/plan/pause").selectOption("first");
    assert.match(await text(page, "#totals"), /^23 \/ 200 hosts · 6 \/ 20 batches/);
    const columns = await page.locator("#batches > li").evaluateAll((lis) => lis.map((li) => ({
      head: li.querySelector(".batch-head").textContent,
      pause: li.classList.contains("pause"),
      group: li.querySelector(".group")?.textContent,
      chips: li.querySelectorAll(".chip").length,
      note: Boolean(li.querySelector(".pause-note")),
    })));
    assert.deepEqual(columns.map((c) => c.chips), [1, 5, 5, 4, 5, 3]);
    assert.deepEqual(columns.map((c) => c.head), ["Batch 1PAUSE", ...[2, 3, 4, 5, 6].map((n) => `Batch ${n}CONTINUE`)]);
    assert.deepEqual(columns.map((c) => c.pause), [true, false, false, false, false, false]);
    assert.deepEqual(columns.map((c) => c.note), [true, false, false, false, false, false]);
    assert.deepEqual(columns.map((c) => c.group), [...Array(4).fill("cn-north-4"), ...Array(2).fill("cn-south-1")]);
    // The preview is the exact body, and it holds the same batches.
    const body = JSON.parse(await text(page, "#body-text"));
    assert.deepEqual(body.execute_batches.map((b) => b.target_instances.length), [1, 5, 5, 4, 5, 3]);
    assert.equal(body.execute_batches[0].rotation_strategy, "PAUSE");
    assert.equal(await text(page, "#body-badge"), "Exactly what will be posted");
    // A plan entry the package refuses is shown at the sizes control, by entry.
    await field(page, "/plan/sizes").fill("1, 25x");
    const sizes = await messagesAt(page, "/plan/sizes");
    assert.equal(sizes[0].severity, "error");
    assert.match(sizes[0].text, /^Error(?!.*·).*size 2\b/);
    assert.equal(await page.locator("#batches > li").count(), 0);
    await close();
  });

  test("posts, shows the execute_uuid, and keeps the token out of storage, URLs and previews", async () => {
    const { page, problems, requests, close } = await open();
    await fillValid(page, { hosts: HOSTS_23 });
    await field(page, "/plan/sizes").fill("1, 25%");
    await page.locator("#post").click();
    await page.locator("#confirm-yes").click();
    await page.waitForSelector("#outcome.ok");
    assert.match(await text(page, "#execute-uuid"), /^SCT\d{14}[0-9a-f]{9}$/);
    assert.match(await text(page, "#outcome"), /at most 1 MB of the script's log/);
    assert.match(shared.server.log(), /POST \/v1\/job\/scripts\/demo-restart-nginx -> 200/);

    // Pressing Enter in a field neither submits the form nor starts another run.
    // Runs are POSTs: after one, the console's watch polls the order with GETs (#14).
    const runs = () => shared.server.log().match(/POST \/v1\/job\/scripts\/\S+ -> 200/g).length;
    const before = runs();
    await field(page, "/script_uuid").press("Enter");
    await field(page, "/execute_param/timeout").press("Enter");
    await page.waitForTimeout(300);
    assert.equal(page.url(), shared.server.url);
    assert.equal(runs(), before);

    const curl = await text(page, "#curl-text");
    assert.match(curl, /-H "X-Auth-Token: \$COC_TOKEN"/);
    const seen = await page.evaluate(() => ({
      local: JSON.stringify({ ...localStorage }),
      session: JSON.stringify({ ...sessionStorage }),
      cookie: document.cookie,
      url: location.href,
      history: history.length,
      text: document.body.innerText,
    }));
    for (const [where, value] of Object.entries({ ...seen, curl, requests: requests.join("\n"), server: shared.server.log() })) {
      assert.ok(!String(value).includes(TOKEN), `the token appears in ${where}`);
    }
    assert.equal(await page.locator("#f-token").getAttribute("autocomplete"), "off");
    assert.equal(await page.locator("#f-token").getAttribute("name"), null);
    assert.equal(await page.locator("#console").getAttribute("method"), "post");
    assert.deepEqual(problems, []);
    await close();
  });

  test("shows the stand-in's refusal of a script it does not know", async () => {
    const { page, close } = await open();
    await fillValid(page);
    await field(page, "/script_uuid").fill("no-such-script");
    await page.locator("#post").click();
    await page.locator("#confirm-yes").click();
    await page.waitForSelector("#outcome.api");
    // The stand-in sends the page's 204 with error_code in the body; a browser never
    // reads a 204's body, so parse_response reports an API error without the code.
    assert.match(await text(page, "#outcome"), /The API refused the request \(HTTP 204\)/);
    assert.match(await text(page, "#outcome .unknown"), /204 response carries no body/);
    await close();

    // A service that sends its error with a readable status: the code is shown as sent.
    const loud = await startServer(["--error-status", "400"]);
    try {
      const context = await shared.browser.newContext();
      const p = await context.newPage();
      await p.goto(loud.url);
      await p.waitForSelector("#state.blocked");
      await fillValid(p);
      await field(p, "/script_uuid").fill("no-such-script");
      await p.locator("#post").click();
      await p.locator("#confirm-yes").click();
      // parse_response reads {error_code, error_msg} from any status but 200 (revisions.md).
      await p.waitForSelector("#outcome.api");
      assert.match(await text(p, "#outcome"), /The API refused the request \(HTTP 400\)/);
      assert.equal(await text(p, "#outcome dd.code"), "COC.00040701");
      assert.match(await text(p, "#outcome"), /script no-such-script does not exist/);
      assert.match(await text(p, "#request-id"), /^Request id \(X-Request-Id\): [0-9a-f]{32}$/);
      await context.close();
    } finally {
      await loud.stop();
    }
  });

  test("shows a network failure", async () => {
    const { page, close } = await open();
    await fillValid(page);
    await field(page, "/endpoint").fill(`http://127.0.0.1:${await closedPort()}`);
    await page.locator("#post").click();
    await page.locator("#confirm-yes").click();
    await page.waitForSelector("#outcome.network");
    assert.match(await text(page, "#outcome"), /^Network failure: /);
    await close();
  });

  test("shows a 401 without a token as the API's error_code and error_msg", async () => {
    const { page, close } = await open();
    await fillValid(page);
    await page.locator("#f-token").fill("");
    await page.locator("#post").click();
    await page.locator("#confirm-yes").click();
    // A 401 whose body carries error_code is an API error (parse_response, revisions.md).
    await page.waitForSelector("#outcome.api");
    assert.match(await text(page, "#outcome"), /The API refused the request \(HTTP 401\)/);
    assert.equal(await text(page, "#outcome dd.code"), "APIGW.0301");
    assert.match(await text(page, "#outcome"), /X-Auth-Token is missing/);
    assert.equal(await page.locator("#outcome dd.unknown").count(), 0);
    await close();
  });

  test("renders hostile names as text, never as markup", async () => {
    const { page, problems, close } = await open();
    const evil = "<img src=x onerror=alert(1)>";
    await fillValid(page, { hosts: `${hostLines(2, ["cn-north-4"])}\n<b>ecs</b>,sn-1,proj,cn-north-4` });
    await addParam(page, evil, "v");
    await addParam(page, evil, "w");
    const dup = await messagesAt(page, "/execute_param/script_params/1/param_name");
    assert.ok(dup[0].text.includes(evil));
    assert.ok((await text(page, "#summary")).includes(evil));
    await field(page, "/execute_param/script_params/1/param_name").fill("other");
    assert.ok((await text(page, "#body-text")).includes(JSON.stringify(evil)));
    assert.ok((await page.locator("#batches .chip").allTextContents()).includes("<b>ecs</b>"));
    const injected = await page.evaluate(() => document.querySelectorAll("img, b, #batches script").length);
    assert.equal(injected, 0);
    assert.deepEqual(problems, []);
    await close();
  });

  test("switches to 中文: labels from the page's table, messages from the package", async () => {
    const { page, problems, close } = await open();
    await fillValid(page);
    await field(page, "/execute_param/timeout").fill("4");
    await page.locator('[data-locale="zh-CN"]').click();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "zh-CN");
    assert.equal(await text(page, "h1"), "执行自定义脚本");
    assert.equal(await page.locator('[data-locale="zh-CN"]').getAttribute("aria-pressed"), "true");
    const [m] = await messagesAt(page, "/execute_param/timeout");
    assert.match(m.text, /^错误timeout .*5.*1800.*4$/);
    assert.match(await text(page, "#h-timeout"), /单位秒，5 到 1800/);
    await assertAxe(page, "中文 with an error");
    await field(page, "/execute_param/timeout").fill("300");
    assert.equal(await text(page, "#state"), "可以发送");
    const curl = await text(page, "#curl-text");
    assert.match(curl, /X-Language: zh-cn/);
    await page.locator('[data-locale="en"]').click();
    assert.equal(await text(page, "#state"), "Ready to post");
    assert.deepEqual(problems, []);
    await close();
  });

  test("enters hosts row by row, and moves between rows and text", async () => {
    const { page, close } = await open();
    await fillValid(page, { hosts: hostLines(2, ["cn-north-4"]) });
    await page.locator('label[for="mode-rows"]').click();
    assert.equal(await page.locator("#host-rows > li").count(), 2);
    await page.locator("#add-host").click();
    assert.equal(await page.evaluate(() => document.activeElement.name), "/hosts/2/resource_id");
    await assertAxe(page, "host rows");
    await field(page, "/hosts/2/resource_id").fill("ecs-new");
    const msgs = await messagesAt(page, "/hosts/2/agent_sn");
    assert.equal(msgs[0].severity, "error");
    for (const [f, v] of [["agent_sn", "sn-new"], ["project_id", "proj"], ["region_id", "cn-north-4"]]) {
      await field(page, `/hosts/2/${f}`).fill(v);
    }
    assert.equal(await text(page, "#state"), "Ready to post");
    await page.locator('label[for="mode-paste"]').click();
    assert.match(await field(page, "/hosts").inputValue(), /\necs-new,sn-new,proj,cn-north-4$/);
    await close();
  });

  test("reads hosts pasted as a JSON array, and says where broken JSON breaks", async () => {
    const { page, close } = await open();
    await fillValid(page);
    const hosts = [{ resource_id: "ecs-1", agent_sn: "sn-1", project_id: "p", region_id: "cn-north-4", agent_status: "ONLINE" }];
    await field(page, "/hosts").fill(JSON.stringify(hosts, null, 2));
    const [unknown] = await messagesAt(page, "/hosts");
    assert.equal(unknown.severity, "warning");
    assert.match(unknown.text, /^WarningLine 2 · .*agent_status/);
    assert.equal(await page.locator("#batches .chip").allTextContents().then((c) => c.join()), "ecs-1");
    await field(page, "/hosts").fill('\n[\n  {"resource_id": }\n]');
    const [broken] = await messagesAt(page, "/hosts");
    assert.match(broken.text, /^ErrorLine 3 · .*not valid JSON \(line 3, column 19\)$/);
    // Broken text cannot become rows: the switch stays on the text.
    await page.locator('label[for="mode-rows"]').click();
    assert.equal(await page.locator("#mode-paste").isChecked(), true);
    await close();
  });

  for (const viewport of [{ width: 1280, height: 800 }, { width: 390, height: 844 }]) {
    test(`fits a ${viewport.width} px wide screen and works from the keyboard`, async () => {
      const { page, problems, close } = await open(viewport);
      await fillValid(page, { hosts: HOSTS_23 });
      await addParam(page, "service", "nginx");
      await field(page, "/plan/sizes").fill("1, 25%");
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0);
      // Keyboard only: Tab from the timeout field to the next ones, type, and post with Enter on the button.
      await field(page, "/execute_param/timeout").focus();
      await page.keyboard.press("Tab");
      assert.equal(await page.evaluate(() => document.activeElement.name), "/execute_param/success_rate");
      await page.keyboard.press("End");
      await page.keyboard.type(".5");
      assert.equal(await field(page, "/execute_param/success_rate").inputValue(), "100.5");
      assert.equal(await page.locator("#post").isDisabled(), true);
      await page.keyboard.press("Backspace");
      await page.keyboard.press("Backspace");
      await page.locator("#post").focus();
      await page.keyboard.press("Enter");
      // The confirmation takes the focus; Enter again posts.
      assert.equal(await page.evaluate(() => document.activeElement.id), "confirm-yes");
      await page.keyboard.press("Enter");
      await page.waitForSelector("#outcome.ok");
      assert.deepEqual(problems, []);
      await close();
    });
  }
});
