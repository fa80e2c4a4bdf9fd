// End to end: how the widget's submission survives a failing endpoint. The receiver runs with
// `--faults`, each test queues the failure it needs on /__faults, and checks what the filer
// sees, how many filings SQLite holds, and that the draft is kept until the receiver's 2xx.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, loadFixture, openTestPage, queryDb, siteWithTestPages, startReceiver } from "./helpers.mjs";

const TODAY = "2026-11-28";
const FILING = loadFixture("individual-beijing");
// What the filer changes after the console's data was loaded, so that a draft is saved.
const EDITED = { ...FILING, websites: [{ ...FILING.websites[0], remark: "个人读书笔记，仅分享读书心得" }] };
const RETRY = { attempts: 4, baseDelayMs: 50, maxDelayMs: 400 };
// The browser's own log lines for failed requests; the failures here are on purpose.
const HTTP_ERROR_LOG = /^Failed to load resource: (the server responded with a status of (422|429|500|503)|net::ERR_EMPTY_RESPONSE)/;

let receiver;
let browser;
let nextKey = 1;

before(async () => {
  receiver = await startReceiver({ args: ["--faults"], site: siteWithTestPages() });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
});

const countFilings = () => queryDb(receiver.dataDir, "SELECT COUNT(*) AS n FROM filings")[0].n;

