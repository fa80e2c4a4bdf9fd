// End to end, as a filer drives the demo console: controls are found by their visible labels
// and roles only. Tabbing through an empty field says nothing until the section is
// continued; an APP is labelled as an APP and the check page shows its platforms in words;
// the home page is asked after the domains; a draft whose websites were entered before the
// filer went back keeps its section status after a reload; 重新开始 puts focus at the start.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openConsole, startReceiver } from "./helpers.mjs";

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

const form = (page) => page.locator("form.icpf-main");
const errorMessages = (page) => form(page).locator(".icpf-error-message");
const continueButton = (page) => page.getByRole("button", { name: "保存并继续" });
const task = (page, name) => page.getByRole("navigation", { name: "备案步骤" }).getByRole("button", { name });

/** Basics as a Beijing individual would fill them in, then on to the subject page. */
async function basics(page) {
  await page.getByLabel("首次备案").check();
  await page.getByLabel("备案省份").selectOption({ label: "北京市" });
  await continueButton(page).click();
  await page.getByRole("heading", { name: "主办者信息" }).waitFor();
}

test("tabbing through empty fields shows no error until the section is continued", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  await page.getByLabel("主办单位性质").selectOption({ label: "个人" });
  const name = page.getByLabel("姓名").first();
  await name.focus();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  // A render later, still nothing: the filer only moved through.
  await page.waitForTimeout(100);
  assert.equal(await errorMessages(page).count(), 0);
  assert.notEqual(await name.getAttribute("aria-invalid"), "true");

  // A value that is wrong is named as soon as the filer leaves it.
  await name.fill("张<>");
  await name.blur();
  await errorMessages(page).first().waitFor();
  assert.equal(await name.getAttribute("aria-invalid"), "true");

  // Continuing names everything the section still lacks.
  await continueButton(page).click();
  await page.getByRole("alert").first().waitFor();
  assert.ok((await errorMessages(page).count()) > 1);
  assert.deepEqual(problems, []);
  await context.close();
});

/** The subject page of `kind` with `values` typed by label, continued: the summary's lines. */
async function subjectSummary(page, kind, values) {
  await basics(page);
  await page.getByLabel("主办单位性质").selectOption({ label: kind });
  for (const [label, value] of values) {
    const box = page.getByLabel(label, { exact: true });
    await box.fill(value);
    await box.blur();
  }
  await continueButton(page).click();
  const summary = page.getByRole("alert").first();
  await summary.waitFor();
  return summary.locator("li").allTextContents();
}

