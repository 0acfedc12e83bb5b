// Takes the screenshots in docs/screenshots/ (docs/console.md shows them), through the real
// server and package, at 1280×800 and at 390 px wide. Not a test; run it after a UI change:
//   node tests/e2e/screenshots.mjs

import { mkdirSync } from "node:fs";
import path from "node:path";

import { ROOT, hostLines, launchBrowser, startServer } from "./helpers.mjs";

const OUT = path.join(ROOT, "docs/screenshots");
const HOSTS_23 = `${hostLines(15, ["cn-north-4"])}\n${hostLines(8, ["cn-south-1"])}`;

const server = await startServer();
const browser = await launchBrowser();
mkdirSync(OUT, { recursive: true });

async function page(width, height) {
  const context = await browser.newContext({ viewport: { width, height }, deviceScaleFactor: 1 });
  const p = await context.newPage();
  await p.goto(server.url);
  await p.waitForSelector("#state.blocked");
  return p;
}

async function fill(p, { mistakes = false } = {}) {
  await p.fill('[name="/script_uuid"]', "demo-restart-nginx");
  await p.fill("#f-token", "a-token-never-shown");
  for (const [name, value] of [["service", "nginx"], ["mode", "graceful"]]) {
    await p.click("#add-param");
    const i = (await p.locator("#param-rows > li").count()) - 1;
    await p.fill(`[name="/execute_param/script_params/${i}/param_name"]`, mistakes && i === 1 ? "service" : name);
    await p.fill(`[name="/execute_param/script_params/${i}/param_value"]`, value);
  }
  await p.fill('[name="/hosts"]', mistakes ? `${HOSTS_23}\necs-bad,,proj-0a1b2c,cn-north-4` : HOSTS_23);
  await p.fill('[name="/plan/sizes"]', "1, 25%");
  await p.selectOption('[name="/plan/group_by"]', "region_id");
  await p.selectOption('[name="/plan/pause"]', "first");
  if (mistakes) await p.fill('[name="/execute_param/timeout"]', "4");
}

/** The hosts box shown from its first column (a fill leaves it scrolled to the caret). */
const homeHosts = (p) => p.evaluate(() => { const a = document.getElementById("f-hosts"); a.scrollLeft = 0; });

const shot = async (p, name, fullPage = false) => {
  await homeHosts(p);
  await p.screenshot({ path: path.join(OUT, name), fullPage });
};

