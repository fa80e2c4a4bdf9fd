// End to end: the embedding API as a console uses it. Mounting and destroying, the custom
// element, two widgets on one page, the iframe mode with its origin checks, the strict-CSP
// pages, masked event payloads, destroy() and free() with calls after them, and theming. The
// package as bundlers and TypeScript see it is tested in package.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  ARTIFACTS,
  launchBrowser,
  loadFixture,
  openTestPage,
  postApproved,
  queryDb,
  siteWithTestPages,
  startReceiver,
  setFaults as setFaultsOf,
} from "./helpers.mjs";

const TODAY = "2026-11-28";
const FILING = loadFixture("individual-beijing");
const ID_NUMBER = FILING.subject.certificate.number;

let receiver;
let browser;

before(async () => {
  // --faults: a test holds a submission open with a delayed answer.
  receiver = await startReceiver({ args: ["--demo", "--faults"], site: siteWithTestPages() });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
});

const countFilings = () => queryDb(receiver.dataDir, "SELECT COUNT(*) AS n FROM filings")[0].n;

const setFaults = (faults) => setFaultsOf(receiver.url, faults);

/** Event listener types on the object `expression` evaluates to, its DOM subtree included. */
async function listenerTypes(cdp, expression) {
  const { result } = await cdp.send("Runtime.evaluate", { expression });
  const { listeners } = await cdp.send("DOMDebugger.getEventListeners", {
    objectId: result.objectId,
    depth: -1,
    pierce: true,
  });
  await cdp.send("Runtime.releaseObject", { objectId: result.objectId });
  return listeners.map((l) => l.type).sort();
}

async function allListeners(cdp) {
  return {
    window: await listenerTypes(cdp, "window"),
    document: await listenerTypes(cdp, "document"),
    host: await listenerTypes(cdp, "document.getElementById('a')"),
  };
}

async function heapAfterGc(cdp, page) {
  for (let i = 0; i < 3; i++) await cdp.send("HeapProfiler.collectGarbage");
  const { usedSize } = await cdp.send("Runtime.getHeapUsage");
  const { js, wasm } = await page.evaluate(() => ({
    js: performance.memory.usedJSHeapSize,
    wasm: window.wasmMemoryBytes(),
  }));
  return { usedSize, js, wasm };
}

/** Mounts and destroys a widget `times` times in #a, each time after its first render. */
const mountDestroy = (page, times) =>
  page.evaluate(
    async ({ times, filing, today }) => {
      const host = document.getElementById("a");
      for (let i = 0; i < times; i++) {
        const handle = window.icp.mount(host, {
          endpoint: "/api/filings",
          storage: "none",
          today,
          filing,
          locale: i % 2 ? "en" : "zh-CN",
        });
        await new Promise((resolve) => handle.on("ready", resolve));
        handle.destroy();
      }
      return host.childNodes.length;
    },
    { times, filing: FILING, today: TODAY },
  );

