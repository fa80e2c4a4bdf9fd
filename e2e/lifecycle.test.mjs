// The widget's life in a host page: mounting and destroying it many times leaves nothing
// behind (measured after garbage collection), the host's theming survives a submission, the
// task list follows setFiling(), a console stylesheet that styles bare elements changes
// nothing inside the widget, and the custom element copes with how frameworks render it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, loadFixture, openTestPage, queryDb, siteWithTestPages, snap, startReceiver } from "./helpers.mjs";

const TODAY = "2026-11-28";
const FILING = loadFixture("individual-beijing");

let browser;
let receiver;

before(async () => {
  receiver = await startReceiver({ site: siteWithTestPages() });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
});

/** Forces full garbage collections, then counts what the page holds. */
async function measure(page, cdp) {
  for (let i = 0; i < 3; i++) {
    await cdp.send("HeapProfiler.collectGarbage");
    await page.waitForTimeout(30);
  }
  const dom = await cdp.send("Memory.getDOMCounters");
  const held = await page.evaluate(() => ({
    roots: window.weakRoots.filter((r) => r.deref() !== undefined).length,
    hosts: window.weakHosts.filter((r) => r.deref() !== undefined).length,
    externrefTable: window.wasm.__wbindgen_externrefs.length,
  }));
  return { nodes: dom.nodes, listeners: dom.jsEventListeners, ...held };
}

/**
 * Mounts a widget into a new element `n` times and destroys it, awaiting the first render
 * (`early: false`) or destroying it at once; the page keeps every handle, as frameworks'
 * refs do.
 */
async function cycles(page, n, early) {
  await page.evaluate(
    async ({ n, early, today }) => {
      window.weakRoots ??= [];
      window.weakHosts ??= [];
      window.keptHandles ??= [];
      for (let i = 0; i < n; i++) {
        const host = document.createElement("div");
        document.body.append(host);
        const handle = window.icp.mount(host, { storage: "none", today, appearance: { "color-primary": "#ff6a00" } });
        handle.on("change", () => {});
        window.weakRoots.push(new WeakRef(host.querySelector(".icpf-root")));
        window.weakHosts.push(new WeakRef(host));
        if (!early) await new Promise((resolve) => handle.on("ready", resolve));
        handle.destroy();
        host.remove();
        window.keptHandles.push(handle);
      }
      // Yew finishes a destroy in a microtask.
      await new Promise((resolve) => setTimeout(resolve, 50));
    },
    { n, early, today: TODAY },
  );
}

for (const early of [false, true]) {
  const when = early ? "before its first render" : "after it rendered";
  test(`a widget destroyed ${when} leaves no DOM, listener or Yew scope behind`, async () => {
    const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
    const cdp = await context.newCDPSession(page);
    await page.evaluate(() => {
      window.weakRoots = [];
      window.weakHosts = [];
    });
    const start = await measure(page, cdp);
    await cycles(page, 25, early);
    const first = await measure(page, cdp);
    await cycles(page, 25, early);
    const second = await measure(page, cdp);
    console.log(`  destroyed ${when}: start ${JSON.stringify(start)}, 25 cycles ${JSON.stringify(first)}, 50 cycles ${JSON.stringify(second)}`);
    assert.equal(second.roots, 0, "every widget root was collected");
    assert.equal(second.hosts, 0, "every host element was collected, though the page keeps the handles");
    assert.equal(second.listeners, start.listeners, "the roots' event listeners are gone");
    // A widget is a few hundred nodes: 50 kept would be thousands.
    assert.ok(second.nodes - start.nodes < 100, `DOM nodes ${start.nodes} → ${second.nodes}`);
    assert.equal(second.externrefTable, first.externrefTable, "the wasm externref table stopped growing");
    assert.deepEqual(consoleErrors, []);
    await context.close();
  });
}

