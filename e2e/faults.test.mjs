// End to end: how the widget's submission survives a failing endpoint. The receiver runs with
// `--faults`, each test queues the failure it needs on /__faults, and checks what the filer
// sees, how many filings SQLite holds, and that the draft is kept until the receiver's 2xx.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  SITE_DIR,
  Widget,
  launchBrowser,
  loadFixture,
  openTestPage,
  queryDb,
  setFaults as setFaultsOf,
  siteWithTestPages,
  startReceiver,
} from "./helpers.mjs";

const TODAY = "2026-11-28";
const icp = await import(pathToFileURL(join(SITE_DIR, "pkg/node.js")).href);
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

const setFaults = (faults) => setFaultsOf(receiver.url, faults);

async function faultState() {
  return (await fetch(`${receiver.url}/__faults`)).json();
}

/**
 * The test page with one widget: the fixture loaded through `filing`, then changed by the
 * filer (so a draft is saved under a key of its own). `posts` collects the filing requests.
 */
/** The filings the page POSTs, each with its idempotency key, as the requests leave. */
function recordPosts(page) {
  const posts = [];
  page.on("request", (req) => {
    if (req.method() === "POST" && req.url().endsWith("/api/filings")) {
      posts.push({ key: req.headers()["idempotency-key"], request: req });
    }
  });
  return posts;
}

async function openWidget(options = {}, headers = null) {
  const opened = await openTestPage(browser, receiver.url);
  const { page } = opened;
  const posts = recordPosts(page);
  const draftKey = `icp-e2e-faults:${nextKey++}`;
  await page.evaluate(
    async ({ options, draftKey, filing, edited, today, retry, headers }) => {
      // `getHeaders` as hosts get it wrong: a value a browser can't send, or no answer ever.
      const getHeaders = {
        chineseUserName: () => ({ "X-CSRF-Token": "t0k3n", "X-User": "张三" }),
        neverSettles: () => new Promise(() => {}),
      }[headers];
      const handle = window.mountRecorded("widget", document.getElementById("a"), {
        endpoint: "/api/filings",
        storage: "local",
        draftKey,
        today,
        filing,
        retry,
        ...(getHeaders ? { getHeaders } : {}),
        ...options,
      });
      // Whether the draft was still stored when each attempt started.
      window.draftAtAttempt = [];
      handle.on("submit", () => window.draftAtAttempt.push(localStorage.getItem(draftKey) !== null));
      // The filer's change comes after the widget has rendered the console's data.
      await window.widgetReady("widget");
      handle.setFiling(edited);
    },
    { options, draftKey, filing: FILING, edited: EDITED, today: TODAY, retry: RETRY, headers },
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

/**
 * Whether a draft not yet accepted is stored: after a 2xx the stored draft becomes the accepted
 * filing with its receipt (`submitted`), which a reload reopens on its progress.
 */
const draftStored = (page, draftKey) =>
  page.evaluate((key) => {
    const text = localStorage.getItem(key);
    return text !== null && !JSON.parse(text).submitted;
  }, draftKey);

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
  // Chromium itself resends a request when a reused keep-alive connection closes without an
  // answer, as often as it has such connections (usually twice, sometimes all three drops):
  // who resent is not what is tested, but that every resend carried the key and one filing
  // was stored. The widget's own retry after a network failure is counted when it ran.
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
  assert.ok(attempts.length >= 1 && attempts.length <= 4, `attempts ${attempts}`);
  assert.deepEqual(attempts, attempts.map((_, i) => i + 1));
  // One POST seen by the page per attempt of the widget's, each with the first key.
  assert.equal(posts.length, attempts.length);
  assert.deepEqual(await eventsOf(page, "error"), []);
  const last = await posts.at(-1).request.response();
  assert.equal(last.status(), 201);
  assert.equal(last.headers()["idempotent-replayed"], "true", "the stored filing was replayed");

  assert.ok((await page.evaluate(() => window.draftAtAttempt)).every(Boolean), "draft kept while sending");
  assert.equal(await draftStored(page, draftKey), false, "draft cleared after the 201");
  assert.deepEqual(unexpectedErrors(consoleErrors), []);
  await context.close();
});