test("mount and destroy 100 times: no DOM, listeners or heap left behind", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const cdp = await context.newCDPSession(page);
  await cdp.send("HeapProfiler.enable");

  // One round first, so that what loads once per page (regions, caches) is in the baseline.
  assert.equal(await mountDestroy(page, 1), 0);
  const listenersBefore = await allListeners(cdp);
  const heapBefore = await heapAfterGc(cdp, page);

  // While mounted the widget does listen (the check below is not vacuous).
  await page.evaluate(async () => {
    window.probe = window.icp.mount(document.getElementById("a"), { storage: "none" });
    await new Promise((resolve) => window.probe.on("ready", resolve));
  });
  const listenersMounted = await allListeners(cdp);
  assert.ok(listenersMounted.window.includes("pagehide"), "the draft flush listens for pagehide");
  assert.ok(listenersMounted.host.length > 0, "the form's controls have listeners");
  await page.evaluate(() => window.probe.destroy());
  await page.evaluate(() => delete window.probe);

  const started = Date.now();
  assert.equal(await mountDestroy(page, 100), 0, "host empty after the last destroy");
  const elapsed = Date.now() - started;
  const listenersAfter = await allListeners(cdp);
  const heapAfter = await heapAfterGc(cdp, page);
  assert.deepEqual(listenersAfter, listenersBefore);

  const mb = (n) => (n / 1048576).toFixed(2);
  console.log(
    `100 mount/destroy cycles in ${elapsed} ms; JS heap after GC ${mb(heapBefore.usedSize)} → ${mb(heapAfter.usedSize)} MB ` +
      `(performance.memory ${mb(heapBefore.js)} → ${mb(heapAfter.js)} MB); ` +
      `wasm memory ${mb(heapBefore.wasm)} → ${mb(heapAfter.wasm)} MB`,
  );
  assert.ok(heapAfter.usedSize - heapBefore.usedSize < 5 * 1048576, "JS heap grew by less than 5 MB");
  assert.ok(heapAfter.wasm - heapBefore.wasm < 8 * 1048576, "wasm memory grew by less than 8 MB");

  // The element can be mounted again and works.
  const again = await page.evaluate(async (filing) => {
    const handle = window.icp.mount(document.getElementById("a"), { storage: "none", filing });
    await new Promise((resolve) => handle.on("ready", resolve));
    return {
      roots: document.querySelectorAll("#a > .icpf-root").length,
      sections: document.querySelectorAll("#a button[data-section]").length,
      name: handle.getFiling().subject.name,
    };
  }, FILING);
  assert.deepEqual(again, { roots: 1, sections: 4, name: FILING.subject.name });
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the custom element: attributes, properties set before the upgrade, bubbling events", async () => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(`${receiver.url}/element.html`);
  const element = page.locator("icp-filing-form#filing");
  await element.locator("button[data-section=basics]").waitFor();

  // province="110000" filing-type="first" locale="zh-CN"
  assert.equal(await page.inputValue("#icpf1-province"), "110000");
  assert.equal(await page.isChecked("#icpf1-filingType"), true);
  const started = await page.evaluate(() => document.getElementById("filing").filing);
  assert.equal(started.province, "110000");
  assert.equal(started.filingType, "first");
  const continueButton = element.locator(".icpf-main .icpf-actions button[type=submit]");
  assert.equal((await continueButton.textContent()).trim(), "保存并继续");

  // icp-* events bubble out of the element to the document.
  await page.evaluate(() => {
    window.seen = [];
    document.addEventListener("icp-change", (e) =>
      window.seen.push({ target: e.target.id, bubbles: e.bubbles, composed: e.composed, detail: e.detail }),
    );
  });
  await element.locator("button[data-section=subject]").click();
  await page.selectOption("#icpf1-subject-kind", "individual");
  await page.fill("#icpf1-subject-name", "李雷");
  await page.waitForFunction(() => window.seen.length > 0);
  const change = await page.evaluate(() => window.seen.at(-1));
  assert.equal(change.target, "filing");
  assert.equal(change.bubbles, true);
  assert.equal(change.composed, true);
  assert.equal(change.detail.section, "subject");
  assert.equal(change.detail.dirty, true);
  assert.equal(await page.evaluate(() => document.body.dataset.valid), "false");

  // The options property was set before defineElement(): drafts go to sessionStorage.
  await page.waitForFunction(() => sessionStorage.getItem("icp-filing:element-draft") !== null);
  const draft = JSON.parse(await page.evaluate(() => sessionStorage.getItem("icp-filing:element-draft")));
  assert.equal(draft.filing.subject.name, "李雷");
  assert.equal(await page.evaluate(() => localStorage.length), 0);

  // Moved (as a framework reorders a list), it keeps its widget and what was typed.
  const moved = await page.evaluate(async () => {
    const el = document.getElementById("filing");
    const handle = el.handle;
    const box = document.createElement("section");
    document.body.append(box);
    box.append(el);
    await new Promise((resolve) => setTimeout(resolve, 50));
    return { same: el.handle === handle, name: el.filing.subject.name, roots: el.querySelectorAll(".icpf-root").length };
  });
  assert.deepEqual(moved, { same: true, name: "李雷", roots: 1 });
  assert.equal(await page.inputValue("#icpf1-subject-name"), "李雷");

  // A changed attribute re-renders.
  await page.evaluate(() => document.getElementById("filing").setAttribute("locale", "en"));
  await page.waitForFunction(
    () => document.querySelector("#filing .icpf-main .icpf-actions button").textContent.trim() === "Save and continue",
  );

  // The filing property, then submit() to the endpoint attribute.
  const before = countFilings();
  const receipt = await page.evaluate(async (filing) => {
    const el = document.getElementById("filing");
    el.filing = filing;
    await new Promise((resolve) => setTimeout(resolve, 50));
    return el.submit();
  }, FILING);
  assert.match(receipt.id, /^icpf_[0-9a-f]{24}$/);
  assert.equal(countFilings(), before + 1);

  // Removed, the element unmounts; added again, it mounts a fresh widget.
  const remounted = await page.evaluate(async () => {
    const el = document.getElementById("filing");
    el.remove();
    await Promise.resolve();
    const detached = { handle: el.handle, children: el.childElementCount };
    document.body.append(el);
    await new Promise((resolve) => el.handle.on("ready", resolve));
    return { detached, handle: el.handle !== null, roots: el.querySelectorAll(".icpf-root").length };
  });
  assert.deepEqual(remounted, { detached: { handle: null, children: 0 }, handle: true, roots: 1 });
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("two widgets on one page are independent", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  await page.evaluate(async (today) => {
    window.recordDomEvents();
    const a = window.mountRecorded("a", document.getElementById("a"), { storage: "none", today });
    const b = window.mountRecorded("b", "#b", { storage: "none", today });
    await Promise.all([window.widgetReady("a"), window.widgetReady("b")]);
    return [a, b].length;
  }, TODAY);

  const ids = await page.evaluate(() => [...document.querySelectorAll("[id]")].map((e) => e.id));
  const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(duplicates, [], "element ids are unique across both widgets");
  assert.ok(ids.includes("icpf1-filingType") && ids.includes("icpf2-filingType"));
  assert.equal(await page.locator("#a #icpf1-province").count(), 1);
  assert.equal(await page.locator("#b #icpf2-province").count(), 1);

  const changesOfB = () =>
    page.evaluate(() => window.events.filter((e) => e.via === "dom" && e.host === "b").length);
  const before = await changesOfB();
  await page.click("#icpf1-filingType");
  await page.click("#a button[data-section=subject]");
  await page.selectOption("#icpf1-subject-kind", "individual");
  await page.fill("#icpf1-subject-name", "韩梅梅");
  await page.waitForFunction(() => window.handles.a.getFiling().subject.name === "韩梅梅");

  const b = await page.evaluate(() => window.handles.b.getFiling());
  assert.equal(b.subject?.name ?? "", "");
  assert.equal(b.subject?.kind, undefined);
  assert.equal(b.filingType, undefined);
  assert.equal(await page.isChecked("#icpf2-filingType"), false);
  assert.equal(await page.getAttribute("#b button[data-section=basics]", "aria-current"), "step");
  assert.equal(await changesOfB(), before, "no event from the other widget");
  const hostsOfA = await page.evaluate(() =>
    [...new Set(window.events.filter((e) => e.via === "dom" && e.type === "change").map((e) => e.host))].sort(),
  );
  assert.deepEqual(hostsOfA, ["a", "b"], "each widget's events come from its own host");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("iframe mode: calls and events over postMessage; messages from another origin are ignored", async () => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  const posts = [];
  page.on("request", (req) => {
    if (req.method() === "POST" && req.url().endsWith("/api/filings")) posts.push(req);
  });
  await page.goto(`${receiver.url}/iframe.html`);
  await page.evaluate(() => {
    window.seen = [];
    window.origins = [];
    for (const type of ["change", "validate", "submitted"]) {
      document.addEventListener(`icp-${type}`, (e) => window.seen.push({ type, target: e.target.id, detail: e.detail }));
    }
    window.addEventListener("message", (e) => window.origins.push(e.origin));
  });
  const frame = page.frameLocator("iframe.icpf-frame");
  await frame.locator("button[data-section=basics]").waitFor();
  // The console page itself runs no WebAssembly.
  assert.equal(await page.evaluate(() => typeof window.icp), "undefined");

  const roundTrip = await page.evaluate(async (filing) => {
    const handlerSaw = [];
    window.icpFrame.on("change", (d) => handlerSaw.push(d.valid));
    await window.icpFrame.setFiling(filing);
    const back = await window.icpFrame.getFiling();
    const report = await window.icpFrame.validate();
    await new Promise((resolve) => setTimeout(resolve, 100));
    return { back, ok: report.ok, handlerSaw, valid: document.getElementById("frame-status").dataset.valid };
  }, FILING);
  assert.deepEqual(roundTrip.back, FILING);
  assert.equal(roundTrip.ok, true);
  assert.ok(roundTrip.handlerSaw.includes(true), "on('change') handlers in the console page are called");
  assert.equal(roundTrip.valid, "true");
  const changes = await page.evaluate(() => window.seen.filter((e) => e.type === "change"));
  assert.ok(changes.length > 0 && changes.every((e) => e.target === "icp-filing-root"), "icp-change on the host element");

  // The console's sign-out clears the drafts kept in the frame's own storage.
  const widgetFrame = page.frames().find((f) => f.url().includes("/frame.html"));
  const frameDrafts = () =>
    widgetFrame.evaluate(() => Object.keys(localStorage).filter((k) => localStorage.getItem(k).includes('"draftVersion"')));
  await widgetFrame.waitForFunction(() => Object.values(localStorage).some((v) => v.includes('"draftVersion"')));
  assert.ok((await page.evaluate(() => window.icpFrame.clearDrafts())) >= 1);
  assert.deepEqual(await frameDrafts(), []);

  // A page of another origin (localhost vs 127.0.0.1) with a handle on both windows.
  const port = new URL(receiver.url).port;
  const [popup] = await Promise.all([
    page.waitForEvent("popup"),
    page.evaluate((url) => void window.open(url), `http://localhost:${port}/api/health`),
  ]);
  await popup.waitForLoadState();
  assert.equal(new URL(popup.url()).origin, `http://localhost:${port}`);
  const frameHandle = page.frames().find((f) => f.url().includes("/frame.html"));
  await frameHandle.evaluate(() => {
    window.origins = [];
    window.addEventListener("message", (e) => window.origins.push(e.origin));
  });
  await popup.evaluate(() => {
    window.opener.postMessage({ type: "icp-filing:event", event: "submitted", detail: { id: "forged" } }, "*");
    window.opener.postMessage({ type: "icp-filing:result", id: 1, ok: true, value: "forged" }, "*");
    const widgetFrame = window.opener.frames[0];
    widgetFrame.postMessage({ type: "icp-filing:call", id: 900, method: "setFiling", args: [{ schemaVersion: 1, subject: { name: "冒名顶替" } }] }, "*");
    widgetFrame.postMessage({ type: "icp-filing:call", id: 901, method: "submit", args: [] }, "*");
    widgetFrame.postMessage({ type: "icp-filing:init", options: { endpoint: "https://evil.example/steal" } }, "*");
  });
  const foreign = `http://localhost:${port}`;
  await page.waitForFunction((origin) => window.origins.filter((o) => o === origin).length === 2, foreign);
  await frameHandle.waitForFunction((origin) => window.origins.filter((o) => o === origin).length === 3, foreign);
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => window.seen.filter((e) => e.type === "submitted")), []);
  assert.equal(await page.textContent("#frame-status"), "备案表单运行在接入商托管的页面中（iframe 模式）。");
  assert.deepEqual(await page.evaluate(() => window.icpFrame.getFiling()), FILING, "the forged setFiling was ignored");
  assert.equal(posts.length, 0, "the forged submit was ignored");
  await popup.close();

  // A real submission from the console page: getHeaders() runs here, events arrive here.
  const before = countFilings();
  const receipt = await page.evaluate(() => window.icpFrame.submit());
  assert.match(receipt.id, /^icpf_[0-9a-f]{24}$/);
  assert.equal(countFilings(), before + 1);
  assert.equal(posts.length, 1);
  assert.equal(posts[0].headers()["x-console-session"], "demo");
  await page.waitForFunction(() => window.seen.some((e) => e.type === "submitted"));
  await frame.locator(".icpf-receipt-id").waitFor();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the strict-CSP pages load without a policy violation or console error", async () => {
  const context = await browser.newContext({ locale: "zh-CN" });
  // In every frame, before any page script: record violations.
  await context.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`),
    );
  });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  const violations = async () =>
    (await Promise.all(page.frames().map((f) => f.evaluate(() => window.cspViolations)))).flat();

  await page.goto(`${receiver.url}/index.html`);
  await page.locator("button[data-section=basics]").waitFor();
  // Use it a little: region data is fetched, styles are applied, the locale switches.
  await page.click("#icpf1-filingType");
  await page.selectOption("#icpf1-province", "110000");
  await page.click("button[data-section=subject]");
  await page.selectOption("#icpf1-subject-kind", "individual");
  await page.selectOption("#icpf1-subject-address-province", "110000");
  await page.locator("#icpf1-subject-address-city option[value='110100']").waitFor({ state: "attached" });
  await page.click("#locale-toggle");
  await page.locator(".icpf-main .icpf-actions button", { hasText: "Save and continue" }).waitFor();
  assert.deepEqual(await violations(), [], "index.html");

  await page.goto(`${receiver.url}/iframe.html`);
  await page.frameLocator("iframe.icpf-frame").locator("button[data-section=basics]").waitFor();
  assert.equal(page.frames().length, 2);
  assert.deepEqual(await violations(), [], "iframe.html and frame.html");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a second mount() into the same element and an on() handler that is not a function are refused", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const result = await page.evaluate(async (today) => {
    window.mountRecorded("w", "#a", { storage: "none", today });
    await window.widgetReady("w");
    const refusal = (call) => {
      try {
        call();
        return "no error";
      } catch (e) {
        return e.message;
      }
    };
    const second = refusal(() => window.icp.mount("#a", { storage: "none", today }));
    const forms = document.querySelectorAll("#a .icpf-root").length;
    const notAFunction = refusal(() => window.handles.w.on("change", 5));
    window.handles.w.destroy();
    const third = window.icp.mount("#a", { storage: "none", today });
    const afterDestroy = document.querySelectorAll("#a .icpf-root").length;
    third.destroy();
    return { second, forms, notAFunction, afterDestroy };
  }, TODAY);
  assert.equal(result.second, "icp-filing: a widget is already mounted in this element; destroy() it first, or change its options with update()");
  assert.equal(result.forms, 1);
  assert.equal(result.notAFunction, 'icp-filing: on("change", …): the handler must be a function');
  assert.equal(result.afterDestroy, 1, "after destroy() the element takes a new widget");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// The package entry (pkg/index.js) as an integrator meets its two set-up mistakes: calling an
// export before init() has loaded the module, and a Content-Security-Policy without
// 'wasm-unsafe-eval'. Each gets an Error that says what to do, not a bare TypeError.
test("the package entry explains a call before init() and a policy that forbids WebAssembly", async () => {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const blank = (csp) => (route) =>
    route.fulfill({
      contentType: "text/html",
      headers: csp ? { "content-security-policy": csp } : {},
      body: "<!doctype html><title>console</title><div id=a></div>",
    });
  await page.route("**/console-early.html", blank(null));
  await page.goto(`${receiver.url}/console-early.html`);
  const early = await page.evaluate(async () => {
    const pkg = await import("/pkg/index.js");
    const before = [];
    for (const call of [() => pkg.validate({}), () => pkg.mount("#a", {}), () => pkg.rulesetVersion()]) {
      try {
        call();
        before.push("no error");
      } catch (e) {
        before.push(`${e.constructor.name}: ${e.message}`);
      }
    }
    // The module's address given bare, as to the glue's own init(): it is the one fetched.
    const wrong = await pkg.default("/nowhere/icp_filing_bg.wasm").then(
      () => "loaded",
      (e) => e.message,
    );
    await pkg.default(new URL("/pkg/icp_filing_bg.wasm", location.href));
    return { before, wrong, after: pkg.rulesetVersion() };
  });
  assert.match(early.wrong, /^icp-filing: could not load the WebAssembly module from \/nowhere\/icp_filing_bg\.wasm /);
  assert.deepEqual(early.before, [
    "Error: icp-filing: validate() was called before the WebAssembly module was loaded; await init() first",
    "Error: icp-filing: mount() was called before the WebAssembly module was loaded; await init() first",
    "Error: icp-filing: rulesetVersion() was called before the WebAssembly module was loaded; await init() first",
  ]);
  assert.match(early.after, /^icp-rules\//);

  await page.route("**/console-csp.html", blank("script-src 'self' 'unsafe-inline'"));
  await page.goto(`${receiver.url}/console-csp.html`);
  const refused = await page.evaluate(async () => {
    const pkg = await import("/pkg/index.js");
    return pkg.default().then(
      () => "loaded",
      (e) => e.message,
    );
  });
  assert.match(refused, /^icp-filing: could not load the WebAssembly module from .*add 'wasm-unsafe-eval' to its script-src$/);
  assert.doesNotMatch(refused, /Content-Type/);
  await context.close();
});

// A new filing's report is read by nothing its first render shows, so the widget validates it
// a task later, for the first change event: that event must still count every issue of the
// empty filing, as validate() does, and come once.
test("a new filing's first change event counts the empty filing's issues, once", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const seen = await page.evaluate(async (today) => {
    const host = document.getElementById("a");
    const handle = window.icp.mount(host, { storage: "none", today });
    const changes = [];
    handle.on("change", (detail) => changes.push(detail));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const report = window.icp.validate({}, { today });
    const count = (severity) => report.issues.filter((i) => i.severity === severity).length;
    return {
      changes,
      expected: { valid: report.ok, errorCount: count("error"), warningCount: count("warning") },
      form: host.querySelectorAll("select, input").length,
      shownIssues: host.querySelectorAll(".icpf-error-message, [aria-invalid=true]").length,
      tags: [...host.querySelectorAll(".icpf-task-button .icpf-tag")].map((t) => t.className),
    };
  }, TODAY);
  assert.ok(seen.form > 0, "the form is shown");
  assert.ok(seen.expected.errorCount > 0, "the empty filing has errors");
  assert.deepEqual(seen.changes, [{ ...seen.expected, dirty: false, section: "basics" }]);
  assert.equal(seen.shownIssues, 0, "nothing typed, nothing shown");
  assert.deepEqual(seen.tags, Array(4).fill("icpf-tag icpf-tag-notStarted"));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("event payloads never carry a full identity number", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  // The filer pasted the ID number into the filing-number field: the warning quotes it.
  const mistaken = { ...FILING, filingType: "newWebsite", filingNumber: ID_NUMBER };
  const outcome = await page.evaluate(
    async ({ mistaken, filing, today }) => {
      window.recordDomEvents();
      const handle = window.mountRecorded("w", "#a", {
        endpoint: "/api/filings",
        storage: "local",
        draftKey: "icp-e2e-embed:masking",
        today,
        filing: mistaken,
      });
      await window.widgetReady("w");
      const first = await handle.submit().then(
        () => "sent",
        (e) => e.code,
      );
      // The filer reads the check page, then corrects the filing.
      await new Promise((resolve) => setTimeout(resolve, 200));
      handle.setFiling(filing);
      await new Promise((resolve) => setTimeout(resolve, 500));
      const receipt = await handle.submit();
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { first, id: receipt.id };
    },
    { mistaken, filing: FILING, today: TODAY },
  );
  assert.equal(outcome.first, "invalid");
  assert.match(outcome.id, /^icpf_/);

  const events = await page.evaluate(() => window.events.map((e) => ({ via: e.via, type: e.type, json: JSON.stringify(e.detail) })));
  const types = new Set(events.map((e) => e.type));
  for (const type of ["ready", "change", "validate", "estimate", "draftsaved", "submit", "submitted", "titlechange"]) {
    assert.ok(types.has(type), `saw ${type}`);
  }
  for (const e of events) {
    assert.doesNotMatch(e.json, /\d{17}[\dXx]/, `${e.via} ${e.type}: ${e.json.slice(0, 200)}`);
    assert.ok(!e.json.includes(ID_NUMBER));
  }
  const masked = `${"*".repeat(14)}${ID_NUMBER.slice(-4)}`;
  assert.ok(
    events.some((e) => e.type === "validate" && e.json.includes(masked)),
    "the warning that quoted the number reached the host masked",
  );
  // DOM events and on() handlers carry the same payloads.
  const payloads = (via) => events.filter((e) => e.via === via).map((e) => `${e.type} ${e.json}`);
  assert.deepEqual(payloads("dom"), payloads("on"));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// draftsaved tells the console a draft was written: never with storage "none".
test("draftsaved fires only when a draft was written", async () => {
  const { context, page } = await openTestPage(browser, receiver.url);
  const saved = await page.evaluate(
    async ({ filing, today }) => {
      const seen = {};
      for (const storage of ["none", "session"]) {
        const handle = window.icp.mount("#a", { endpoint: "/api/filings", storage, draftKey: "icp-e2e-embed:saved", today });
        const events = [];
        handle.on("draftsaved", (detail) => events.push(detail));
        handle.setFiling(filing);
        await new Promise((resolve) => setTimeout(resolve, 1000));
        seen[storage] = { events: events.length, stored: sessionStorage.getItem("icp-e2e-embed:saved") !== null };
        handle.destroy();
      }
      return seen;
    },
    { filing: FILING, today: TODAY },
  );
  assert.deepEqual(saved.none, { events: 0, stored: false });
  assert.equal(saved.session.stored, true);
  assert.ok(saved.session.events >= 1, JSON.stringify(saved));
  await context.close();
});

// The receipt id (icpf_ + 24 hex digits) looks like an identity number; the masking of event
// payloads must leave it whole, or the host can't use it.
test("the submitted event carries the receipt id", async () => {
  const { context, page } = await openTestPage(browser, receiver.url);
  const { receipt, detail } = await page.evaluate(
    async ({ filing, today }) => {
      const handle = window.mountRecorded("w", "#a", { endpoint: "/api/filings", storage: "none", today, filing });
      await window.widgetReady("w");
      const receipt = await handle.submit();
      const detail = window.events.find((e) => e.type === "submitted").detail;
      return { receipt, detail };
    },
    { filing: FILING, today: TODAY },
  );
  assert.deepEqual(detail, { id: receipt.id, receipt });
  await context.close();
});

// Commands sent right after mount(), before the first render, wait for it and run in order.
test("setFiling() and submit() right after mount() reach the widget", async () => {
  const { context, page } = await openTestPage(browser, receiver.url);
  const result = await page.evaluate(
    async ({ filing, today }) => {
      const handle = window.icp.mount("#a", { endpoint: "/api/filings", storage: "none", today });
      handle.setFiling(filing);
      const submitted = await handle.submit().then(
        (r) => r.id,
        (e) => e.code,
      );
      return { name: handle.getFiling().subject?.name, submitted };
    },
    { filing: FILING, today: TODAY },
  );
  assert.equal(result.name, FILING.subject.name);
  assert.match(result.submitted, /^icpf_/);
  await context.close();
});

// setFiling() is what getFiling(), validate() and submit() see at once, before the next
// render: submit() must not judge the new filing by the previous one's report.
test("submit() right after setFiling() validates the filing just set", async () => {
  const { context, page } = await openTestPage(browser, receiver.url);
  const posts = [];
  page.on("request", (req) => req.method() === "POST" && posts.push(req));
  const broken = { ...FILING, websites: [{ ...FILING.websites[0], domains: ["not a domain"] }] };
  const result = await page.evaluate(
    async ({ filing, broken, today }) => {
      const handle = window.mountRecorded("w", "#a", { endpoint: "/api/filings", storage: "none", today, filing });
      await window.widgetReady("w");
      handle.setFiling(broken);
      const domains = handle.getFiling().websites[0].domains;
      const ok = handle.validate().ok;
      const code = await handle.submit().then(
        () => "sent",
        (e) => e.code,
      );
      return { domains, ok, code };
    },
    { filing: FILING, broken, today: TODAY },
  );
  assert.deepEqual(result, { domains: ["not a domain"], ok: false, code: "invalid" });
  assert.equal(posts.length, 0);
  await context.close();
});


// For an individual the filer is the principal: a host's filing whose principal differs is
// held as the form shows it, so getFiling(), validate() and submit() all speak of the same
// filing; getReceipt() has the receipt once submit() resolves; estimate() counts from `today`.
test("the handle answers for the filing it sends, the receipt it got and the day it was given", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const other = structuredClone(FILING);
  other.subject.principal.name = "李四";
  other.subject.principal.certificate.number = "11010519491231002X";
  const result = await page.evaluate(
    async ({ filing, today }) => {
      const handle = window.mountRecorded("w", "#a", { endpoint: "/api/filings", storage: "none", today: "2026-03-02" });
      await window.widgetReady("w");
      handle.setFiling(filing);
      const principal = handle.getFiling().subject.principal;
      const ok = handle.validate().ok;
      const receipt = await handle.submit();
      const estimate = handle.estimate();
      return { principal, ok, receipt, receiptNow: handle.getReceipt(), submittedAt: estimate.submittedAt };
    },
    { filing: other, today: TODAY },
  );
  assert.equal(result.principal.name, FILING.subject.name);
  assert.equal(result.principal.certificate.number, FILING.subject.certificate.number);
  assert.equal(result.ok, true);
  assert.deepEqual(result.receiptNow, result.receipt);
  assert.match(result.submittedAt, /^2026-03-02T/);
  const [stored] = queryDb(receiver.dataDir, `SELECT body FROM filings WHERE id = '${result.receipt.id}'`);
  const principal = JSON.parse(stored.body).subject.principal;
  assert.equal(principal.name, FILING.subject.name);
  assert.equal(principal.certificate.number, FILING.subject.certificate.number);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("mounted on a submitted filing, the widget leaves the host's focus where it is", async () => {
  const { context, page } = await openTestPage(browser, receiver.url);
  const focused = await page.evaluate(
    async ({ filing, today }) => {
      const input = document.createElement("input");
      input.id = "host-search";
      document.body.prepend(input);
      input.focus();
      window.mountRecorded("w", "#a", {
        storage: "none",
        today,
        filing,
        receipt: { id: "icpf_000000000000000000000001", receivedAt: "2026-11-27T10:00:00+08:00" },
      });
      await window.widgetReady("w");
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { active: document.activeElement.id, heading: !!document.querySelector("#a h2") };
    },
    { filing: FILING, today: TODAY },
  );
  assert.deepEqual(focused, { active: "host-search", heading: true });
  await context.close();
});

test("calls on a destroyed handle say so; update() merges theme properties one by one", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const theme = await page.evaluate(async (today) => {
    const handle = window.mountRecorded("w", "#a", {
      storage: "none",
      today,
      appearance: { "color-primary": "#ff6a00", radius: "2px" },
    });
    await window.widgetReady("w");
    handle.update({ appearance: { radius: "8px" } });
    const root = document.querySelector("#a .icpf-root");
    const read = () => ["--icp-color-primary", "--icp-radius"].map((p) => root.style.getPropertyValue(p));
    const merged = read();
    handle.update({ appearance: { "color-primary": null } });
    const unset = read();
    handle.destroy();
    handle.setFiling({});
    handle.reset();
    handle.refreshStatus();
    return { merged, unset };
  }, TODAY);
  assert.deepEqual(theme, { merged: ["#ff6a00", "8px"], unset: ["", "8px"] });
  assert.deepEqual(
    consoleErrors.map((e) => e.replace(/^.*?(icp-filing)/, "$1")),
    ["setFiling", "reset", "refreshStatus"].map(
      (call) => `icp-filing: ${call}() after destroy(): the widget is not mounted; nothing changed`,
    ),
  );
  await context.close();
});

test("`using` a handle from the package entry, or free() on it, unmounts the widget", async () => {
  const { context, page } = await openTestPage(browser, receiver.url);
  // A string: the test runner's Node does not parse `using`; the page's Chromium does.
  const after = await page.evaluate(`(async () => {
    const entry = await import("/pkg/index.js");
    await entry.default();
    const host = document.getElementById("a");
    {
      using handle = entry.mount(host, { storage: "none", today: "${TODAY}" });
      await new Promise((resolve) => handle.on("ready", resolve));
    }
    const children = host.querySelectorAll(".icpf-root").length;
    // The element can be mounted again, which a freed but mounted widget prevented.
    const again = entry.mount(host, { storage: "none", today: "${TODAY}" });
    await new Promise((resolve) => again.on("ready", resolve));
    const remounted = host.querySelectorAll(".icpf-root").length;
    // free() by hand unmounts as well; freeing twice is harmless.
    again.free();
    again.free();
    return { children, remounted, freed: host.querySelectorAll(".icpf-root").length };
  })()`);
  assert.deepEqual(after, { children: 0, remounted: 1, freed: 0 });
  await context.close();
});

test("iframe mode: approval reaches the console; options that can't be posted and a frame that never answers are errors", async () => {
  const { receipt } = await postApproved(receiver.url, FILING, "iframe-approved-1");
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(`${receiver.url}/iframe.html`);
  const result = await page.evaluate(
    async ({ receipt, filing }) => {
      const { mountFrame } = await import("/pkg/icp-filing-frame.js");
      const box = (id) => document.body.appendChild(Object.assign(document.createElement("div"), { id }));
      const followed = box("followed");
      const frame = mountFrame(followed, {
        src: "./frame.html",
        options: { statusEndpoint: "/api/filings/{id}/status", receipt, filing, storage: "none" },
      });
      const viaOn = new Promise((resolve) => frame.on("approved", resolve));
      const viaDom = new Promise((resolve) => followed.addEventListener("icp-approved", (e) => resolve(e.detail)));
      const [approved, domApproved] = await Promise.all([viaOn, viaDom]);
      const asError = (e) => ({ name: e.name, code: e.code, message: e.message });
      const badCall = await frame.update({ lookupDomain: async () => null }).then(() => "posted", asError);
      // A call the frame's widget refuses (not a filing) rejects with the frame's message.
      const refusedCall = await frame.setFiling({ websites: "x" }).then(() => "set", asError);

      let refused = "";
      try {
        mountFrame(box("functions"), { src: "./frame.html", options: { lookupDomain: async () => null } });
      } catch (e) {
        refused = e.message;
      }
      const silent = mountFrame(box("silent"), { src: "/api/health", readyTimeoutMs: 300 });
      const unanswered = await silent.getFiling().then(
        () => "answered",
        (e) => e.message,
      );
      const later = await silent.validate().then(
        () => "answered",
        (e) => e.message,
      );
      return {
        approved,
        same: JSON.stringify(approved) === JSON.stringify(domApproved),
        refused,
        badCall,
        refusedCall,
        unanswered,
        later,
        frames: document.querySelectorAll("#functions iframe").length,
      };
    },
    { receipt, filing: FILING },
  );
  assert.match(result.approved.filingNumber, /ICP备\d+号$/);
  assert.equal(result.same, true);
  assert.match(result.refused, /^icp-filing: mountFrame\(\) options must be plain data.*lookupDomain/);
  assert.equal(result.frames, 0, "nothing is put on the page for refused options");
  assert.match(result.badCall.message, /^icp-filing: update\(\) got a value that can't be posted to the frame/);
  assert.deepEqual([result.badCall.name, result.badCall.code], ["IcpFilingError", "config"]);
  assert.match(result.refusedCall.message, /^icp-filing: not a filing: websites: invalid type/);
  assert.deepEqual([result.refusedCall.name, result.refusedCall.code], ["IcpFilingError", "config"]);
  assert.match(result.unanswered, /^icp-filing: the frame page .*\/api\/health did not answer: .*ALLOWED_PARENTS.*frame-src/);
  assert.equal(result.later, result.unanswered);
  assert.deepEqual(
    consoleErrors.filter((e) => !e.includes("did not answer")),
    [],
  );
  await context.close();
});

/** A fresh context on the iframe-mode console page; `consoleErrors` collects its errors. */
async function openFrameConsole() {
  const context = await browser.newContext({ locale: "zh-CN" });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("console", (m) => m.type() === "error" && consoleErrors.push(m.text()));
  page.on("pageerror", (e) => consoleErrors.push(String(e)));
  await page.goto(`${receiver.url}/iframe.html`);
  // A frame of its own in a new element `#<id>`, recording what reaches the console:
  // on() handlers and the host element's icp-* events.
  await page.evaluate(() => {
    window.mountOwnFrame = async (id, options) => {
      const { mountFrame } = await import("/pkg/icp-filing-frame.js");
      const host = document.body.appendChild(Object.assign(document.createElement("div"), { id }));
      const frame = mountFrame(host, { src: "./frame.html", options });
      const seen = { on: [], dom: [] };
      for (const type of ["submit", "submitted", "error"]) {
        frame.on(type, (detail) => seen.on.push({ type, detail }));
        host.addEventListener(`icp-${type}`, (e) => seen.dom.push({ type, detail: e.detail }));
      }
      await new Promise((resolve) => frame.on("ready", resolve));
      window.ownFrames = { ...window.ownFrames, [id]: { frame, seen } };
      return frame;
    };
    window.outcome = (promise) =>
      promise.then(
        (value) => ({ value }),
        (e) => ({ code: e.code ?? null, message: e.message }),
      );
    /** The outcome of `promise`, or `{pending: true}` when it has not settled within `ms`. */
    window.within = (ms, promise) =>
      Promise.race([window.outcome(promise), new Promise((resolve) => setTimeout(() => resolve({ pending: true }), ms))]);
  });
  return { context, page, consoleErrors };
}

