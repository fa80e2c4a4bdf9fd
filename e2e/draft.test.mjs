// End to end: a draft survives a reload in the middle of a section, and "start over" drops it.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openConsole, startReceiver, Widget } from "./helpers.mjs";
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

const readDraft = (page) =>
  page.evaluate(() => {
    const text = localStorage.getItem("icp-filing:draft");
    return text === null ? null : JSON.parse(text);
  });

test("a reload in the middle of a section restores what was typed, and 重新开始 clears it", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url);
  await individual.basics(w);
  await w.continue();
  await w.choose("subject.kind", "个人");
  await w.type("subject.name", "张伟");
  await w.type("subject.certificate.number", individual.typedId);
  await w.$("subject.certificate.validUntil").fill(individual.validUntil);
  await w.chooseWhenReady("subject.address.province", "北京市");
  await w.chooseWhenReady("subject.address.city", "北京市");
  await w.chooseWhenReady("subject.address.district", "海淀区");
  await w.type("subject.address.detail", "中关村大街27号院3号楼1单元502");
  // Left with a mistake: its message shows, and shows again after the reload.
  await w.type("subject.principal.email", "zhangwei@");
  assert.equal(await page.locator(".icpf-error-message").count(), 1);
  // Still typing (no blur, within the autosave delay) when the page goes away.
  const mobile = w.$("subject.principal.mobile");
  await mobile.click();
  await page.keyboard.type("139111");
  await page.reload();
  await w.ready();

  const saved = await readDraft(page);
  assert.equal(saved.draftVersion, 1);
  assert.equal(saved.section, "subject");
  assert.equal(saved.savedAt, "2026-11-28T10:00:00+08:00");
  assert.equal(saved.expiresAt, "2027-01-12T10:00:00+08:00", "45 days later");
  assert.equal(saved.filing.subject.principal.mobile, "139111", "the pending edit was flushed on pagehide");

  const notice = page.locator(".icpf-notice[role=status]");
  assert.equal(await notice.locator("p").first().textContent(), "已恢复 2026-11-28 10:00 保存的草稿。");
  assert.equal(await w.section(), "subject", "reopened on the section the filer was on");
  assert.equal(await w.$("subject.kind").inputValue(), "individual");
  assert.equal(await w.$("subject.name").inputValue(), "张伟");
  assert.equal(await w.$("subject.certificate.number").inputValue(), individual.id);
  assert.equal(await w.$("subject.certificate.validUntil").inputValue(), individual.validUntil);
  await w.$("subject.address.district").locator("option", { hasText: "海淀区" }).waitFor({ state: "attached" });
  assert.equal(await w.$("subject.address.province").inputValue(), "110000");
  assert.equal(await w.$("subject.address.city").inputValue(), "110100");
  assert.equal(await w.$("subject.address.district").inputValue(), "110108");
  assert.equal(await w.$("subject.address.detail").inputValue(), "中关村大街27号院3号楼1单元502");
  assert.equal(await mobile.inputValue(), "139111");
  // The mistake the filer had seen is shown again; the mobile being typed is not judged yet.
  const shown = page.locator(".icpf-error-message");
  assert.equal(await shown.count(), 1, "only the field left before the reload");
  assert.match(await shown.textContent(), /邮箱/);

  // 继续填写 closes the notice and keeps everything.
  await notice.getByRole("button", { name: "继续填写" }).click();
  assert.equal(await notice.count(), 0);
  // The focus goes on to the section's heading, not back to the top of the page.
  await page.waitForFunction(() => document.activeElement?.id === "icpf1-heading");
  assert.equal(await w.$("subject.name").inputValue(), "张伟");
  await page.locator("button[data-section=basics]").click();
  assert.equal(await w.$("filingType").isChecked(), true);
  assert.equal(await w.$("province").inputValue(), "110000");

  // After another reload the draft reopens where the filer moved to, though nothing changed;
  // 重新开始 drops it: an empty form on the first section.
  await page.reload();
  await w.ready();
  assert.equal(await w.section(), "basics", "a reopened draft keeps the section the filer went to");
  await notice.getByRole("button", { name: "重新开始" }).click();
  // It asks first: everything typed would go.
  await notice.getByRole("group", { name: "清空已填写的全部内容，重新开始？" }).getByRole("button", { name: "确定" }).click();
  assert.equal(await notice.count(), 0);
  assert.equal(await w.section(), "basics");
  assert.equal(await w.$("filingType").isChecked(), false);
  assert.equal(await w.$("province").inputValue(), "");
  assert.deepEqual(await w.statuses(), {
    basics: "notStarted",
    subject: "notStarted",
    services: "notStarted",
    review: "notStarted",
  });
  assert.equal(await readDraft(page), null, "the stored draft is removed");
  await page.reload();
  await w.ready();
  assert.equal(await notice.count(), 0, "nothing to restore");
  assert.equal(await w.$("province").inputValue(), "");
  assert.equal(await readDraft(page), null);
  assert.deepEqual(problems, []);
  await context.close();
});

test("switching language changes the widget in place: the section and what was typed stay, and nothing is offered as restored", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url);
  await individual.basics(w);
  await w.continue();
  await w.choose("subject.kind", "个人");
  await w.type("subject.name", "张伟");
  // The demo's switch is `update({ locale })`, well within the autosave delay.
  await page.getByRole("button", { name: "English" }).click();
  const en = new Widget(page, "en");
  await en.heading.filter({ hasText: "Subject" }).waitFor();
  assert.equal(await en.section(), "subject");
  assert.equal(await en.$("subject.kind").inputValue(), "individual");
  assert.equal(await en.$("subject.name").inputValue(), "张伟");
  assert.equal(await page.getByRole("status").filter({ hasText: /Restored/ }).count(), 0);

  await en.type("subject.certificate.number", individual.typedId);
  await page.getByRole("button", { name: "中文" }).click();
  await w.heading.filter({ hasText: "主办者信息" }).waitFor();
  assert.equal(await w.$("subject.name").inputValue(), "张伟");
  assert.equal(await w.$("subject.certificate.number").inputValue(), individual.id);
  assert.equal(await page.getByText(/已恢复/).count(), 0);

  await page.reload();
  await w.ready();
  assert.equal((await readDraft(page)).filing.subject.name, "张伟");
  assert.equal(await w.$("subject.certificate.number").inputValue(), individual.id);
  assert.deepEqual(problems, []);
  await context.close();
});
