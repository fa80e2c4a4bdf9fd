// End to end: axe-core scans of the demo console on every section, with the error summary
// shown, and on the receipt. No serious or critical violation is allowed; every violation
// found (any impact) is printed to the test log.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { launchBrowser, openConsole, startReceiver } from "./helpers.mjs";
import { individual, enterprise } from "./flows.mjs";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let receiver;
let browser;

before(async () => {
  receiver = await startReceiver();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
});

/**
 * Runs axe on the page as it is and logs its violations under `state`. Resolves to the
 * serious and critical ones. The source is evaluated through the DevTools protocol, which
 * the page's CSP (no inline scripts) does not govern, so the page keeps its real policy.
 */
async function scan(page, state) {
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const result = await window.axe.run(document, { resultTypes: ["violations"] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => {
        const d = n.any[0]?.data;
        const colours = d?.contrastRatio ? ` ${d.fgColor} on ${d.bgColor} = ${d.contrastRatio}:1 < ${d.expectedContrastRatio}` : "";
        // The demo console's own markup is told apart from the widget's.
        const where = document.querySelector(n.target[0])?.closest(".icpf-root") ? "widget" : "console";
        return `(${where}) ${n.target.join(" ")}${colours}`;
      }),
    }));
  });
  console.log(`axe ${state}: ${violations.length} violation(s)`);
  for (const v of violations) {
    console.log(`  [${v.impact}] ${v.id}: ${v.help}`);
    for (const node of v.nodes) console.log(`    ${node}`);
  }
  return violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .flatMap((v) => v.nodes.map((node) => `${v.id} ${node}`));
}

test("every section, with and without the error summary, has no serious accessibility violation", async () => {
  const failures = {};
  for (const flow of [individual, enterprise]) {
    const { context, page, widget: w, problems } = await openConsole(browser, receiver.url, { locale: flow.locale });
    const check = async (state) => {
      const bad = await scan(page, `${flow.locale} ${state}`);
      if (bad.length) failures[`${flow.locale} ${state}`] = bad;
    };
    await check("basics");
    await w.continue();
    await w.summary.waitFor();
    await check("basics + error summary");
    await flow.basics(w);
    await w.continue();
    await w.$("subject.kind").waitFor();
    await check("subject");
    await w.choose("subject.kind", w.t("个人", "Enterprise"));
    await w.continue();
    await w.summary.waitFor();
    await check("subject + error summary and inline errors");
    await flow.subject(w);
    await w.continue();
    await page.getByRole("button", { name: w.t("添加网站", "Add a website") }).click();
    await check("services, one website");
    await w.continue();
    await w.summary.waitFor();
    await check("services + error summary and inline errors");
    await page.locator("button[data-section=review]").click();
    await w.submitButton.click();
    await w.summary.waitFor();
    await check("check page + error summary and warnings");
    assert.deepEqual(problems, []);
    await context.close();
  }
  assert.deepEqual(failures, {}, "serious or critical violations");
});

