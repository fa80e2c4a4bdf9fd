// End to end: one whole filing with the keyboard alone — Tab and Shift+Tab to move, Space
// for radios and checkboxes, arrow keys in selects, Enter on buttons and links, and typed
// text. No clicks, no fill.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openConsole, queryDb, startReceiver } from "./helpers.mjs";
import { individual } from "./flows.mjs";

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
 * Moves focus with Tab (or Shift+Tab when the target comes earlier in the document) until
 * the element matching `selector` has it; fails if it is not reachable. Counts the presses.
 */
async function reach(page, selector, presses, max = 120) {
  await page.locator(selector).first().waitFor({ state: "attached" });
  for (let i = 0; i < max; i++) {
    const where = await page.evaluate((selector) => {
      const target = document.querySelector(selector);
      const active = document.activeElement;
      if (active === target) return "here";
      if (!active || active === document.body) return "forward";
      return active.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_PRECEDING ? "back" : "forward";
    }, selector);
    if (where === "here") return;
    await page.keyboard.press(where === "back" ? "Shift+Tab" : "Tab");
    presses.tab += 1;
  }
  throw new Error(`${selector} not reached with ${max} Tab presses`);
}

test("a whole individual filing can be completed with the keyboard alone", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url);
  const kb = page.keyboard;
  const presses = { tab: 0, other: 0 };
  const press = async (key, times = 1) => {
    for (let i = 0; i < times; i++) await kb.press(key);
    presses.other += times;
  };
  const id = (path) => `#${w.id(path)}`;
  const typeAt = async (path, text) => {
    await reach(page, id(path), presses);
    await kb.type(text);
  };
  const submit = async () => {
    await reach(page, ".icpf-actions button[type=submit]", presses);
    await press("Enter");
  };

  // 1. Province first, then back (Shift+Tab) to the filing type.
  await reach(page, id("province"), presses);
  await press("ArrowDown");
  assert.equal(await w.$("province").inputValue(), "110000");
  await reach(page, id("filingType"), presses);
  assert.ok(presses.tab > 0);
  await press("Space");
  assert.equal(await w.$("filingType").isChecked(), true);
  await submit();
  await w.focused(w.id("heading"));
  assert.equal(await w.section(), "subject");

  // 2. The subject, with a wrong check character first.
  await reach(page, id("subject.kind"), presses);
  await press("ArrowDown", 2);
  assert.equal(await w.$("subject.kind").inputValue(), "individual");
  await typeAt("subject.name", "张伟");
  await typeAt("subject.certificate.number", individual.wrongId);
  await reach(page, id("subject.certificate.validUntil"), presses);
  // The date field's segments follow the browser's language (en-US, see launchBrowser).
  const [year, month, day] = individual.validUntil.split("-");
  await kb.type(`${month}${day}${year}`);
  assert.equal(await w.$("subject.certificate.validUntil").inputValue(), individual.validUntil);
  await typeAt("subject.certificateAddress", "北京市海淀区中关村大街27号");
  // The mailing address starts in the filing province: the filer moves past it.
  await reach(page, id("subject.address.province"), presses);
  assert.equal(await w.$("subject.address.province").inputValue(), "110000");
  await page.waitForFunction((sel) => !document.querySelector(sel).disabled, id("subject.address.city"));
  await reach(page, id("subject.address.city"), presses);
  await press("ArrowDown");
  await page.waitForFunction((sel) => !document.querySelector(sel).disabled, id("subject.address.district"));
  await reach(page, id("subject.address.district"), presses);
  await press("ArrowDown", 6);
  assert.equal(await w.$("subject.address.district").inputValue(), "110108");
  await typeAt("subject.address.detail", "中关村大街27号院3号楼1单元502");
  await typeAt("subject.principal.mobile", individual.typedMobile);
  await typeAt("subject.principal.emergencyPhone", "138-1111-3333");
  await typeAt("subject.principal.email", "zhangwei@example.com");
  await submit();
  await w.focused(w.id("summary"));
  assert.deepEqual(await w.summaryItems(), ["居民身份证号码校验位不正确，请对照证件逐位核对"]);
  await reach(page, ".icpf-error-summary a", presses);
  await press("Enter");
  await w.focused(w.id("subject.certificate.number"));
  await press("ArrowRight", 20);
  await press("Backspace", 20);
  await kb.type(individual.typedId);
  await submit();
  await w.focused(w.id("heading"));
  assert.equal(await w.section(), "services");
  assert.equal(await w.$("subject.certificate.validUntil").count(), 0);

  // 3. One website; the add button moves focus to its first field.
  await reach(page, ".icpf-add-buttons button:first-child", presses);
  await press("Enter");
  await w.focused(w.id("websites[0].name"));
  await kb.type("张伟的读书笔记");
  await typeAt("websites[0].homepage", "www.zhangwei-notes.cn");
  await typeAt("websites[0].domains[0]", individual.typedDomain);
  // An individual's allowed choices come first: the checkbox whose value is `blog`.
  await reach(page, `input[type=checkbox][value=blog]`, presses);
  await press("Space");
  await reach(page, id("websites[0].languages"), presses);
  if (!(await w.$("websites[0].languages").isChecked())) await press("Space");
  await typeAt("websites[0].remark", "个人读书笔记，不涉及经营性内容");
  await submit();
  await w.focused(w.id("heading"));
  assert.equal(await w.section(), "review");

  // 4. The check page: past every answer's change link to the button in a few presses;
  // submit, confirm the warnings from the summary, submit again.
  const atHeading = presses.tab;
  await reach(page, `a[href="#${w.id("submit")}"]`, presses);
  assert.equal(await page.locator(":focus").textContent(), "核对无误？跳到提交");
  await press("Enter");
  await w.focused(w.id("submit"));
  assert.ok(presses.tab - atHeading <= 3, `${presses.tab - atHeading} Tab presses from the heading to the button`);
  await press("Enter");
  await w.focused(w.id("summary"));
  const boxes = page.locator(".icpf-warning-list input[type=checkbox]");
  const count = await boxes.count();
  assert.equal(count, 1, "the same warning on three paths is confirmed once");
  for (let i = 1; i <= count; i++) {
    await reach(page, `.icpf-warning-list li:nth-child(${i}) input[type=checkbox]`, presses);
    await press("Space");
  }
  assert.deepEqual(await boxes.evaluateAll((b) => b.map((x) => x.checked)), [true]);
  await submit();
  const receipt = page.locator(".icpf-receipt-id");
  await receipt.waitFor();
  await w.focused(w.id("heading"));
  const filingId = (await receipt.textContent()).trim();

  const [row] = queryDb(receiver.dataDir, `SELECT body FROM filings WHERE id = '${filingId}'`);
  const f = JSON.parse(row.body);
  assert.equal(f.province, "110000");
  assert.equal(f.subject.certificate.number, individual.id);
  assert.equal(f.subject.certificate.validUntil, individual.validUntil);
  assert.equal(f.subject.address.district, "110108");
  assert.equal(f.subject.principal.mobile, individual.mobile);
  assert.deepEqual(f.websites[0].domains, [individual.domain]);
  assert.deepEqual(f.websites[0].serviceContent, ["blog"]);
  assert.equal(f.acknowledgedWarnings.length, 3);
  console.log(`keyboard pass: ${presses.tab} Tab/Shift+Tab presses, ${presses.other} other keys`);
  assert.deepEqual(problems, []);
  await context.close();
});