async function setFaults(faults) {
  assert.equal((await fetch(`${receiver.url}/__faults`, { method: "DELETE" })).status, 204);
  const res = await fetch(`${receiver.url}/__faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(faults),
  });
  assert.equal(res.status, 200, await res.text());
}

async function faultState() {
  return (await fetch(`${receiver.url}/__faults`)).json();
}

/**
 * The test page with one widget: the fixture loaded through `filing`, then changed by the
 * filer (so a draft is saved under a key of its own). `posts` collects the filing requests.
 */
async function openWidget(options = {}) {
  const opened = await openTestPage(browser, receiver.url);
  const { page } = opened;
  const posts = [];
  page.on("request", (req) => {
    if (req.method() === "POST" && req.url().endsWith("/api/filings")) {
      posts.push({ key: req.headers()["idempotency-key"], request: req });
    }
  });
  const draftKey = `icp-e2e-faults:${nextKey++}`;
  await page.evaluate(
    async ({ options, draftKey, filing, edited, today, retry }) => {
      const handle = window.mountRecorded("widget", document.getElementById("a"), {
        endpoint: "/api/filings",
        storage: "local",
        draftKey,
        today,
        filing,
        retry,
        ...options,
      });
      // Whether the draft was still stored when each attempt started.
      window.draftAtAttempt = [];
      handle.on("submit", () => window.draftAtAttempt.push(localStorage.getItem(draftKey) !== null));
      // The filer's change comes after the widget has rendered the console's data.
      await window.widgetReady("widget");
      handle.setFiling(edited);
    },
    { options, draftKey, filing: FILING, edited: EDITED, today: TODAY, retry: RETRY },
  );
  await page.waitForFunction((key) => localStorage.getItem(key) !== null, draftKey);
  return { ...opened, posts, draftKey };
}

/** Opens the check page and waits until the draft records it (no autosave is pending). */
async function openCheckPage(page, draftKey) {
  await page.click("button[data-section=review]");
  await page.waitForFunction((key) => JSON.parse(localStorage.getItem(key) ?? "{}").section === "review", draftKey);
  const button = submitButton(page);
  assert.equal((await button.textContent()).trim(), "提交备案");
  return button;
}

const submitButton = (page) => page.locator(".icpf-main .icpf-actions button[type=submit]");

/** Details of the events of `type` the widget's `on()` handlers received. */
const eventsOf = (page, type) =>
  page.evaluate((type) => window.events.filter((e) => e.via === "on" && e.type === type).map((e) => e.detail), type);

const draftStored = (page, draftKey) => page.evaluate((key) => localStorage.getItem(key) !== null, draftKey);

async function receiptShown(page) {
  const id = page.locator(".icpf-receipt-id");
  await id.waitFor();
  return (await id.textContent()).trim();
}

function storedOnce(id) {
  const rows = queryDb(receiver.dataDir, `SELECT id, body FROM filings WHERE id = '${id}'`);
  assert.equal(rows.length, 1, `filing ${id} stored`);
  assert.equal(JSON.parse(rows[0].body).websites[0].remark, EDITED.websites[0].remark, "the filer's change was sent");
}

const unexpectedErrors = (errors) => errors.filter((e) => !HTTP_ERROR_LOG.test(e));

test("a dropped connection after the filing was stored: retried with the same key, stored once", async () => {
  // Chromium itself resends a request (up to twice) when a reused keep-alive connection
  // closes without an answer; three drops make sure the widget's own retry runs too.
  await setFaults([{ kind: "drop", times: 3 }]);
  const { context, page, posts, draftKey, consoleErrors } = await openWidget();
  const before = countFilings();
  await (await openCheckPage(page, draftKey)).click();
  const id = await receiptShown(page);
  assert.match(id, /^icpf_[0-9a-f]{24}$/);

  assert.equal(countFilings(), before + 1, "exactly one filing");
  storedOnce(id);
  const state = await faultState();
  assert.deepEqual(state.fired.map((f) => f.kind), ["drop", "drop", "drop"]);
  const key = posts[0].key;
  assert.match(key, /^[0-9a-f]{32}$/);
  assert.ok(posts.every((p) => p.key === key), "every request carried the first key");
  assert.ok(state.fired.every((f) => f.idempotencyKey === key));

  const attempts = (await eventsOf(page, "submit")).map((d) => d.attempt);
  assert.ok(attempts.length >= 2, `the widget retried (attempts ${attempts})`);
  assert.deepEqual(attempts, attempts.map((_, i) => i + 1));
  assert.deepEqual(await eventsOf(page, "error"), []);
  const last = await posts.at(-1).request.response();
  assert.equal(last.status(), 201);
  assert.equal(last.headers()["idempotent-replayed"], "true", "the stored filing was replayed");

  assert.ok((await page.evaluate(() => window.draftAtAttempt)).every(Boolean), "draft kept while sending");
  assert.equal(await draftStored(page, draftKey), false, "draft cleared after the 201");
  assert.deepEqual(unexpectedErrors(consoleErrors), []);
  await context.close();
});

test("HTTP 500 is not retried: the filer sees the failure, and the retry button sends it once", async () => {
  await setFaults([{ kind: "status", status: 500 }]);
  const { context, page, posts, draftKey, consoleErrors } = await openWidget();
  const before = countFilings();
  const button = await openCheckPage(page, draftKey);
  await button.click();

  const notice = page.locator(".icpf-notice-error");
  await notice.waitFor();
  const text = await notice.textContent();
  assert.match(text, /^提交失败：HTTP 500: injected fault: HTTP 500/);
  assert.match(text, /您填写的内容已保留，可以重试。/);
  assert.equal(await notice.getAttribute("role"), "alert");
  assert.equal((await button.textContent()).trim(), "重试");
  assert.deepEqual(await eventsOf(page, "error"), [
    { code: "http", message: "HTTP 500: injected fault: HTTP 500", status: 500 },
  ]);
  // Longer than any backoff of the retry policy: no second request on its own.
  await page.waitForTimeout(600);
  assert.equal(posts.length, 1);
  assert.deepEqual((await eventsOf(page, "submit")).map((d) => d.attempt), [1]);
  assert.equal(countFilings(), before);
  assert.equal(await draftStored(page, draftKey), true, "draft kept after the failure");

  await button.click();
  const id = await receiptShown(page);
  assert.equal(countFilings(), before + 1);
  storedOnce(id);
  assert.equal(posts.length, 2);
  assert.equal(posts[1].key, posts[0].key, "the retry reuses the idempotency key");
  assert.equal((await posts[1].request.response()).status(), 201);
  assert.equal((await eventsOf(page, "error")).length, 1, "one error event in all");
  assert.deepEqual((await eventsOf(page, "submitted")).length, 1);
  assert.equal(await draftStored(page, draftKey), false, "draft cleared after the 201");
  assert.deepEqual(unexpectedErrors(consoleErrors), []);
  await context.close();
});

test("HTTP 503 is retried automatically with the same key", async () => {
  await setFaults([{ kind: "status", status: 503 }]);
  const { context, page, posts, draftKey } = await openWidget();
  const before = countFilings();
  await (await openCheckPage(page, draftKey)).click();
  const id = await receiptShown(page);
  assert.equal(countFilings(), before + 1);
  storedOnce(id);
  assert.deepEqual(
    await Promise.all(posts.map(async (p) => (await p.request.response()).status())),
    [503, 201],
  );
  assert.equal(posts[1].key, posts[0].key);
  assert.deepEqual((await eventsOf(page, "submit")).map((d) => d.attempt), [1, 2]);
  assert.deepEqual(await eventsOf(page, "error"), []);
  assert.deepEqual(await page.evaluate(() => window.draftAtAttempt), [true, true]);
  assert.equal(await draftStored(page, draftKey), false);
  await context.close();
});

test("an answer slower than timeoutMs: the retry is answered with the stored filing", async () => {
  // The receiver stores the filing, then holds the answer 3 s; the widget gives up after 0.7 s.
  await setFaults([{ kind: "delay", ms: 3000 }]);
  const { context, page, posts, draftKey } = await openWidget({ timeoutMs: 700 });
  const before = countFilings();
  const button = await openCheckPage(page, draftKey);
  const started = Date.now();
  await button.click();
  const id = await receiptShown(page);
  const elapsed = Date.now() - started;
  assert.ok(elapsed >= 700 && elapsed < 3000, `receipt after ${elapsed} ms: after the time limit, before the slow answer`);
  assert.deepEqual((await eventsOf(page, "submit")).map((d) => d.attempt), [1, 2]);
  assert.equal(posts.length, 2);
  assert.equal(posts[1].key, posts[0].key);
  assert.equal(await posts[0].request.response(), null, "the first request was aborted");
  const replay = await posts[1].request.response();
  assert.equal(replay.status(), 201);
  assert.equal(replay.headers()["idempotent-replayed"], "true");
  assert.deepEqual(await eventsOf(page, "error"), []);
  // Once the held-back first request has finished too, there is still one filing.
  await page.waitForTimeout(Math.max(0, 3200 - (Date.now() - started)));
  assert.equal(countFilings(), before + 1);
  storedOnce(id);
  assert.equal(await draftStored(page, draftKey), false);
  await context.close();
});

test("429 with Retry-After: 1 waits at least a second, then succeeds", async () => {
  await setFaults([{ kind: "retryAfter", seconds: 1 }]);
  // A Retry-After longer than maxDelayMs ends the automatic retries (next test).
  const { context, page, posts, draftKey } = await openWidget({
    retry: { attempts: 4, baseDelayMs: 50, maxDelayMs: 2000 },
  });
  const before = countFilings();
  await (await openCheckPage(page, draftKey)).click();
  const id = await receiptShown(page);
  const attempts = await page.evaluate(() =>
    window.events.filter((e) => e.via === "on" && e.type === "submit").map((e) => [e.detail.attempt, e.at]),
  );
  assert.deepEqual(attempts.map(([n]) => n), [1, 2]);
  const waited = attempts[1][1] - attempts[0][1];
  console.log(`429 Retry-After: 1 → second attempt ${waited.toFixed(0)} ms after the first`);
  assert.ok(waited >= 1000, `waited ${waited} ms`);
  assert.ok(waited < 2000, `waited ${waited} ms`);
  assert.deepEqual(
    await Promise.all(posts.map(async (p) => (await p.request.response()).status())),
    [429, 201],
  );
  assert.equal(posts[1].key, posts[0].key);
  assert.equal(countFilings(), before + 1);
  storedOnce(id);
  assert.equal(await draftStored(page, draftKey), false);
  await context.close();
});

test("a Retry-After longer than maxDelayMs is not cut short: no early retry, the filer gets the retry button", async () => {
  await setFaults([{ kind: "retryAfter", seconds: 30 }]);
  const { context, page, posts, draftKey } = await openWidget();
  const before = countFilings();
  const button = await openCheckPage(page, draftKey);
  await button.click();
  await page.locator(".icpf-notice-error").waitFor();
  assert.equal((await button.textContent()).trim(), "重试");
  await page.waitForTimeout(600);
  assert.equal(posts.length, 1, "not retried before the server's 30 s");
  assert.deepEqual((await eventsOf(page, "error")).map((e) => [e.code, e.status]), [["http", 429]]);
  assert.equal(countFilings(), before);
  assert.equal(await draftStored(page, draftKey), true);
  await context.close();
});

test("submit() from another section that fails shows the failure and the retry on the check page", async () => {
  await setFaults([{ kind: "status", status: 500 }]);
  const { context, page, posts, draftKey } = await openWidget();
  const before = countFilings();
  assert.equal(await page.getAttribute("button[data-section=basics]", "aria-current"), "step");
  const code = await page.evaluate(() => window.handles.widget.submit().then(() => "sent", (e) => e.code));
  assert.equal(code, "http");
  assert.equal(await page.getAttribute("button[data-section=review]", "aria-current"), "step");
  await page.locator(".icpf-notice-error").waitFor();
  const button = submitButton(page);
  assert.equal((await button.textContent()).trim(), "重试");
  await button.click();
  const id = await receiptShown(page);
  assert.equal(posts.length, 2);
  assert.equal(posts[1].key, posts[0].key);
  assert.equal(countFilings(), before + 1);
  storedOnce(id);
  assert.equal(await draftStored(page, draftKey), false);
  await context.close();
});

test("a 422 naming a field opens its section and shows the issue there; nothing is stored", async () => {
  const issue = { path: "subject.address.detail", code: "address.no_house_number", severity: "error" };
  await setFaults([{ kind: "reject422", issues: [issue] }]);
  const { context, page, posts, draftKey, consoleErrors } = await openWidget();
  const before = countFilings();
  await (await openCheckPage(page, draftKey)).click();

  const summary = page.locator(".icpf-error-summary");
  await summary.waitFor();
  const message = "详细地址应写到门牌号；如没有门牌号，请在备注中说明";
  assert.match(await summary.textContent(), /服务端校验未通过，请按以下提示修改/);
  assert.match(await summary.textContent(), new RegExp(message));
  assert.equal(await page.getAttribute("button[data-section=subject]", "aria-current"), "step", "subject section open");
  await page.waitForFunction(() => document.activeElement?.closest(".icpf-error-summary") != null);
  const field = page.locator("#icpf1-subject-address-detail");
  assert.equal(await field.getAttribute("aria-invalid"), "true");
  const describedBy = (await field.getAttribute("aria-describedby")) ?? "";
  const descriptions = await page.evaluate(
    (ids) => ids.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? "").join(" "),
    describedBy,
  );
  assert.match(descriptions, new RegExp(message), "the inline message is tied to the field");
  // The summary's link moves focus to the field.
  await summary.getByRole("link").first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.id), "icpf1-subject-address-detail");

  assert.deepEqual(await eventsOf(page, "error"), [
    { code: "rejected", message: "服务端校验未通过，请按以下提示修改", status: 422 },
  ]);
  assert.equal(posts.length, 1, "a 422 is not retried");
  assert.equal(countFilings(), before);
  assert.equal(await draftStored(page, draftKey), true, "draft kept");

  // Through the API the same answer rejects the promise with the receiver's report.
  await setFaults([{ kind: "reject422", issues: [issue] }]);
  const error = await page.evaluate(() =>
    window.handles.widget.submit().then(
      () => null,
      (e) => ({ name: e.name, code: e.code, issues: e.report?.issues.map((i) => [i.path, i.code]) }),
    ),
  );
  assert.deepEqual(error, { name: "IcpFilingError", code: "rejected", issues: [[issue.path, issue.code]] });
  assert.equal(countFilings(), before);
  assert.equal(await draftStored(page, draftKey), true);
  assert.deepEqual(unexpectedErrors(consoleErrors), []);
  await context.close();
});

test("two fast clicks on submit send one filing", async () => {
  // A slow answer keeps the first submission in flight while the second click lands.
  await setFaults([{ kind: "delay", ms: 300 }]);
  const { context, page, posts, draftKey } = await openWidget({ timeoutMs: 5000 });
  const before = countFilings();
  await openCheckPage(page, draftKey);
  await page.evaluate(() => {
    const button = document.querySelector(".icpf-main .icpf-actions button[type=submit]");
    button.click();
    button.click();
  });
  const id = await receiptShown(page);
  await page.waitForTimeout(300);
  assert.equal(posts.length, 1);
  assert.equal(countFilings(), before + 1);
  storedOnce(id);
  assert.deepEqual((await eventsOf(page, "submitted")).length, 1);
  await context.close();
});

test("Enter on the submit button and a click send one filing", async () => {
  await setFaults([{ kind: "delay", ms: 300 }]);
  const { context, page, posts, draftKey } = await openWidget({ timeoutMs: 5000 });
  const before = countFilings();
  const button = await openCheckPage(page, draftKey);
  await button.focus();
  await Promise.all([page.keyboard.press("Enter"), button.click({ force: true, noWaitAfter: true })]);
  const id = await receiptShown(page);
  await page.waitForTimeout(300);
  assert.equal(posts.length, 1);
  assert.equal(countFilings(), before + 1);
  storedOnce(id);
  await context.close();
});

test("two submit() calls at once: one filing, both promises settle with its receipt", async () => {
  await setFaults([{ kind: "delay", ms: 300 }]);
  const { context, page, posts } = await openWidget({ timeoutMs: 5000 });
  const before = countFilings();
  const settled = await page.evaluate(async () => {
    const handle = window.handles.widget;
    const results = await Promise.allSettled([handle.submit(), handle.submit()]);
    return results.map((r) => (r.status === "fulfilled" ? r.value.id : `rejected: ${r.reason?.code}`));
  });
  assert.equal(settled.length, 2);
  assert.match(settled[0], /^icpf_[0-9a-f]{24}$/);
  assert.equal(settled[1], settled[0]);
  assert.equal(posts.length, 1);
  assert.equal(countFilings(), before + 1);
  storedOnce(settled[0]);
  assert.equal(await receiptShown(page), settled[0]);
  await context.close();
});

// The autosave (debounced 400 ms) still pending when a submission succeeds must not write
// the sent filing back, or the next visit would offer to restore a filing already sent.
test("the draft is gone after the receipt even when the filer submits right after a change", async () => {
  await setFaults([]);
  const { context, page, draftKey } = await openWidget();
  // No wait for the autosave of the section change: the filer clicks submit at once.
  await page.click("button[data-section=review]");
  await submitButton(page).click();
  await receiptShown(page);
  await page.waitForTimeout(600);
  assert.equal(await draftStored(page, draftKey), false);
  await context.close();
});
