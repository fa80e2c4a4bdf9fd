// End to end: the embedding API as a console uses it. Mounting and destroying, the custom
// element, two widgets on one page, the iframe mode with its origin checks, the strict-CSP
// pages and masked event payloads. The package as bundlers and TypeScript see it is tested in
// package.test.mjs.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  launchBrowser,
  loadFixture,
  openTestPage,
  postApproved,
  queryDb,
  siteWithTestPages,
  startReceiver,
} from "./helpers.mjs";

const TODAY = "2026-11-28";
const FILING = loadFixture("individual-beijing");
const ID_NUMBER = FILING.subject.certificate.number;

let receiver;
let browser;

before(async () => {
  receiver = await startReceiver({ args: ["--demo"], site: siteWithTestPages() });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
});

const countFilings = () => queryDb(receiver.dataDir, "SELECT COUNT(*) AS n FROM filings")[0].n;

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
      const badCall = await frame.update({ lookupDomain: async () => null }).then(
        () => "posted",
        (e) => e.message,
      );

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
  assert.match(result.badCall, /^icp-filing: update\(\) got a value that can't be posted to the frame/);
  assert.match(result.unanswered, /^icp-filing: the frame page .*\/api\/health did not answer: .*ALLOWED_PARENTS.*frame-src/);
  assert.equal(result.later, result.unanswered);
  assert.deepEqual(
    consoleErrors.filter((e) => !e.includes("did not answer")),
    [],
  );
  await context.close();
});
