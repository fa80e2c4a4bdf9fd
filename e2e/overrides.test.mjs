// End to end: a provider's own rules, compiled by `icp-precheck rules compile` and passed to
// `mount` or `update`, reach everything that reads rule data (the rules, the messages, the
// choice lists on screen and the check page); `update()` with a review policy redoes the
// estimate; the override JSON itself is refused with a message that says how to compile it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PRECHECK, launchBrowser, loadFixture, openTestPage, siteWithTestPages, startReceiver, tempDir } from "./helpers.mjs";

const TODAY = "2026-11-28";
const BLOG = "个人博客（主机商名称）";

/** The individual fixture with its site on a `.io` domain (not fileable in the embedded lists) and two service contents. */
function orgFiling() {
  const filing = loadFixture("individual-beijing");
  const site = filing.websites[0];
  site.domains = ["zhangwei-notes.io"];
  site.homepage = "www.zhangwei-notes.io";
  site.serviceContent = ["blog", "shopping"];
  return filing;
}

const OVERRIDE = {
  version: "e2e-1",
  tlds: { fileable: { add: [{ tlds: ["io"] }] } },
  catalogues: {
    serviceContent: [{ slug: "blog", zh: BLOG, en: "Personal blog (host wording)", miitBit: 32 }],
  },
};

let receiver;
let browser;
let compiled;

before(async () => {
  const dir = tempDir("icp-override-");
  const file = join(dir, "override.json");
  writeFileSync(file, JSON.stringify(OVERRIDE));
  compiled = execFileSync(PRECHECK, ["rules", "compile", file], { encoding: "utf8" }).trim();
  receiver = await startReceiver({ site: siteWithTestPages() });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
});

/** Mounts a widget in #`host` with `options`, waits for `ready`. */
const mount = (page, host, options) =>
  page.evaluate(
    async ({ host, options }) => {
      window.mountRecorded(host, `#${host}`, options);
      await window.widgetReady(host);
    },
    { host, options },
  );

/** `validate()` of the widget mounted as `name`: its version and issue codes with messages. */
const report = (page, name) =>
  page.evaluate((name) => {
    const r = window.handles[name].validate();
    return { version: r.rulesetVersion, issues: r.issues.map((i) => ({ code: i.code, message: i.message })) };
  }, name);

const codes = (r) => r.issues.map((i) => i.code);

/** Opens the websites section of the widget in #`host` with its task list. */
async function openServices(page, host) {
  await page.locator(`#${host} button[data-section=services]`).click();
  await page.locator(`#${host} .icpf-task-button[aria-current=step][data-section=services]`).waitFor();
}

test("compiled rules passed to mount reach the rules, the messages and the choice lists", async () => {
  const { page, consoleErrors: problems } = await openTestPage(browser, receiver.url);
  const base = { endpoint: "/api/filings", storage: "none", today: TODAY, filing: orgFiling() };
  await mount(page, "a", { ...base, rules: compiled });
  await mount(page, "b", base);

  const embedded = await report(page, "b");
  const host = await report(page, "a");
  assert.ok(codes(embedded).includes("domain.tld_not_fileable"), JSON.stringify(codes(embedded)));
  assert.ok(!codes(host).includes("domain.tld_not_fileable"), JSON.stringify(codes(host)));
  assert.match(host.version, /\+e2e-1$/);
  assert.doesNotMatch(embedded.version, /\+/);

  // A personal site offering shopping: the message lists what individuals may pick, by the
  // names in effect.
  const notAllowed = (r) => r.issues.find((i) => i.code === "service_content.personal_not_allowed")?.message ?? "";
  assert.ok(notAllowed(host).includes(BLOG), notAllowed(host));
  assert.ok(!notAllowed(embedded).includes(BLOG), notAllowed(embedded));

  // The service-content choices on screen, as the filer finds them by label.
  await openServices(page, "a");
  await openServices(page, "b");
  assert.equal(await page.locator("#a").getByLabel(BLOG, { exact: true }).isChecked(), true);
  assert.equal(await page.locator("#b").getByLabel(BLOG, { exact: true }).count(), 0);
  assert.equal(await page.locator("#b").getByLabel("博客/个人空间", { exact: true }).isChecked(), true);

  // The check page names the service content the same way.
  await page.locator("#a button[data-section=review]").click();
  await page.locator("#a .icpf-task-button[aria-current=step][data-section=review]").waitFor();
  assert.ok((await page.locator("#a .icpf-main").textContent()).includes(BLOG));
  assert.deepEqual(problems, []);
});

test("update() applies new rules and a review policy at once", async () => {
  const { page, consoleErrors: problems } = await openTestPage(browser, receiver.url);
  await mount(page, "a", { endpoint: "/api/filings", storage: "none", today: TODAY, filing: orgFiling() });
  await openServices(page, "a");
  const before = await report(page, "a");
  assert.ok(codes(before).includes("domain.tld_not_fileable"));
  const estimateBefore = await page.evaluate(() => window.handles.a.estimate().stages[0]);

  const lastChange = () =>
    page.evaluate(() => window.events.filter((e) => e.via === "on" && e.type === "change").at(-1).detail);
  const changeBefore = await lastChange();
  await page.evaluate((rules) => window.handles.a.update({ rules }), compiled);
  const after = await report(page, "a");
  assert.ok(!codes(after).includes("domain.tld_not_fileable"), JSON.stringify(codes(after)));
  assert.match(after.version, /\+e2e-1$/);
  await page.locator("#a").getByLabel(BLOG, { exact: true }).waitFor();
  // The host hears of it: the form re-validated with one warning fewer.
  await page.waitForFunction(
    (before) =>
      window.events.filter((e) => e.via === "on" && e.type === "change").at(-1).detail.warningCount ===
      before - 1,
    changeBefore.warningCount,
  );

  await page.evaluate(() =>
    window.handles.a.update({ reviewPolicy: { stages: { providerReview: { max: { days: 9 } } } } }),
  );
  const estimateAfter = await page.evaluate(() => window.handles.a.estimate().stages[0]);
  assert.equal(estimateBefore.stage, "providerReview");
  assert.equal(estimateBefore.workingDays.max.days, 2);
  assert.equal(estimateAfter.workingDays.max.days, 9);
  assert.ok(estimateAfter.lateEnd > estimateBefore.lateEnd, `${estimateAfter.lateEnd} > ${estimateBefore.lateEnd}`);
  // The rules stay as they were when only the policy changed.
  assert.match((await report(page, "a")).version, /\+e2e-1$/);
  assert.deepEqual(problems, []);
});

test("override JSON or damaged compiled data are refused with a message that says what to do", async () => {
  const { page, consoleErrors: problems } = await openTestPage(browser, receiver.url);
  await mount(page, "a", { endpoint: "/api/filings", storage: "none", today: TODAY, filing: orgFiling(), rules: OVERRIDE });
  const damaged = compiled.slice(0, -6);
  await page.evaluate((rules) => window.handles.a.update({ rules }), damaged);
  const r = await report(page, "a");
  assert.doesNotMatch(r.version, /\+/);
  assert.ok(codes(r).includes("domain.tld_not_fileable"));
  const messages = problems.join("\n");
  assert.match(messages, /option `rules`.*icp-precheck rules compile override\.json/s);
  assert.match(messages, /compiled rule data are damaged/);
  assert.equal(problems.length, 2, messages);
});
