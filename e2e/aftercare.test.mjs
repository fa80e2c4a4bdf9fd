// After submission, as a filer and the demo console's review simulator would go through it:
// the filing is sent back with two field comments; the correction opens with those comments,
// only the named fields editable; the fix goes to the same filing (PUT, version 2); then the
// filing is approved, its number and footer code are shown, and a change filing starts from
// it and shows what changed on the check page.
//
// Then what a reload does to a filing already sent (its progress reopens, in every state, and
// another tab is told), and a console opening a filing it knows by its receipt, with the live
// footer checked through the console's page proxy.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  launchBrowser,
  loadFixture,
  openConsole,
  openTestPage,
  postApproved,
  queryDb,
  siteWithTestPages,
  snap,
  startReceiver,
} from "./helpers.mjs";
import { individual } from "./flows.mjs";

let receiver;
let browser;
let site;

before(async () => {
  site = siteWithTestPages();
  receiver = await startReceiver({ args: ["--demo"], site });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
});

const form = (page) => page.locator("form.icpf-main");

/**
 * From the subject page on (its basics already continued), fills and sends the individual
 * filing from the demo console; resolves to the receipt id.
 */
async function sendFromSubject(w) {
  await individual.subject(w);
  await w.continue();
  await individual.services(w);
  // The console's registrar answers for the domain (the demo's lookupDomain) before the filing
  // is sent, as it does for a filer who does not send within a second of typing it.
  await w.page.waitForFunction(() => (localStorage.getItem("icp-filing:draft") ?? "").includes("domainFacts"));
  await w.continue();
  await w.submitButton.click();
  await w.summary.waitFor();
  await w.confirmWarnings();
  return w.submitAndWaitForReceipt();
}

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
  const id = await sendFromSubject(w);
  // What the filer does now: the provider's review may phone them.
  assert.match(await page.locator(".icpf-receipt").textContent(), /接入商正在初审.*可能来电核实/);
  // Each stage ahead says when it is expected to end, and the latest day as the check page
  // words it (最晚 …), not a range that reads like the stage's span.
  const ahead = await page.locator(".icpf-progress-stage").allTextContents();
  assert.equal(ahead.length, 5, ahead.join(" | "));
  for (const stage of ahead) assert.match(stage, /^\S+ \S+预计完成 \d+月\d+日(（最晚 \d+月\d+日）)?/, stage);
  assert.ok(ahead.some((stage) => stage.includes("（最晚")), ahead.join(" | "));
  // The limits the filer prepares for are there before their stages start.
  assert.match(ahead[2], /^工信部短信核验.*收到工信部短信（12381）后，需在24小时内完成核验，否则备案会被退回$/);
  assert.match(ahead[3], /^管局审核.*依法最长20个工作日$/);
  assert.ok(ahead.filter((stage) => /24小时|20个工作日/.test(stage)).length === 2, ahead.join(" | "));

  // The reviewer sends it back with two comments.
  const sim = page.getByRole("region", { name: "审核模拟（仅演示）" });
  await sim.getByRole("button", { name: "退回（两条审核意见）" }).click();
  const receipt = page.locator(".icpf-receipt");
  await receipt.getByText("备案被退回").waitFor();
  // The simulator says what it did in the page's language.
  assert.equal(await sim.getByRole("status").textContent(), "接入商初审：已退回");
  // The filing waits for the filer now: the completion date says it assumes a prompt correction.
  assert.match(await receipt.textContent(), /尽快修改并重新提交后，预计完成：\d+月\d+日/);
  assert.doesNotMatch(await receipt.textContent(), /(^|[^后，])预计完成：/);
  assert.match(await receipt.textContent(), /网站 1 · 网站名称：审核退回：网站名称不符合要求.*网站名称与网站内容不符，请修改/);
  // An individual's own number is named as the form names it, not as a principal's.
  assert.match(await receipt.textContent(), /您的联系方式 · 手机号码：审核退回：核验电话无法接通/);
  // The reviewer's own words stay Chinese inside the English sentence, and say so (WCAG 3.1.2).
  const comment = receipt.locator("[lang]", { hasText: "网站名称与网站内容不符，请修改" });
  assert.equal(await comment.count(), 0, "the Chinese page marks nothing");
  await page.getByRole("button", { name: "English", exact: true }).click();
  await receipt.getByRole("heading", { name: "Review progress" }).waitFor();
  assert.match(await receipt.textContent(), /Website 1 · website name: Sent back by the reviewer: .*\(“网站名称与网站内容不符，请修改”\)/);
  assert.deepEqual(await comment.evaluateAll((els) => els.map((e) => [e.lang, e.textContent])), [["zh-CN", "网站名称与网站内容不符，请修改"]]);
  await page.getByRole("button", { name: "中文", exact: true }).click();
  await receipt.getByRole("heading", { name: "审核进度" }).waitFor();
  await snap(page, "aftercare-1-returned-1280-zh");
  await receipt.getByRole("button", { name: "修改被退回的内容" }).click();

  // Correction mode: the comments at the top, the named fields open, the rest as sent.
  const notice = page.getByRole("region", { name: "修改被退回的内容" });
  await notice.waitFor();
  assert.equal(await notice.getByText("待修改").count(), 2);
  assert.equal(await page.getByRole("heading", { name: /主办者信息/ }).count(), 1, "opens at the subject page");
  // The sections holding a returned field are still to do, not 已完成.
  assert.equal(await w.status("subject"), "inProgress");
  assert.equal(await w.status("services"), "inProgress");
  const mobile = form(page).getByLabel("手机号码");
  assert.equal(await mobile.getAttribute("readonly"), null, "the named field is editable");
  assert.notEqual(await form(page).getByLabel("姓名").first().getAttribute("readonly"), null, "the rest is read-only");
  // Changed but cut short: not yet 已修改.
  await mobile.fill("1391111");
  await mobile.blur();
  await notice.getByText("已修改，仍有错误").waitFor();
  assert.equal(await notice.getByText("待修改").count(), 1);
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
  assert.equal(await w.status("services"), "complete", "changed, so done");
  // Each item reads as the field's name, then its state (not 「手机号码已修改」 run together).
  assert.match(await notice.getByRole("listitem").first().textContent(), /^\S.* 已修改/);
  await snap(page, "aftercare-2-correction-1280-zh");
  // The check page links only the answers that can be changed.
  await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /核对信息/ }).click();
  const changeLinks = page.locator(".icpf-answers").getByRole("link", { name: /^修改/ });
  assert.deepEqual(await changeLinks.allTextContents(), ["修改 您的联系方式 · 手机号码", "修改 网站 1 · 网站名称"]);
  // Everything else can be unlocked.
  await notice.getByRole("button", { name: "仍要修改其他内容" }).click();
  // The button is gone; the focus is on the sentence that replaced it, not lost to the page.
  await page.waitForFunction(() => document.activeElement?.closest(".icpf-correction") !== null);
  assert.ok((await changeLinks.count()) > 10, "every answer can be changed once unlocked");
  await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /网站/ }).first().click();
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
  // The receipt keeps the first submission's time and adds the resubmission's (once the
  // status, which knows the first, has been read).
  await receipt.getByText("重新提交时间").waitFor();
  const times = await receipt.locator("dt").allTextContents();
  assert.deepEqual(times, ["受理编号", "提交时间", "重新提交时间"]);
  const [first, again] = await receipt.locator("time").evaluateAll((ts) => ts.map((t) => t.getAttribute("datetime")));
  assert.ok(Date.parse(first) < Date.parse(again), `${first} < ${again}`);

  // The MIIT SMS check: where, how and by when, with the provider's own note.
  for (let i = 0; i < 4 && !/接入商说明/.test(await receipt.textContent()); i++) {
    await sim.getByRole("button", { name: "通过当前环节" }).click();
    await page.waitForTimeout(300);
  }
  const sms = await receipt.textContent();
  assert.match(sms, /24小时内.*https:\/\/beian\.miit\.gov\.cn.*证件号码后6位/);
  // The address in the SMS step is a link to the MIIT system, opening in a new tab.
  const miit = page.locator(".icpf-receipt").getByRole("link", { name: "https://beian.miit.gov.cn" });
  assert.equal(await miit.getAttribute("href"), "https://beian.miit.gov.cn");
  assert.equal(await miit.getAttribute("target"), "_blank");
  assert.match(sms, /接入商说明：工信部短信已发送（12381）/);
  await snap(page, "aftercare-2b-sms-check-1280-zh");
  // The provider's note is in Chinese: marked as such once the page is in English.
  const note = receipt.getByText("工信部短信已发送（12381），请在24小时内完成核验", { exact: true });
  assert.equal(await note.getAttribute("lang"), null);
  await page.getByRole("button", { name: "English", exact: true }).click();
  await receipt.getByRole("heading", { name: "Review progress" }).waitFor();
  assert.equal(await note.getAttribute("lang"), "zh-CN");
  await page.getByRole("button", { name: "中文", exact: true }).click();
  await receipt.getByRole("heading", { name: "审核进度" }).waitFor();

  // Approved: the numbers, the footer code and what follows.
  await sim.getByRole("button", { name: "一直通过到备案完成" }).click();
  const approved = page.getByRole("region", { name: "备案已通过" });
  await approved.waitFor();
  // The page is the approval's now, not the submission's.
  assert.equal(await page.getByRole("heading", { level: 2, name: "备案已通过" }).count(), 1);
  assert.equal(await page.getByRole("heading", { name: "备案信息已提交" }).count(), 0);
  const text = await approved.textContent();
  const number = text.match(/京ICP备\d{10}号/)[0];
  // Each number is listed with the name of the website it belongs to.
  assert.match(text, new RegExp(`网站 1 · 张伟的读书心得${number}-1`));
  const code = approved.getByRole("textbox", { name: "网站 1 · 张伟的读书心得" });
  const footer = await code.inputValue();
  assert.equal(
    footer,
    `<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer">${number}-1</a>`,
  );
  // The copy button puts the code on the clipboard; where the browser refuses, the code is
  // selected for Ctrl+C instead.
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const copy = approved.getByRole("button", { name: "复制代码 网站 1 · 张伟的读书心得" });
  await copy.click();
  await approved.getByRole("status").filter({ hasText: "已复制" }).waitFor();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), footer);
  await page.evaluate(() => Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true }));
  await copy.click();
  await approved.getByRole("status").filter({ hasText: "代码已选中" }).waitFor();
  assert.deepEqual(
    await code.evaluate((t) => [t.selectionStart, t.selectionEnd]),
    [0, footer.length],
  );
  // The day it was approved, and the public-security filing in the upkeep list's words.
  assert.match(text, /通过日期\d{4}-\d{2}-\d{2}/);
  assert.match(text, /网站开通之日起30日内，还需在全国互联网安全管理服务平台办理公安联网备案/);
  // What must be kept true: the certificate's expiry (the subject, principal and website
  // responsible are one person, listed once), then the four changes that need a filing first.
  const upkeep = approved.getByRole("region", { name: "备案后的维护" });
  assert.deepEqual(await upkeep.getByRole("listitem").allTextContents(), [
    "2027-02-10 张伟的证件到期：请在到期前更新证件并办理变更备案",
    "2028-03-01 域名 zhangwei-notes.cn 到期：请及时续费，域名过期被他人注册会导致备案被注销",
    "更换接入商（服务器）前，需在新接入商处办理新增接入",
    "网站使用新域名前，需提前30日办理变更备案",
    "网站服务内容改变前，需提前30日办理变更备案",
    // An individual is the principal: only the responsible persons can be replaced.
    "更换网站、APP负责人，需提前30日办理变更备案",
  ]);
  // The progress agrees: every stage done, nothing still "sent back".
  const stages = await page.locator(".icpf-progress-stage").allTextContents();
  assert.equal(stages.length, 5);
  assert.ok(stages.every((s) => s.includes("已完成")), stages.join(" | "));
  const detail = await page.evaluate(() => window.approvedDetail);
  assert.equal(detail.filingNumber, number);
  assert.deepEqual(detail.serviceNumbers, [{ service: "websites[0]", number: `${number}-1` }]);
  assert.ok(detail.upkeep.some((i) => i.kind === "publicSecurity" && i.due));
  assert.ok(detail.upkeep.some((i) => i.kind === "changeFiling"));
  assert.ok(detail.upkeep.some((i) => i.kind === "certificateExpiry" && i.due === "2027-02-10"));
  await snap(page, "aftercare-3-approved-1280-zh");

  // A change filing starts from the approved filing and shows what changed.
  await approved.getByRole("button", { name: "变更备案" }).click();
  await page.getByRole("heading", { name: /备案类型|基本信息/ }).first().waitFor();
  // The demo's simulator has nothing to review until the change is sent.
  await sim.waitFor({ state: "hidden" });
  assert.equal(await page.getByLabel("变更备案").isChecked(), true);
  assert.equal(await page.getByLabel("主体备案号").inputValue(), number);
  // What the change changes is asked anew; it decides who answers the MIIT SMS.
  const scope = page.getByRole("group", { name: "变更内容" });
  assert.equal(await scope.getByRole("radio", { checked: true }).count(), 0);
  const smsHint = page.locator(".icpf-estimate-sms").first();
  assert.match(await smsHint.textContent(), /取决于变更内容/);
  await scope.getByLabel("变更网站或APP信息").check();
  await page.waitForFunction(() => /由其负责人完成工信部短信核验/.test(document.querySelector(".icpf-estimate-sms")?.textContent ?? ""));
  // Nothing changed yet: the check page says so, and asks the filer to confirm it before it
  // can be sent.
  await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /核对信息/ }).click();
  const unchanged = page.getByRole("listitem").filter({ hasText: "这份变更与已通过的备案" });
  await unchanged.waitFor();
  assert.match(await unchanged.textContent(), new RegExp(`这份变更与已通过的备案${number}没有区别`));
  assert.equal(await unchanged.getByRole("checkbox").isChecked(), false);
  assert.match(await page.locator(".icpf-changes").textContent(), /还没有改动任何内容/);
  await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /网站 \/ APP信息/ }).click();
  // The website carries the number it was given, as a change names what it changes.
  assert.equal(await page.getByRole("region", { name: "网站 1" }).getByLabel("网站备案号").inputValue(), `${number}-1`);
  await page.getByRole("region", { name: "网站 1" }).getByLabel("网站名称").fill("张伟的读书随笔");
  await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /核对信息/ }).click();
  const changes = page.locator(".icpf-changes");
  await changes.waitFor();
  assert.match(await changes.textContent(), /网站 1 · 网站名称张伟的读书心得 → 张伟的读书随笔/);
  assert.equal(await unchanged.count(), 0, "a change that changes something needs no confirmation");
  assert.doesNotMatch(await changes.textContent(), /姓名/);
  // The check page repeats the answer; the list of changes leaves it out (it is not filed data).
  assert.match(await page.locator(".icpf-review-block", { hasText: "备案类型" }).last().textContent(), /变更内容\s*变更网站或APP信息/);
  assert.doesNotMatch(await changes.textContent(), /变更内容/);
  // The website's number, filled in from the approval, names what changes: it is no change.
  assert.doesNotMatch(await changes.textContent(), /网站备案号/);
  // The answer covers what changed, so nothing is said. The filer's own mobile changed too is
  // more than 「变更网站或APP信息」: the check page says so and leads back to the question.
  const steps = page.getByRole("navigation", { name: "备案步骤" });
  const scopeNotice = page.locator(".icpf-scope-notice");
  assert.equal(await scopeNotice.count(), 0);
  await steps.getByRole("button", { name: /主办者信息/ }).click();
  await form(page).getByLabel("手机号码").fill("13911115555");
  await steps.getByRole("button", { name: /核对信息/ }).click();
  await scopeNotice.waitFor();
  assert.match(
    await scopeNotice.textContent(),
    /变更内容选择的是「变更网站或APP信息」，但本次修改了主体和网站或APP信息：请改为「主体和网站或APP信息都变更」/,
  );
  await scopeNotice.getByRole("link", { name: "修改变更内容" }).click();
  // It lands on the answer to give, which Space then chooses.
  await page.waitForFunction(() => document.activeElement?.labels?.[0]?.textContent === "主体和网站或APP信息都变更");
  await page.keyboard.press("Space");
  assert.equal(await scope.getByLabel("主体和网站或APP信息都变更").isChecked(), true);
  await steps.getByRole("button", { name: /核对信息/ }).click();
  await changes.waitFor();
  assert.equal(await scopeNotice.count(), 0);
  // The website's responsible person is the filer: each of their details is compared too.
  assert.match(await changes.textContent(), /网站 1 · 网站负责人 · 手机号码\d{11} → 13911115555/);
  assert.match(await page.locator(".icpf-estimate-sms").first().textContent(), /主体负责人（即您本人）和网站或APP负责人都要完成/);
  // A website added in a change is filed after it, with 新增网站: the check page says so.
  const adds = page.locator(".icpf-notice", { hasText: "新的网站或APP不能在变更中添加" });
  assert.equal(await adds.count(), 0);
  await steps.getByRole("button", { name: /网站 \/ APP信息/ }).click();
  await page.getByRole("button", { name: "添加网站" }).click();
  // Said where the website is added, and again on the check page.
  await adds.waitFor();
  await steps.getByRole("button", { name: /核对信息/ }).click();
  await changes.waitFor();
  assert.equal(await adds.count(), 1);
  // The list of changes names the added website in one line, not each of its fields.
  assert.match(await changes.textContent(), /网站 2（新增）未填写 → （未命名）/);
  assert.doesNotMatch(await changes.textContent(), /网站 2 ·/);
  await steps.getByRole("button", { name: /网站 \/ APP信息/ }).click();
  await page.getByRole("region", { name: "网站 2" }).getByRole("button", { name: "删除 网站 2" }).click();
  await steps.getByRole("button", { name: /核对信息/ }).click();
  await changes.waitFor();
  assert.equal(await adds.count(), 0);
  // Another filing type leaves the comparison out and says why the filed website is there;
  // the change comes back as it was.
  await steps.getByRole("button", { name: /备案类型与地区/ }).click();
  await page.getByLabel("新增网站", { exact: true }).check();
  await steps.getByRole("button", { name: /核对信息/ }).click();
  await page.locator(".icpf-notice", { hasText: "已不是「变更备案」" }).waitFor();
  assert.equal(await changes.count(), 0);
  await steps.getByRole("button", { name: /备案类型与地区/ }).click();
  await page.getByLabel("变更备案", { exact: true }).check();
  assert.equal(await scope.getByLabel("主体和网站或APP信息都变更").isChecked(), true);
  await steps.getByRole("button", { name: /核对信息/ }).click();
  await changes.waitFor();
  await snap(page, "aftercare-4-change-1280-zh");
  // A reload reopens the change as a change (no draft notice offering 重新开始).
  await page.waitForFunction(() => localStorage.getItem("icp-filing:draft").includes("张伟的读书随笔"));
  await page.reload();
  await changes.waitFor();
  assert.match(await changes.textContent(), /张伟的读书心得 → 张伟的读书随笔/);
  assert.equal(await page.getByText(/已恢复/).count(), 0, "no draft notice on a change");
  // Sent, the change is a filing of its own that carries the approved filing's number.
  await w.confirmWarnings();
  const changeId = await w.submitAndWaitForReceipt();
  assert.notEqual(changeId, id);
  // The receipt says what was sent: a change.
  assert.equal(await page.getByRole("heading", { name: "变更备案已提交" }).count(), 1);
  const [sent] = queryDb(receiver.dataDir, `SELECT body FROM filings WHERE id = '${changeId}'`);
  const change = JSON.parse(sent.body);
  assert.equal(change.filingType, "change");
  assert.equal(change.filingNumber, number);
  assert.equal(change.websites[0].name, "张伟的读书随笔");
  assert.equal(change.websites[0].filingNumber, `${number}-1`);
  assert.equal(change.changeScope, "both");
  assert.equal(change.subject.principal.mobile, "13911115555");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a reload reopens the sent filing's progress in every state; another tab is told it was sent", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url);
  await individual.basics(w);
  await w.continue();
  // A second tab of the same console holds the same draft.
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("icp-filing:draft") ?? "{}").section === "subject");
  const other = await context.newPage();
  await other.goto(`${receiver.url}/`);
  await other.getByText(/已恢复/).waitFor();
  const id = await sendFromSubject(w);

  // The other tab learns the filing was sent, and offers its progress rather than a second copy.
  const told = other.getByRole("alert").filter({ hasText: "已在另一个标签页或窗口提交" });
  await told.waitFor();
  assert.match(await told.textContent(), new RegExp(`受理编号 ${id}`));
  await told.getByRole("button", { name: "查看审核进度" }).click();
  assert.equal(await other.locator(".icpf-receipt-id").textContent(), id);
  await other.close();

  const receipt = page.locator(".icpf-receipt");
  const reload = async () => {
    await page.reload();
    await receipt.waitFor();
    assert.equal(await page.locator(".icpf-receipt-id").textContent(), id, "the same filing reopens");
    assert.equal(await page.locator("form.icpf-main").count(), 0, "no new form");
    assert.equal(await page.getByText(/已恢复/).count(), 0, "no draft notice");
  };
  await reload();
  assert.equal(await page.evaluate(() => localStorage.getItem("icp-filing:draft").includes('"pending"')), false);

  // Sent back: the reasons and the way into the correction survive a reload, and the console's
  // simulator, which learns the id from `getReceipt()`, still follows it.
  const sim = page.getByRole("region", { name: "审核模拟（仅演示）" });
  await sim.getByRole("button", { name: "退回（两条审核意见）" }).click();
  await receipt.getByText("备案被退回").waitFor();
  await reload();
  await receipt.getByText("备案被退回").waitFor();
  assert.match(await receipt.textContent(), /网站 1 · 网站名称：审核退回/);
  await receipt.getByRole("button", { name: "修改被退回的内容" }).click();
  const mobile = page.locator("form.icpf-main").getByLabel("手机号码");
  await mobile.fill("13911114444");
  await mobile.blur();
  await page.getByRole("region", { name: "修改被退回的内容" }).getByRole("button", { name: "网站 1 · 网站名称" }).click();
  const name = page.getByRole("region", { name: "网站 1" }).getByLabel("网站名称");
  await name.fill("张伟的读书心得");
  await name.blur();
  await page.waitForFunction(() => localStorage.getItem("icp-filing:draft").includes("张伟的读书心得"));
  // The correction in progress reopens as a correction.
  await page.reload();
  const notice = page.getByRole("region", { name: "修改被退回的内容" });
  await notice.waitFor();
  assert.equal(await page.getByRole("region", { name: "网站 1" }).getByLabel("网站名称").inputValue(), "张伟的读书心得");
  assert.equal(await notice.getByText("已修改").count(), 2, "both fixes kept");
  // No draft notice offering 重新开始, which would drop the correction and its filing.
  assert.equal(await page.getByText(/已恢复/).count(), 0, "no draft notice on a correction");
  await page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name: /核对信息/ }).click();
  await page.getByRole("button", { name: "重新提交" }).click();
  await receipt.waitFor();
  await reload();

  // Approved: the numbers and the footer code come back after a reload.
  await sim.getByRole("button", { name: "一直通过到备案完成" }).click();
  const approved = page.getByRole("region", { name: "备案已通过" });
  await approved.waitFor();
  const number = (await approved.textContent()).match(/京ICP备\d{10}号/)[0];
  await reload();
  await approved.waitFor();
  assert.match(await approved.getByRole("textbox").inputValue(), new RegExp(`>${number}-1</a>$`));
  const status = await (await fetch(`${receiver.url}/api/filings/${id}/status`)).json();
  assert.equal(status.filingNumber, number);

  // 开始新的备案 ends the following: an empty filing, and a reload keeps it empty.
  await page.getByRole("button", { name: "开始新的备案" }).click();
  await page.getByRole("button", { name: "确定" }).click();
  await page.locator("form.icpf-main").waitFor();
  assert.equal(await page.getByText(/已恢复/).count(), 0, "no draft notice on the new filing");
  assert.equal(await page.evaluate(() => localStorage.getItem("icp-filing:draft")), null);
  await page.reload();
  await page.locator("form.icpf-main").waitFor();
  assert.equal(await page.locator(".icpf-receipt").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

// A receipt the endpoint does not know (a wrong id from the console's list, a store that
// lost it): the filer is told so, not shown a review under way.
test("a receipt the status endpoint answers 404 for says the provider has no such filing", async () => {
  const { context, page, consoleErrors } = await mountOnReceipt(
    { id: "icpf_doesnotexist", receivedAt: "2026-12-01T10:00:00+08:00" },
    loadFixture("individual-beijing"),
  );
  const notice = page.getByRole("note").filter({ hasText: "查不到受理编号 icpf_doesnotexist" });
  await notice.waitFor();
  assert.match(await notice.textContent(), /请联系接入商/);
  assert.equal(await page.locator(".icpf-progress-stage").count(), 0, "no stage reads as under way");
  assert.doesNotMatch(await page.locator(".icpf-receipt").textContent(), /接入商正在初审/);
  // The 404s of the status requests are the browser's own log lines, nothing of the widget's.
  assert.deepEqual(consoleErrors.filter((e) => !/404/.test(e)), []);
  await context.close();
});

test("a console opens a filing by its receipt; the live footers are checked through its page proxy", async () => {
  const filing = loadFixture("enterprise-guangdong-two-websites");
  const { receipt, status } = await postApproved(receiver.url, filing, "console-list-1");
  const [first, second] = status.serviceNumbers.map((s) => s.number);
  assert.ok(first && second, JSON.stringify(status));
  // Guangdong's websites show the subject's number (粤ICP备…号), not their own (…号-1).
  const subject = status.filingNumber;
  assert.equal(first, `${subject}-1`);

  // The websites as the console's page proxy reads them (served on loopback).
  const pages = join(site, "test", "sites");
  mkdirSync(pages, { recursive: true });
  const write = (host, body) => writeFileSync(join(pages, `${host}.html`), `<!doctype html><body>${body}</body>`);
  write("www.tencent-example.com", `<footer><a href="https://beian.miit.gov.cn/" target="_blank">${first}</a></footer>`);
  write("docs.tencent-docs-example.cn", `<footer><span>${second}</span></footer>`);
  write("old.example", `<footer><a href="http://www.miibeian.gov.cn/">${first}</a></footer>`);
  write("blank.example", `<footer>© 2026</footer>`);

  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  await page.evaluate(
    ({ receipt, filing }) =>
      window.mountRecorded("a", document.getElementById("a"), {
        endpoint: "/api/filings",
        statusEndpoint: "/api/filings/{id}/status",
        receipt,
        filing,
        draftKey: `icp-filing:${receipt.id}`,
        // The console's proxy: its server reads the page (here, the copies above).
        fetchPage: async (url) => {
          const res = await fetch(`/test/sites/${new URL(url).hostname}.html`);
          if (!res.ok) throw new Error(`HTTP ${res.status}`);
          return res.text();
        },
      }),
    { receipt, filing },
  );
  const approved = page.getByRole("region", { name: "备案已通过" });
  await approved.waitFor();
  assert.equal(await page.locator(".icpf-receipt-id").textContent(), receipt.id);
  assert.equal(await page.evaluate(() => window.handles.a.getReceipt().id), receipt.id);

  assert.match(await approved.textContent(), /广东省的网站在底部展示主体备案号（不带“-1”等网站序号）/);
  assert.deepEqual(
    await approved.getByRole("textbox", { name: /^网站 \d · (?!上线后检查)/ }).evaluateAll((boxes) => boxes.map((b) => b.value)),
    [1, 2].map(() => `<a href="https://beian.miit.gov.cn/" target="_blank" rel="noopener noreferrer">${subject}</a>`),
  );
  const site1 = approved.getByLabel("网站 1 · 上线后检查首页的备案号（由接入商读取页面）");
  const site2 = approved.getByLabel("网站 2 · 上线后检查首页的备案号（由接入商读取页面）");
  // The homepage is offered; a bare host name becomes an address.
  assert.equal(await site1.inputValue(), "https://www.tencent-example.com");
  assert.equal(await site2.inputValue(), "http://docs.tencent-docs-example.cn");
  const buttons = approved.getByRole("button", { name: "检查备案号" });
  const results = approved.locator(".icpf-footer-check [role=status]");
  const check = async (i, text) => {
    await buttons.nth(i).click();
    await results.nth(i).filter({ hasText: text }).waitFor();
    return results.nth(i).textContent();
  };
  // A footer that also carries the website's suffix still shows the subject's number.
  assert.equal(await check(0, "已显示"), `页面已显示备案号 ${subject}，并链接到工信部备案管理系统。`);
  assert.match(await check(1, "没有链接"), new RegExp(`页面显示了备案号 ${subject}，但没有链接`));
  await site1.fill("http://old.example/");
  assert.match(await check(0, "旧地址"), /已停用的旧地址/);
  await site1.fill("http://blank.example/");
  assert.match(await check(0, "没有找到"), new RegExp(`页面中没有找到备案号 ${subject}`));
  await site1.fill("http://nowhere.example/");
  assert.match(await check(0, "无法读取"), /无法读取该页面/);
  await snap(page, "aftercare-5-footer-check-1280-zh");

  // 开始新的备案 starts an empty filing, not the one the console opened.
  await page.getByRole("button", { name: "开始新的备案" }).click();
  await page.getByRole("button", { name: "确定" }).click();
  await page.locator("form.icpf-main").waitFor();
  assert.equal(await page.evaluate(() => window.handles.a.getReceipt()), null);
  assert.equal(await page.evaluate(() => window.handles.a.getFiling().subject?.name ?? ""), "");
  // The one failed read is the proxy's 404 for the unknown site.
  assert.deepEqual(
    consoleErrors.filter((e) => !/404/.test(e)),
    [],
  );
  assert.ok(consoleErrors.length <= 1, consoleErrors.join("\n"));
  await context.close();
});

test("a draft restored by a reload and then sent leaves no 重新开始 on its correction", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url);
  await individual.basics(w);
  await w.continue();
  await page.reload();
  const restored = page.getByRole("status").filter({ hasText: /^已恢复/ });
  await restored.waitFor();
  // The filer goes on without closing the notice, and sends the filing.
  await sendFromSubject(w);
  assert.equal(await restored.count(), 0, "no restore notice on the receipt");
  const sim = page.getByRole("region", { name: "审核模拟（仅演示）" });
  await sim.getByRole("button", { name: "退回（两条审核意见）" }).click();
  const receipt = page.locator(".icpf-receipt");
  await receipt.getByText("备案被退回").waitFor();
  await receipt.getByRole("button", { name: "修改被退回的内容" }).click();
  await page.getByRole("region", { name: "修改被退回的内容" }).waitFor();
  // 重新开始 there would clear the form and the only link to the returned filing.
  assert.equal(await restored.count(), 0, "no restore notice on the correction");
  assert.equal(await page.getByRole("button", { name: "重新开始" }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

/** A test page with the widget mounted on a sent filing's receipt, as a console reopens it. */
async function mountOnReceipt(receipt, filing) {
  const opened = await openTestPage(browser, receiver.url);
  await opened.page.evaluate(
    ({ receipt, filing }) =>
      window.mountRecorded("a", document.getElementById("a"), {
        endpoint: "/api/filings",
        statusEndpoint: "/api/filings/{id}/status",
        receipt,
        filing,
        storage: "none",
      }),
    { receipt, filing },
  );
  return opened;
}

test("a change under the bureau's review says nothing of opening the site, which is filed and open", async () => {
  const filing = loadFixture("individual-beijing");
  filing.filingType = "change";
  filing.changeScope = "services";
  filing.filingNumber = "京ICP备26000001号";
  filing.websites[0].filingNumber = "京ICP备26000001号-1";
  filing.websites[0].name = "张伟的读书随笔";
  const res = await fetch(`${receiver.url}/api/filings`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": "change-bureau-1" },
    body: JSON.stringify(filing),
  });
  assert.equal(res.status, 201, await res.clone().text());
  const receipt = await res.json();
  const advance = async () =>
    (
      await fetch(`${receiver.url}/api/filings/${receipt.id}/advance`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: "{}",
      })
    ).json();
  for (let i = 0; i < 10 && (await advance()).events.at(-1).stage !== "bureauReview"; i++);

  const { context, page, consoleErrors } = await mountOnReceipt(receipt, filing);
  const next = page.locator(".icpf-receipt p", { hasText: "管局正在审核" });
  await next.waitFor();
  assert.match(await next.textContent(), /管局正在审核变更，依法最长20个工作日/);
  assert.doesNotMatch(await page.locator(".icpf-receipt").textContent(), /网站不能开通访问/);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("sent back without a named reason: the filer is told so and what to do, not shown an empty list", async () => {
  const filing = loadFixture("individual-beijing");
  const res = await fetch(`${receiver.url}/api/filings`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": "returned-unnamed-1" },
    body: JSON.stringify(filing),
  });
  const receipt = await res.json();
  const step = await fetch(`${receiver.url}/api/filings/${receipt.id}/advance`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ outcome: "rejected", reasons: [] }),
  });
  assert.equal((await step.json()).events.at(-1).status, "rejected");

  const { context, page, consoleErrors } = await mountOnReceipt(receipt, filing);
  const notice = page.locator(".icpf-receipt").getByRole("status").filter({ hasText: "备案被退回" });
  await notice.waitFor();
  const text = await notice.textContent();
  assert.match(text, /没有指明要修改的内容.*联系接入商/);
  assert.equal(await notice.getByRole("listitem").count(), 0);
  assert.equal(await notice.getByRole("button", { name: "修改被退回的内容" }).count(), 1);
  // The provider's note on the event is shown too.
  assert.match(await page.locator(".icpf-receipt").textContent(), /接入商说明：审核驳回/);
  // The correction promises no list and locks nothing: the filer chooses what to change.
  await notice.getByRole("button", { name: "修改被退回的内容" }).click();
  const correction = page.getByRole("region", { name: "修改被退回的内容" });
  await correction.waitFor();
  assert.match(await correction.textContent(), /没有指明要修改的内容.*所有内容都可以修改/);
  assert.equal(await correction.getByRole("listitem").count(), 0);
  assert.equal(await correction.getByRole("button", { name: "仍要修改其他内容" }).count(), 0);
  assert.equal(await page.locator("form.icpf-main input[readonly]").count(), 0, "nothing is read-only");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