test("an individual's summary says which of their own numbers is wrong", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  const items = await subjectSummary(page, "个人", [
    ["手机号码", "13911112222"],
    ["应急联系电话", "6552998"],
  ]);
  // Without the field's name the message would read as if about the mobile number; a local
  // number alone is told what it lacks.
  assert.ok(items.includes("应急联系电话 · 固定电话要带区号：请在 6552998 前加上所在地的区号，写成“区号-6552998”"), items.join(" | "));
  // Messages that name their field keep their words, with no one's name before them.
  assert.ok(items.includes("请填写电子邮箱"), items.join(" | "));
  assert.ok(!items.some((item) => item.startsWith("主体负责人")), items.join(" | "));
  // On the check page, among every section's items, the filer's own details are named as
  // the form heads them.
  await task(page, /核对信息/).click();
  await page.getByRole("button", { name: "提交备案" }).click();
  const summary = page.getByRole("alert").first();
  await summary.waitFor();
  const all = await summary.locator("li").allTextContents();
  assert.ok(all.includes("您的联系方式 · 请填写电子邮箱"), all.join(" | "));
  assert.ok(all.some((item) => item.startsWith("您的联系方式 · 应急联系电话 · 固定电话要带区号")), all.join(" | "));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a summary link to a validity date that 长期有效 disables lands on the 长期有效 box", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  await page.getByLabel("主办单位性质").selectOption({ label: "个人" });
  // Born 1990: 36, ten years short of a long-term resident ID.
  await page.getByLabel("证件号码", { exact: true }).first().fill("11010819900307106X");
  await page.getByLabel("长期有效").first().check();
  await continueButton(page).click();
  const link = page.getByRole("alert").first().getByRole("link", { name: /长期有效的居民身份证只发给46周岁以上的公民/ });
  await link.click();
  await page.waitForFunction(() => document.activeElement?.labels?.[0]?.textContent === "长期有效");
  // Unticked, the date takes the focus and the answer.
  await page.keyboard.press("Space");
  assert.equal(await page.getByLabel("长期有效").first().isChecked(), false);
  assert.equal(await page.getByLabel("证件有效期至").first().isDisabled(), false);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a unit's summary lists each of the principal's wrong numbers, by person and field", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  const items = await subjectSummary(page, "企业", [
    ["应急联系电话", "010-1234"],
    ["办公电话", "12345"],
  ]);
  // The same message for two fields was one line, naming neither.
  for (const field of ["应急联系电话", "办公电话"]) {
    assert.ok(items.includes(`主体负责人 · ${field} · 请填写手机号码或带区号的固定电话，例如 010-65529988`), items.join(" | "));
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("an APP is labelled as an APP, the home page follows the domains, and the check page says every answer", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  await task(page, /网站 \/ APP信息/).click();
  await page.getByRole("button", { name: "添加APP" }).click();
  const app = page.getByRole("region", { name: "APP 1" });
  await app.waitFor();
  // The APP's own labels; none of the website's.
  for (const label of ["APP关联域名", "APP服务内容", "APP语言", "APP负责人"]) {
    assert.ok((await app.getByText(label, { exact: true }).count()) >= 1, label);
  }
  for (const label of ["网站域名", "网站语言", "网站服务内容", "网站负责人"]) {
    assert.equal(await app.getByText(label, { exact: true }).count(), 0, label);
  }
  await app.getByLabel("APP名称").fill("张伟读书");
  // Android's identifier is its package name.
  await app.getByLabel("包名", { exact: true }).fill("com.zhangwei.reader");
  // A mini-program has an AppID and no signing key to ask for.
  const platform = app.getByLabel("平台", { exact: true });
  await platform.selectOption({ label: "小程序" });
  assert.equal(await app.getByLabel("小程序AppID", { exact: true }).count(), 1);
  assert.equal(await app.getByLabel("签名MD5值").count(), 0);
  await platform.selectOption({ label: "安卓" });
  assert.equal(await app.getByLabel("包名", { exact: true }).inputValue(), "com.zhangwei.reader");

  // A website: its home page is asked right after its domains.
  await page.getByRole("button", { name: "添加网站" }).click();
  const site = page.getByRole("region", { name: "网站 1" });
  await site.waitFor();
  const order = await site.locator("legend, label").allTextContents();
  const domainsAt = order.findIndex((t) => t.includes("网站域名"));
  const homepageAt = order.findIndex((t) => t.includes("网站首页URL"));
  assert.ok(domainsAt >= 0 && homepageAt > domainsAt, JSON.stringify(order.slice(0, 8)));
  await site.getByLabel("网站首页URL").fill("www.zhangwei-notes.cn");
  await site.getByLabel("备注").fill("个人读书笔记");

  await task(page, /核对信息/).click();
  await page.getByRole("heading", { name: "核对信息" }).waitFor();
  const review = await form(page).textContent();
  assert.match(review, /APP 1 · APP平台/);
  assert.match(review, /安卓 com\.zhangwei\.reader/);
  assert.doesNotMatch(review, /android com\.zhangwei/);
  assert.match(review, /APP 1 · APP负责人/);
  assert.match(review, /网站 1 · 网站首页URL/);
  assert.match(review, /www\.zhangwei-notes\.cn/);
  assert.match(review, /网站 1 · 备注/);
  assert.match(review, /个人读书笔记/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a draft reopens where the filer was, and a section that holds a website is not 'not started'", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  await task(page, /网站 \/ APP信息/).click();
  await page.getByRole("button", { name: "添加网站" }).click();
  await page.getByRole("region", { name: "网站 1" }).getByLabel("网站名称").fill("张伟的读书笔记");
  // Back to the subject with the task list, then a reload.
  await task(page, /主办者信息/).click();
  await page.getByRole("heading", { name: "主办者信息" }).waitFor();
  // The debounced autosave has stored the subject page as where the filer is.
  await page.waitForFunction(() => /"section":"subject"/.test(localStorage.getItem("icp-filing:draft") ?? ""));
  await page.reload();
  await page.getByRole("heading", { name: "主办者信息" }).waitFor();
  assert.match(await task(page, /网站 \/ APP信息/).textContent(), /填写中|有问题|已完成/);
  assert.doesNotMatch(await task(page, /网站 \/ APP信息/).textContent(), /未开始/);

  // 重新开始 from the restored-draft notice: a blank filing, focus at the start of the form.
  await page.getByRole("button", { name: "重新开始" }).click();
  await page.getByRole("button", { name: "确定" }).click();
  await page.waitForFunction(() => document.activeElement?.classList.contains("icpf-heading"));
  assert.match(await page.evaluate(() => document.activeElement.textContent), /备案类型与地区/);
  assert.match(await task(page, /网站 \/ APP信息/).textContent(), /未开始/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the demo console remembers its language across a reload and translates its own texts", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "ICP备案");
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("heading", { name: "Filing type and province" }).waitFor();
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "ICP filing");
  assert.equal(await page.title(), "ICP filing - Example Cloud console");
  assert.equal(await page.getAttribute("html", "lang"), "en");

  await page.reload();
  await page.getByRole("heading", { name: "Filing type and province" }).waitFor();
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "ICP filing");
  assert.ok(await page.getByRole("navigation", { name: "Products" }).isVisible());

  await page.getByRole("button", { name: "中文" }).click();
  await page.getByRole("heading", { name: "备案类型与地区" }).waitFor();
  assert.equal(await page.getByRole("heading", { level: 1 }).textContent(), "ICP备案");
  assert.equal(await page.title(), "ICP备案 - 示例云控制台");
  assert.deepEqual(problems, []);
  await context.close();
});