// The mount mode lets a delivery finish after destroy() (see the README's Handle paragraph);
// the iframe mode must too, or a filing is stored and the console never learns its receipt.
test("iframe mode: destroy() while a filing is on its way keeps the frame, hidden, until the receipt reached the console", async () => {
  const { context, page, consoleErrors } = await openFrameConsole();
  const options = { endpoint: "/api/filings", storage: "none", today: TODAY, filing: FILING };

  // 1. The console's own submit() is on its way (the receiver holds its answer for 2 s).
  await setFaults([{ kind: "delay", ms: 2000 }]);
  const before = countFilings();
  const called = await page.evaluate(async (options) => {
    const frame = await window.mountOwnFrame("called", options);
    const submitted = window.within(10000, frame.submit());
    await new Promise((resolve) => frame.on("submit", resolve));
    const other = window.within(1000, frame.getFiling());
    frame.destroy();
    frame.destroy(); // harmless
    const iframe = document.querySelector("#called iframe");
    const during = { inPage: iframe !== null, display: iframe && getComputedStyle(iframe).display };
    const late = await window.within(200, frame.getReceipt());
    return { during, other: await other, late, submitted: await submitted };
  }, options);
  assert.deepEqual(called.during, { inPage: true, display: "none" }, "hidden, not removed, while the filing is sent");
  assert.deepEqual(called.other, { code: "destroyed", message: "icp-filing: getFiling() was not answered: destroy() came first" });
  assert.deepEqual(called.late, { code: "destroyed", message: "icp-filing: getReceipt() after destroy(): the widget is not mounted" });
  const id = called.submitted.value?.id;
  assert.match(id ?? JSON.stringify(called.submitted), /^icpf_[0-9a-f]{24}$/, "the pending submit() resolves with the receipt");
  await page.waitForFunction(() => document.querySelector("#called iframe") === null, null, { timeout: 5000 });
  const seen = await page.evaluate(() => window.ownFrames.called.seen);
  const submittedIds = (list) => list.filter((e) => e.type === "submitted").map((e) => e.detail.id);
  assert.deepEqual(submittedIds(seen.on), [id], "on('submitted') handlers got the receipt");
  assert.deepEqual(submittedIds(seen.dom), [id], "the host element got icp-submitted");
  assert.equal(countFilings(), before + 1, "exactly one filing stored");
  assert.equal(queryDb(receiver.dataDir, `SELECT id FROM filings WHERE id = '${id}'`).length, 1);

  // 2. The filer pressed submit in the frame, and the console destroys the widget as soon as
  // it hears so (in its `submit` handler): no submit() call is pending, the delivery is.
  await setFaults([{ kind: "delay", ms: 2000 }]);
  const before2 = countFilings();
  await page.evaluate(async (options) => {
    const frame = await window.mountOwnFrame("pressed", options);
    frame.on("submit", () => frame.destroy());
  }, options);
  const inFrame = page.frameLocator("#pressed iframe");
  await inFrame.getByRole("button", { name: /核对信息/ }).click();
  await inFrame.getByRole("button", { name: "提交备案" }).click();
  await page.waitForFunction(() => window.ownFrames.pressed.seen.on.some((e) => e.type === "submit"));
  const hidden = await page.evaluate(() => {
    const iframe = document.querySelector("#pressed iframe");
    return iframe && getComputedStyle(iframe).display;
  });
  assert.equal(hidden, "none", "hidden, not removed, while the filing is sent");
  await page.waitForFunction(() => document.querySelector("#pressed iframe") === null, null, { timeout: 5000 });
  const pressed = await page.evaluate(() => window.ownFrames.pressed.seen);
  const [pressedId] = submittedIds(pressed.on);
  assert.match(pressedId ?? "none", /^icpf_[0-9a-f]{24}$/);
  assert.deepEqual(submittedIds(pressed.dom), [pressedId]);
  assert.equal(countFilings(), before2 + 1, "exactly one filing stored");
  assert.equal(queryDb(receiver.dataDir, `SELECT id FROM filings WHERE id = '${pressedId}'`).length, 1);
  assert.ok(!pressed.on.some((e) => e.type === "error"), "no error event");
  assert.deepEqual(consoleErrors, []);

  // 3. A delivery that fails after its retries: the error reaches the console the same way.
  await setFaults([{ kind: "status", status: 503, times: 3 }]);
  const failed = await page.evaluate(async (options) => {
    const frame = await window.mountOwnFrame("failed", { ...options, retry: { attempts: 3, baseDelayMs: 200, maxDelayMs: 400 } });
    const submitted = window.within(10000, frame.submit());
    await new Promise((resolve) => frame.on("submit", resolve));
    frame.destroy();
    const hidden = getComputedStyle(document.querySelector("#failed iframe")).display;
    return { hidden, submitted: await submitted };
  }, options);
  assert.equal(failed.hidden, "none");
  assert.equal(failed.submitted.code, "http", JSON.stringify(failed.submitted));
  await page.waitForFunction(() => document.querySelector("#failed iframe") === null, null, { timeout: 5000 });
  const failedSeen = await page.evaluate(() => window.ownFrames.failed.seen);
  const errorCodes = (list) => list.filter((e) => e.type === "error").map((e) => e.detail.code);
  assert.deepEqual(errorCodes(failedSeen.on), ["http"], "on('error') handlers got the error");
  assert.deepEqual(errorCodes(failedSeen.dom), ["http"], "the host element got icp-error");
  assert.equal(failedSeen.on.filter((e) => e.type === "submit").length, 3, "every attempt's submit event");
  assert.deepEqual(
    consoleErrors.filter((e) => !/status of 503/.test(e)),
    [],
  );
  await context.close();
});