test("the host's appearance survives a submission and applies to the next filing", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  await page.evaluate(
    async ({ filing, today }) => {
      window.mountRecorded("w", "#a", {
        endpoint: "/api/filings",
        storage: "none",
        today,
        filing,
        appearance: { "color-primary": "#ff6a00", radius: "0px" },
      });
      await window.widgetReady("w");
    },
    { filing: FILING, today: TODAY },
  );
  const primary = () =>
    page.evaluate(() => getComputedStyle(document.querySelector("#a .icpf")).getPropertyValue("--icp-color-primary").trim());
  const buttonColour = (name) => page.getByRole("button", { name }).evaluate((b) => getComputedStyle(b).backgroundColor);
  assert.equal(await primary(), "#ff6a00");
  await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /核对信息/ }).click();
  assert.equal(await buttonColour("提交备案"), "rgb(255, 106, 0)");
  await page.getByRole("button", { name: "提交备案" }).click();
  await page.getByRole("heading", { name: /已提交/ }).waitFor();
  assert.equal(await primary(), "#ff6a00", "the receipt keeps the host's colour");
  await snap(page, "lifecycle-receipt-appearance");
  await page.getByRole("button", { name: /开始新的备案/ }).click();
  await page.getByRole("button", { name: "确定" }).click();
  await page.getByRole("button", { name: "保存并继续" }).waitFor();
  assert.equal(await primary(), "#ff6a00", "the next filing keeps it too");
  assert.equal(await buttonColour("保存并继续"), "rgb(255, 106, 0)");
  // update() changes the properties it names and keeps the others; null unsets one.
  const radius = () =>
    page.evaluate(() => getComputedStyle(document.querySelector("#a .icpf")).getPropertyValue("--icp-radius").trim());
  await page.evaluate(() => window.handles.w.update({ appearance: { "color-primary": "#008000" } }));
  await page.waitForFunction(() => getComputedStyle(document.querySelector("#a .icpf")).getPropertyValue("--icp-color-primary").trim() === "#008000");
  assert.equal(await radius(), "0px");
  await page.evaluate(() => window.handles.w.update({ appearance: { radius: null } }));
  assert.equal(await radius(), "");
  assert.equal(await primary(), "#008000");
  assert.deepEqual(consoleErrors, []);
  // A theme with one unknown property still applies the others; the unknown one is named.
  await page.evaluate(() => window.handles.w.update({ appearance: { radius: "6px", "colour-primary": "#123456" } }));
  assert.equal(await radius(), "6px");
  assert.equal(consoleErrors.length, 1, consoleErrors.join("\n"));
  assert.match(consoleErrors[0], /colour-primary/);
  consoleErrors.length = 0;
  await context.close();
});