// WCAG 2.2 (1.4.11, 2.4.13): the focus indicator contrasts 3:1 with the surface around it. The
// yellow outline alone is 1.6:1 on white; the ring of the text colour outside it carries it.
test("the keyboard focus ring stands out on the light surface", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await reach(page, "#icpf1-province", { tab: 0 });
  const ring = await page.evaluate(() => {
    const style = getComputedStyle(document.activeElement);
    const root = getComputedStyle(document.querySelector(".icpf-root") ?? document.body);
    return { outline: style.outlineStyle, shadow: style.boxShadow, text: root.color };
  });
  assert.equal(ring.outline, "solid");
  const shadow = ring.shadow.match(/^(rgb\([^)]*\)) 0px 0px 0px 5px$/);
  assert.ok(shadow, `a 5 px ring outside the outline: ${ring.shadow}`);
  const luminance = (css) => {
    const [r, g, b] = css.match(/[\d.]+/g).slice(0, 3).map((c) => Number(c) / 255)
      .map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const onWhite = 1.05 / (luminance(shadow[1]) + 0.05);
  assert.ok(onWhite >= 3, `the ring is ${onWhite.toFixed(2)}:1 on white`);
  // A date field keeps the ring on each of its tab stops, its calendar button too.
  await page.getByLabel("首次备案").check();
  await page.getByLabel("备案省份").selectOption({ label: "北京市" });
  await page.getByRole("button", { name: "保存并继续" }).click();
  await page.getByLabel("主办单位性质").selectOption({ label: "个人" });
  const date = page.locator("input[type=date]").first();
  await date.focus();
  for (let stop = 0; stop < 4; stop++) {
    const style = await date.evaluate((el) => [document.activeElement === el, getComputedStyle(el).outlineStyle]);
    assert.deepEqual(style, [true, "solid"], `tab stop ${stop + 1} of the date field`);
    await page.keyboard.press("Tab");
  }
  assert.deepEqual(problems, []);
  await context.close();
});