test("iframe mode: after destroy() every call rejects at once with code destroyed; a frame that never answers is a config error", async () => {
  const { context, page, consoleErrors } = await openFrameConsole();
  const result = await page.evaluate(async (today) => {
    const frame = await window.mountOwnFrame("idle", { storage: "none", today });
    frame.destroy();
    const removed = document.querySelector("#idle iframe") === null;
    const calls = {
      update: () => frame.update({ locale: "en" }),
      getFiling: () => frame.getFiling(),
      getReceipt: () => frame.getReceipt(),
      refreshStatus: () => frame.refreshStatus(),
      setFiling: () => frame.setFiling({}),
      validate: () => frame.validate(),
      estimate: () => frame.estimate(),
      submit: () => frame.submit(),
      reset: () => frame.reset(),
      clearDrafts: () => frame.clearDrafts(),
    };
    const answers = {};
    for (const [name, call] of Object.entries(calls)) {
      // "At once": within 200 ms, not whenever (if ever) a frame answers.
      answers[name] = await window.within(200, call());
    }
    frame.on("change", () => {});
    frame.off("change", () => {});
    frame.destroy();

    const { mountFrame } = await import("/pkg/icp-filing-frame.js");
    const silent = mountFrame(document.body.appendChild(document.createElement("div")), { src: "/api/health", readyTimeoutMs: 300 });
    const unanswered = await window.within(5000, silent.validate());
    silent.destroy();
    return { removed, answers, unanswered };
  }, TODAY);
  assert.equal(result.removed, true, "without a submission on its way the frame goes at once");
  for (const [name, answer] of Object.entries(result.answers)) {
    assert.deepEqual(answer, { code: "destroyed", message: `icp-filing: ${name}() after destroy(): the widget is not mounted` }, name);
  }
  assert.equal(result.unanswered.code, "config");
  assert.match(result.unanswered.message, /^icp-filing: the frame page .*\/api\/health did not answer/);
  assert.deepEqual(consoleErrors.filter((e) => !e.includes("did not answer")), []);
  await context.close();
});