test("after 修改 on the check page, one step brings the filer back to it", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  await task(page, /核对信息/).click();
  await page.getByRole("heading", { name: "核对信息" }).waitFor();
  await page.getByRole("link", { name: "修改 备案省份" }).click();
  await page.getByRole("heading", { name: "备案类型与地区" }).waitFor();
  await page.getByLabel("备案省份").selectOption({ label: "上海市" });
  await page.getByRole("button", { name: "保存并返回核对" }).click();
  await page.getByRole("heading", { name: "核对信息" }).waitFor();
  assert.match(await form(page).textContent(), /上海市/);
  // Reached with the task list, a section goes on as usual.
  await task(page, /备案类型与地区/).click();
  assert.equal(await page.getByRole("button", { name: "保存并返回核对" }).count(), 0);
  await continueButton(page).click();
  await page.getByRole("heading", { name: "主办者信息" }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("on a phone (320 and 375 px) no date wraps inside itself and no text points to a panel 'on the right'", async () => {
  for (const width of [320, 375]) {
    const { context, page, problems } = await openConsole(browser, receiver.url, { viewport: { width, height: 800 } });
    assert.doesNotMatch(await form(page).textContent(), /右侧/);
    await page.getByLabel("首次备案").check();
    await page.getByLabel("备案省份").selectOption({ label: "北京市" });
    await page.getByRole("button", { name: "预计审核时间" }).click();
    const dates = page.locator(".icpf-estimate .icpf-date");
    await dates.first().waitFor();
    const lines = await dates.evaluateAll((els) => els.map((e) => [e.textContent, e.getClientRects().length]));
    assert.ok(lines.length >= 4, JSON.stringify(lines));
    for (const [text, boxes] of lines) {
      assert.match(text, /^\d{1,2}月\d{1,2}日$/);
      assert.equal(boxes, 1, `${text} is on one line at ${width} px`);
    }
    assert.deepEqual(problems, []);
    await context.close();
  }
});

test("a unit's certificate and its principal's are separate, labelled groups", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  await page.getByLabel("主办单位性质").selectOption({ label: "企业" });
  const unit = page.getByRole("group", { name: "单位证件" });
  const principal = page.getByRole("group", { name: "主体负责人证件" });
  await unit.waitFor();
  for (const group of [unit, principal]) {
    for (const label of ["证件类型", "证件号码"]) {
      assert.equal(await group.getByLabel(label, { exact: true }).count(), 1, label);
    }
  }
  await unit.getByLabel("证件号码", { exact: true }).fill("91440300708461136T");
  await principal.getByLabel("证件号码", { exact: true }).fill("440305198506120023");
  assert.equal(await unit.getByLabel("证件号码", { exact: true }).inputValue(), "91440300708461136T");
  assert.equal(await principal.getByLabel("证件号码", { exact: true }).inputValue(), "440305198506120023");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the estimate names the filer as the SMS's subject principal only when the subject is a person", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  const sms = page.locator(".icpf-aside .icpf-estimate-sms");
  const reads = (text) => page.waitForFunction((t) => document.querySelector(".icpf-aside .icpf-estimate-sms")?.textContent.includes(t), text);
  await reads("主体负责人（个人备案即您本人）和网站或APP负责人");
  await page.getByLabel("主办单位性质").selectOption({ label: "企业" });
  await reads("工信部核验短信发给主体负责人和网站或APP负责人");
  assert.doesNotMatch(await sms.textContent(), /您本人/);
  await page.getByLabel("主办单位性质").selectOption({ label: "个人" });
  await reads("主体负责人（即您本人）和网站或APP负责人");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a remark the rules require says so where it is typed, not 选填", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  await page.getByLabel("主办单位性质").selectOption({ label: "个人" });
  await task(page, /网站 \/ APP信息/).click();
  await page.getByRole("button", { name: "添加网站" }).click();
  const remark = page.getByRole("region", { name: "网站 1" }).getByLabel("备注");
  const description = () =>
    remark.evaluate((el) =>
      (el.getAttribute("aria-describedby") ?? "")
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? "")
        .join(" "),
    );
  assert.match(await description(), /备注中说明网站拟发布的内容/);
  assert.doesNotMatch(await description(), /应写明/);
  assert.doesNotMatch(await description(), /选填/);
  // A company's website remark stays optional.
  await task(page, /主办者信息/).click();
  await page.getByLabel("主办单位性质").selectOption({ label: "企业" });
  await task(page, /网站 \/ APP信息/).click();
  assert.match(await description(), /选填/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an individual's website with its own responsible person keeps that person when a domain or approval is added", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  await page.getByLabel("主办单位性质").selectOption({ label: "个人" });
  await page.getByLabel("姓名").first().fill("张伟");
  await task(page, /网站 \/ APP信息/).click();
  await page.getByRole("button", { name: "添加网站" }).click();
  const site = page.getByRole("region", { name: "网站 1" });
  await site.getByLabel("与您本人相同").uncheck();
  // The card's own person: its fields appear once the box is cleared.
  await site.getByLabel("姓名", { exact: true }).fill("李娜");
  await site.getByLabel("手机号码").fill("13922225555");
  await site.getByLabel("手机号码").blur();
  await site.getByRole("button", { name: "添加域名" }).click();
  await site.getByLabel("域名 2").waitFor();
  assert.equal(await site.getByLabel("与您本人相同").isChecked(), false, "still a person of its own");
  assert.equal(await site.getByLabel("姓名", { exact: true }).inputValue(), "李娜");
  assert.equal(await site.getByLabel("手机号码").inputValue(), "13922225555");
  // And after a reload, from the saved draft.
  await page.reload();
  await page.locator(".icpf-main .icpf-heading").waitFor();
  assert.equal(await site.getByLabel("姓名", { exact: true }).inputValue(), "李娜");
  assert.deepEqual(problems, []);
  await context.close();
});

test("删除 on a website that holds anything asks first; 取消 keeps it with the focus back on 删除, an empty card goes at once", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  await task(page, /网站 \/ APP信息/).click();
  await page.getByRole("button", { name: "添加网站" }).click();
  await page.getByRole("button", { name: "添加网站" }).click();
  const first = page.getByRole("region", { name: "网站 1" });
  await first.getByLabel("网站名称").fill("张伟的读书笔记");
  // A removed domain hands the focus to the domain before it: a second Enter removes nothing.
  await first.getByRole("button", { name: "添加域名" }).click();
  await first.getByLabel("域名 2").fill("zhangwei-notes.com.cn");
  await first.getByRole("button", { name: "删除 域名 2" }).press("Enter");
  assert.equal(await first.getByLabel("域名 2").count(), 0);
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-label") === "域名 1");
  await first.getByRole("button", { name: "删除 网站 1" }).click();
  const question = first.getByRole("group", { name: "删除“网站 1”及其中填写的内容？" });
  // The question opens on 取消: a second Enter keeps the website.
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "取消", "focus on 取消");
  await page.keyboard.press("Enter");
  assert.equal(await question.count(), 0);
  assert.equal(await first.getByLabel("网站名称").inputValue(), "张伟的读书笔记");
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "删除 网站 1", "focus back on 删除");
  // The empty second card goes without a question.
  await page.getByRole("region", { name: "网站 2" }).getByRole("button", { name: "删除 网站 2" }).click();
  assert.equal(await page.getByRole("region", { name: "网站 2" }).count(), 0);
  // Escape takes the question back too.
  await first.getByRole("button", { name: "删除 网站 1" }).click();
  await question.waitFor();
  await page.keyboard.press("Escape");
  assert.equal(await question.count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement.textContent), "删除 网站 1");
  await first.getByRole("button", { name: "删除 网站 1" }).click();
  await question.getByRole("button", { name: "确定" }).click();
  assert.equal(await page.getByRole("region", { name: "网站 1" }).count(), 0);
  // The focus stays in the form, on 添加网站 where the cards were, and the status says
  // which card went.
  await page.waitForFunction(() => document.activeElement.textContent === "添加网站");
  assert.equal(await page.getByRole("status").filter({ hasText: "已删除网站 1" }).count(), 1);
  // An APP holding only its own responsible person's name is typed work too.
  await page.getByRole("button", { name: "添加APP" }).click();
  const app = page.getByRole("region", { name: "APP 1" });
  await app.getByLabel("与主体负责人相同").uncheck();
  await app.getByLabel("姓名").fill("李娜");
  await app.getByRole("button", { name: "删除 APP 1" }).click();
  await app.getByRole("group", { name: "删除“APP 1”及其中填写的内容？" }).waitFor();
  assert.deepEqual(problems, []);
  await context.close();
});