test("the task list follows setFiling(): a complete filing shows its sections complete", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  await page.evaluate(async ({ today }) => {
    window.mountRecorded("w", "#a", { storage: "none", today });
    await window.widgetReady("w");
  }, { today: TODAY });
  const tasks = page.getByRole("navigation", { name: "备案步骤" });
  for (const name of [/备案类型与地区/, /主办者信息/, /网站 \/ APP信息/]) {
    await assert.doesNotReject(tasks.getByRole("button", { name }).filter({ hasText: "未开始" }).waitFor());
  }
  await page.evaluate((filing) => window.handles.w.setFiling(filing), FILING);
  for (const name of [/备案类型与地区/, /主办者信息/, /网站 \/ APP信息/]) {
    await tasks.getByRole("button", { name }).filter({ hasText: "已完成" }).waitFor();
  }
  // A filing with a mistake: its section is not complete (and not yet flagged before the
  // filer has been there).
  await page.evaluate((filing) => window.handles.w.setFiling({ ...filing, subject: { ...filing.subject, name: "" } }), FILING);
  await tasks.getByRole("button", { name: /主办者信息/ }).filter({ hasText: "填写中" }).waitFor();
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("setFiling() replaces a restored draft: the notice about that draft goes", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const mount = () =>
    page.evaluate(async ({ today }) => {
      window.mountRecorded("w", "#a", { storage: "local", draftKey: "lifecycle:replaced", today });
      await window.widgetReady("w");
    }, { today: TODAY });
  await mount();
  await page.getByLabel("首次备案").check();
  await page.waitForFunction(() => Object.keys(localStorage).some((k) => k.includes("lifecycle:replaced")));
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
  await mount();
  const notice = page.getByRole("status").filter({ hasText: /^已恢复/ });
  await notice.waitFor();
  await page.evaluate((filing) => window.handles.w.setFiling(filing), FILING);
  await notice.waitFor({ state: "detached" });
  assert.equal(await page.getByRole("button", { name: "重新开始" }).count(), 0);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// A sign-out clears the drafts, then unmounts the widget: the focused field's blur as it goes
// must not write the filer's draft back.
test("clearDrafts() then destroy() leaves no draft, even with a field just typed in", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  await page.evaluate(async ({ today, filing }) => {
    window.mountRecorded("w", "#a", { storage: "local", draftKey: "lifecycle:signout", today });
    await window.widgetReady("w");
    window.handles.w.setFiling(filing);
  }, { today: TODAY, filing: FILING });
  await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /主办者信息/ }).click();
  await page.getByLabel("姓名").first().fill("张伟伟");
  await page.waitForFunction(() => (localStorage.getItem("lifecycle:signout") ?? "").includes("张伟伟"));
  const left = await page.evaluate(async () => {
    window.icp.clearDrafts();
    window.handles.w.destroy();
    await new Promise((resolve) => setTimeout(resolve, 1000));
    return Object.keys(localStorage).filter((k) => k.includes("lifecycle:signout"));
  });
  assert.deepEqual(left, []);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

/**
 * The same console open in two tabs on one draft key: the first holds the fixture filing, and
 * the second has restored it from the first's draft. `mount(page)` mounts the widget again
 * after a reload.
 */
async function twoTabsOnOneKey(draftKey) {
  const { context, page: first, consoleErrors } = await openTestPage(browser, receiver.url);
  const options = { endpoint: "/api/filings", storage: "local", draftKey, today: TODAY };
  const mount = (page) =>
    page.evaluate(async (options) => {
      window.mountRecorded("w", "#a", options);
      await window.widgetReady("w");
    }, options);
  await mount(first);
  await first.evaluate((filing) => window.handles.w.setFiling(filing), FILING);
  await first.waitForFunction((key) => (localStorage.getItem(key) ?? "").includes("张伟"), draftKey);
  const second = await context.newPage();
  await second.goto(first.url());
  await second.waitForFunction(() => document.documentElement.dataset.ready === "true");
  await mount(second);
  await second.getByRole("status").filter({ hasText: /^已恢复/ }).waitFor();
  return { context, first, second, mount, options, consoleErrors };
}

// Two tabs on one draft key: the second restored the filing the first then sent. Sending it
// again from the second opens the first's receipt instead of storing the filing twice.
test("a filing another tab already sent is not sent again: its receipt opens", async () => {
  const { context, first, second, consoleErrors } = await twoTabsOnOneKey("lifecycle:two-tabs");

  const sent = await first.evaluate(() => window.handles.w.submit());
  // The second tab is told; the filer there moves to the check page (which saves nothing over
  // the first tab's receipt) and presses 提交备案.
  await second.getByRole("alert").filter({ hasText: "已在另一个标签页或窗口提交" }).waitFor();
  await second.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /核对信息/ }).click();
  await second.waitForTimeout(600);
  assert.match(await second.evaluate(() => localStorage.getItem("lifecycle:two-tabs")), new RegExp(sent.id));
  await second.getByRole("button", { name: "提交备案" }).click();
  await second.getByRole("heading", { name: "备案信息已提交" }).waitFor();
  assert.equal(await second.locator(".icpf-receipt-id").textContent(), sent.id);
  // A host's submit() there resolves with that receipt too.
  assert.equal((await second.evaluate(() => window.handles.w.submit())).id, sent.id);
  const posts = await second.evaluate(() => window.events.filter((e) => e.type === "submit").length);
  assert.equal(posts, 0, "the second tab sent nothing");
  assert.equal(queryDb(receiver.dataDir, `SELECT COUNT(*) AS n FROM filings WHERE id = '${sent.id}'`)[0].n, 1);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// The second tab goes on typing after the first sent the filing: its typing can't go under the
// shared key (that would overwrite the first tab's receipt), and it must not be lost either.
/**
 * The first tab sends the filing; the second is told, and its filer, who hasn't read the
 * notice, changes the address. Resolves to the first tab's receipt and the notice.
 */
async function sendFromFirstThenTypeInSecond(first, second) {
  const sent = await first.evaluate(() => window.handles.w.submit());
  const told = second.getByRole("alert").filter({ hasText: "已在另一个标签页或窗口提交" });
  await told.waitFor();
  await second.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /主办者信息/ }).click();
  const address = second.getByLabel("详细地址");
  await address.fill("朝阳区建国路 1 号 2 单元 301 室");
  await address.blur();
  await second.waitForTimeout(800);
  return { sent, told };
}

