// End to end, whole filings as a filer completes them in the demo console: every control is
// found by its visible label or role. After each section's 保存并继续 / "Save and continue"
// the page is reloaded: the draft must reopen on the section the filer had reached, with the
// task list showing the sections behind as done and the values typed so far still in their
// fields. Each filing is then checked on the check page, submitted, and read back from the
// receiver's SQLite file, where the values typed must arrive normalised and as codes.
//   1. an individual in Beijing with one website (Chinese);
//   2. a Shenzhen enterprise with two websites and an APP on two platforms (Chinese);
//   3. an individual in Hangzhou working in English who first types a wrong ID check
//      character, a short mobile number and unusable domains, reads the messages and fixes them;
//   4. a Hefei association whose principal is not its legal representative, who is named;
//   5. a Dalian company's new access, with the website's own filing number.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { launchBrowser, openConsole, queryDb, startReceiver } from "./helpers.mjs";

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

/** The widget's own words, per language. */
const TEXT = {
  "zh-CN": {
    continue: "保存并继续",
    backToCheck: "保存并返回核对",
    submit: "提交备案",
    tasks: "备案步骤",
    complete: "已完成",
    notStarted: "未开始",
    hasProblems: "有问题",
    basics: "备案类型与地区",
    subject: "主办者信息",
    services: "网站 / APP信息",
    review: "核对信息",
    restored: /^已恢复 2026-11-28 10:00 保存的草稿。/,
    keep: "继续填写",
    acknowledge: "我已核对，信息无误",
    receipt: "备案信息已提交",
    receiptId: "受理编号",
  },
  en: {
    continue: "Save and continue",
    backToCheck: "Save and go back to the check page",
    submit: "Submit filing",
    tasks: "Filing steps",
    complete: "Complete",
    notStarted: "Not started",
    hasProblems: "Has problems",
    basics: "Filing type and province",
    subject: "Subject",
    services: "Websites and APPs",
    review: "Check your answers",
    restored: /^Restored the draft saved at 2026-11-28 10:00\./,
    keep: "Continue",
    acknowledge: "I have checked this and it is correct",
    receipt: "Filing submitted",
    receiptId: "Reference",
  },
};

const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The section heading (「2/4 主办者信息」): the section on screen. */
const sectionHeading = (page, title) => page.getByRole("heading", { level: 2, name: new RegExp(`${escaped(title)}$`) });

/** A section's entry in the task list. */
const task = (page, t, title) =>
  page.getByRole("navigation", { name: t.tasks }).getByRole("button", { name: new RegExp(escaped(title)) });

/** Types into the control labelled `label` inside `scope` and leaves it, like a filer. */
async function type(scope, label, text) {
  const box = scope.getByLabel(label, { exact: true });
  await box.fill(text);
  await box.blur();
  return box;
}

/** Chooses the option shown as `option` in the select labelled `label`. */
async function choose(scope, label, option) {
  await scope.getByLabel(label, { exact: true }).selectOption({ label: option });
}

/** Ticks the checkbox (or radio) `option` in the group whose legend is `legend`. */
async function tick(scope, legend, option, role = "checkbox") {
  const group = scope.getByRole("group", { name: legend, exact: true });
  const choice = group.getByRole(role, { name: option, exact: true });
  if (!(await choice.isVisible())) {
    // A choice kept behind a disclosure: the filer opens it first. A <summary> has no ARIA
    // role to find it by, and its wording is not part of what these tests check.
    await group.locator("summary").first().click();
  }
  await choice.check();
}

/** The text of the option a select shows. */
const shown = (select) => select.evaluate((el) => el.selectedOptions[0]?.text ?? "");

