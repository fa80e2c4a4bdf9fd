// End to end: a provider's own rules, compiled by `icp-precheck rules compile` and passed to
// `mount` or `update`, reach everything that reads rule data (the rules, the messages, the
// choice lists on screen and the check page) and, through the review policy compiled with them,
// the estimate (`update()` redoes it; the stateless `estimate` takes them too), and the
// stateless `validate` checks by them as the widget does; the override JSON
// itself, or a raw `reviewPolicy`, is refused with a message that says how to compile it.
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

/** The same rules with the provider's SLA for its own review. */
const SLA_OVERRIDE = {
  ...OVERRIDE,
  version: "e2e-2",
  reviewPolicy: { stages: { providerReview: { max: { days: 9, source: "e2e SLA" } } } },
};

let receiver;
let browser;
let compiled;
let compiledSla;

before(async () => {
  const dir = tempDir("icp-override-");
  const file = join(dir, "override.json");
  writeFileSync(file, JSON.stringify(OVERRIDE));
  compiled = execFileSync(PRECHECK, ["rules", "compile", file], { encoding: "utf8" }).trim();
  const slaFile = join(dir, "sla-override.json");
  writeFileSync(slaFile, JSON.stringify(SLA_OVERRIDE));
  compiledSla = execFileSync(PRECHECK, ["rules", "compile", slaFile], { encoding: "utf8" }).trim();
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

  // The same rules with the provider's SLA: the estimate is redone with its figure and source.
  await page.evaluate((rules) => window.handles.a.update({ rules }), compiledSla);
  const estimateAfter = await page.evaluate(() => window.handles.a.estimate().stages[0]);
  assert.equal(estimateBefore.stage, "providerReview");
  assert.equal(estimateBefore.workingDays.max.days, 2);
  assert.equal(estimateAfter.workingDays.max.days, 9);
  assert.equal(estimateAfter.workingDays.max.source, "e2e SLA");
  assert.ok(estimateAfter.lateEnd > estimateBefore.lateEnd, `${estimateAfter.lateEnd} > ${estimateBefore.lateEnd}`);
  // The rules are the same: the report names the new version and still finds the `.io` fileable.
  const withSla = await report(page, "a");
  assert.match(withSla.version, /\+e2e-2$/);
  assert.ok(!codes(withSla).includes("domain.tld_not_fileable"));
  assert.deepEqual(problems, []);

  // A raw policy is refused with the command that compiles it; the SLA in effect stays.
  await page.evaluate(() =>
    window.handles.a.update({ reviewPolicy: { stages: { providerReview: { max: { days: 4 } } } } }),
  );
  assert.equal(await page.evaluate(() => window.handles.a.estimate().stages[0].workingDays.max.days), 9);
  assert.equal(problems.length, 1, problems.join("\n"));
  assert.match(problems[0], /option `reviewPolicy`.*"reviewPolicy" in the override.*icp-precheck rules compile/s);
  // A later update() reports its own problems only, and one that is not an object says so.
  await page.evaluate(() => window.handles.a.update({ timeoutMs: 5000 }));
  assert.equal(problems.length, 1, problems.join("\n"));
  await page.evaluate(() => window.handles.a.update({ timeoutMs: -1 }));
  assert.equal(problems.length, 2, problems.join("\n"));
  assert.match(problems[1], /option `timeoutMs` has an unsupported value -1; the previous value stays in effect/);
  await page.evaluate(() => window.handles.a.update("5000"));
  assert.equal(problems.length, 3, problems.join("\n"));
  assert.match(problems[2], /update\(\) takes an object of the options to change; nothing changed/);
  assert.equal(await page.evaluate(() => window.handles.a.estimate().stages[0].workingDays.max.days), 9);
  // A value update() refuses leaves the working one: the endpoint still takes the filing.
  await page.evaluate(() => window.handles.a.update({ endpoint: 5 }));
  assert.equal(problems.length, 4, problems.join("\n"));
  assert.match(problems[3], /option `endpoint`.*the previous value stays in effect/);
  const outcome = await page.evaluate(() => window.handles.a.submit().then(() => "sent", (e) => e.code));
  assert.ok(["sent", "invalid"].includes(outcome), outcome);
});