test("the receipt has no serious accessibility violation", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url);
  await individual.basics(w);
  await w.continue();
  await individual.subject(w);
  await w.continue();
  await individual.services(w);
  await w.continue();
  await w.confirmWarnings();
  await w.submitAndWaitForReceipt();
  assert.deepEqual(await scan(page, "zh-CN receipt"), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("every link of the error summary leads to a control on the page: before the subject kind is chosen, only that choice is named", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url);
  /** The summary's link targets that are not in the page. */
  const missingTargets = () =>
    w.summary.locator("a").evaluateAll((links) =>
      links.map((a) => a.getAttribute("href")).filter((href) => !document.getElementById(href.slice(1))),
    );
  await w.continue();
  await w.summary.waitFor();
  assert.deepEqual(await missingTargets(), []);
  await individual.basics(w);
  await w.continue();
  await w.$("subject.kind").waitFor();
  await w.continue();
  await w.summary.waitFor();
  assert.equal(await w.summary.locator("a").count(), 1, (await w.summaryItems()).join(" | "));
  assert.match((await w.summaryItems())[0], /主办单位性质/);
  assert.deepEqual(await missingTargets(), []);
  await w.summary.locator("a").click();
  await w.focused(w.id("subject.kind"));

  // With the kind chosen, every field of the section is asked for, and each one is there.
  await w.choose("subject.kind", "个人");
  await w.continue();
  await w.summary.waitFor();
  assert.ok((await w.summary.locator("a").count()) > 5);
  assert.deepEqual(await missingTargets(), []);
  // A field far down the page comes into the window with its label, not at its bottom edge.
  const last = w.summary.locator("a").last();
  const target = (await last.getAttribute("href")).slice(1);
  await last.click();
  await w.focused(target);
  const place = await page.evaluate((id) => {
    const box = document.getElementById(id).getBoundingClientRect();
    const label = document.querySelector(`label[for="${id}"]`)?.getBoundingClientRect() ?? box;
    return { labelTop: label.top, bottom: box.bottom, height: innerHeight };
  }, target);
  assert.ok(place.labelTop >= 0 && place.bottom <= place.height * 0.85, `${target}: ${JSON.stringify(place)}`);
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a phone every control is a target a finger can tap (44 px tall, WCAG 2.5.5)", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url, {
    viewport: { width: 390, height: 844 },
  });
  const CONTROLS = ".icpf-radio label, .icpf-check label, .icpf-ack label, .icpf input:not([type=radio]):not([type=checkbox]), .icpf select, .icpf button";
  const small = () =>
    page.evaluate((selector) =>
      [...document.querySelectorAll(selector)]
        .filter((el) => !el.closest(".icpf-visually-hidden"))
        .map((el) => [el.textContent.trim() || el.getAttribute("aria-label") || el.id, el.getBoundingClientRect().height])
        .filter(([, h]) => h > 0 && h < 43.5),
    CONTROLS);
  assert.deepEqual(await small(), [], "basics: 备案类型");
  await individual.basics(w);
  await w.continue();
  await w.choose("subject.kind", "个人");
  assert.deepEqual(await small(), [], "subject: 长期有效");
  // The estimate's toggle sits between the steps and the form: Tab reaches it there too.
  await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /核对信息/ }).focus();
  await page.keyboard.press("Tab");
  assert.match(await page.evaluate(() => document.activeElement.textContent), /预计审核时间/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the step cards of a row are equally tall, tags level, off the window's edges, and no step name breaks inside a word", async () => {
  for (const [width, locale] of [[601, "zh-CN"], [700, "en"], [480, "en"], [1280, "zh-CN"]]) {
    const { context, page, problems } = await openConsole(browser, receiver.url, { viewport: { width, height: 800 }, locale });
    const steps = page.getByRole("navigation", { name: locale === "en" ? "Filing steps" : "备案步骤" }).getByRole("button");
    assert.equal(await steps.count(), 4);
    const boxes = await steps.evaluateAll((buttons) =>
      buttons.map((b) => {
        const r = b.getBoundingClientRect();
        const tag = b.lastElementChild.getBoundingClientRect();
        return { top: Math.round(r.top), left: r.left, right: r.right, height: Math.round(r.height), tagBottom: Math.round(tag.bottom) };
      }),
    );
    // Off the window's edges, where the console leaves the widget no margin of its own.
    assert.ok(Math.min(...boxes.map((b) => b.left)) >= 8, `${width} px ${locale}: ${JSON.stringify(boxes)}`);
    assert.ok(Math.max(...boxes.map((b) => b.right)) <= width - 8, `${width} px ${locale}: ${JSON.stringify(boxes)}`);
    const rows = new Map();
    for (const b of boxes) rows.set(b.top, [...(rows.get(b.top) ?? []), b]);
    for (const row of rows.values()) {
      assert.equal(new Set(row.map((b) => b.height)).size, 1, `${width} px ${locale}: heights ${JSON.stringify(row)}`);
      assert.equal(new Set(row.map((b) => b.tagBottom)).size, 1, `${width} px ${locale}: tags ${JSON.stringify(row)}`);
    }
    // A name wraps only where a space is: 网站 / APP信息 may go onto two lines, not as APP信 | 息.
    const split = await steps.evaluateAll((buttons) =>
      buttons.flatMap((b) => {
        const text = b.firstElementChild.firstChild;
        const words = [...text.data.matchAll(/\S+/g)];
        return words
          .filter((m) => {
            const range = document.createRange();
            range.setStart(text, m.index);
            range.setEnd(text, m.index + m[0].length);
            return new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size > 1;
          })
          .map((m) => m[0]);
      }),
    );
    assert.deepEqual(split, [], `${width} px ${locale}`);
    assert.deepEqual(problems, []);
    await context.close();
  }
});

/** Whether every character of the field's value is inside its box: none scrolled out sideways or below. */
const showsWhole = (field) =>
  field.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1);