/** What a screen reader announces with a field: its hint and its messages. */
const description = (field) =>
  field.evaluate((el) =>
    (el.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .map((id) => document.getElementById(id)?.textContent ?? "")
      .join(" "),
  );

/** 保存并继续, then waits for the next section's heading. */
async function saveAndContinue(page, t, next) {
  await page.getByRole("button", { name: t.continue, exact: true }).click();
  await sectionHeading(page, next).waitFor();
}

/**
 * Reloads the page right away (no waiting for the autosave: a filer may close the tab at once)
 * and asserts that the restored draft reopens on `section`, that the task list marks each of
 * `done` as complete, and closes the restore notice with 继续填写.
 */
async function reloadAndReopen(page, t, section, done) {
  await page.reload();
  await sectionHeading(page, t[section]).waitFor();
  assert.equal(await task(page, t, t[section]).getAttribute("aria-current"), "step", `reopened on ${t[section]}`);
  const notice = page.getByRole("status").filter({ hasText: t.restored });
  await notice.waitFor();
  for (const s of done) {
    const tag = await task(page, t, t[s]).textContent();
    assert.match(tag, new RegExp(escaped(t.complete)), `${t[s]} is done after the reload: ${tag}`);
    assert.doesNotMatch(tag, new RegExp(escaped(t.notStarted)));
  }
  await notice.getByRole("button", { name: t.keep, exact: true }).click();
  await notice.waitFor({ state: "detached" });
}

/** Opens an earlier section with the task list, runs `check` there, and comes back. */
async function lookBackAt(page, t, section, back, check) {
  await task(page, t, t[section]).click();
  await sectionHeading(page, t[section]).waitFor();
  await check();
  await task(page, t, t[back]).click();
  await sectionHeading(page, t[back]).waitFor();
}

/** The value the check page shows for the answer labelled `label`. */
async function answer(page, label) {
  const term = page.getByRole("term").filter({ hasText: new RegExp(`^${escaped(label)}$`) });
  assert.equal(await term.count(), 1, `one answer labelled ${label}`);
  // An answer is a <dt> label with its value in the <dd> after it; ARIA has no relation from
  // a term to its definition that a role locator could follow, so the sibling is read.
  return (await term.locator("xpath=following-sibling::dd[1]").textContent()).trim();
}

/** Submits on the check page and waits for the receipt; resolves to the reference shown. */
async function submitAndReadReceipt(page, t) {
  await page.getByRole("button", { name: t.submit, exact: true }).click();
  await page.getByRole("heading", { name: t.receipt }).waitFor({ timeout: 15000 });
  assert.equal(await page.getByRole("term").filter({ hasText: t.receiptId }).count(), 1);
  const reference = page.getByText(/^icpf_[0-9a-f]{24}$/);
  assert.equal(await reference.count(), 1, "the receipt shows one reference");
  return (await reference.textContent()).trim();
}

/** The stored row of filing `id`, its body parsed. */
function storedFiling(id) {
  assert.match(id, /^icpf_[0-9a-f]{24}$/);
  const rows = queryDb(receiver.dataDir, `SELECT id, subject_name, certificate_number, body FROM filings WHERE id = '${id}'`);
  assert.equal(rows.length, 1, `one row for ${id}`);
  return { ...rows[0], body: JSON.parse(rows[0].body) };
}

const countFilings = () => queryDb(receiver.dataDir, "SELECT COUNT(*) AS n FROM filings")[0].n;

test("an individual in Beijing files one website in Chinese, reloading after every section", async () => {
  const t = TEXT["zh-CN"];
  const { context, page, problems, posts } = await openConsole(browser, receiver.url);
  const before = countFilings();

  // 1. 备案类型与地区
  await page.getByRole("radio", { name: "首次备案" }).check();
  await choose(page, "备案省份", "北京市");
  await saveAndContinue(page, t, t.subject);
  await reloadAndReopen(page, t, "subject", ["basics"]);
  await lookBackAt(page, t, "basics", "subject", async () => {
    assert.equal(await page.getByRole("radio", { name: "首次备案" }).isChecked(), true);
    assert.equal(await shown(page.getByLabel("备案省份")), "北京市");
  });

  // 2. 主办者信息
  await choose(page, "主办单位性质", "个人");
  await type(page, "姓名", "张伟");
  const id = page.getByRole("group", { name: "您的身份证件" });
  assert.equal(await shown(id.getByLabel("证件类型")), "居民身份证");
  const number = await type(id, "证件号码", "110108 19900307 1238");
  assert.equal(await number.inputValue(), "110108199003071238", "shown as it will be sent");
  await id.getByLabel("证件有效期至").fill("2035-06-30");
  await type(page, "证件住所", "北京市海淀区中关村大街27号");
  const address = page.getByRole("group", { name: "通信地址" });
  assert.equal(await shown(address.getByLabel("省份", { exact: true })), "北京市", "the filing province");
  await choose(address, "城市", "北京市");
  await choose(address, "区县", "海淀区");
  await type(address, "详细地址", "中关村大街27号院3号楼1单元502");
  const mobile = await type(page, "手机号码", "139 1111 2222");
  assert.equal(await mobile.inputValue(), "13911112222");
  await type(page, "应急联系电话", "138-1111-3333");
  await type(page, "电子邮箱", "zhangwei@example.com");
  await saveAndContinue(page, t, t.services);
  await reloadAndReopen(page, t, "services", ["basics", "subject"]);
  await lookBackAt(page, t, "subject", "services", async () => {
    assert.equal(await page.getByLabel("姓名", { exact: true }).inputValue(), "张伟");
    assert.equal(await id.getByLabel("证件号码").inputValue(), "110108199003071238");
    assert.equal(await shown(address.getByLabel("区县")), "海淀区");
    assert.equal(await page.getByLabel("手机号码").inputValue(), "13911112222");
  });

  // 3. 网站 / APP信息
  await page.getByRole("button", { name: "添加网站" }).click();
  const site = page.getByRole("region", { name: "网站 1" });
  await type(site, "网站名称", "张伟的读书笔记");
  const domain = site.getByRole("textbox", { name: "域名 1", exact: true });
  await domain.fill("ZhangWei-Notes.CN");
  await domain.blur();
  assert.equal(await domain.inputValue(), "zhangwei-notes.cn");
  await type(site, "网站首页URL", "www.zhangwei-notes.cn");
  await tick(site, "网站服务内容", "博客/个人空间");
  await tick(site, "网站语言", "中文简体");
  assert.equal(await site.getByLabel("与您本人相同").isChecked(), true, "the filer is responsible");
  await type(site, "备注", "个人读书笔记，不涉及经营性内容");
  await saveAndContinue(page, t, t.review);
  await reloadAndReopen(page, t, "review", ["basics", "subject", "services"]);

  // 4. 核对信息: every answer as typed, normalised.
  assert.equal(await answer(page, "备案类型"), "首次备案");
  assert.equal(await answer(page, "备案省份"), "北京市");
  assert.equal(await answer(page, "姓名"), "张伟");
  assert.equal(await answer(page, "证件号码"), "110108199003071238");
  assert.match(await answer(page, "通信地址"), /海淀区 中关村大街27号院3号楼1单元502$/);
  assert.equal(await answer(page, "您的联系方式 · 手机号码"), "13911112222");
  assert.equal(await answer(page, "网站 1 · 网站名称"), "张伟的读书笔记");
  assert.equal(await answer(page, "网站 1 · 网站域名"), "zhangwei-notes.cn");
  assert.equal(await answer(page, "网站 1 · 网站服务内容"), "博客/个人空间");
  assert.equal(await answer(page, "网站 1 · 网站负责人 · 姓名"), "张伟");
  assert.equal(await answer(page, "网站 1 · 网站负责人 · 手机号码"), "13911112222");
  assert.equal(await page.getByRole("checkbox", { name: t.acknowledge }).count(), 0, "nothing to confirm");
  // Nothing is sent yet: the check page's step is ready, not done.
  const checkStep = page.getByRole("navigation", { name: t.tasks }).getByRole("button", { name: new RegExp(t.review) });
  assert.match(await checkStep.textContent(), /可以提交$/);

  const receipt = await submitAndReadReceipt(page, t);
  assert.equal(posts.length, 1);
  assert.equal(countFilings(), before + 1);
  const row = storedFiling(receipt);
  assert.equal(row.subject_name, "张伟");
  assert.equal(row.certificate_number, "110108199003071238");
  const f = row.body;
  assert.equal(f.filingType, "first");
  assert.equal(f.province, "110000");
  assert.equal(f.subject.kind, "individual");
  assert.deepEqual(f.subject.certificate, { type: "residentId", number: "110108199003071238", validUntil: "2035-06-30" });
  assert.deepEqual(f.subject.address, {
    province: "110000",
    city: "110100",
    district: "110108",
    detail: "中关村大街27号院3号楼1单元502",
  });
  assert.equal(f.subject.principal.mobile, "13911112222");
  assert.equal(f.subject.principal.emergencyPhone, "13811113333");
  assert.deepEqual(
    f.websites.map((s) => [s.name, s.domains, s.homepage, s.serviceContent, s.languages, s.remark]),
    [["张伟的读书笔记", ["zhangwei-notes.cn"], "www.zhangwei-notes.cn", ["blog"], ["simplifiedChinese"], "个人读书笔记，不涉及经营性内容"]],
  );
  assert.deepEqual(f.websites[0].responsible, f.subject.principal);
  assert.deepEqual(f.apps, []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a Hefei association whose principal is not its legal representative names the legal representative", async () => {
  const t = TEXT["zh-CN"];
  const { context, page, problems, posts } = await openConsole(browser, receiver.url);
  const before = countFilings();

  await page.getByRole("radio", { name: "首次备案" }).check();
  await choose(page, "备案省份", "安徽省");
  await saveAndContinue(page, t, t.subject);

  // 2. 主办者信息: the legal representative is asked for once the answer is 否.
  await choose(page, "主办单位性质", "社会团体");
  await type(page, "主办单位名称", "合肥市摄影家协会");
  const unit = page.getByRole("group", { name: "单位证件" });
  await choose(unit, "证件类型", "组织机构代码证");
  await type(unit, "证件号码", "50845371-3");
  await unit.getByLabel("证件有效期至").fill("2028-12-31");
  await type(page, "证件住所", "安徽省合肥市蜀山区长江西路669号");
  const address = page.getByRole("group", { name: "通信地址" });
  await choose(address, "城市", "合肥市");
  await choose(address, "区县", "蜀山区");
  await type(address, "详细地址", "长江西路669号");
  assert.equal(await page.getByLabel("法定代表人姓名").count(), 0, "not asked before the answer");
  await tick(page, "主体负责人是否为法定代表人", "是", "radio");
  assert.equal(await page.getByLabel("法定代表人姓名").count(), 0, "not asked of a legal representative");
  await tick(page, "主体负责人是否为法定代表人", "否", "radio");
  await type(page, "法定代表人姓名", "许 国平");
  const legalRep = page.getByRole("group", { name: "法定代表人证件" });
  assert.equal(await legalRep.getByLabel("证件有效期至").count(), 0, "its validity is not asked");
  await choose(legalRep, "证件类型", "居民身份证");
  // A wrong check character is refused with the standard's words, then corrected.
  const legalRepId = await type(legalRep, "证件号码", "340102 19650923 0517");
  assert.match(await description(legalRepId), /校验位不正确/);
  await type(legalRep, "证件号码", "340102 19650923 0516");
  assert.doesNotMatch(await description(legalRepId), /校验位/);
  await type(page, "姓名", "汤志勇");
  const principalId = page.getByRole("group", { name: "主体负责人证件" });
  await choose(principalId, "证件类型", "居民身份证");
  await type(principalId, "证件号码", "340104197301220527");
  await principalId.getByLabel("长期有效").check();
  await type(page, "手机号码", "158 0172 8810");
  await type(page, "应急联系电话", "15901736729");
  await type(page, "电子邮箱", "tangzy@hefei-photo.org.cn");
  await type(page, "办公电话", "0551-65521234");
  await saveAndContinue(page, t, t.services);
  await reloadAndReopen(page, t, "services", ["basics", "subject"]);
  await lookBackAt(page, t, "subject", "services", async () => {
    assert.equal(await page.getByLabel("法定代表人姓名").inputValue(), "许国平", "stored as the certificate prints it");
    assert.equal(await legalRep.getByLabel("证件号码").inputValue(), "340102196509230516");
  });

  // 3. One website, run by the principal (Anhui: the authorised principal runs it).
  await page.getByRole("button", { name: "添加网站" }).click();
  const site = page.getByRole("region", { name: "网站 1" });
  await type(site, "网站名称", "合肥市摄影家协会官网");
  await type(site, "域名 1", "hefei-photo.org.cn");
  await type(site, "网站首页URL", "www.hefei-photo.org.cn");
  await tick(site, "网站服务内容", "单位门户网站");
  await tick(site, "网站语言", "中文简体");
  await site.getByLabel("与主体负责人相同").check();
  await saveAndContinue(page, t, t.review);

  // 4. 核对信息
  assert.equal(await answer(page, "主体负责人是否为法定代表人"), "否");
  assert.equal(await answer(page, "法定代表人姓名"), "许国平");
  assert.equal(await answer(page, "法定代表人证件 · 证件类型"), "居民身份证");
  assert.equal(await answer(page, "法定代表人证件 · 证件号码"), "340102196509230516");
  assert.equal(await page.getByRole("checkbox", { name: t.acknowledge }).count(), 0, "nothing to confirm");

  const receipt = await submitAndReadReceipt(page, t);
  assert.equal(posts.length, 1);
  assert.equal(countFilings(), before + 1);
  const f = storedFiling(receipt).body;
  assert.equal(f.subject.principalIsLegalRepresentative, false);
  assert.deepEqual(f.subject.legalRepresentative, {
    name: "许国平",
    certificate: { type: "residentId", number: "340102196509230516" },
  });
  assert.equal(f.subject.principal.name, "汤志勇");
  assert.deepEqual(f.websites[0].responsible, f.subject.principal);
  assert.deepEqual(problems, []);
  await context.close();
});

test("a Dalian company moves its filed website here (new access), giving the website's own number", async () => {
  const t = TEXT["zh-CN"];
  const { context, page, problems, posts } = await openConsole(browser, receiver.url);
  const before = countFilings();

  await page.getByRole("radio", { name: "新增接入" }).check();
  await choose(page, "备案省份", "辽宁省");
  await type(page, "主体备案号", "辽ICP备2019012345号");
  await saveAndContinue(page, t, t.subject);

  await choose(page, "主办单位性质", "企业");
  await type(page, "主办单位名称", "大连海韵物流有限公司");
  const unit = page.getByRole("group", { name: "单位证件" });
  await type(unit, "证件号码", "91210202MA0Y4D2LXK");
  await unit.getByLabel("长期有效").check();
  await type(page, "证件住所", "辽宁省大连市中山区港湾街18号");
  const address = page.getByRole("group", { name: "通信地址" });
  await choose(address, "城市", "大连市");
  await choose(address, "区县", "中山区");
  await type(address, "详细地址", "港湾街18号");
  await tick(page, "主体负责人是否为法定代表人", "是", "radio");
  await type(page, "姓名", "董晓光");
  const principalId = page.getByRole("group", { name: "主体负责人证件" });
  await choose(principalId, "证件类型", "居民身份证");
  await type(principalId, "证件号码", "210202197401260634");
  await principalId.getByLabel("长期有效").check();
  await type(page, "手机号码", "13501443726");
  await type(page, "应急联系电话", "13601451645");
  await type(page, "电子邮箱", "dongxg@dl-haiyun.cn");
  await type(page, "办公电话", "+86-411-82801234");
  await saveAndContinue(page, t, t.services);

  // The website already holds its number: the card asks for it, as the filer's old
  // provider's console shows it.
  await page.getByRole("button", { name: "添加网站" }).click();
  const site = page.getByRole("region", { name: "网站 1" });
  await type(site, "网站名称", "海韵物流官网");
  await type(site, "域名 1", "dl-haiyun.cn");
  await type(site, "网站首页URL", "www.dl-haiyun.cn");
  await tick(site, "网站服务内容", "单位门户网站");
  await tick(site, "网站语言", "中文简体");
  await responsible(site, {
    name: "孟瑶",
    id: "210202199609090709",
    mobile: "13701459564",
    emergency: "15001467483",
    email: "mengyao@dl-haiyun.cn",
    office: "0411-82801235",
  });
  // Left without its number, the website is one to confirm on the check page.
  await saveAndContinue(page, t, t.review);
  const missing = page.locator('.icpf-warning-list li[data-code="filing_number.service_missing"]');
  assert.match(await missing.textContent(), /网站 1.*新增接入的网站或APP已经备案：请填写它的备案号/);
  await page.getByRole("button", { name: /^3\. 网站 \/ APP信息/ }).click();
  const number = await type(site, "网站备案号", "辽ICP备 2019012345号－1");
  assert.equal(await number.inputValue(), "辽ICP备2019012345号-1", "shown as it will be sent");
  await saveAndContinue(page, t, t.review);
  await reloadAndReopen(page, t, "review", ["basics", "subject", "services"]);

  assert.equal(await answer(page, "备案类型"), "新增接入");
  assert.equal(await answer(page, "网站 1 · 网站备案号"), "辽ICP备2019012345号-1");
  assert.equal(await answer(page, "主体负责人 · 办公电话"), "0411-82801234");
  assert.equal(await page.getByRole("checkbox", { name: t.acknowledge }).count(), 0, "nothing to confirm");

  const receipt = await submitAndReadReceipt(page, t);
  assert.equal(posts.length, 1);
  assert.equal(countFilings(), before + 1);
  const f = storedFiling(receipt).body;
  assert.equal(f.filingType, "newAccess");
  assert.equal(f.filingNumber, "辽ICP备2019012345号");
  assert.equal(f.websites[0].filingNumber, "辽ICP备2019012345号-1");
  assert.equal(f.subject.principal.officePhone, "0411-82801234");
  assert.deepEqual(problems, []);
  await context.close();
});

/** A responsible person's fields inside a website or APP card. */
async function responsible(card, p) {
  await type(card, "姓名", p.name);
  const id = card.getByRole("group", { name: "负责人证件" });
  await choose(id, "证件类型", "居民身份证");
  await type(id, "证件号码", p.id);
  await id.getByLabel("证件有效期至").fill("2035-06-30");
  await type(card, "手机号码", p.mobile);
  await type(card, "应急联系电话", p.emergency);
  await type(card, "电子邮箱", p.email);
  await type(card, "办公电话", p.office);
}

test("a Shenzhen enterprise files two websites and an APP in Chinese, reloading after every section", async () => {
  const t = TEXT["zh-CN"];
  const { context, page, problems, posts } = await openConsole(browser, receiver.url);
  const before = countFilings();

  // 1. 备案类型与地区
  await page.getByRole("radio", { name: "首次备案" }).check();
  await choose(page, "备案省份", "广东省");
  await saveAndContinue(page, t, t.subject);
  await reloadAndReopen(page, t, "subject", ["basics"]);
  await lookBackAt(page, t, "basics", "subject", async () => {
    assert.equal(await shown(page.getByLabel("备案省份")), "广东省");
  });

  // 2. 主办者信息: the unit's certificate, then its principal, the legal representative.
  await choose(page, "主办单位性质", "企业");
  await type(page, "主办单位名称", "深圳市腾讯计算机系统有限公司");
  const unit = page.getByRole("group", { name: "单位证件" });
  assert.equal(await shown(unit.getByLabel("证件类型")), "统一社会信用代码");
  const uscc = await type(unit, "证件号码", "9144 0300 7084 6113 6t");
  assert.equal(await uscc.inputValue(), "91440300708461136T");
  await unit.getByLabel("长期有效").check();
  await type(page, "证件住所", "深圳市南山区粤海街道麻岭社区科技中一路腾讯大厦35层");
  const address = page.getByRole("group", { name: "通信地址" });
  assert.equal(await shown(address.getByLabel("省份", { exact: true })), "广东省");
  await choose(address, "城市", "深圳市");
  await choose(address, "区县", "南山区");
  await type(address, "详细地址", "科技中一路腾讯大厦35层");
  await tick(page, "主体负责人是否为法定代表人", "是", "radio");
  await type(page, "姓名", "李娜");
  const principalId = page.getByRole("group", { name: "主体负责人证件" });
  await choose(principalId, "证件类型", "居民身份证");
  await type(principalId, "证件号码", "4403 0519 8506 1200 23");
  await principalId.getByLabel("证件有效期至").fill("2035-06-30");
  await type(page, "手机号码", "+86 136 0000 1111");
  await type(page, "应急联系电话", "13600002222");
  await type(page, "电子邮箱", "lina@tencent-example.com");
  await type(page, "办公电话", "0755 8601 3388");
  await saveAndContinue(page, t, t.services);
  await reloadAndReopen(page, t, "services", ["basics", "subject"]);
  await lookBackAt(page, t, "subject", "services", async () => {
    assert.equal(await page.getByLabel("主办单位名称").inputValue(), "深圳市腾讯计算机系统有限公司");
    assert.equal(await unit.getByLabel("证件号码").inputValue(), "91440300708461136T");
    assert.equal(await unit.getByLabel("长期有效").isChecked(), true);
    assert.equal(await shown(address.getByLabel("区县")), "南山区");
    assert.equal(await page.getByRole("group", { name: "主体负责人是否为法定代表人" }).getByRole("radio", { name: "是" }).isChecked(), true);
    assert.equal(await principalId.getByLabel("证件号码").inputValue(), "440305198506120023");
  });

  // 3. 网站 / APP信息: two websites, each with its own responsible person, and an APP.
  const sites = [
    {
      name: "腾讯云官网",
      domain: "Tencent-Example.COM",
      homepage: "https://www.tencent-example.com",
      content: "单位门户网站",
      languages: ["中文简体", "英语"],
      person: {
        name: "王强",
        id: "440304199208180034",
        mobile: "137 0000 3333",
        emergency: "13700004444",
        email: "wangqiang@tencent-example.com",
        office: "0755-86013399",
      },
    },
    {
      name: "腾讯开发者文档官网",
      domain: "TENCENT-DOCS-EXAMPLE.CN",
      homepage: "docs.tencent-docs-example.cn",
      content: "其他",
      languages: ["中文简体"],
      person: {
        name: "陈静",
        id: "440106198801010041",
        mobile: "135-0000-5555",
        emergency: "13500006666",
        email: "chenjing@tencent-example.com",
        office: "(020) 8333 1234",
      },
    },
  ];
  for (const [i, s] of sites.entries()) {
    await page.getByRole("button", { name: "添加网站" }).click();
    const card = page.getByRole("region", { name: `网站 ${i + 1}` });
    await type(card, "网站名称", s.name);
    await type(card, "域名 1", s.domain);
    await type(card, "网站首页URL", s.homepage);
    await tick(card, "网站服务内容", s.content);
    for (const language of s.languages) await tick(card, "网站语言", language);
    assert.equal(await card.getByLabel("与主体负责人相同").isChecked(), false, "a unit's website names its own person");
    await responsible(card, s.person);
  }
  await page.getByRole("button", { name: "添加APP" }).click();
  const app = page.getByRole("region", { name: "APP 1" });
  await type(app, "APP名称", "腾讯云助手");
  const platforms = app.getByRole("group", { name: "APP平台" });
  assert.equal(await shown(platforms.getByLabel("平台", { exact: true })), "安卓", "an APP starts with Android");
  await type(platforms, "包名", "com.tencentexample.cloudhelper");
  await type(platforms, "签名MD5值", "9f2a1b3c4d5e6f708192a3b4c5d6e7f8");
  await type(platforms, "公钥", "MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEA0example");
  await platforms.getByRole("button", { name: "添加平台" }).click();
  // Each platform is a group of its own, so its repeated labels can be told apart.
  const ios = platforms.getByRole("group", { name: "平台 2", exact: true });
  // The new block is added above the button: its first control takes the focus.
  await page.waitForFunction(() => document.activeElement?.closest(".icpf-platform")?.getAttribute("aria-label") === "平台 2");
  assert.equal(await ios.getByLabel("平台", { exact: true }).evaluate((e) => e === document.activeElement), true);
  await ios.getByLabel("平台", { exact: true }).selectOption({ label: "iOS" });
  // iOS names it a Bundle ID; SHA-1 is often asked for iOS.
  const bundle = ios.getByLabel("Bundle ID", { exact: true });
  assert.match(await description(bundle), /例如 com.example.app/);
  await bundle.fill("com.tencentexample.cloudhelper");
  await bundle.blur();
  const sha1 = ios.getByLabel("证书SHA-1值", { exact: true });
  await sha1.fill("A1B2C3D4E5F60718293A4B5C6D7E8F9012345678");
  await sha1.blur();
  await type(app, "域名 1", "tencent-app-example.cn");
  await tick(app, "APP服务内容", "其他");
  await tick(app, "APP语言", "中文简体");
  await app.getByLabel("与主体负责人相同").check();
  await saveAndContinue(page, t, t.review);
  await reloadAndReopen(page, t, "review", ["basics", "subject", "services"]);

  // 4. 核对信息
  assert.equal(await answer(page, "主办单位名称"), "深圳市腾讯计算机系统有限公司");
  assert.equal(await answer(page, "证件号码"), "91440300708461136T");
  assert.equal(await answer(page, "证件有效期至"), "长期有效");
  assert.equal(await answer(page, "主体负责人 · 证件号码"), "440305198506120023");
  assert.equal(await answer(page, "主体负责人 · 办公电话"), "0755-86013388");
  assert.equal(await answer(page, "网站 1 · 网站域名"), "tencent-example.com");
  assert.equal(await answer(page, "网站 1 · 网站语言"), "中文简体、英语");
  assert.equal(await answer(page, "网站 1 · 网站负责人 · 姓名"), "王强");
  assert.equal(await answer(page, "网站 1 · 网站负责人 · 手机号码"), "13700003333");
  assert.equal(await answer(page, "网站 2 · 网站域名"), "tencent-docs-example.cn");
  assert.equal(await answer(page, "网站 2 · 网站负责人 · 姓名"), "陈静");
  assert.equal(await answer(page, "网站 2 · 网站负责人 · 手机号码"), "13500005555");
  assert.equal(await answer(page, "APP 1 · APP名称"), "腾讯云助手");
  assert.equal(
    await answer(page, "APP 1 · APP平台"),
    "安卓 com.tencentexample.cloudhelper、iOS com.tencentexample.cloudhelper",
  );
  // What identifies each build, and the principal's certificate, are answers to check too.
  // Each platform's rows are named by the platform chosen, not by its place in the list.
  assert.equal(await answer(page, "APP 1 · 安卓 · 签名MD5值"), "9F2A1B3C4D5E6F708192A3B4C5D6E7F8");
  assert.equal(await answer(page, "APP 1 · iOS · 证书SHA-1值"), "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678");
  // The subject's answers in the form's order: the name before its certificate.
  const labels = await page.locator(".icpf-answers dt").allTextContents();
  assert.ok(labels.indexOf("主办单位名称") < labels.indexOf("证件类型"), labels.slice(0, 8).join(" / "));
  assert.equal(await answer(page, "主体负责人 · 证件类型"), "居民身份证");
  assert.match(await answer(page, "主体负责人 · 证件有效期至"), /^\d{4}-\d{2}-\d{2}$|长期有效/);
  assert.equal(await answer(page, "APP 1 · APP关联域名"), "tencent-app-example.cn");
  assert.equal(await answer(page, "APP 1 · APP负责人 · 姓名"), "李娜");
  assert.equal(await answer(page, "APP 1 · APP负责人 · 手机号码"), "13600001111");

  // 修改 from the check page: the restored cards hold what was typed, then back in one step.
  await page.getByRole("link", { name: "修改 APP 1 · APP平台" }).click();
  await sectionHeading(page, t.services).waitFor();
  assert.equal(await app.getByLabel("APP名称").inputValue(), "腾讯云助手");
  assert.equal(await shown(ios.getByLabel("平台", { exact: true })), "iOS");
  assert.equal(await ios.getByRole("button", { name: "删除 平台 2" }).count(), 1);
  assert.equal(await app.getByLabel("与主体负责人相同").isChecked(), true, "the APP still follows the principal");
  const second = page.getByRole("region", { name: "网站 2" });
  assert.equal(await second.getByLabel("与主体负责人相同").isChecked(), false);
  assert.equal(await second.getByLabel("姓名", { exact: true }).inputValue(), "陈静");
  assert.equal(await second.getByLabel("办公电话").inputValue(), "020-83331234");
  await page.getByRole("button", { name: t.backToCheck }).click();
  await sectionHeading(page, t.review).waitFor();
  // 修改 of a domain list lands in its first box, ready to type.
  await page.getByRole("link", { name: "修改 APP 1 · APP关联域名" }).click();
  await sectionHeading(page, t.services).waitFor();
  await page.waitForFunction(() => document.activeElement?.tagName === "INPUT");
  assert.equal(await page.evaluate(() => document.activeElement.value), "tencent-app-example.cn");
  await page.getByRole("button", { name: t.backToCheck }).click();
  await sectionHeading(page, t.review).waitFor();
  // Back where the filer left the check page: on that 修改 link, not at the top.
  await page.waitForFunction(() => document.activeElement?.textContent.includes("APP 1 · APP关联域名"));
  assert.equal(await page.evaluate(() => document.activeElement.tagName), "A");
  assert.equal(await page.getByRole("checkbox", { name: t.acknowledge }).count(), 0, "nothing to confirm");

  const receipt = await submitAndReadReceipt(page, t);
  assert.equal(posts.length, 1);
  assert.equal(countFilings(), before + 1);
  const row = storedFiling(receipt);
  assert.equal(row.subject_name, "深圳市腾讯计算机系统有限公司");
  assert.equal(row.certificate_number, "91440300708461136T");
  const f = row.body;
  assert.equal(f.filingType, "first");
  assert.equal(f.province, "440000");
  assert.equal(f.subject.kind, "enterprise");
  assert.deepEqual(f.subject.certificate, { type: "uscc", number: "91440300708461136T", validUntil: "longTerm" });
  assert.deepEqual(f.subject.address, { province: "440000", city: "440300", district: "440305", detail: "科技中一路腾讯大厦35层" });
  assert.equal(f.subject.principalIsLegalRepresentative, true);
  assert.deepEqual(f.subject.principal, {
    name: "李娜",
    certificate: { type: "residentId", number: "440305198506120023", validUntil: "2035-06-30" },
    mobile: "13600001111",
    email: "lina@tencent-example.com",
    emergencyPhone: "13600002222",
    officePhone: "0755-86013388",
  });
  assert.deepEqual(
    f.websites.map((s) => [s.name, s.domains, s.homepage, s.serviceContent, s.languages]),
    [
      ["腾讯云官网", ["tencent-example.com"], "https://www.tencent-example.com", ["unitPortal"], ["simplifiedChinese", "english"]],
      ["腾讯开发者文档官网", ["tencent-docs-example.cn"], "docs.tencent-docs-example.cn", ["other"], ["simplifiedChinese"]],
    ],
  );
  assert.deepEqual(
    f.websites.map((s) => [s.responsible.name, s.responsible.certificate, s.responsible.mobile, s.responsible.officePhone]),
    [
      ["王强", { type: "residentId", number: "440304199208180034", validUntil: "2035-06-30" }, "13700003333", "0755-86013399"],
      ["陈静", { type: "residentId", number: "440106198801010041", validUntil: "2035-06-30" }, "13500005555", "020-83331234"],
    ],
  );
  assert.equal(f.apps.length, 1);
  const stored = f.apps[0];
  assert.equal(stored.name, "腾讯云助手");
  assert.deepEqual(
    stored.platforms.map((p) => [p.platform, p.packageName, p.signatureMd5, p.certSha1]),
    [
      ["android", "com.tencentexample.cloudhelper", "9F2A1B3C4D5E6F708192A3B4C5D6E7F8", ""],
      ["ios", "com.tencentexample.cloudhelper", "", "A1B2C3D4E5F60718293A4B5C6D7E8F9012345678"],
    ],
  );
  assert.deepEqual(stored.domains, ["tencent-app-example.cn"]);
  assert.deepEqual(stored.serviceContent, ["other"]);
  assert.deepEqual(stored.languages, ["simplifiedChinese"]);
  assert.deepEqual(stored.responsible, f.subject.principal, "the APP's person is the principal");
  assert.deepEqual(problems, []);
  await context.close();
});

test("a filer working in English fixes a wrong ID, a short mobile and unusable domains, then files", async () => {
  const t = TEXT.en;
  const { context, page, problems, posts } = await openConsole(browser, receiver.url, { locale: "en" });
  const before = countFilings();

  // 1. Filing type and province
  await page.getByRole("radio", { name: "First filing" }).check();
  await choose(page, "Filing province", "Zhejiang");
  await saveAndContinue(page, t, t.subject);
  await reloadAndReopen(page, t, "subject", ["basics"]);
  await lookBackAt(page, t, "basics", "subject", async () => {
    assert.equal(await page.getByRole("radio", { name: "First filing" }).isChecked(), true);
    assert.equal(await shown(page.getByLabel("Filing province")), "Zhejiang");
  });

  // 2. Subject, with two mistakes; each message appears with its field when the filer leaves it.
  const checkCharacter = "The resident ID number's check character doesn't match; compare each character with the card";
  const shortMobile = "A mobile number has 11 digits and starts with 13 to 19";
  await choose(page, "Subject type", "Individual");
  await type(page, "Full name", "陈晓雯");
  const id = page.getByRole("group", { name: "Your ID document" });
  const number = await type(id, "Certificate number", "330106 19910520 0028");
  assert.equal(await number.getAttribute("aria-invalid"), "true");
  assert.match(await description(number), new RegExp(escaped(checkCharacter)));
  await id.getByLabel("Certificate valid until").fill("2036-05-20");
  await type(page, "Address on the certificate", "浙江省杭州市西湖区文三路90号");
  const address = page.getByRole("group", { name: "Mailing address" });
  assert.equal(await shown(address.getByLabel("Province", { exact: true })), "Zhejiang 浙江省", "the filing province");
  await address.getByLabel("City", { exact: true }).selectOption({ label: "Hangzhou 杭州市" });
  await address.getByLabel("District", { exact: true }).selectOption({ label: "Xihu 西湖区" });
  await type(address, "Street address", "文三路90号东部软件园3号楼201室");
  const mobile = await type(page, "Mobile number", "138 5711 234");
  assert.equal(await mobile.getAttribute("aria-invalid"), "true");
  assert.match(await description(mobile), new RegExp(escaped(shortMobile)));
  await type(page, "Emergency phone", "13857154321");
  await type(page, "E-mail", "xiaowen@example.com");

  // Continuing keeps the filer here and lists both problems, in the same words.
  await page.getByRole("button", { name: t.continue, exact: true }).click();
  const summary = page.getByRole("alert", { name: "There is a problem" });
  await summary.waitFor();
  const items = await summary.getByRole("listitem").allTextContents();
  assert.ok(items.some((m) => m.endsWith(checkCharacter)), JSON.stringify(items));
  assert.ok(items.some((m) => m.endsWith(shortMobile)), JSON.stringify(items));
  assert.equal(items.length, 2, JSON.stringify(items));
  assert.ok(await sectionHeading(page, t.subject).isVisible(), "still on the subject page");
  assert.match(await task(page, t, t.subject).textContent(), new RegExp(t.hasProblems));

  // The summary's link takes the filer to the number; correct values clear both messages.
  await summary.getByRole("link", { name: checkCharacter }).click();
  await page.waitForFunction(() => document.activeElement?.getAttribute("aria-invalid") === "true");
  assert.equal(await number.evaluate((el) => el === document.activeElement), true, "focus is on the number");
  await type(id, "Certificate number", "330106 19910520 0027");
  assert.equal(await number.inputValue(), "330106199105200027");
  assert.equal(await number.getAttribute("aria-invalid"), null);
  assert.doesNotMatch(await description(number), new RegExp(escaped(checkCharacter)));
  await type(page, "Mobile number", "138 5711 2345");
  assert.equal(await mobile.inputValue(), "13857112345");
  assert.equal(await mobile.getAttribute("aria-invalid"), null);
  assert.equal(await page.getByText(shortMobile).count(), 0, "the mobile's message is gone everywhere");
  await saveAndContinue(page, t, t.services);
  await reloadAndReopen(page, t, "services", ["basics", "subject"]);
  await lookBackAt(page, t, "subject", "services", async () => {
    assert.equal(await page.getByLabel("Full name", { exact: true }).inputValue(), "陈晓雯");
    assert.equal(await id.getByLabel("Certificate number").inputValue(), "330106199105200027");
    // What was typed in Chinese is marked as such (a screen reader's voice, the spell checker).
    assert.equal(await page.getByLabel("Full name", { exact: true }).getAttribute("lang"), "zh-CN");
    assert.equal(await id.getByLabel("Certificate number").getAttribute("lang"), null);
    assert.equal(await page.getByLabel("Mobile number").inputValue(), "13857112345");
    assert.equal(await shown(address.getByLabel("District", { exact: true })), "Xihu 西湖区");
  });

  // 3. Websites and APPs: a domain with its scheme, then one under a TLD that can't be filed.
  await page.getByRole("button", { name: "Add a website" }).click();
  const site = page.getByRole("region", { name: "Website 1" });
  await type(site, "Website name", "晓雯的摄影日记");
  const domain = site.getByRole("textbox", { name: "Domain 1", exact: true });
  const typeDomain = async (text) => {
    await domain.fill(text);
    await domain.blur();
  };
  // An address with a path is the filer's to cut; a bare one becomes its domain.
  await typeDomain("https://xiaowen-photos.io/gallery");
  assert.match(await description(domain), /Enter the domain without http:\/\/ or https:\/\//);
  assert.equal(await domain.getAttribute("aria-invalid"), "true");
  await typeDomain("https://xiaowen-photos.io/");
  assert.equal(await domain.inputValue(), "xiaowen-photos.io");
  const notFileable = "“.io” is not among the top-level domains the MIIT approves for filing";
  assert.match(await description(domain), new RegExp(escaped(notFileable)));
  assert.equal(await domain.getAttribute("aria-invalid"), null, "a warning, not an error");
  await typeDomain("XiaoWen-Photos.CN");
  assert.equal(await domain.inputValue(), "xiaowen-photos.cn");
  assert.equal(await page.getByText(notFileable).count(), 0, "the warning goes with the domain");
  await type(site, "Homepage URL", "www.xiaowen-photos.cn");
  await tick(site, "Service content", "Other");
  await tick(site, "Languages", "Chinese (Simplified)");
  await tick(site, "Languages", "English");
  assert.equal(await site.getByLabel("Same as you").isChecked(), true, "the filer is responsible");
  await type(site, "Remark", "个人摄影作品分享，不涉及经营性内容");
  assert.equal(await site.getByLabel("Remark").getAttribute("lang"), "zh-CN");
  assert.equal(await domain.getAttribute("lang"), null);
  await saveAndContinue(page, t, t.review);
  await reloadAndReopen(page, t, "review", ["basics", "subject", "services"]);

  // 4. Check your answers
  assert.equal(await answer(page, "Filing province"), "Zhejiang");
  assert.equal(await answer(page, "Full name"), "陈晓雯");
  assert.equal(await answer(page, "Certificate number"), "330106199105200027");
  assert.equal(await answer(page, "Your contact details · Mobile number"), "13857112345");
  assert.equal(await answer(page, "Website 1 · Domains"), "xiaowen-photos.cn");
  assert.equal(await answer(page, "Website 1 · Languages"), "Chinese (Simplified), English");
  assert.equal(await answer(page, "Website 1 · Service content"), "Other");
  // Answers in Chinese are marked as such inside the English page, so a screen reader reads
  // them with a Chinese voice; the others are left in the page's language.
  const answerLang = (label) =>
    page
      .getByRole("term")
      .filter({ hasText: new RegExp(`^${escaped(label)}$`) })
      .locator("xpath=following-sibling::dd[1]")
      .getAttribute("lang");
  assert.equal(await answerLang("Full name"), "zh-CN");
  assert.equal(await answerLang("Website 1 · Remark"), "zh-CN");
  assert.equal(await answerLang("Certificate number"), null);
  assert.equal(await answerLang("Filing province"), null);
  assert.equal(await page.getByRole("checkbox", { name: t.acknowledge }).count(), 0, "nothing to confirm");

  const receipt = await submitAndReadReceipt(page, t);
  assert.equal(posts.length, 1);
  assert.equal(posts[0].headers()["accept-language"], "en");
  assert.equal(countFilings(), before + 1);
  const row = storedFiling(receipt);
  assert.equal(row.subject_name, "陈晓雯");
  assert.equal(row.certificate_number, "330106199105200027");
  const f = row.body;
  assert.equal(f.filingType, "first");
  assert.equal(f.province, "330000");
  assert.equal(f.subject.kind, "individual");
  assert.deepEqual(f.subject.certificate, { type: "residentId", number: "330106199105200027", validUntil: "2036-05-20" });
  assert.deepEqual(f.subject.address, {
    province: "330000",
    city: "330100",
    district: "330106",
    detail: "文三路90号东部软件园3号楼201室",
  });
  assert.equal(f.subject.principal.mobile, "13857112345");
  assert.deepEqual(
    f.websites.map((s) => [s.name, s.domains, s.homepage, s.serviceContent, s.languages]),
    [["晓雯的摄影日记", ["xiaowen-photos.cn"], "www.xiaowen-photos.cn", ["other"], ["simplifiedChinese", "english"]]],
  );
  assert.deepEqual(f.websites[0].responsible, f.subject.principal);
  assert.deepEqual(f.acknowledgedWarnings, []);
  assert.deepEqual(problems, []);
  await context.close();
});