test("a freed handle (free() or `using`) answers as a destroyed one, never with the raw wasm error", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  // A string: the test runner's Node does not parse `using`; the page's Chromium does.
  const result = await page.evaluate(`(async () => {
    const entry = await import("/pkg/index.js");
    await entry.default();
    const options = { storage: "none", today: "${TODAY}" };
    let kept;
    {
      using handle = entry.mount("#a", options);
      await new Promise((resolve) => handle.on("ready", resolve));
      kept = handle;
    }
    const freed = entry.mount("#b", options);
    await new Promise((resolve) => freed.on("ready", resolve));
    freed.free();
    const answer = (call) => {
      try {
        const value = call();
        if (value instanceof Promise) {
          return value.then(() => ({ resolved: true }), (e) => ({ rejected: e.message, code: e.code ?? null }));
        }
        return { returned: value === undefined ? "undefined" : value };
      } catch (e) {
        return { threw: e.message, code: e.code ?? null };
      }
    };
    const out = {};
    for (const [name, handle] of [["using", kept], ["free", freed]]) {
      out[name] = {
        submit: await answer(() => handle.submit()),
        destroy: answer(() => handle.destroy()),
        free: answer(() => handle.free()),
        on: answer(() => handle.on("change", () => {})),
        off: answer(() => handle.off("change", () => {})),
        update: answer(() => handle.update({ locale: "en" })),
        setFiling: answer(() => handle.setFiling({})),
        reset: answer(() => handle.reset()),
        refreshStatus: answer(() => handle.refreshStatus()),
        getFiling: answer(() => handle.getFiling()),
        getReceipt: answer(() => handle.getReceipt()),
        validate: answer(() => handle.validate()),
        estimate: answer(() => handle.estimate()),
      };
    }
    // Every method of the prototype, a new one included: none reaches the freed object.
    const proto = Object.getPrototypeOf(freed);
    const raw = [];
    for (const name of Object.getOwnPropertyNames(proto)) {
      if (name === "constructor" || name.startsWith("__") || typeof proto[name] !== "function") continue;
      const got = await answer(() => proto[name].call(freed, "change", () => {}));
      if (/null pointer|rust/i.test(JSON.stringify(got))) raw.push(name + " " + JSON.stringify(got));
    }
    return { out, raw, roots: document.querySelectorAll(".icpf-root").length };
  })()`);
  const read = (name) => ({ threw: `icp-filing: ${name}() after free(): the handle was freed; there is nothing left to read`, code: "destroyed" });
  const expected = {
    submit: { rejected: "icp-filing: submit() after free(): the handle was freed; nothing was sent", code: "destroyed" },
    destroy: { returned: "undefined" },
    free: { returned: "undefined" },
    on: { returned: "undefined" },
    off: { returned: "undefined" },
    update: { returned: "undefined" },
    setFiling: { returned: "undefined" },
    reset: { returned: "undefined" },
    refreshStatus: { returned: "undefined" },
    getFiling: read("getFiling"),
    getReceipt: read("getReceipt"),
    validate: read("validate"),
    estimate: read("estimate"),
  };
  assert.deepEqual(result.out.using, expected, "after `using`");
  assert.deepEqual(result.out.free, expected, "after free()");
  assert.deepEqual(result.raw, []);
  assert.equal(result.roots, 0, "both widgets unmounted");
  const changes = ["update", "setFiling", "reset", "refreshStatus"].map(
    (call) => `icp-filing: ${call}() after free(): the handle was freed; nothing changed`,
  );
  assert.deepEqual(consoleErrors.slice(0, 8), [...changes, ...changes], "one console error per call that would change something");
  assert.ok(consoleErrors.every((e) => changes.includes(e)), consoleErrors.join("\n"));
  await context.close();
});

