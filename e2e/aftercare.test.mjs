// After submission, as a filer and the demo console's review simulator would go through it:
// the filing is sent back with two field comments; the correction opens with those comments,
// only the named fields editable; the fix goes to the same filing (PUT, version 2); then the
// filing is approved, its number and footer code are shown, and a change filing starts from
// it and shows what changed on the check page.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openConsole, queryDb, startReceiver, snap } from "./helpers.mjs";
import { individual } from "./flows.mjs";

let receiver;
let browser;

before(async () => {
  receiver = await startReceiver({ args: ["--demo"] });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
});

const form = (page) => page.locator("form.icpf-main");

test("sent back, corrected in place, approved, then changed", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url);
  // What the widget tells the host page, as DOM events on its root.
  await page.evaluate(() => {
    window.approvedDetail = null;
    document
      .getElementById("icp-filing-root")
      .addEventListener("icp-approved", (e) => (window.approvedDetail = e.detail));
  });

  await individual.basics(w);
  await w.continue();
  await individual.subject(w);
  await w.continue();
  await individual.services(w);
  await w.continue();
  await w.submitButton.click();
  await w.summary.waitFor();
  await w.confirmWarnings();
  const id = await w.submitAndWaitForReceipt();

  // The reviewer sends it back with two comments.
  const sim = page.getByRole("region", { name: "审核模拟（仅演示）" });
  await sim.getByRole("button", { name: "退回（两条审核意见）" }).click();
  const receipt = page.locator(".icpf-receipt");
  await receipt.getByText("备案被退回").waitFor();
  assert.match(await receipt.textContent(), /网站 1 · 网站名称：审核退回：网站名称不符合要求.*网站名称与网站内容不符，请修改/);
  assert.match(await receipt.textContent(), /主体负责人 · 手机号码：审核退回：核验电话无法接通/);
  await snap(page, "aftercare-1-returned-1280-zh");
  await receipt.getByRole("button", { name: "修改被退回的内容" }).click();

  // Correction mode: the comments at the top, the named fields open, the rest as sent.
  const notice = page.getByRole("region", { name: "修改被退回的内容" });
  await notice.waitFor();
  assert.equal(await notice.getByText("待修改").count(), 2);
  assert.equal(await page.getByRole("heading", { name: /主办者信息/ }).count(), 1, "opens at the subject page");
  const mobile = form(page).getByLabel("手机号码");
  assert.equal(await mobile.getAttribute("readonly"), null, "the named field is editable");
  assert.notEqual(await form(page).getByLabel("姓名").first().getAttribute("readonly"), null, "the rest is read-only");
  await mobile.fill("13911114444");
  await mobile.blur();
  await notice.getByRole("button", { name: "网站 1 · 网站名称" }).click();
  const name = page.getByRole("region", { name: "网站 1" }).getByLabel("网站名称");
  await name.waitFor();
  assert.equal(await name.getAttribute("readonly"), null);
  assert.notEqual(await page.getByRole("region", { name: "网站 1" }).getByLabel("备注").getAttribute("readonly"), null);
  await name.fill("张伟的读书心得");
  await name.blur();
  assert.equal(await notice.getByText("已修改").count(), 2);
  await snap(page, "aftercare-2-correction-1280-zh");
  // Everything else can be unlocked.
  await notice.getByRole("button", { name: "仍要修改其他内容" }).click();
  assert.equal(await page.getByRole("region", { name: "网站 1" }).getByLabel("备注").getAttribute("readonly"), null);

  // Resubmitted to the same filing.
  await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /核对信息/ }).click();
  await page.getByRole("button", { name: "重新提交" }).click();
  await receipt.waitFor();
  assert.equal(await page.locator(".icpf-receipt-id").textContent(), id);
  const status = await (await fetch(`${receiver.url}/api/filings/${id}/status`)).json();
  assert.equal(status.version, 2);
  assert.deepEqual(status.events.at(-1).stage, "providerReview");
  const rows = queryDb(receiver.dataDir, `SELECT version, body FROM filing_versions WHERE filing_id = '${id}' ORDER BY version`);
  assert.deepEqual(rows.map((r) => r.version), [1, 2]);
  const corrected = JSON.parse(rows[1].body);
  assert.equal(corrected.websites[0].name, "张伟的读书心得");
  assert.equal(corrected.subject.principal.mobile, "13911114444");
  assert.equal(JSON.parse(rows[0].body).websites[0].name, "张伟的读书笔记");

  // Approved: the numbers, the footer code and what follows.
  await sim.getByRole("button", { name: "一直通过到备案完成" }).click();
  const approved = page.getByRole("region", { name: "备案已通过" });
  await approved.waitFor();
  const text = await approved.textContent();
  const number = text.match(/京ICP备\d{10}号/)[0];
  assert.match(text, new RegExp(`${number}-1`));
  const footer = await approved.getByRole("textbox").inputValue();
  assert.equal(
    footer,
    `<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer">${number}-1</a>`,
  );
  assert.match(text, /公安联网备案/);
  // The progress agrees: every stage done, nothing still "sent back".
  const stages = await page.locator(".icpf-progress-stage").allTextContents();
  assert.equal(stages.length, 5);
  assert.ok(stages.every((s) => s.includes("已完成")), stages.join(" | "));
  const detail = await page.evaluate(() => window.approvedDetail);
  assert.equal(detail.filingNumber, number);
  assert.deepEqual(detail.serviceNumbers, [{ service: "websites[0]", number: `${number}-1` }]);
  assert.ok(detail.upkeep.some((i) => i.kind === "publicSecurity" && i.due));
  assert.ok(detail.upkeep.some((i) => i.kind === "changeFiling"));
  await snap(page, "aftercare-3-approved-1280-zh");

  // A change filing starts from the approved filing and shows what changed.
  await approved.getByRole("button", { name: "变更备案" }).click();
  await page.getByRole("heading", { name: /备案类型|基本信息/ }).first().waitFor();
  assert.equal(await page.getByLabel("变更备案").isChecked(), true);
  assert.equal(await page.getByLabel("主体备案号").inputValue(), number);
  await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /网站 \/ APP信息/ }).click();
  await page.getByRole("region", { name: "网站 1" }).getByLabel("网站名称").fill("张伟的读书随笔");
  await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /核对信息/ }).click();
  const changes = page.locator(".icpf-changes");
  await changes.waitFor();
  assert.match(await changes.textContent(), /网站 1 · 网站名称张伟的读书心得 → 张伟的读书随笔/);
  assert.doesNotMatch(await changes.textContent(), /姓名/);
  await snap(page, "aftercare-4-change-1280-zh");
  assert.deepEqual(problems, []);
  await context.close();
});