test("the estimate's legal deadline agrees with the bureau review's latest end", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  const aside = page.locator(".icpf-aside");
  const legal = await aside.getByText(/^按规定，管局应在收到材料后20个工作日内/).textContent();
  const bureau = await aside.locator(".icpf-stage").filter({ hasText: "管局审核" }).textContent();
  const latest = bureau.match(/最晚 (\d+月\d+日)/);
  if (latest) {
    // The stage's latest end counts from the latest arrival: so does the deadline beside it.
    assert.match(legal, new RegExp(`材料晚到时最晚 ${latest[1]} 前`), `${legal} | ${bureau}`);
  } else {
    assert.match(legal, /（约 \d+月\d+日 前）/);
  }
  assert.deepEqual(problems, []);
  await context.close();
});

test("a province that reviews longer than the law allows says so beside the legal deadline", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  const aside = page.locator(".icpf-aside");
  const above = aside.getByText(/管局审核最长按 \d+ 个工作日估算，超过 20 个工作日的法定上限/);
  assert.equal(await above.count(), 0, "Beijing's figures are within the law");
  await page.getByRole("button", { name: /备案类型与地区/ }).click();
  await page.getByLabel("备案省份").selectOption({ label: "浙江省" });
  await above.waitFor();
  assert.match(await above.textContent(), /^浙江：管局审核最长按 30 个工作日估算/);
  assert.deepEqual(problems, []);
  await context.close();
});