/** The WCAG contrast ratio of two computed colours (`rgb(…)`, `rgba(…)` or `color(srgb …)`). */
function contrast(foreground, background) {
  const luminance = (css) => {
    let channels;
    let alpha = 1;
    const rgb = css.match(/^rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)$/);
    const srgb = css.match(/^color\(srgb ([-\d.e]+) ([-\d.e]+) ([-\d.e]+)(?: \/ ([\d.]+))?\)$/);
    if (rgb) {
      channels = rgb.slice(1, 4).map((c) => Number(c) / 255);
      alpha = rgb[4] === undefined ? 1 : Number(rgb[4]);
    } else if (srgb) {
      channels = srgb.slice(1, 4).map((c) => Math.min(1, Math.max(0, Number(c))));
      alpha = srgb[4] === undefined ? 1 : Number(srgb[4]);
    } else {
      throw new Error(`can't parse the colour ${css}`);
    }
    assert.equal(alpha, 1, `${css} is opaque`);
    const [r, g, b] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(foreground), luminance(background)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

/** Every visible element matching `selector` under `scope`: its text, classes, colour and the
 * background it is drawn on (its own, or the nearest ancestor's that is not transparent). */
const visibleColours = (page, scope, selector) =>
  page.locator(`${scope} :is(${selector})`).evaluateAll((elements) =>
    elements
      .filter((e) => e.checkVisibility() && e.textContent.trim())
      .map((e) => {
        let under = e;
        while (under && getComputedStyle(under).backgroundColor === "rgba(0, 0, 0, 0)") under = under.parentElement;
        return {
          text: e.textContent.trim().slice(0, 40),
          where: `${e.parentElement.className} > ${e.className || e.localName}`,
          color: getComputedStyle(e).color,
          background: under ? getComputedStyle(under).backgroundColor : "rgb(255, 255, 255)",
        };
      }),
  );
const visibleTags = (page, scope) => visibleColours(page, scope, ".icpf-tag");
/** The coloured texts: messages, notices, links and hints. */
const TEXTS = ".icpf-error-message, .icpf-warning-message, .icpf-notice p, .icpf-error-summary-list a, .icpf-link-button, .icpf-hint, .icpf-details summary";

// A dark theme sets only the documented base colours. Every tag (the task list's status tags,
// the progress view's stage tags), message, notice and link must stay readable: none may keep
// a light background from the day-off colour or a fixed light tint, or a dark default colour.
test("a dark theme of the base colours keeps every status tag, message and notice readable", async () => {
  // A filing sent back at the bureau review: its progress shows done, rejected and pending stages.
  const res = await fetch(`${receiver.url}/api/filings`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": "embed-dark-theme-1" },
    body: JSON.stringify(FILING),
  });
  const receipt = await res.json();
  const advance = async (body) =>
    (
      await fetch(`${receiver.url}/api/filings/${receipt.id}/advance`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      })
    ).json();
  for (let i = 0; i < 10 && (await advance({})).events.at(-1).stage !== "bureauReview"; i++);
  await advance({ outcome: "rejected" });

  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const broken = structuredClone(FILING);
  broken.subject.name = "";
  // A detailed address without a house number: a warning beside the error.
  broken.subject.address.detail = "中关村大街";
  const mountBoth = (theme) =>
    page.evaluate(
      async ({ theme, broken, filing, receipt, today }) => {
        for (const [name, value] of Object.entries(theme)) document.body.style.setProperty(name, value);
        document.body.style.background = theme["--icp-color-surface"] ?? "";
        window.mountRecorded("form", "#a", { storage: "none", today, filing: broken });
        window.mountRecorded("progress", "#b", {
          storage: "none",
          today,
          filing,
          receipt,
          statusEndpoint: "/api/filings/{id}/status",
        });
        await Promise.all([window.widgetReady("form"), window.widgetReady("progress")]);
      },
      { theme, broken, filing: FILING, receipt, today: TODAY },
    );
  const dark = {
    "--icp-color-surface": "#1b1d21",
    "--icp-color-text": "#e5e6eb",
    "--icp-color-border": "#3c4048",
    "--icp-color-subtle": "#24272c",
    "--icp-color-muted": "#a0a6b0",
  };
  await mountBoth(dark);
  // The subject section with its errors shown: a 有问题 tag beside 已完成, 填写中 and 未开始.
  const form = page.locator("#a");
  await form.getByRole("button", { name: /主办者信息/ }).click();
  await form.getByRole("button", { name: "保存并继续" }).click();
  await form.locator(".icpf-error-summary").waitFor();
  await page.locator("#b .icpf-progress-rejected .icpf-tag").waitFor();
  await page.evaluate(() => document.activeElement?.blur());
  await page.screenshot({ path: `${ARTIFACTS}embed-dark-theme.png`, fullPage: true });

  const formTags = await visibleTags(page, "#a");
  const progressTags = await visibleTags(page, "#b");
  const classes = formTags.map((t) => t.where.match(/icpf-tag-(\w+)/)?.[1]);
  for (const status of ["complete", "hasProblems", "notStarted"]) assert.ok(classes.includes(status), `a ${status} tag is shown`);
  const stages = progressTags.map((t) => t.where.match(/icpf-progress-(done|current|rejected|pending)\b/)?.[1]);
  for (const state of ["done", "rejected", "pending"]) assert.ok(stages.includes(state), `a ${state} stage is shown`);
  for (const tag of [...formTags, ...progressTags]) {
    const ratio = contrast(tag.color, tag.background);
    assert.ok(ratio >= 4.5, `${tag.text} (${tag.where}): ${tag.color} on ${tag.background} = ${ratio.toFixed(2)}:1`);
  }
  const texts = [...(await visibleColours(page, "#a", TEXTS)), ...(await visibleColours(page, "#b", TEXTS))];
  const kinds = texts.map((t) => t.where);
  for (const kind of ["icpf-error-message", "icpf-warning-message", "icpf-notice"]) {
    assert.ok(kinds.some((k) => k.includes(kind)), `a ${kind} is shown: ${kinds.join(", ")}`);
  }
  for (const text of texts) {
    const ratio = contrast(text.color, text.background);
    assert.ok(ratio >= 4.5, `${text.text} (${text.where}): ${text.color} on ${text.background} = ${ratio.toFixed(2)}:1`);
  }
  // 被退回 looks like 有问题, not like 待开始.
  const rejected = progressTags.find((t) => t.where.includes("icpf-progress-rejected"));
  const pending = progressTags.find((t) => t.where.includes("icpf-progress-pending"));
  const problems = formTags.find((t) => t.where.includes("icpf-tag-hasProblems"));
  assert.notEqual(rejected.background, pending.background);
  assert.deepEqual([rejected.background, rejected.color], [problems.background, problems.color]);

  // The default (light) colours keep their tags readable too.
  await page.evaluate(() => {
    window.handles.form.destroy();
    window.handles.progress.destroy();
    document.body.removeAttribute("style");
    window.events.length = 0;
  });
  await mountBoth({});
  await page.locator("#b .icpf-progress-rejected .icpf-tag").waitFor();
  const light = ["#a", "#b"].flatMap((scope) => [visibleColours(page, scope, ".icpf-tag"), visibleColours(page, scope, TEXTS)]);
  for (const item of (await Promise.all(light)).flat()) {
    const ratio = contrast(item.color, item.background);
    assert.ok(ratio >= 4.5, `light: ${item.text} (${item.where}): ${item.color} on ${item.background} = ${ratio.toFixed(2)}:1`);
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