test("a long address or unit name shows whole in its field, on a phone and a desktop; Enter in it saves and continues, line breaks are dropped", async () => {
  const address = "广东省深圳市南山区粤海街道科技园社区科苑路8号讯美科技广场3号楼10层1001室";
  for (const width of [390, 1280]) {
    const { context, page, widget: w, problems } = await openConsole(browser, receiver.url, { viewport: { width, height: 844 } });
    await individual.basics(w);
    await w.continue();
    await w.choose("subject.kind", "企业");
    const unitName = w.form.getByLabel("主办单位名称", { exact: true });
    await unitName.fill("中国电信股份有限公司深圳分公司南山区科技园片区政企客户服务营业部");
    assert.equal(await showsWhole(unitName), true, `${width} px: the unit's name`);
    await individual.subject(w);
    const field = w.form.getByLabel("证件住所", { exact: true });
    await field.fill(address);
    assert.equal(await showsWhole(field), true, `${width} px: the address`);
    // A pasted line break is dropped, as a one-line input drops it.
    await w.form.getByLabel("详细地址", { exact: true }).fill("中关村大街27号院\n3号楼1单元502");
    assert.equal(await w.$("subject.address.detail").inputValue(), "中关村大街27号院3号楼1单元502");
    // Enter while an input method composes confirms the text: it neither submits nor starts a line.
    const composing = await field.evaluate((el) => {
      const e = new KeyboardEvent("keydown", { key: "Enter", isComposing: true, bubbles: true, cancelable: true });
      el.dispatchEvent(e);
      return e.defaultPrevented;
    });
    assert.equal(composing, false);
    assert.equal(await w.section(), "subject");
    // Enter saves and continues, as in any other field.
    await field.press("Enter");
    await page.waitForFunction(() => document.querySelector(".icpf-task-button[aria-current=step]")?.dataset.section === "services");
    await page.locator("button[data-section=subject]").click();
    assert.equal(await w.$("subject.certificateAddress").inputValue(), address);
    assert.equal(await w.$("subject.address.detail").inputValue(), "中关村大街27号院3号楼1单元502");
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("on a phone with the estimate open, the next section is in view after 保存并继续, not below the screen", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url, {
    viewport: { width: 390, height: 844 },
  });
  // Its arrow is drawn, not part of its name.
  await page.getByRole("button", { name: "预计审核时间", exact: true }).click();
  await individual.basics(w);
  await w.continue();
  const heading = page.getByRole("heading", { level: 2, name: /主办者信息/ });
  await w.focused(await heading.getAttribute("id"));
  // The heading, the section's first field and its button are all on the screen.
  const inView = (locator) =>
    locator.evaluate((el) => {
      const r = el.getBoundingClientRect();
      return r.top >= 0 && r.bottom <= innerHeight;
    });
  assert.ok(await inView(heading), "the heading");
  assert.ok(await inView(page.getByLabel("主办单位性质")), "主办单位性质");
  assert.ok(await inView(page.getByRole("button", { name: "保存并继续" })), "保存并继续");
  assert.deepEqual(problems, []);
  await context.close();
});

test("required fields carry a mark and aria-required, by the rules for the subject chosen: a unit's office phone is, an emergency phone is not", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url);
  await individual.basics(w);
  const form = page.locator(".icpf-main");
  assert.equal(await form.locator(".icpf-required-note").textContent(), "标有 * 的为必填项");
  /** aria-required and the visible mark of the field named `name` (exactly) in `scope`. */
  const state = async (scope, role, name) => {
    const control = scope.getByRole(role, { name, exact: true });
    const id = await control.getAttribute("id");
    return {
      ariaRequired: await control.getAttribute("aria-required"),
      // The mark is drawn before the label's text.
      marked: await page.locator(`label[for="${id}"]`).evaluate((l) => Number(getComputedStyle(l, "::before").content.startsWith('"*"'))),
    };
  };
  assert.deepEqual(await state(page, "combobox", "备案省份"), { ariaRequired: "true", marked: 1 });
  // A required choice of radios: each says so.
  assert.equal(await page.getByRole("radio", { name: "首次备案", exact: true }).evaluate((r) => r.required), true);
  await w.continue();
  await w.choose("subject.kind", "个人");
  const own = page.getByRole("group", { name: "您的联系方式" });
  assert.deepEqual(await state(own, "textbox", "手机号码"), { ariaRequired: "true", marked: 1 });
  assert.deepEqual(await state(own, "textbox", "电子邮箱"), { ariaRequired: "true", marked: 1 });
  // Asked but not refused when empty (a warning): not marked.
  assert.deepEqual(await state(own, "textbox", "应急联系电话"), { ariaRequired: null, marked: 0 });
  assert.equal(await own.getByRole("textbox", { name: "办公电话" }).count(), 0);
  assert.equal(await w.$("subject.kind").getAttribute("aria-required"), "true");

  // Typing does not move the marks; choosing a unit does.
  await own.getByRole("textbox", { name: "应急联系电话", exact: true }).fill("010-12345678");
  assert.deepEqual(await state(own, "textbox", "应急联系电话"), { ariaRequired: null, marked: 0 });
  await own.getByRole("textbox", { name: "手机号码", exact: true }).fill("13911112222");
  assert.deepEqual(await state(own, "textbox", "手机号码"), { ariaRequired: "true", marked: 1 });
  await w.choose("subject.kind", "企业");
  const principal = page.getByRole("group", { name: "主体负责人" });
  assert.deepEqual(await state(principal, "textbox", "办公电话"), { ariaRequired: "true", marked: 1 });
  assert.deepEqual(problems, []);
  await context.close();
});