/** The description (hint and messages) a control is given for screen readers. */
const describedBy = (control) =>
  control.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );

test("a click right after typing a wrong domain lands, and the domain's message follows", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  await page.getByLabel("主办单位性质").selectOption({ label: "企业" });
  await task(page, /网站 \/ APP信息/).click();
  await page.getByRole("button", { name: "添加网站" }).click();
  const site = page.getByRole("region", { name: "网站 1" });
  const domain = site.getByRole("textbox", { name: /域名 1/ });
  await domain.fill("zhangwei..cn");
  // The pointer goes straight from the domain to a service: one press, one release.
  const box = site.getByLabel("网络新闻");
  const at = await box.boundingBox();
  await page.mouse.move(at.x + at.width / 2, at.y + at.height / 2);
  await page.mouse.down();
  // Between press and release the page must not move under the pointer.
  const during = await box.boundingBox();
  assert.equal(during.y, at.y, "the checkbox moved between press and release");
  await page.mouse.up();
  assert.equal(await box.isChecked(), true, "the click was lost");
  // Once the click is over, the domain says what is wrong with it.
  await page.waitForFunction(
    (el) => el.getAttribute("aria-invalid") === "true",
    await domain.elementHandle(),
  );
  assert.match(await describedBy(domain), /域名/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("an individual sees the service content individuals may pick first, and the site-name words the rules refuse", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  await page.getByLabel("主办单位性质").selectOption({ label: "个人" });
  await task(page, /网站 \/ APP信息/).click();
  await page.getByRole("button", { name: "添加网站" }).click();
  const site = page.getByRole("region", { name: "网站 1" });
  const content = site.getByRole("group", { name: "网站服务内容" });
  // Beijing accepts 博客/个人空间 and 其他 from individuals: those are in view, the rest folded.
  assert.equal(await content.getByLabel("博客/个人空间").isVisible(), true);
  assert.equal(await content.getByLabel("其他", { exact: true }).isVisible(), true);
  assert.equal(await content.getByLabel("网络新闻").isVisible(), false);
  const more = content.getByText(/其他类型/);
  await more.click();
  assert.equal(await content.getByLabel("网络新闻").isVisible(), true);
  await content.getByLabel("网络新闻").check();
  // Unticking inside the disclosure leaves it open.
  await content.getByLabel("网络新闻").uncheck();
  assert.equal(await content.getByLabel("网络新闻").isVisible(), true);
  // The name's hint names the words a personal site's name can't use, 博客 among them.
  const name = site.getByLabel("网站名称");
  const hint = await describedBy(name);
  assert.match(hint, /个人网站名称不能含：/);
  assert.match(hint, /博客/);
  assert.match(hint, /公司/);
  // While the name has an error (博客 ends it), its warning (官方 inside it) has no box to
  // tick: the name must change anyway. Once the error is gone, the box is there.
  const ack = site.getByLabel("我已核对，信息无误");
  await name.fill("张伟的官方博客");
  await name.blur();
  await site.locator(".icpf-error-message").filter({ hasText: "博客" }).waitFor();
  await site.locator(".icpf-warning-message").filter({ hasText: "官方" }).waitFor();
  assert.equal(await ack.count(), 0);
  await name.fill("张伟的官方笔记");
  await name.blur();
  await ack.waitFor();
  assert.equal(await site.locator(".icpf-error-message").filter({ hasText: "博客" }).count(), 0);
  // A company sees every content type at once and no such list.
  await task(page, /主办者信息/).click();
  await page.getByLabel("主办单位性质").selectOption({ label: "企业" });
  await task(page, /网站 \/ APP信息/).click();
  assert.equal(await content.getByLabel("网络新闻").isVisible(), true);
  assert.doesNotMatch(await describedBy(name), /个人网站名称不能含/);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a responsible person is copied from another website instead of typed again", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  await page.getByLabel("主办单位性质").selectOption({ label: "企业" });
  await task(page, /网站 \/ APP信息/).click();
  await page.getByRole("button", { name: "添加网站" }).click();
  const first = page.getByRole("region", { name: "网站 1" });
  await first.getByLabel("与主体负责人相同").uncheck();
  await first.getByLabel("姓名").fill("李娜");
  await first.getByLabel("证件号码", { exact: true }).fill("440305198506120023");
  await first.getByLabel("手机号码").fill("13800138000");
  await first.getByLabel("电子邮箱").fill("lina@example.com");
  await page.getByRole("button", { name: "添加APP" }).click();
  const app = page.getByRole("region", { name: "APP 1" });
  await app.getByLabel("与主体负责人相同").uncheck();
  // It offers 网站 1 without having chosen it: a filer picks it and a copy is made.
  const copy = app.getByLabel("复制其他网站/APP的负责人");
  assert.equal(await copy.evaluate((select) => select.selectedOptions[0].textContent), "不复制");
  await copy.selectOption({ label: "网站 1 · 李娜" });
  assert.equal(await app.getByLabel("姓名").inputValue(), "李娜");
  // The select shows whose details were copied, and a status region reads it out.
  assert.equal(await copy.evaluate((select) => select.selectedOptions[0].textContent), "网站 1 · 李娜");
  assert.equal(await app.getByRole("status").filter({ hasText: "已复制负责人信息：网站 1 · 李娜" }).count(), 1);
  assert.equal(await app.getByLabel("证件号码", { exact: true }).inputValue(), "440305198506120023");
  assert.equal(await app.getByLabel("手机号码").inputValue(), "13800138000");
  assert.equal(await app.getByLabel("电子邮箱").inputValue(), "lina@example.com");
  // A copy: the APP's person changes on its own.
  await app.getByLabel("手机号码").fill("13900139000");
  assert.equal(await first.getByLabel("手机号码").inputValue(), "13800138000");
  assert.deepEqual(problems, []);
  await context.close();
});

test("in English the address selects give each region's name in pinyin before the Chinese, so typing finds it", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url, { locale: "en" });
  await page.getByLabel("First filing").check();
  await page.getByLabel("Filing province").selectOption({ label: "Guangdong" });
  await page.getByRole("button", { name: "Save and continue" }).click();
  await form(page).getByLabel("Subject type").selectOption({ label: "Enterprise" });
  const province = form(page).getByLabel("Province", { exact: true });
  // The mailing address starts in the filing province, named for an English reader.
  await page.waitForFunction((el) => el.selectedOptions[0]?.textContent === "Guangdong 广东省", await province.elementHandle());
  await form(page).getByLabel("City", { exact: true }).selectOption({ label: "Shenzhen 深圳市" });
  // The romanised name comes first, so typing its first letters on the select finds it.
  const district = form(page).getByLabel("District", { exact: true });
  await district.focus();
  await page.keyboard.type("Nansh");
  assert.equal(await district.evaluate((el) => el.selectedOptions[0].textContent), "Nanshan 南山区");
  const options = await province.locator("option").allTextContents();
  assert.ok(options.includes("Inner Mongolia 内蒙古自治区"), options.join(", "));
  assert.ok(options.includes("Beijing 北京市"));
  assert.deepEqual(problems, []);
  await context.close();
});