test("the stateless estimate and progress use the review policy of compiled rules", async () => {
  const { page, consoleErrors: problems } = await openTestPage(browser, receiver.url);
  const result = await page.evaluate(
    ({ rules, otherRules }) => {
      const input = { filingType: "first", province: "440000", submittedAt: "2026-09-25T10:00:00+08:00" };
      const max = (e) => e.stages[0].workingDays.max;
      const refused = (extra) => {
        try {
          window.icp.estimate({ ...input, ...extra });
          return null;
        } catch (e) {
          return String(e.message ?? e);
        }
      };
      return {
        embedded: max(window.icp.estimate(input)),
        host: max(window.icp.estimate({ ...input, rules })),
        // Other compiled rules right after: their own policy, not the one decoded last.
        other: max(window.icp.estimate({ ...input, rules: otherRules })),
        again: max(window.icp.estimate({ ...input, rules })),
        // The provider's review under way since the submission: up to its maximum left.
        progress: ["", rules].map((r) => {
          const started = [{ stage: "providerReview", status: "started", at: input.submittedAt }];
          const p = window.icp.progress({ ...input, ...(r ? { rules: r } : {}), events: started, now: "2026-09-25T11:00:00+08:00" });
          return p.remainingWorkingDays.late;
        }),
        raw: refused({ reviewPolicy: { stages: {} } }),
        damaged: refused({ rules: rules.slice(0, -5) }),
      };
    },
    { rules: compiledSla, otherRules: compiled },
  );
  assert.equal(result.embedded.days, 2);
  assert.deepEqual([result.host.days, result.host.source], [9, "e2e SLA"]);
  assert.deepEqual(result.other, result.embedded);
  assert.deepEqual(result.again, result.host);
  assert.deepEqual(result.progress, [2, 9]);
  assert.match(result.raw ?? "", /reviewPolicy.*icp-precheck rules compile/s);
  assert.match(result.damaged ?? "", /rules: compiled rule data are damaged/);
  assert.deepEqual(problems, []);
});

test("the stateless validate checks a filing by compiled rules as the widget mounted with them does", async () => {
  const { page, consoleErrors: problems } = await openTestPage(browser, receiver.url);
  const filing = orgFiling();
  await mount(page, "a", { endpoint: "/api/filings", storage: "none", today: TODAY, filing, rules: compiled });
  const widget = await report(page, "a");
  const result = await page.evaluate(
    ({ filing, rules, otherRules, today }) => {
      const summary = (r) => ({ version: r.rulesetVersion, issues: r.issues.map((i) => ({ code: i.code, message: i.message })) });
      const refused = (options) => {
        try {
          window.icp.validate(filing, options);
          return null;
        } catch (e) {
          return String(e.message ?? e);
        }
      };
      return {
        host: summary(window.icp.validate(filing, { today, rules })),
        embedded: summary(window.icp.validate(filing, { today })),
        // Other compiled rules right after: their own data, not the ones decoded last.
        other: summary(window.icp.validate(filing, { today, rules: otherRules })).version,
        again: summary(window.icp.validate(filing, { today, rules })),
        damaged: refused({ today, rules: rules.slice(0, -5) }),
        uncompiled: refused({ today, rules: { version: "x" } }),
      };
    },
    { filing, rules: compiled, otherRules: compiledSla, today: TODAY },
  );
  assert.deepEqual(result.host, widget);
  assert.deepEqual(result.again, result.host);
  assert.match(result.other, /\+e2e-2$/);
  assert.ok(codes(result.embedded).includes("domain.tld_not_fileable"), JSON.stringify(codes(result.embedded)));
  assert.ok(!codes(result.host).includes("domain.tld_not_fileable"), JSON.stringify(codes(result.host)));
  assert.match(result.damaged ?? "", /rules: compiled rule data are damaged/);
  assert.match(result.uncompiled ?? "", /rules: not compiled rule data.*icp-precheck rules compile override\.json/s);
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