try {
  let p = await page(1280, 800);
  await fill(p, { mistakes: true });
  await p.evaluate(() => { document.activeElement.blur(); scrollTo(0, 0); });
  await shot(p, "errors-1280.png");
  await p.fill('[name="/execute_param/timeout"]', "300");
  await p.fill('[name="/execute_param/script_params/1/param_name"]', "mode");
  await p.fill('[name="/hosts"]', HOSTS_23);
  await p.evaluate(() => { document.activeElement.blur(); document.getElementById("h-plan").scrollIntoView(); });
  await shot(p, "rollout-1280.png");
  // The confirmation before the one POST (issue #13).
  await p.click("#post");
  await p.evaluate(() => document.getElementById("h-hosts").scrollIntoView());
  await shot(p, "confirm-1280.png");
  await p.click("#confirm-yes");
  await p.waitForSelector("#outcome.ok");
  await p.evaluate(() => document.getElementById("h-preview").scrollIntoView());
  await shot(p, "posted-1280.png");
  await p.evaluate(() => scrollTo(0, 0));
  await shot(p, "ready-full-1280.png", true);
  await p.click('[data-locale="zh-CN"]');
  await p.fill('[name="/execute_param/timeout"]', "4");
  await p.evaluate(() => { document.activeElement.blur(); scrollTo(0, 0); });
  await shot(p, "zh-1280.png");

  // One bad line among 23: line numbers, the line marked, the good hosts still drawn.
  p = await page(1280, 800);
  await fill(p);
  const lines = HOSTS_23.split("\n");
  lines[17] = "ecs-cn-south-1-03,,proj-0a1b2c,cn-south-1";
  await p.fill('[name="/hosts"]', lines.join("\n"));
  await p.click("#summary li.error button");
  await p.evaluate(() => document.getElementById("h-hosts").scrollIntoView());
  await shot(p, "bad-line-1280.png");

  // Dark mode (prefers-color-scheme), ready to post.
  {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1, colorScheme: "dark" });
    const d = await context.newPage();
    await d.goto(server.url);
    await d.waitForSelector("#state.blocked");
    await fill(d);
    await d.evaluate(() => { document.activeElement.blur(); document.getElementById("h-hosts").scrollIntoView(); });
    await shot(d, "dark-1280.png");
  }

  // Today's API ("current"): two-column hosts, a parameter from the parameter store, a project id.
  p = await page(1280, 800);
  await p.click('label[for="rev-current"]');
  await p.fill('[name="/script_uuid"]', "demo-restart-nginx");
  await p.fill("#f-token", "a-token-never-shown");
  await p.fill('[name="/project_id"]', "0a1b2c3d4e5f");
  await p.click("#add-param");
  await p.fill('[name="/execute_param/script_params/0/param_name"]', "nginx_conf");
  await p.fill('[name="/execute_param/script_params/0/param_refer/param_id"]', "ps-nginx-conf");
  await p.fill('[name="/hosts"]', "ecs-01,cn-north-4\necs-02,cn-north-4\necs-03,cn-south-1");
  await p.evaluate(() => { document.activeElement.blur(); scrollTo(0, 0); });
  await shot(p, "current-1280.png", true);

  p = await page(390, 844);
  await fill(p);
  await p.evaluate(() => { document.activeElement.blur(); document.getElementById("h-hosts").scrollIntoView(); });
  await shot(p, "phone-bar-390.png");
  p = await page(390, 844);
  await fill(p, { mistakes: true });
  await p.evaluate(() => scrollTo(0, 0));
  await shot(p, "errors-390.png", true);
  await p.fill('[name="/execute_param/timeout"]', "300");
  await p.fill('[name="/execute_param/script_params/1/param_name"]', "mode");
  await p.fill('[name="/hosts"]', HOSTS_23);
  await p.click("#post");
  await p.click("#confirm-yes");
  await p.waitForSelector("#outcome.ok");
  await p.evaluate(() => document.getElementById("h-plan").scrollIntoView());
  await shot(p, "rollout-390.png");

  // Watching the rollout, against a stand-in that runs orders fast.
  const fast = await startServer(["--step-ms", "150"]);
  try {
    const watch = async (hosts, sizes, pause) => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
      const w = await context.newPage();
      await w.goto(fast.url);
      await w.waitForSelector("#state.blocked");
      await w.fill('[name="/script_uuid"]', "demo-restart-nginx");
      await w.fill("#f-token", "a-token-never-shown");
      await w.fill('[name="/hosts"]', hosts);
      await w.fill('[name="/plan/sizes"]', sizes);
      await w.selectOption('[name="/plan/pause"]', pause);
      await w.click("#post");
      await w.click("#confirm-yes");
      return w;
    };
    const focusWatch = (w) => w.evaluate(() => { document.activeElement.blur(); document.getElementById("h-check").scrollIntoView(); });
    p = await watch(hostLines(3, ["cn-north-4"]), "1, 2", "first");
    await p.waitForSelector('#watch-status[data-status="PAUSED"]');
    await p.click("#watch-continue");
    await focusWatch(p);
    await shot(p, "watch-paused-1280.png");
    await p.click("#watch-confirm-yes");
    await p.waitForSelector('#watch-status[data-status="FINISHED"]');
    await focusWatch(p);
    await shot(p, "watch-finished-1280.png");
    p = await watch("ecs-01,sn-01,proj-0a1b2c,cn-north-4\necs-02-fail,sn-02,proj-0a1b2c,cn-north-4", "1", "none");
    await p.waitForSelector('#watch-status[data-status="ABNORMAL"]');
    await focusWatch(p);
    await shot(p, "watch-abnormal-1280.png");
  } finally {
    await fast.stop();
  }
  console.log(`screenshots written to ${path.relative(ROOT, OUT)}/`);
} finally {
  await browser.close();
  await server.stop();
}