test("typing in a tab told another tab sent the filing survives a reload, and the choice is offered again", async () => {
  const { context, first, second, mount, options, consoleErrors } = await twoTabsOnOneKey("lifecycle:kept-aside");
  const stored = (page) => page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? "{}"), options.draftKey);

  const { sent } = await sendFromFirstThenTypeInSecond(first, second);
  assert.equal((await stored(second)).submitted?.id, sent.id, "the first tab's receipt is still what the key holds");

  await second.reload();
  await second.waitForFunction(() => document.documentElement.dataset.ready === "true");
  await mount(second);
  assert.equal(await second.getByLabel("详细地址").inputValue(), "朝阳区建国路 1 号 2 单元 301 室", "the typing came back");
  const again = second.getByRole("alert").filter({ hasText: "已在另一个标签页或窗口提交" });
  await again.waitFor();
  assert.match(await again.textContent(), new RegExp(`受理编号 ${sent.id}`));
  assert.equal(await second.getByRole("status").filter({ hasText: /^已恢复/ }).count(), 0, "no 重新开始 beside it");
  assert.equal((await stored(second)).submitted?.id, sent.id);

  // Keeping this tab's filing puts it under the key, and nothing stays aside.
  await again.getByRole("button", { name: "保留本页内容" }).click();
  await second.waitForFunction(
    (key) => (localStorage.getItem(key) ?? "").includes("2 单元 301 室"),
    options.draftKey,
  );
  assert.equal(await second.evaluate(() => Object.keys(sessionStorage).filter((k) => k.startsWith("lifecycle:")).length), 0);
  await second.reload();
  await second.waitForFunction(() => document.documentElement.dataset.ready === "true");
  await mount(second);
  assert.equal(await second.getByRole("alert").filter({ hasText: "已在另一个标签页或窗口提交" }).count(), 0);
  assert.equal(await second.getByLabel("详细地址").inputValue(), "朝阳区建国路 1 号 2 单元 301 室");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// Or the filer there sends the filing as changed: that tab's own receipt then holds the key.
test("a tab told another tab sent the filing may send its own changed filing, and reopens on its receipt", async () => {
  const { context, first, second, mount, consoleErrors } = await twoTabsOnOneKey("lifecycle:own-sent");
  const { sent } = await sendFromFirstThenTypeInSecond(first, second);
  await second.reload();
  await second.waitForFunction(() => document.documentElement.dataset.ready === "true");
  await mount(second);
  await second.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /核对信息/ }).click();
  await second.getByRole("button", { name: "提交备案" }).click();
  await second.getByRole("heading", { name: "备案信息已提交" }).waitFor();
  const own = await second.locator(".icpf-receipt-id").textContent();
  assert.notEqual(own, sent.id);
  assert.match(queryDb(receiver.dataDir, `SELECT body FROM filings WHERE id = '${own}'`)[0].body, /2 单元 301 室/);

  await second.reload();
  await second.waitForFunction(() => document.documentElement.dataset.ready === "true");
  await mount(second);
  await second.locator(".icpf-receipt-id").waitFor();
  assert.equal(await second.locator(".icpf-receipt-id").textContent(), own, "its own receipt reopens");
  assert.equal(await second.getByRole("alert").filter({ hasText: "已在另一个标签页或窗口提交" }).count(), 0);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// The same, but the tab that sent moves on to a new filing before the filer here chooses: the