// The same loss, made where Chromium can't resend on its own: the first two requests reach the
// receiver, which stores the filing, and their answers are then cut off inside the browser as a
// reset connection. So the widget's own retries are what send the filing again.
test("answers lost after the filing was stored: the widget itself retries with the same key, stored once", async () => {
  await setFaults([]);
  const { context, page, posts, draftKey, consoleErrors } = await openWidget();
  let cut = 0;
  await page.route("**/api/filings", async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    const answer = await route.fetch();
    assert.ok(answer.status() === 201, `the receiver answered ${answer.status()}`);
    if (cut < 2) {
      cut += 1;
      return route.abort("connectionreset");
    }
    return route.fulfill({ response: answer });
  });
  const before = countFilings();
  await (await openCheckPage(page, draftKey)).click();
  const id = await receiptShown(page);

  assert.equal(countFilings(), before + 1, "exactly one filing");
  storedOnce(id);
  const attempts = (await eventsOf(page, "submit")).map((d) => d.attempt);
  assert.deepEqual(attempts, [1, 2, 3], "two lost answers, then the third attempt's");
  assert.equal(posts.length, 3);
  const key = posts[0].key;
  assert.ok(posts.every((p) => p.key === key), "every attempt carried the first key");
  assert.ok((await page.evaluate(() => window.draftAtAttempt)).every(Boolean), "draft kept while sending");
  assert.equal(await draftStored(page, draftKey), false, "draft cleared after the 201");
  assert.deepEqual(await eventsOf(page, "error"), []);
  // The browser logs each cut answer itself; nothing else was logged.
  const resets = consoleErrors.filter((e) => e === "Failed to load resource: net::ERR_CONNECTION_RESET");
  assert.equal(resets.length, 2);
  assert.deepEqual(unexpectedErrors(consoleErrors.filter((e) => !resets.includes(e))), []);
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
  // Said in the filer's language, with the endpoint's own text kept for support.
  assert.match(text, /^提交失败：服务器出错，请稍后重试。您填写的内容已保留。/);
  assert.match(text, /技术信息（供客服参考）：HTTP 500: injected fault: HTTP 500$/);
  assert.equal(await notice.getAttribute("role"), "alert");
  assert.equal((await button.textContent()).trim(), "重试");
  // The focus stayed on the button through the attempt: Enter retries.
  assert.equal(await button.evaluate((b) => b === document.activeElement), true);
  assert.deepEqual(await eventsOf(page, "error"), [
    {
      code: "http",
      message: "HTTP 500: injected fault: HTTP 500",
      notice: "服务器出错，请稍后重试。",
      status: 500,
      endpointCode: "fault.injected",
    },
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

test("no answer in time to any attempt: the filer is told so in Chinese, the console in English; the retry finds the stored filing", async () => {
  // Every attempt of the retry policy is answered after the widget gave up on it.
  await setFaults([{ kind: "delay", ms: 1500, times: RETRY.attempts }]);
  const { context, page, posts, draftKey } = await openWidget({ timeoutMs: 300 });
  const before = countFilings();
  const button = await openCheckPage(page, draftKey);
  const result = await submitThroughHandle(page);
  const notice = "服务器长时间没有响应，请稍后重试。";
  assert.deepEqual(result, { code: "timeout", message: "no answer within timeoutMs (300 ms)", notice });
  assert.deepEqual(await eventsOf(page, "error"), [{ code: "timeout", message: result.message, notice }]);
  assert.match(await page.locator(".icpf-notice-error").textContent(), new RegExp(`^提交失败：${notice}您填写的内容已保留。`));
  assert.equal(posts.length, RETRY.attempts);
  assert.ok(posts.every((p) => p.key === posts[0].key));
  assert.equal(await draftStored(page, draftKey), true, "draft kept after the failure");

  // The first attempt was stored before its answer was held back: the retry gets it back.
  await page.waitForTimeout(1600);
  await button.click();
  const id = await receiptShown(page);
  assert.equal(countFilings(), before + 1);
  storedOnce(id);
  assert.equal((await posts.at(-1).request.response()).headers()["idempotent-replayed"], "true");
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
  // While it waits, the status region says so (the focused button's new label is not read).
  await page.getByRole("status").filter({ hasText: "正在提交…" }).waitFor();
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
  assert.match(await page.locator(".icpf-notice-error").textContent(), /^提交失败：服务器繁忙，请稍后重试。/);
  assert.equal((await button.textContent()).trim(), "重试");
  await page.waitForTimeout(600);
  assert.equal(posts.length, 1, "not retried before the server's 30 s");
  assert.deepEqual((await eventsOf(page, "error")).map((e) => [e.code, e.status]), [["http", 429]]);
  assert.equal(countFilings(), before);
  assert.equal(await draftStored(page, draftKey), true);
  await context.close();
});

test("a 403 or another 4xx is not retried, and the filer is told what will help: signing in again, waiting for a conflicting order, or support", async () => {
  // After a refusal of the filing itself the button is not 重试: the same body would be refused again.
  for (const [status, advice, label] of [
    [403, /^提交失败：服务器不接受这次提交，可能是登录已过期：请重新登录控制台后再提交。您填写的内容已保留。技术信息（供客服参考）：HTTP 403: /, "重试"],
    [409, /^提交失败：服务器上已有与这份备案冲突的申请，例如同一备案号下正在审核的订单：原样再提交不会成功。请等那份申请审核结束后再提交，或联系平台客服。您填写的内容已保留。技术信息（供客服参考）：HTTP 409: /, "提交备案"],
    [400, /^提交失败：服务器拒绝了这份备案，原样再提交不会成功/, "提交备案"],
    // A wrong address is the console's set-up, not something to change in the filing.
    [404, /^提交失败：提交地址不可用（服务器上没有这个接口），问题不在您填写的内容：请联系平台客服，修复后原样再提交即可。您填写的内容已保留。技术信息（供客服参考）：HTTP 404: /, "提交备案"],
  ]) {
    await setFaults([{ kind: "status", status }]);
    const { context, page, posts, draftKey } = await openWidget();
    const before = countFilings();
    const button = await openCheckPage(page, draftKey);
    await button.click();
    const notice = page.getByRole("alert").filter({ hasText: "提交失败" });
    await notice.waitFor();
    assert.match(await notice.textContent(), advice);
    assert.equal((await button.textContent()).trim(), label, `${status}`);
    await page.waitForTimeout(600);
    assert.equal(posts.length, 1, `${status} is not retried`);
    assert.equal(countFilings(), before);
    assert.equal(await draftStored(page, draftKey), true);
    await context.close();
  }
});

test("a 409 because another order of the filing number is under review says so, and gives the endpoint's code", async () => {
  await setFaults([]);
  // A change of a number, each warning confirmed as the filer would.
  const number = "京ICP备2026099887号";
  const change = { ...structuredClone(EDITED), filingType: "change", filingNumber: number, changeScope: "services" };
  const report = icp.validate(change, { today: TODAY });
  change.acknowledgedWarnings = report.issues.filter((i) => i.severity === "warning").map((i) => `${i.code}@${i.path}`);
  assert.equal(icp.validate(change, { today: TODAY }).ok, true);
  // Another console already sent a change of the same number, which is under review.
  const other = await fetch(`${receiver.url}/api/filings`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": `other-order-${nextKey}` },
    body: JSON.stringify({ ...change, websites: [{ ...change.websites[0], remark: "个人读书笔记，每周更新" }] }),
  });
  assert.equal(other.status, 201, await other.text());
  const before = countFilings();

  const { context, page } = await openTestPage(browser, receiver.url);
  const draftKey = `icp-e2e-faults:${nextKey++}`;
  await page.evaluate(
    async ({ filing, change, draftKey, today }) => {
      const handle = window.mountRecorded("widget", document.getElementById("a"), { endpoint: "/api/filings", storage: "local", draftKey, today, filing });
      await window.widgetReady("widget");
      handle.setFiling(change);
    },
    { filing: FILING, change, draftKey, today: TODAY },
  );
  await page.waitForFunction((key) => localStorage.getItem(key) !== null, draftKey);
  const button = await openCheckPage(page, draftKey);
  await button.click();
  const notice = page.getByRole("alert").filter({ hasText: "提交失败" });
  await notice.waitFor();
  assert.match(await notice.textContent(), /^提交失败：这个备案号下已有一份申请正在审核，审核结束前不能再提交：请等它审核结束后再提交。您填写的内容已保留。/);
  assert.deepEqual(
    (await eventsOf(page, "error")).map((e) => [e.code, e.status, e.endpointCode]),
    [["http", 409, "filing.order_in_review"]],
  );
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
  // Focus moves after the next render.
  await summary.getByRole("link").first().click();
  await page.waitForFunction(() => document.activeElement?.id === "icpf1-subject-address-detail", null, { timeout: 5000 });

  assert.deepEqual(await eventsOf(page, "error"), [
    {
      code: "rejected",
      message: "the endpoint refused the filing (HTTP 422); its report says why",
      notice: "服务端校验未通过，请按以下提示修改",
      status: 422,
    },
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

test("submit() again after the filing was accepted: nothing more is sent, the promise gets its receipt", async () => {
  const { context, page, posts } = await openWidget({ timeoutMs: 5000 });
  const before = countFilings();
  const ids = await page.evaluate(async () => {
    const handle = window.handles.widget;
    const first = await handle.submit();
    // A console's own button, or a retry wrapper, calling again later.
    await new Promise((resolve) => setTimeout(resolve, 300));
    const again = await handle.submit();
    return [first.id, again.id, handle.getReceipt()?.id];
  });
  assert.match(ids[0], /^icpf_[0-9a-f]{24}$/);
  assert.deepEqual(ids, [ids[0], ids[0], ids[0]]);
  assert.equal(posts.length, 1);
  assert.equal(countFilings(), before + 1);
  storedOnce(ids[0]);
  assert.equal(await receiptShown(page), ids[0]);
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

/** `submit()` through the handle: the receipt's id, or the rejection's code and message. */
const submitThroughHandle = (page) =>
  page.evaluate(() =>
    window.handles.widget.submit().then(
      (receipt) => ({ id: receipt.id }),
      (e) => ({ code: e.code, message: e.message, notice: e.notice }),
    ),
  );

test("a header value a browser refuses (a Chinese user name): a config error names the header; nothing is sent or lost", async () => {
  await setFaults([]);
  const { context, page, posts, draftKey } = await openWidget({}, "chineseUserName");
  const button = await openCheckPage(page, draftKey);
  const result = await submitThroughHandle(page);
  assert.equal(result.code, "config");
  assert.match(result.message, /"X-User"/);
  assert.doesNotMatch(result.message, /张三/, "the value is not repeated");
  assert.deepEqual((await eventsOf(page, "error")).map((e) => e.code), ["config"]);
  const notice = page.getByRole("alert").filter({ hasText: "提交失败" });
  await notice.waitFor();
  // Not the filer's mistake, and not one a retry mends: they are sent to support.
  const text = await notice.textContent();
  assert.match(text, /^提交失败：备案表单的设置有误，无法提交，请联系平台客服。您填写的内容已保留。技术信息/);
  assert.doesNotMatch(text, /重试/);
  assert.equal(await button.isDisabled(), false, "the filer can try again");
  assert.equal(posts.length, 0);
  assert.equal(await draftStored(page, draftKey), true);
  await context.close();
});

test("a getHeaders() that never settles ends the submission within the attempt's time limit", async () => {
  await setFaults([]);
  const { context, page, posts, draftKey } = await openWidget({ timeoutMs: 800 }, "neverSettles");
  const button = await openCheckPage(page, draftKey);
  const started = Date.now();
  const result = await submitThroughHandle(page);
  const took = Date.now() - started;
  assert.equal(result.code, "headers");
  assert.match(result.message, /800 ms/);
  assert.ok(took < 5000, `settled after ${took} ms`);
  assert.deepEqual((await eventsOf(page, "error")).map((e) => e.code), ["headers"]);
  assert.equal(await button.isDisabled(), false);
  assert.equal(posts.length, 0);
  assert.equal(await draftStored(page, draftKey), true);
  await context.close();
});

test("host headers can't replace Content-Type or the idempotency key", async () => {
  await setFaults([]);
  const { context, page, posts, draftKey } = await openWidget({
    headers: { "Content-Type": "text/plain", "idempotency-key": "the-same-for-everyone", "X-Tenant": "acme" },
  });
  const before = countFilings();
  await (await openCheckPage(page, draftKey)).click();
  const id = await receiptShown(page);
  assert.equal(countFilings(), before + 1);
  storedOnce(id);
  const sent = posts[0].request.headers();
  assert.equal(sent["content-type"], "application/json");
  assert.match(sent["idempotency-key"], /^[0-9a-f]{32}$/);
  assert.equal(sent["x-tenant"], "acme");
  await context.close();
});

test("a reload after an attempt whose answer was lost sends the same key: one filing; an edit since is pointed out", async () => {
  // The receiver stores the filing, then drops the connection: the widget never learns it
  // arrived. (Chromium may resend on its own, once for each keep-alive connection it holds
  // to the host, up to six; every copy is dropped.)
  await setFaults([{ kind: "drop", times: 8 }]);
  const { context, page, posts, draftKey } = await openWidget({ retry: { attempts: 1, baseDelayMs: 50, maxDelayMs: 400 } });
  const before = countFilings();
  await (await openCheckPage(page, draftKey)).click();
  await page.getByRole("alert").filter({ hasText: "提交失败" }).waitFor();
  assert.equal(countFilings(), before + 1, "it did arrive");
  const firstKey = posts[0].key;
  const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), draftKey);
  assert.equal(saved.pending.key, firstKey, "the key is kept with the draft");
  assert.equal(saved.pending.uncertain, true);
  assert.doesNotMatch(JSON.stringify(saved.pending), /remark|张伟/, "a digest, not a second copy of the filing");

  await setFaults([]);
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
  await page.evaluate(async (draftKey) => {
    window.mountRecorded("widget", document.getElementById("a"), { endpoint: "/api/filings", storage: "local", draftKey });
    await window.widgetReady("widget");
  }, draftKey);
  const widget = new Widget(page);
  await page.getByRole("status").filter({ hasText: "已恢复" }).waitFor();
  await page.getByRole("button", { name: /核对信息/ }).click();
  const same = page.getByRole("status").filter({ hasText: "不会重复备案" });
  await same.waitFor();

  // An edit makes it a different filing: the filer is told the earlier one may have arrived.
  await page.getByRole("button", { name: /网站 \/ APP信息/ }).click();
  const remark = widget.$("websites[0].remark");
  const original = await remark.inputValue();
  await widget.type("websites[0].remark", `${original}（更新）`);
  await page.getByRole("button", { name: /核对信息/ }).click();
  await page.getByRole("status").filter({ hasText: "可能同时收到两份" }).waitFor();
  assert.equal(await same.count(), 0);

  // Undoing the edit makes it the same filing again, sent under the first key.
  await page.getByRole("button", { name: /网站 \/ APP信息/ }).click();
  await widget.type("websites[0].remark", original);
  await page.getByRole("button", { name: /核对信息/ }).click();
  await same.waitFor();
  await widget.submitButton.click();
  const id = await receiptShown(page);
  assert.equal(posts.at(-1).key, firstKey);
  assert.equal((await posts.at(-1).request.response()).headers()["idempotent-replayed"], "true");
  assert.equal(countFilings(), before + 1, "still one filing");
  storedOnce(id);
  assert.equal(await draftStored(page, draftKey), false);
  await context.close();
});

/**
 * A submission that outlived destroy(): its promise got the receipt, one request left, one
 * row was stored, the host's `icp-submitted` came, and the widget is gone from the page.
 */
async function deliveredOnceAfterDestroy(page, result, posts, before) {
  assert.match(result.id ?? JSON.stringify(result), /^icpf_[0-9a-f]{24}$/);
  assert.equal(posts.length, 1);
  assert.equal(countFilings(), before + 1);
  storedOnce(result.id);
  assert.deepEqual(await page.evaluate(() => window.hostEvents), [result.id]);
  assert.equal(await page.locator(".icpf-root").count(), 0, "the widget is gone from the page");
}

test("destroy() while the filing is on its way: the delivery finishes and the host gets the receipt", async () => {
  await setFaults([{ kind: "delay", ms: 600 }]);
  const { context, page, posts, draftKey } = await openWidget({ timeoutMs: 5000 });
  await openCheckPage(page, draftKey);
  const before = countFilings();
  await page.evaluate(() => {
    window.hostEvents = [];
    document.getElementById("a").addEventListener("icp-submitted", (e) => window.hostEvents.push(e.detail.id));
    window.pendingSubmit = submitThroughHandleInPage();
    function submitThroughHandleInPage() {
      const handle = window.handles.widget;
      const promise = handle.submit().then((r) => ({ id: r.id }), (e) => ({ code: e.code }));
      // The console navigates away mid-submit.
      setTimeout(() => handle.destroy(), 100);
      return promise;
    }
  });
  const result = await page.evaluate(() => window.pendingSubmit);
  await deliveredOnceAfterDestroy(page, result, posts, before);
  assert.deepEqual((await eventsOf(page, "submitted")).map((d) => d.id), [result.id]);
  assert.equal(await draftStored(page, draftKey), false, "nothing left to send again");
  await context.close();
});

// The entry's free() (index.js) destroys the widget first, so `using` and free() take this path too.
test("destroy() in the same task as submit(): the filing is sent once and its receipt reaches the promise, the handlers and the host", async () => {
  const { context, page, posts, draftKey } = await openWidget({ timeoutMs: 5000 });
  await openCheckPage(page, draftKey);
  const before = countFilings();
  const result = await page.evaluate(() => {
    window.hostEvents = [];
    document.getElementById("a").addEventListener("icp-submitted", (e) => window.hostEvents.push(e.detail.id));
    const handle = window.handles.widget;
    const promise = handle.submit().then((r) => ({ id: r.id }), (e) => ({ code: e.code }));
    // The console closes the widget at once, before the form has rendered the request.
    handle.destroy();
    return promise;
  });
  await deliveredOnceAfterDestroy(page, result, posts, before);
  assert.deepEqual((await eventsOf(page, "submitted")).map((d) => d.id), [result.id]);
  assert.equal(await draftStored(page, draftKey), false, "nothing left to send again");
  await context.close();
});

test("submit() and destroy() right after mount(), before its first render: the filing is sent once and its receipt reaches the promise and the host", async () => {
  const { context, page } = await openTestPage(browser, receiver.url);
  const posts = recordPosts(page);
  const before = countFilings();
  const result = await page.evaluate(
    ({ filing, today }) => {
      window.hostEvents = [];
      const host = document.getElementById("a");
      host.addEventListener("icp-submitted", (e) => window.hostEvents.push(e.detail.id));
      const handle = window.mountRecorded("quick", host, { endpoint: "/api/filings", storage: "none", today, filing });
      const promise = handle.submit().then((r) => ({ id: r.id }), (e) => ({ code: e.code }));
      handle.destroy();
      return promise;
    },
    { filing: EDITED, today: TODAY },
  );
  await deliveredOnceAfterDestroy(page, result, posts, before);
  await context.close();
});

test("a draft holding a value that once crashed the widget opens with its error; no ID number reaches the console", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const draftKey = `icp-e2e-faults:${nextKey++}`;
  const number = "中12345678";
  await page.evaluate(
    async ({ draftKey, filing, number }) => {
      const draft = structuredClone(filing);
      draft.subject.kind = "individual";
      draft.subject.certificate = { type: "hkMacaoPermit", number, validUntil: "2030-01-01" };
      localStorage.setItem(
        draftKey,
        JSON.stringify({
          draftVersion: 1,
          savedAt: new Date(Date.now() - 3600e3).toISOString().replace("Z", "+00:00"),
          expiresAt: new Date(Date.now() + 30 * 86400e3).toISOString().replace("Z", "+00:00"),
          section: "subject",
          filing: draft,
        }),
      );
      // A mistyped option quoting an ID number: the console message must not repeat it.
      window.mountRecorded("widget", document.getElementById("a"), {
        endpoint: "/api/filings",
        storage: "local",
        draftKey,
        today: "not-a-date 110108199003071238",
      });
      await window.widgetReady("widget");
    },
    { draftKey, filing: FILING, number },
  );
  const widget = new Widget(page);
  await page.getByRole("status").filter({ hasText: "已恢复" }).waitFor();
  assert.equal(await page.locator(".icpf-crashed").count(), 0);
  assert.equal(await widget.$("subject.certificate.number").inputValue(), number, "what was typed is kept");
  // The number is reported for what it is (a format warning), and the filer goes on.
  const issues = await page.evaluate(() => window.handles.widget.validate().issues.map((i) => `${i.code}@${i.path}`));
  assert.ok(issues.includes("certificate.format@subject.certificate.number"), issues.join(", "));
  await widget.submitButton.click();
  await page.getByRole("heading", { name: "网站 / APP信息" }).waitFor();
  assert.equal(await page.locator(".icpf-crashed").count(), 0);
  assert.ok(consoleErrors.some((e) => e.includes("`today`")), consoleErrors.join("\n"));
  assert.ok(consoleErrors.every((e) => !e.includes("110108199003071238")), consoleErrors.join("\n"));
  assert.deepEqual(await eventsOf(page, "error"), []);
  await context.close();
});