test("a city without districts (东莞) is its own district: nothing more to choose, nothing missing", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await page.getByLabel("首次备案").check();
  await page.getByLabel("备案省份").selectOption({ label: "广东省" });
  await continueButton(page).click();
  await form(page).getByLabel("主办单位性质").selectOption({ label: "企业" });
  const province = form(page).getByLabel("省份", { exact: true });
  await page.waitForFunction((el) => el.value === "440000", await province.elementHandle());
  await form(page).getByLabel("城市", { exact: true }).selectOption({ label: "东莞市" });
  const district = form(page).getByLabel("区县", { exact: true });
  assert.equal(await district.inputValue(), "441900");
  await continueButton(page).click();
  await page.getByRole("alert").first().waitFor();
  assert.equal(await form(page).locator(".icpf-error-message", { hasText: "区县" }).count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a whole individual filing by labels, reloaded after every section, is stored as typed", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  const reloadAt = async (heading) => {
    await page.reload();
    await page.getByRole("heading", { name: heading }).waitFor();
  };
  const done = async (section) =>
    assert.match(await task(page, section).textContent(), /已完成/, `${section} is done`);

  await basics(page);
  await reloadAt("主办者信息");
  await done(/备案类型与地区/);

  await page.getByLabel("主办单位性质").selectOption({ label: "个人" });
  await form(page).getByLabel("姓名").first().fill("张伟");
  await form(page).getByLabel("证件号码", { exact: true }).first().fill("110108 19900307 106x");
  await form(page).getByLabel("证件有效期至").first().fill("2030-03-07");
  await form(page).getByLabel("证件住所").fill("北京市海淀区中关村大街27号");
  await form(page).getByLabel("城市", { exact: true }).selectOption({ label: "北京市" });
  await form(page).getByLabel("区县", { exact: true }).selectOption({ label: "海淀区" });
  await form(page).getByLabel("详细地址").fill("中关村大街27号院3号楼1单元502");
  await form(page).getByLabel("手机号码").first().fill("13911112222");
  await form(page).getByLabel("应急联系电话").first().fill("13811113333");
  await form(page).getByLabel("电子邮箱").first().fill("zhangwei@example.com");
  await continueButton(page).click();
  await page.getByRole("heading", { name: "网站 / APP信息" }).waitFor();
  await reloadAt("网站 / APP信息");
  await done(/主办者信息/);
  // Going back with the task list shows what was typed before the reload.
  await task(page, /主办者信息/).click();
  assert.equal(await form(page).getByLabel("详细地址").inputValue(), "中关村大街27号院3号楼1单元502");
  await task(page, /网站 \/ APP信息/).click();

  await page.getByRole("button", { name: "添加网站" }).click();
  const site = page.getByRole("region", { name: "网站 1" });
  // An individual is told the words a personal site's name can't use before typing one.
  assert.match(await site.textContent(), /说明网站的内容，如“张三的读书笔记”；个人网站不能用“博客”“网站”/);
  await site.getByLabel("网站名称").fill("张伟的读书笔记");
  // A home page address pasted for the domain becomes the domain when the filer moves on.
  const domain = site.getByRole("textbox", { name: /域名 1/ });
  await domain.fill("https://ZhangWei-Notes.CN/");
  await domain.blur();
  await page.waitForFunction((id) => document.getElementById(id).value === "zhangwei-notes.cn", await domain.getAttribute("id"));
  assert.notEqual(await domain.getAttribute("aria-invalid"), "true");
  await site.getByLabel("网站首页URL").fill("www.zhangwei-notes.cn");
  await site.getByLabel("博客/个人空间").check();
  await site.getByLabel("备注").fill("个人读书笔记，不涉及经营性内容");
  await continueButton(page).click();
  await page.getByRole("heading", { name: "核对信息" }).waitFor();
  await reloadAt("核对信息");
  await done(/网站 \/ APP信息/);
  // The check page, after a reload, still holds everything typed, normalised.
  const review = await form(page).textContent();
  for (const shown of ["张伟", "11010819900307106X", "13911112222", "zhangwei-notes.cn", "张伟的读书笔记"]) {
    assert.ok(review.includes(shown), shown);
  }

  await page.getByRole("button", { name: "提交备案" }).click();
  await page.locator(".icpf-receipt-id").waitFor();
  const id = await page.locator(".icpf-receipt-id").textContent();
  const res = await fetch(`${receiver.url}/api/filings/${id}`);
  const stored = (await res.json()).filing;
  assert.equal(stored.province, "110000");
  assert.equal(stored.subject.kind, "individual");
  assert.equal(stored.subject.name, "张伟");
  assert.equal(stored.subject.certificate.number, "11010819900307106X");
  assert.deepEqual(stored.subject.address, {
    province: "110000",
    city: "110100",
    district: "110108",
    detail: "中关村大街27号院3号楼1单元502",
  });
  assert.equal(stored.subject.principal.mobile, "13911112222");
  assert.deepEqual(stored.websites[0].domains, ["zhangwei-notes.cn"]);
  assert.deepEqual(stored.websites[0].serviceContent, ["blog"]);
  assert.deepEqual(stored.websites[0].responsible, stored.subject.principal, "the filer is responsible");
  assert.deepEqual(problems, []);
  await context.close();
});

test("the demo console's registrar tells a domain held by someone else from the filer's own", async () => {
  const { context, page, problems } = await openConsole(browser, receiver.url);
  await basics(page);
  await page.getByLabel("主办单位性质").selectOption({ label: "个人" });
  await form(page).getByLabel("姓名").first().fill("张伟");
  await task(page, /网站 \/ APP信息/).click();
  await page.getByRole("button", { name: "添加网站" }).click();
  const site = page.getByRole("region", { name: "网站 1" });
  const domain = site.getByLabel("域名 1");
  await domain.fill("lina-photos.cn");
  await domain.blur();
  // The answer comes after the pause the widget waits for typing to stop.
  await site.locator(".icpf-error-message").filter({ hasText: "李娜" }).waitFor();
  assert.match(await site.locator(".icpf-warning-message").allTextContents().then((t) => t.join(" ")), /2027-01-15/);
  await domain.fill("zhangwei-notes.cn");
  await domain.blur();
  await site.locator(".icpf-error-message").filter({ hasText: "李娜" }).waitFor({ state: "detached" });
  assert.equal(await site.locator(".icpf-list-item-issue").count(), 0);
  assert.deepEqual(problems, []);
  await context.close();
});