// key no longer holds a receipt to keep, so this tab's typing goes back under it.
test("when the sending tab starts a new filing, the typing kept aside in the other tab goes back under the key", async () => {
  const { context, first, second, mount, options, consoleErrors } = await twoTabsOnOneKey("lifecycle:moved-on");
  const { told } = await sendFromFirstThenTypeInSecond(first, second);

  // The first tab starts a new filing, which removes the sent one's receipt from the key.
  await first.evaluate(() => window.handles.w.reset());
  await second.waitForFunction(
    (key) => (localStorage.getItem(key) ?? "").includes("2 单元 301 室"),
    options.draftKey,
  );
  await told.waitFor({ state: "detached" });
  await second.reload();
  await second.waitForFunction(() => document.documentElement.dataset.ready === "true");
  await mount(second);
  assert.equal(await second.getByLabel("详细地址").inputValue(), "朝阳区建国路 1 号 2 单元 301 室");
  assert.equal(await second.getByRole("alert").filter({ hasText: "已在另一个标签页或窗口提交" }).count(), 0);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// A console that learns the account's province calls update({defaults}) and reset() in one
// go: the new filing starts with the new defaults, not the old ones.
test("update({defaults}) then reset() in the same task starts the new filing with the new defaults", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const started = await page.evaluate(async ({ today }) => {
    const w = window.mountRecorded("w", "#a", {
      storage: "none",
      today,
      defaults: { province: "440000", filingType: "newWebsite" },
    });
    await window.widgetReady("w");
    w.update({ defaults: { province: "310000", filingType: "first" } });
    w.reset();
    // The getters answer with the new filing at once, and the form shows it after rendering.
    const atOnce = w.getFiling();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const f = w.getFiling();
    return [atOnce.province, atOnce.filingType, f.province, f.filingType];
  }, { today: TODAY });
  assert.deepEqual(started, ["310000", "first", "310000", "first"]);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// A console's side panel on a wide screen: the widget lays itself out for its own width,
// not the window's, and again when the panel is widened.
test("the layout follows the widget's own width, not the window's", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  await page.evaluate(async ({ today }) => {
    document.getElementById("a").style.width = "560px";
    window.mountRecorded("w", "#a", { storage: "none", today });
    await window.widgetReady("w");
  }, { today: TODAY });
  const toggle = page.getByRole("button", { name: "预计审核时间" });
  // One column: the estimate folds behind its toggle, the task list goes to two columns.
  await toggle.waitFor();
  assert.equal(await toggle.getAttribute("aria-expanded"), "false");
  const columns = () =>
    page.locator(".icpf-layout").evaluate((el) => getComputedStyle(el).gridTemplateColumns.split(" ").length);
  assert.equal(await columns(), 1);
  await page.evaluate(() => (document.getElementById("a").style.width = "1200px"));
  await toggle.waitFor({ state: "hidden" });
  assert.equal(await columns(), 2);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// The estimate's chart labels the first day of each month; one near the chart's end must not
// reach past it, which on a phone made the whole page scroll sideways.
test("the estimate's date labels stay inside the chart on a phone, whatever the dates", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  await page.setViewportSize({ width: 390, height: 844 });
  // Zhejiang: 30 working days of review, the longest chart.
  const filing = { ...loadFixture("enterprise-app-zhejiang"), filingType: "first" };
  const outside = [];
  let labels = 0;
  for (let day = 1; day <= 31; day++) {
    const today = `2026-12-${String(day).padStart(2, "0")}`;
    await page.evaluate(async ({ today, filing }) => {
      window.handles.w?.destroy();
      window.mountRecorded("w", "#a", { storage: "none", today, filing });
      await window.widgetReady("w");
    }, { today, filing });
    await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /核对信息/ }).click();
    await page.locator(".icpf-axis").waitFor();
    const found = await page.evaluate(async () => {
      for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
      const axis = document.querySelector(".icpf-axis").getBoundingClientRect();
      const all = [...document.querySelectorAll(".icpf-day-label")];
      const out = all.filter((l) => {
        const r = l.getBoundingClientRect();
        return r.left < axis.left - 0.5 || r.right > axis.right + 0.5;
      });
      const page = document.documentElement;
      return { count: all.length, out: out.map((l) => l.textContent), sideways: page.scrollWidth > page.clientWidth };
    });
    labels += found.count;
    if (found.out.length || found.sideways) outside.push(`${today}: ${found.out.join(", ")}${found.sideways ? " (page scrolls sideways)" : ""}`);
  }
  assert.ok(labels > 31, `${labels} labels seen`);
  assert.deepEqual(outside, []);
  // update({today}) moves the chart's start as mounting with it does: to that day, or the
  // next working day when the time of day is past the provider's hours.
  const firstLabel = () => page.locator(".icpf-day-label").first().textContent();
  assert.ok(["12月31日", "1月4日"].includes(await firstLabel()), await firstLabel());
  await page.evaluate(() => window.handles.w.update({ today: "2026-12-01" }));
  await page.waitForFunction(() => ["12月1日", "12月2日"].includes(document.querySelector(".icpf-day-label")?.textContent));
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// 姓名, 证件号码, 手机号码 are asked for the principal and again for each website's responsible
// person: a screen reader tells them apart by the group each sits in.
test("the principal's and each responsible person's fields sit in groups named by their headings", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const filing = loadFixture("enterprise-guangdong-two-websites");
  await page.evaluate(async ({ today, filing }) => {
    window.mountRecorded("w", "#a", { storage: "none", today, filing });
    await window.widgetReady("w");
  }, { today: TODAY, filing });
  const steps = page.getByRole("navigation", { name: "备案步骤" });
  await steps.getByRole("button", { name: /主办者信息/ }).click();
  const principal = page.getByRole("group", { name: "主体负责人", exact: true });
  assert.equal(await principal.getByRole("textbox", { name: "姓名", exact: true }).inputValue(), filing.subject.principal.name);
  await steps.getByRole("button", { name: /网站/ }).click();
  for (const [i, website] of filing.websites.entries()) {
    const card = page.getByRole("region", { name: `网站 ${i + 1}` });
    const responsible = card.getByRole("group", { name: "网站负责人", exact: true });
    assert.equal(await responsible.getByRole("textbox", { name: "姓名", exact: true }).inputValue(), website.responsible.name);
  }
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// A handler a console registers twice (a component's effect run twice) is called once per
// event, as addEventListener does, and one off() removes it.
test("on() with a handler already added for that event adds nothing; off() removes it", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const calls = await page.evaluate(async ({ today, filing }) => {
    const w = window.mountRecorded("w", "#a", { storage: "none", today });
    await window.widgetReady("w");
    // After the change event that follows mounting.
    await new Promise((resolve) => setTimeout(resolve, 300));
    let calls = 0;
    const handler = () => (calls += 1);
    w.on("change", handler);
    w.on("change", handler);
    w.setFiling(filing);
    await new Promise((resolve) => setTimeout(resolve, 300));
    const once = calls;
    w.off("change", handler);
    w.setFiling({ ...filing, province: "310000" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    return [once, calls];
  }, { today: TODAY, filing: FILING });
  assert.deepEqual(calls, [1, 1]);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a console stylesheet that styles bare elements changes nothing inside the widget", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  await page.evaluate(async ({ today, filing }) => {
    window.mountRecorded("w", "#a", { storage: "none", today, filing });
    await window.widgetReady("w");
  }, { today: TODAY, filing: FILING });
  await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /主办者信息/ }).click();
  await page.getByLabel("姓名").waitFor();
  // The region data arrives on its own time, replaces the loading note and fills the city and
  // district selects: both samples are taken after it.
  await page.getByText("正在加载省市区数据…").waitFor({ state: "detached" });
  await page.getByLabel("区县").locator("option").nth(1).waitFor({ state: "attached" });
  const PROPS = ["font-size", "padding-top", "margin-top", "height", "border-top-width", "border-top-style", "color", "display", "box-sizing", "letter-spacing", "line-height", "width", "list-style-type", "padding-left"];
  const sample = () =>
    page.evaluate((props) => {
      const root = document.querySelector("#a .icpf");
      const nodes = [root, ...root.querySelectorAll("*")];
      return nodes.map((el) => {
        const style = getComputedStyle(el);
        const rect = el.getBoundingClientRect();
        return [el.tagName, el.className, ...props.map((p) => style.getPropertyValue(p)), Math.round(rect.height)].join("|");
      });
    }, PROPS);
  const before = await sample();
  await page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const link = document.createElement("link");
        link.rel = "stylesheet";
        link.href = "hostile.css";
        link.onload = resolve;
        link.onerror = reject;
        document.head.append(link);
      }),
  );
  // The stylesheet applies to the page around the widget …
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).boxSizing), "content-box");
  const after = await sample();
  assert.equal(after.length, before.length);
  const changed = after.filter((line, i) => line !== before[i]);
  assert.deepEqual(changed.slice(0, 5), [], `${changed.length} of ${after.length} elements changed`);
  await snap(page, "lifecycle-hostile-stylesheet");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the custom element: attributes stringified before defineElement() are named; an equal filing keeps what was typed", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const warnings = [];
  page.on("console", (msg) => {
    if (msg.type() === "warning") warnings.push(msg.text());
  });
  // What a framework does with an element it doesn't know yet: rich values become text.
  await page.evaluate(() => {
    const el = document.createElement("icp-filing-form");
    el.setAttribute("options", String({ endpoint: "/api/filings" }));
    el.id = "early";
    document.body.append(el);
    window.icp.defineElement();
  });
  await page.locator("#early .icpf").waitFor();
  assert.ok(
    warnings.some((w) => w.includes('options="[object Object]"') && w.includes("defineElement()")),
    warnings.join("\n"),
  );

  // A framework assigns the same filing on every render.
  await page.evaluate(
    async ({ filing, today }) => {
      const el = document.createElement("icp-filing-form");
      el.id = "bound";
      el.options = { storage: "none", today };
      el.filing = filing;
      document.querySelector("#a").append(el);
    },
    { filing: FILING, today: TODAY },
  );
  const form = page.locator("#bound");
  await form.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /主办者信息/ }).click();
  const name = form.getByLabel("姓名");
  await name.fill("李雷");
  await name.blur();
  await page.evaluate((filing) => {
    const el = document.querySelector("#bound");
    el.filing = structuredClone(filing);
    el.options = { storage: "none", today: el.options.today };
  }, FILING);
  await page.waitForTimeout(200);
  assert.equal(await name.inputValue(), "李雷", "an equal filing did not replace what the filer typed");
  // A different filing does replace it.
  await page.evaluate((filing) => {
    document.querySelector("#bound").filing = { ...filing, subject: { ...filing.subject, name: "韩梅梅" } };
  }, FILING);
  await assert.doesNotReject(async () => {
    await page.waitForFunction(() => document.querySelector("#bound").handle.getFiling().subject.name === "韩梅梅");
  });
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("two widgets with one draftKey are warned about; a draft saved in another tab is offered, not lost", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const warnings = [];
  page.on("console", (msg) => {
    if (msg.type() === "warning") warnings.push(msg.text());
  });
  const options = { storage: "local", draftKey: "lifecycle:shared", today: TODAY };
  await page.evaluate(async (options) => {
    window.mountRecorded("a", "#a", options);
    window.mountRecorded("b", "#b", options);
    await window.widgetReady("b");
  }, options);
  assert.ok(
    warnings.some((w) => w.includes('draftKey "lifecycle:shared"') && w.includes("overwrite")),
    warnings.join("\n"),
  );
  await page.evaluate(() => {
    window.handles.b.destroy();
    window.handles.a.destroy();
  });

  // The same console open in two tabs of one browser profile.
  const mountIn = async (tab) => {
    await tab.evaluate(async (options) => {
      window.mountRecorded("w", "#a", options);
      await window.widgetReady("w");
    }, options);
  };
  await mountIn(page);
  const other = await context.newPage();
  await other.goto(`${receiver.url}/test/harness.html`);
  await other.waitForFunction(() => document.documentElement.dataset.ready === "true");
  await mountIn(other);
  const subject = (tab) => tab.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /主办者信息/ });
  for (const tab of [page, other]) {
    await tab.getByLabel("首次备案").check();
    await tab.getByLabel("备案省份").selectOption({ label: "北京市" });
    await subject(tab).click();
    await tab.getByLabel("主办单位性质").selectOption({ label: "个人" });
  }
  // Both tabs hold the same answers now: the second tab's saves reached the first, and a
  // draft equal to the page is not offered.
  await other.waitForTimeout(800);
  assert.equal(await page.getByRole("alert").filter({ hasText: "另一个标签页或窗口" }).count(), 0);
  // The first tab types a name; its autosave reaches the second tab as a storage event.
  await page.getByLabel("姓名").fill("李雷");
  await page.getByLabel("姓名").blur();
  const offer = other.getByRole("alert").filter({ hasText: "另一个标签页或窗口" });
  await offer.waitFor();
  await offer.getByRole("button", { name: "载入该草稿" }).click();
  assert.equal(await other.getByLabel("姓名").inputValue(), "李雷", "the other tab's draft was loaded");
  await offer.waitFor({ state: "detached" });

  // The other way round, and this time the second tab keeps its own text.
  await other.getByLabel("姓名").fill("韩梅梅");
  await other.getByLabel("姓名").blur();
  const back = page.getByRole("alert").filter({ hasText: "另一个标签页或窗口" });
  await back.waitFor();
  await page.getByLabel("姓名").fill("李雷雷");
  await back.getByRole("button", { name: "保留本页内容" }).click();
  await page.waitForFunction(
    (key) => JSON.parse(localStorage.getItem(key) ?? "{}").filing?.subject?.name === "李雷雷",
    options.draftKey,
  );
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
