// End to end: full-page screenshots of every section (with errors shown) and of the receipt,
// 1280 and 375 px wide, in Chinese and English, saved as test-artifacts/<width>-<locale>-<state>.png.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { ARTIFACTS, launchBrowser, openConsole, snap, startReceiver } from "./helpers.mjs";
import { enterprise, individual } from "./flows.mjs";

const WIDTHS = [1280, 375];

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

/** Screenshots the page at every width, then returns to the first. */
async function snapWidths(page, locale, state) {
  const names = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    // Let the layout settle after the resize (the timeline panel collapses on narrow screens).
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const name = `${width}-${locale}-${state}`;
    await snap(page, name);
    names.push(name);
  }
  await page.setViewportSize({ width: WIDTHS[0], height: 900 });
  return names;
}

/**
 * Whether the page scrolls sideways (something wider than the viewport), as shown in the next
 * frame: the widget takes its narrow layout from its own width (a ResizeObserver), which a
 * window resized a moment ago reaches in the frame after.
 */
const overflowsSideways = (page) =>
  page.evaluate(async () => {
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    return document.documentElement.scrollWidth > document.documentElement.clientWidth;
  });

test("every section with errors shown is captured at 1280 and 375 px in both languages", async () => {
  const saved = [];
  const sideways = [];
  for (const flow of [individual, enterprise]) {
    const { context, page, widget: w, problems } = await openConsole(browser, receiver.url, { locale: flow.locale });
    const capture = async (state) => {
      saved.push(...(await snapWidths(page, flow.locale, state)));
      await page.setViewportSize({ width: 375, height: 900 });
      if (await overflowsSideways(page)) sideways.push(`${flow.locale} ${state}`);
      await page.setViewportSize({ width: WIDTHS[0], height: 900 });
    };

    await w.continue();
    await w.summary.waitFor();
    // The console's title says so (its titlechange handler), and stops saying so.
    await page.waitForFunction((prefix) => document.title.startsWith(prefix), w.t("错误：", "Error: "));
    await capture("1-basics-errors");
    await flow.basics(w);
    await w.continue();
    await page.waitForFunction(() => !/^(错误：|Error: )/.test(document.title));

    // A few answers, one of them wrong, the rest missing.
    await w.choose("subject.kind", w.t("个人", "Enterprise"));
    await w.type("subject.name", w.t("张伟", "深圳市腾讯计算机系统有限公司"));
    await w.type("subject.certificate.number", w.t(individual.wrongId, "91440300708461136A"));
    await w.continue();
    await w.summary.waitFor();
    await capture("2-subject-errors");
    await flow.subject(w);
    await w.continue();

    await page.getByRole("button", { name: w.t("添加网站", "Add a website") }).click();
    await w.type("websites[0].domains[0]", "http://www.example.cn/");
    await w.continue();
    await w.summary.waitFor();
    await capture("3-services-errors");
    await flow.services(w);
    await w.continue();

    await page.locator("button[data-section=review]").click();
    await w.submitButton.click();
    await w.summary.waitFor();
    await capture("4-review-errors");
    assert.deepEqual(problems, []);
    await context.close();
  }
  assert.equal(saved.length, 16);
  for (const name of saved) assert.ok(existsSync(`${ARTIFACTS}${name}.png`), name);
  console.log(`saved ${saved.length} screenshots in ${ARTIFACTS}`);
  assert.deepEqual(sideways, [], "pages that scroll sideways at 375 px");
});

test(
  "the receipt is captured at 1280 and 375 px in both languages",
  async () => {
    for (const flow of [individual, enterprise]) {
      const { context, page, widget: w, problems } = await openConsole(browser, receiver.url, { locale: flow.locale });
      await flow.basics(w);
      await w.continue();
      await flow.subject(w);
      await w.continue();
      await flow.services(w);
      await w.continue();
      await w.confirmWarnings();
      await w.submitAndWaitForReceipt();
      await snapWidths(page, flow.locale, "5-receipt");
      // The reference is one long word: it wraps down to 320 px too (WCAG 1.4.10, reflow).
      for (const width of [375, 320]) {
        await page.setViewportSize({ width, height: 900 });
        assert.equal(await overflowsSideways(page), false, `${flow.locale} receipt scrolls sideways at ${width} px`);
        // 「（最晚 12月9日）」 moves to the next line whole, never split inside its brackets.
        const split = await page.locator(".icpf-receipt .icpf-nowrap").evaluateAll((els) =>
          els
            .filter((e) => new Set([...e.getClientRects()].map((r) => Math.round(r.bottom))).size > 1)
            .map((e) => e.textContent),
        );
        assert.deepEqual(split, [], `${flow.locale} at ${width} px`);
      }
      if (flow.locale === "zh-CN") {
        assert.ok((await page.locator(".icpf-receipt .icpf-nowrap").count()) > 0, "the receipt gives a latest date");
      }
      assert.deepEqual(problems, []);
      await context.close();
    }
  },
);
