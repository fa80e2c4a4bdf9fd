// End to end: the shared rules as a filer meets them in the widget. An ordinary personal
// filing goes through without an error; inferred rules warn (at the field, on the check page
// with 「我已核对，信息无误」, in the materials) instead of refusing; province requirements
// are in the accessible description of the field where they are typed; and the host's
// lookupDomain feeds MIIT's domain check without ever blocking a filing it can't answer for.
// Controls are found by their visible labels and roles.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import {
  Widget,
  launchBrowser,
  loadFixture,
  openConsole,
  openTestPage,
  queryDb,
  siteWithTestPages,
  snap,
  startReceiver,
} from "./helpers.mjs";

const TODAY = "2026-11-28";
const BLOG_REMARK =
  "本网站为个人博客，主要分享旅行照片、电影和音乐评论，不涉及新闻、出版、教育、医疗保健、药品和医疗器械、文化、广播电影电视节目等前置审批内容";
const HOLDER_MISMATCH = "域名持有者“李四”与主办者名称不一致";
const REAL_NAME_MISSING = "域名尚未完成实名认证";

/** Default severity of every issue code, from the table in docs/codes.md. */
const SEVERITY = Object.fromEntries(
  [...readFileSync(new URL("../docs/codes.md", import.meta.url), "utf8").matchAll(/^\| `([a-z_.]+)` \| (error|warning) \|/gm)].map(
    (m) => [m[1], m[2]],
  ),
);

let receiver;
let browser;

before(async () => {
  // The built site plus the harness page: the demo console and /test/harness.html.
  receiver = await startReceiver({ site: siteWithTestPages() });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await receiver?.stop();
});

const countFilings = () => queryDb(receiver.dataDir, "SELECT COUNT(*) AS n FROM filings")[0].n;

/** The stored body of filing `id`, parsed. */
function storedBody(id) {
  const rows = queryDb(receiver.dataDir, `SELECT body FROM filings WHERE id = '${id.replace(/'/g, "")}'`);
  assert.equal(rows.length, 1, `one row for ${id}`);
  return JSON.parse(rows[0].body);
}

/** The control whose visible label (or accessible name) is exactly `label`. */
const field = (page, label) => page.getByLabel(label, { exact: true });

/** Types into a control like a person (click, select what is there, type) and leaves it with Tab. */
async function typeInto(control, text, { delay = 0 } = {}) {
  await control.click();
  await control.press("ControlOrMeta+a");
  await control.pressSequentially(text, { delay });
  await control.press("Tab");
}

/** Waits until the select labelled `label` is enabled and offers `option`, then chooses it. */
async function chooseWhenReady(page, label, option) {
  const select = field(page, label);
  await select.locator("option", { hasText: option }).first().waitFor({ state: "attached" });
  await select.and(page.locator(":enabled")).waitFor();
  await select.selectOption({ label: option });
}

/** Opens a section from the task list (its button reads "3. 网站 / APP信息未开始"). */
async function openSection(w, title) {
  await w.page.getByRole("button", { name: new RegExp(`^\\d\\. ${title}`) }).click();
}

/**
 * Presses 保存并继续 (保存并返回核对 when the section was opened from the check page) and waits
 * for the next section or the error summary.
 */
async function saveAndContinue(w) {
  const before = await w.section();
  await w.page.getByRole("button", { name: /^(保存并继续|保存并返回核对)$/ }).click();
  await w.page.waitForFunction(
    (before) =>
      document.querySelector(".icpf-task-button[aria-current=step]")?.dataset.section !== before ||
      document.querySelector(".icpf-error-summary") !== null,
    before,
  );
}

/**
 * The accessible description the browser computes (what a screen reader announces after the
 * name) of the one control with `role` and accessible name `name`.
 */
async function accessibleDescription(page, role, name) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { result } = await cdp.send("Runtime.evaluate", { expression: "document" });
    const { nodes } = await cdp.send("Accessibility.queryAXTree", { objectId: result.objectId, accessibleName: name, role });
    assert.equal(nodes.length, 1, `one ${role} named ${name}`);
    return nodes[0].description?.value ?? "";
  } finally {
    await cdp.detach();
  }
}

/** Codes of the issues shown inline at the control labelled `label`, by severity. */
async function inlineIssues(page, label) {
  const control = field(page, label);
  const ids = ((await control.getAttribute("aria-describedby")) ?? "").split(" ").filter((id) => id.endsWith("-issues"));
  const out = { error: [], warning: [] };
  for (const id of ids) {
    for (const [cls, key] of [
      ["icpf-error-message", "error"],
      ["icpf-warning-message", "warning"],
    ]) {
      out[key].push(...(await page.locator(`[id="${id}"] .${cls}`).evaluateAll((els) => els.map((e) => e.dataset.code))));
    }
  }
  return out;
}

/**
 * Mounts a widget in the harness page with `options` and, unless `registrar` is null, a
 * lookupDomain that records each call in `window.lookups` and answers as `registrar` says:
 * `facts` (by domain, after a network-like 50 ms), `never` (a promise that never settles),
 * `throws`, `rejects`, `null`, or `late` (李四, 500 ms later).
 */
async function mountInHarness(page, options, registrar = null) {
  await page.evaluate(
    async ({ options, registrar }) => {
      const facts = {
        "zhangwei-notes.cn": { holderName: "李四", expiresOn: "2028-03-01", realNameVerified: true },
        "zhangwei-photos.cn": { realNameVerified: false },
        "zhangwei.com.cn": { holderName: "张伟", expiresOn: "2028-06-30", realNameVerified: true, realNameVerifiedOn: "2024-05-20" },
      };
      const later = (value, ms) => new Promise((resolve) => setTimeout(() => resolve(value), ms));
      const answer = {
        facts: (domain) => later(facts[domain] ?? null, 50),
        never: () => new Promise(() => {}),
        throws: () => {
          throw new Error("registrar unavailable");
        },
        rejects: () => Promise.reject(new Error("registrar unavailable")),
        null: () => null,
        late: () => later({ holderName: "李四" }, 500),
      }[registrar];
      window.lookups = [];
      window.events = [];
      const lookupDomain = (domain) => {
        window.lookups.push(domain);
        return answer(domain);
      };
      window.mountRecorded("w", "#a", { ...options, ...(answer ? { lookupDomain } : {}) });
      await window.widgetReady("w");
    },
    { options, registrar },
  );
  return new Widget(page);
}

// An ordinary personal blog must never be refused by the precheck: the remark names the
// pre-approval topics it stays away from, which the keyword rules may only warn about.
test("a personal blog in Beijing with a remark naming the pre-approval topics it avoids is submitted without an error", async () => {
  const { context, page, widget: w, problems, posts } = await openConsole(browser, receiver.url);
  const before = countFilings();

  // 1. 备案类型与地区
  await page.getByLabel("首次备案", { exact: true }).check();
  await field(page, "备案省份").selectOption({ label: "北京市" });
  await saveAndContinue(w);
  assert.equal(await w.section(), "subject");

  // 2. 主办者信息, typed as people type: spaces in the ID, a full-width mobile number.
  await field(page, "主办单位性质").selectOption({ label: "个人" });
  await typeInto(field(page, "姓名"), "张伟");
  await typeInto(field(page, "证件号码"), "110108 19900307 1238");
  await field(page, "证件有效期至").fill("2035-06-30");
  await typeInto(field(page, "证件住所"), "北京市海淀区中关村大街27号");
  await chooseWhenReady(page, "省份", "北京市");
  await chooseWhenReady(page, "城市", "北京市");
  await chooseWhenReady(page, "区县", "海淀区");
  await typeInto(field(page, "详细地址"), "中关村大街27号院3号楼1单元502");
  await typeInto(field(page, "手机号码"), "１３９ １１１１ ２２２２");
  await typeInto(field(page, "应急联系电话"), "138-1111-3333");
  await typeInto(field(page, "电子邮箱"), "zhangwei@example.com");
  assert.equal(await field(page, "证件号码").inputValue(), "110108199003071238");
  assert.equal(await field(page, "手机号码").inputValue(), "13911112222");
  await saveAndContinue(w);
  assert.equal(await w.section(), "services", "the subject has no error");

  // 3. 网站/APP信息
  await page.getByRole("button", { name: "添加网站" }).click();
  await typeInto(field(page, "网站名称"), "张伟的旅行手记");
  await typeInto(field(page, "网站首页URL"), "www.zhangwei-travel.cn");
  await typeInto(field(page, "域名 1"), "ZhangWei-Travel.CN");
  await page.getByLabel("博客/个人空间", { exact: true }).check();
  const simplified = page.getByLabel("中文简体", { exact: true });
  if (!(await simplified.isChecked())) await simplified.check();
  // A pasted text far longer than any remark is kept whole and named at its field.
  const pasted = "备".repeat(1001);
  await field(page, "备注").fill(pasted);
  await field(page, "备注").blur();
  assert.deepEqual((await inlineIssues(page, "备注")).error, ["text.too_long"]);
  assert.equal(await field(page, "备注").inputValue(), pasted);
  await typeInto(field(page, "备注"), BLOG_REMARK);
  // An individual is their own principal: the box says so.
  assert.equal(await field(page, "与您本人相同").isChecked(), true);
  assert.deepEqual((await inlineIssues(page, "备注")).error, [], "the remark is not an error");
  assert.deepEqual((await inlineIssues(page, "网站名称")).error, []);

  // The page goes away mid-way; the draft comes back where the filer was.
  await page.reload();
  await w.ready();
  const notice = page.getByRole("status").filter({ hasText: "已恢复" });
  assert.match(await notice.textContent(), /已恢复 2026-11-28 10:00 保存的草稿/);
  assert.equal(await w.section(), "services");
  assert.equal(await field(page, "备注").inputValue(), BLOG_REMARK);
  assert.equal(await field(page, "域名 1").inputValue(), "zhangwei-travel.cn");
  assert.equal(await field(page, "网站名称").inputValue(), "张伟的旅行手记");
  await notice.getByRole("button", { name: "继续填写" }).click();
  await saveAndContinue(w);
  assert.equal(await w.section(), "review", "the website has no error");
  assert.deepEqual(
    [await w.status("basics"), await w.status("subject"), await w.status("services")],
    ["complete", "complete", "complete"],
  );

  // 4. 核对信息: only warnings, each confirmed with 「我已核对，信息无误」.
  await page.getByRole("button", { name: "提交备案" }).click();
  const summary = w.summary;
  const receipt = page.locator(".icpf-receipt-id");
  await summary.or(receipt).first().waitFor();
  let confirmed = [];
  if (await summary.isVisible()) {
    const items = await w.summaryItems();
    assert.ok(items.length > 0);
    for (const item of items) assert.match(item, /^请确认：/, `only warnings are asked about: ${item}`);
    assert.equal(posts.length, 0, "nothing is sent before the warnings are confirmed");
    // Each listed warning's box, ticked with the pointer. (Whether each box is labelled and
    // confirms only its own warning is the next test's subject.)
    const list = page.locator(".icpf-warning-list li");
    for (const item of await list.all()) {
      await item.getByRole("checkbox").check();
      confirmed.push(await item.getAttribute("data-code"));
    }
    assert.ok(confirmed.length > 0);
    for (const code of confirmed) assert.equal(SEVERITY[code], "warning", `${code} is a warning in docs/codes.md`);
    await page.getByRole("button", { name: "提交备案" }).click();
  }
  await receipt.waitFor({ timeout: 15000 });
  await snap(page, "rules-blog-submitted");
  const id = (await receipt.textContent()).trim();
  assert.equal(posts.length, 1);
  assert.equal(countFilings(), before + 1);

  const f = storedBody(id);
  assert.equal(f.province, "110000");
  assert.equal(f.subject.kind, "individual");
  assert.deepEqual(f.subject.certificate, { type: "residentId", number: "110108199003071238", validUntil: "2035-06-30" });
  assert.deepEqual(f.subject.address, { province: "110000", city: "110100", district: "110108", detail: "中关村大街27号院3号楼1单元502" });
  assert.equal(f.subject.principal.mobile, "13911112222");
  assert.equal(f.subject.principal.emergencyPhone, "13811113333");
  assert.equal(f.websites.length, 1);
  const site = f.websites[0];
  assert.equal(site.name, "张伟的旅行手记");
  assert.equal(site.remark, BLOG_REMARK);
  assert.deepEqual(site.domains, ["zhangwei-travel.cn"]);
  assert.deepEqual(site.serviceContent, ["blog"]);
  assert.deepEqual(site.responsible, f.subject.principal);
  assert.deepEqual([...new Set(f.acknowledgedWarnings.map((k) => k.split("@")[0]))].sort(), [...new Set(confirmed)].sort());
  assert.deepEqual(problems, []);
  await context.close();
});

// Findings of one code on one field (“音乐” → 文化, “电影” → 广播电影电视节目 in the blog's
// remark) are one warning naming both; every warning has its own box that a screen reader
// names, and ticking one must not tick another behind the filer's back.
test("each warning on the check page has its own labelled box that confirms only that warning; two topics on one field are one warning", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const filing = loadFixture("individual-beijing");
  // The blog's remark without its sentence denying pre-approval topics.
  filing.websites[0].remark = "本网站为个人博客，主要分享旅行照片、电影和音乐评论";
  const w = await mountInHarness(page, { endpoint: "/api/filings", storage: "none", today: TODAY, filing });
  const duplicateIds = () =>
    page.evaluate(() => {
      const ids = [...document.querySelectorAll("[id]")].map((e) => e.id);
      return [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
    });

  await openSection(w, "核对信息");
  await page.getByRole("button", { name: "提交备案" }).click();
  await w.summary.waitFor();
  const items = page.locator(".icpf-warning-list li");
  const texts = await items.allTextContents();
  // The two topics found in the remark are one warning with one box: confirming it can't
  // confirm something the filer never saw.
  const topics = texts.filter((t) => t.includes("可能被认为涉及"));
  assert.equal(topics.length, 1, texts.join("\n"));
  assert.match(topics[0], /“音乐”“电影”可能被认为涉及文化、广播电影电视节目/);
  await snap(page, "rules-warning-boxes");

  const seen = {
    duplicateIds: await duplicateIds(),
    unlabelledBoxes: await items.evaluateAll((lis) =>
      lis.filter((li) => {
        const box = li.querySelector("input[type=checkbox]");
        return !box || ![...box.labels].some((l) => li.contains(l) && l.textContent === "我已核对，信息无误");
      }).length,
    ),
  };
  // Tick the first warning's box only.
  await items.first().getByRole("checkbox").check();
  seen.tickedWithoutBeingTicked = await items.evaluateAll(
    (lis) => lis.slice(1).filter((li) => li.querySelector("input[type=checkbox]")?.checked).length,
  );
  assert.deepEqual(seen, { duplicateIds: [], unlabelledBoxes: 0, tickedWithoutBeingTicked: 0 });
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("in the English UI the Chinese a message quotes is marked lang=zh-CN, inline, on the check page and in the summary", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const filing = loadFixture("individual-beijing");
  filing.websites[0].name = "张伟的电影笔记";
  const w = await mountInHarness(page, { endpoint: "/api/filings", storage: "none", today: TODAY, locale: "en", filing });
  /** The parts of each matching message marked Chinese, and the language of the rest. */
  const marked = (messages) =>
    messages.evaluateAll((els) =>
      els.map((el) => ({
        chinese: [...el.querySelectorAll("[lang]")].map((s) => `${s.lang}:${s.textContent}`),
        // The language the English around it is read in: the widget's own.
        around: el.textContent.includes(" may be read as ") ? el.closest("[lang]")?.lang : null,
      })),
    );
  const expected = [{ chinese: ["zh-CN:电影"], around: "en" }];

  await page.getByRole("button", { name: /^\d\. Check your answers/ }).click();
  const onCheckPage = page.locator(".icpf-warning-list li p", { hasText: "may be read as" });
  assert.deepEqual(await marked(onCheckPage), expected);
  await page.getByRole("button", { name: "Submit filing" }).click();
  await w.summary.waitFor();
  assert.deepEqual(await marked(w.summary.getByRole("link", { name: /may be read as/ })), expected);
  await w.summary.getByRole("link", { name: /may be read as/ }).click();
  const name = field(page, "Website name");
  await name.waitFor();
  const inline = page.locator(`[id="${await name.getAttribute("id")}-issues"] p`, { hasText: "may be read as" });
  assert.deepEqual(await marked(inline), expected);
  // The name typed into its input is marked too.
  assert.equal(await name.getAttribute("lang"), "zh-CN");
  // Leaving the field, the status region reads the warning out with the same marks.
  await typeInto(name, "张伟的电影日记");
  const region = page.locator("form > [role=status]", { hasText: "may be read as" });
  await region.waitFor();
  assert.deepEqual(await marked(region), expected);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a personal site named 张伟的电影笔记 is warned about pre-approval topics at its name, on the check page and in the materials", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const w = await mountInHarness(page, {
    endpoint: "/api/filings",
    storage: "none",
    today: TODAY,
    filing: loadFixture("individual-beijing"),
  });
  const before = countFilings();
  const materials = page.locator("section", { has: page.getByRole("heading", { name: "需准备的材料" }) });

  // The console's filing as it stands: a reading-notes site, no pledge to sign.
  await openSection(w, "核对信息");
  await materials.waitFor();
  assert.doesNotMatch(await materials.textContent(), /不涉及前置审批承诺书/);

  await openSection(w, "网站 / APP信息");
  await typeInto(field(page, "网站名称"), "张伟的电影笔记");
  const name = await inlineIssues(page, "网站名称");
  assert.deepEqual(name, { error: [], warning: ["website.personal_pre_approval_topic"] });
  assert.equal(await field(page, "网站名称").getAttribute("aria-invalid"), null, "a warning does not mark the field invalid");
  // Tab has moved focus on before the warning appeared: a status region reads it out, saying
  // it is to be confirmed; typing elsewhere empties the region.
  const spoken = page.getByRole("status").filter({ hasText: /^请确认：网站 1 · “电影”可能被认为涉及广播电影电视节目/ });
  assert.equal(await spoken.count(), 1);
  const region = page.locator("form > [role=status]");
  await field(page, "网站首页URL").press("End");
  await field(page, "网站首页URL").pressSequentially("/");
  assert.equal(await region.textContent(), "");
  await field(page, "网站首页URL").press("Backspace");
  // The warning's box comes after the field: Tab from the name reaches it, and it is
  // described by its warning.
  await field(page, "网站名称").focus();
  await page.keyboard.press("Tab");
  const focused = await page.evaluate(() => {
    const el = document.activeElement;
    return { label: el.labels?.[0]?.textContent, described: document.getElementById(el.getAttribute("aria-describedby"))?.textContent };
  });
  assert.equal(focused.label, "我已核对，信息无误");
  assert.match(focused.described ?? "", /“电影”可能被认为涉及广播电影电视节目/);
  assert.match(await accessibleDescription(page, "textbox", "网站名称"), /“电影”可能被认为涉及广播电影电视节目/);

  await saveAndContinue(w);
  assert.equal(await w.section(), "review", "a warning does not keep the filer on the page");
  const warning = page.locator(".icpf-warning-list li", { hasText: "“电影”可能被认为涉及广播电影电视节目" });
  assert.equal(await warning.getAttribute("data-code"), "website.personal_pre_approval_topic");
  const box = warning.getByLabel("我已核对，信息无误");
  assert.equal(await box.isChecked(), false);
  assert.match(await materials.textContent(), /不涉及前置审批承诺书/);

  // Submitting asks for the confirmation first; then the filing goes through.
  await page.getByRole("button", { name: "提交备案" }).click();
  await w.summary.waitFor();
  assert.deepEqual(await w.summaryItems(), [
    "请确认：网站 1 · “电影”可能被认为涉及广播电影电视节目，此类内容需要前置审批，个人不能取得。如不涉及，请在备注中写明“不涉及广播电影电视节目等前置审批内容”；部分省份还需签署不涉及前置审批承诺书",
  ]);
  assert.equal(countFilings(), before);
  await box.check();
  const id = await w.submitAndWaitForReceipt();
  const f = storedBody(id);
  assert.equal(f.websites[0].name, "张伟的电影笔记");
  assert.deepEqual(f.acknowledgedWarnings, ["website.personal_pre_approval_topic@websites[0].name"]);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("an enterprise website named 中国… is a warning to confirm, not a refusal", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const fixture = loadFixture("enterprise-guangdong-two-websites");
  const w = await mountInHarness(page, { endpoint: "/api/filings", storage: "none", today: TODAY, filing: fixture });
  const before = countFilings();

  await openSection(w, "网站 / APP信息");
  const firstSite = page.getByRole("region", { name: "网站 1" });
  await typeInto(firstSite.getByLabel("网站名称", { exact: true }), "中国腾讯云官网");
  const control = firstSite.getByLabel("网站名称", { exact: true });
  const issues = firstSite.locator(`[id="${(await control.getAttribute("id")) ?? ""}-issues"]`);
  assert.deepEqual(await issues.locator(".icpf-warning-message").evaluateAll((els) => els.map((e) => e.dataset.code)), [
    "website.name_national_prefix",
  ]);
  assert.equal(await issues.locator(".icpf-error-message").count(), 0, "not an error");
  assert.match(await issues.textContent(), /名称以“中国”开头：通常只有国家级单位可以使用/);

  await saveAndContinue(w);
  assert.equal(await w.section(), "review");
  await page.getByRole("button", { name: "提交备案" }).click();
  await w.summary.waitFor();
  const items = await w.summaryItems();
  assert.ok(items.some((m) => m.startsWith("请确认：网站 1 · 名称以“中国”开头")), items.join("\n"));
  assert.ok(items.every((m) => m.startsWith("请确认：")), items.join("\n"));
  assert.equal(countFilings(), before);
  // On the check page the warning says which website it is about, and its box is described
  // by it: every box is labelled 「我已核对，信息无误」, and each means its own warning.
  const warning = page.locator('.icpf-warning-message[data-code="website.name_national_prefix"]');
  assert.match(await warning.locator("p").textContent(), /^提示：网站 1 · 网站名称：名称以“中国”开头/);
  const box = warning.getByRole("checkbox", { name: "我已核对，信息无误" });
  const described = await box.evaluate((el) => document.getElementById(el.getAttribute("aria-describedby"))?.textContent);
  assert.match(described ?? "", /网站 1 · 网站名称：名称以“中国”开头/);
  assert.ok((await w.confirmWarnings()).includes("website.name_national_prefix"));
  const id = await w.submitAndWaitForReceipt();
  const f = storedBody(id);
  assert.equal(f.websites[0].name, "中国腾讯云官网");
  assert.ok(f.acknowledgedWarnings.includes("website.name_national_prefix@websites[0].name"), f.acknowledgedWarnings.join());
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a field with two warnings has one box that confirms both, told apart from a single warning's", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  // A Jiangsu enterprise: its principal's office phone must be a landline there.
  const { filing, today } = JSON.parse(
    readFileSync(new URL("../tests/fixtures/codes/office_phone.landline_required.json", import.meta.url), "utf8"),
  );
  filing.subject.principal.officePhone = "025-66885678";
  const w = await mountInHarness(page, { endpoint: "/api/filings", storage: "none", today, filing });
  const before = countFilings();
  await openSection(w, "主办者信息");
  // A Hong Kong number: outside the mainland, and no landline.
  await typeInto(field(page, "办公电话"), "+852 2123 4567");
  assert.deepEqual((await inlineIssues(page, "办公电话")).warning.sort(), ["office_phone.landline_required", "phone.outside_mainland"]);
  assert.equal(await page.getByRole("checkbox", { name: "我已核对，信息无误" }).count(), 0, "no two boxes with one label");
  const box = page.getByRole("checkbox", { name: "我已核对以上2条提示，信息无误" });
  assert.equal(await box.count(), 1);
  const description = await box.evaluate((el) =>
    el.getAttribute("aria-describedby").split(" ").map((id) => document.getElementById(id)?.textContent ?? "").join("|"),
  );
  assert.match(description, /这是大陆以外的号码/);
  assert.match(description, /江苏/);
  await box.check();

  // On the check page both are confirmed, each in its own item; the filing goes through.
  await saveAndContinue(w);
  await openSection(w, "核对信息");
  for (const code of ["office_phone.landline_required", "phone.outside_mainland"]) {
    const item = page.locator(`.icpf-warning-list li[data-code="${code}"]`);
    assert.equal(await item.getByRole("checkbox", { name: "我已核对，信息无误" }).isChecked(), true, code);
    // Each says which field it is about, and its box is described by it alone.
    assert.match(await item.locator("p").textContent(), /^提示：主体负责人 · 办公电话：/, code);
    const described = await item.getByRole("checkbox").evaluate((el) => document.getElementById(el.getAttribute("aria-describedby"))?.closest("li")?.dataset.code);
    assert.equal(described, code);
  }
  const id = await w.submitAndWaitForReceipt();
  const stored = storedBody(id);
  assert.equal(stored.subject.principal.officePhone, "+85221234567");
  assert.ok(stored.acknowledgedWarnings.includes("phone.outside_mainland@subject.principal.officePhone"), stored.acknowledgedWarnings.join());
  assert.ok(stored.acknowledgedWarnings.includes("office_phone.landline_required@subject.principal.officePhone"));
  assert.equal(countFilings(), before + 1);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("a province's requirements are part of the typed field's accessible description", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url);
  const description = (label) => accessibleDescription(page, "textbox", label);
  const filingIn = async (province) => {
    await openSection(w, "备案类型与地区");
    await page.getByLabel("首次备案", { exact: true }).check();
    await field(page, "备案省份").selectOption({ label: province });
    await saveAndContinue(w);
    assert.equal(await w.section(), "subject");
    await field(page, "主办单位性质").selectOption({ label: "个人" });
    await field(page, "手机号码").waitFor();
  };

  await filingIn("北京市");
  assert.match(await description("手机号码"), /北京市曾要求使用本地（北京市）号段的手机号码（2017年资料），以接入商的要求为准/);
  assert.doesNotMatch(await description("详细地址"), /要求写到门牌号/, "Beijing has no house-number rule");

  await filingIn("上海市");
  assert.match(await description("详细地址"), /上海市要求写到门牌号/);
  const mobile = await description("手机号码");
  assert.match(mobile, /上海市曾要求使用本地（上海市）号段的手机号码（2017年资料）/);
  assert.doesNotMatch(mobile, /北京市/, "the note follows the filing province");

  await filingIn("广东省");
  assert.doesNotMatch(await description("手机号码"), /要求使用本地/, "Guangdong asks for no local number");
  assert.doesNotMatch(await description("详细地址"), /要求写到门牌号/);
  assert.deepEqual(problems, []);
  await context.close();
});

/** The individual-beijing fixture (home page www.zhangwei-notes.cn) with its domain still to be typed. */
function filingWithoutDomain() {
  const filing = loadFixture("individual-beijing");
  filing.websites[0].domains = [""];
  return filing;
}

/** Typing speed: each key within the 600 ms pause, so only finished domains are looked up. */
const KEY_DELAY = 120;

test("lookupDomain: a domain held by someone else or not real-name verified is an error at the domain field and blocks submission", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const posts = [];
  page.on("request", (req) => req.method() === "POST" && req.url().endsWith("/api/filings") && posts.push(req));
  const w = await mountInHarness(page, { endpoint: "/api/filings", storage: "none", today: TODAY, filing: filingWithoutDomain() }, "facts");
  const before = countFilings();
  const lookups = () => page.evaluate(() => window.lookups);
  // Premise of the keystroke check below: on the way to zhangwei.com.cn the filer passes
  // through domains that are valid on their own (zhangwei.co, zhangwei.com).
  const formatCodes = await page.evaluate((today) => {
    const f = window.handles.w.getFiling();
    return ["zhangwei.co", "zhangwei.com"].map((d) => {
      f.websites[0].domains = [d];
      return window.icp.validate(f, { locale: "zh-CN", today }).issues.filter((i) => i.code.startsWith("domain.format"));
    });
  }, TODAY);
  assert.deepEqual(formatCodes, [[], []]);

  await openSection(w, "网站 / APP信息");
  await page.waitForTimeout(800);
  assert.deepEqual(await lookups(), [], "no lookup without a domain");
  const domain = field(page, "域名 1");

  // 1. Held by 李四, not the filer 张伟.
  await typeInto(domain, "ZhangWei-Notes.CN", { delay: KEY_DELAY });
  await page.waitForFunction((id) => document.getElementById(id)?.getAttribute("aria-invalid") === "true", await domain.getAttribute("id"));
  assert.deepEqual(await inlineIssues(page, "域名 1"), { error: ["domain.holder_mismatch"], warning: [] });
  assert.match(await accessibleDescription(page, "textbox", "域名 1"), new RegExp(`^错误：\\s*${HOLDER_MISMATCH}：工信部要求`));
  assert.deepEqual(await lookups(), ["zhangwei-notes.cn"], "asked once, about the normalised domain");

  await saveAndContinue(w);
  assert.equal(await w.section(), "services", "the error keeps the filer on the page");
  assert.deepEqual(await w.summaryItems(), [
    "网站 1 · 域名持有者“李四”与主办者名称不一致：工信部要求域名持有者与备案主体一致，请先办理域名过户或更换域名",
  ]);
  await openSection(w, "核对信息");
  await page.getByRole("button", { name: "提交备案" }).click();
  await w.summary.waitFor();
  assert.ok((await w.summaryItems()).some((m) => m.startsWith(`网站 1 · ${HOLDER_MISMATCH}`)));
  const viaApi = await page.evaluate(() => window.handles.w.submit().then(() => "sent", (e) => e.code));
  assert.equal(viaApi, "invalid");
  assert.equal(posts.length, 0, "nothing is sent");
  assert.equal(countFilings(), before);

  // 2. The summary link leads back to the domain; another domain, not real-name verified.
  await w.summary.getByRole("link", { name: new RegExp(HOLDER_MISMATCH) }).first().click();
  await w.focused(await domain.getAttribute("id"));
  await typeInto(domain, "zhangwei-photos.cn", { delay: KEY_DELAY });
  await page.locator(".icpf-error-message", { hasText: REAL_NAME_MISSING }).waitFor();
  assert.deepEqual(await inlineIssues(page, "域名 1"), { error: ["domain.real_name_missing"], warning: [] });
  assert.match(await accessibleDescription(page, "textbox", "域名 1"), new RegExp(REAL_NAME_MISSING));
  assert.deepEqual(await lookups(), ["zhangwei-notes.cn", "zhangwei-photos.cn"]);
  // Opened from the check page's summary: the button leads back there.
  assert.equal(await page.getByRole("button", { name: "保存并返回核对" }).count(), 1);
  await saveAndContinue(w);
  assert.equal(await w.section(), "services");
  assert.deepEqual(await w.summaryItems(), [
    "网站 1 · 域名尚未完成实名认证，工信部要求备案域名已实名，请先在注册商处完成实名认证",
  ]);

  // 3. The filer's own, verified domain: typed through zhangwei.co and zhangwei.com.
  await typeInto(domain, "zhangwei.com.cn", { delay: KEY_DELAY });
  await typeInto(field(page, "网站首页URL"), "www.zhangwei.com.cn");
  await page.waitForFunction(() => window.lookups.length === 3);
  await page.waitForTimeout(300);
  assert.deepEqual(await lookups(), ["zhangwei-notes.cn", "zhangwei-photos.cn", "zhangwei.com.cn"], "once per domain, not per keystroke");
  assert.deepEqual(await inlineIssues(page, "域名 1"), { error: [], warning: [] });
  await saveAndContinue(w);
  assert.equal(await w.section(), "review");
  const id = await w.submitAndWaitForReceipt();
  assert.equal(posts.length, 1);
  assert.deepEqual(await lookups(), ["zhangwei-notes.cn", "zhangwei-photos.cn", "zhangwei.com.cn"]);

  const f = storedBody(id);
  assert.deepEqual(f.websites[0].domains, ["zhangwei.com.cn"]);
  assert.deepEqual(f.domainFacts, [
    { domain: "zhangwei.com.cn", holderName: "张伟", expiresOn: "2028-06-30", realNameVerified: true, realNameVerifiedOn: "2024-05-20" },
  ]);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// Going back to a domain the host already answered for must not lose the answer: the MIIT
// check then silently stops running for it, and the filing is sent without its facts.
test("lookupDomain: a domain entered again after another keeps its registrar check", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const posts = [];
  page.on("request", (req) => req.method() === "POST" && req.url().endsWith("/api/filings") && posts.push(req));
  const w = await mountInHarness(page, { endpoint: "/api/filings", storage: "none", today: TODAY, filing: filingWithoutDomain() }, "facts");
  await openSection(w, "网站 / APP信息");
  const domain = field(page, "域名 1");
  const holderError = page.locator(".icpf-error-message", { hasText: HOLDER_MISMATCH });

  await typeInto(domain, "zhangwei-notes.cn", { delay: KEY_DELAY });
  await holderError.waitFor();
  await typeInto(domain, "zhangwei-photos.cn", { delay: KEY_DELAY });
  await page.locator(".icpf-error-message", { hasText: REAL_NAME_MISSING }).waitFor();
  // A typo corrected: back to the first domain.
  await typeInto(domain, "zhangwei-notes.cn", { delay: KEY_DELAY });
  await page.waitForTimeout(1500);
  if ((await holderError.count()) === 0) await snap(page, "rules-lookup-domain-reentered");

  // Everything the filer and the host would see, compared at once so a failure shows it all.
  const seen = {
    inline: await inlineIssues(page, "域名 1"),
    factsFor: (await page.evaluate(() => window.handles.w.getFiling().domainFacts ?? [])).map((f) => f.domain),
    submit: await page.evaluate(() => window.handles.w.submit().then(() => "sent", (e) => e.code)),
  };
  const lookups = await page.evaluate(() => window.lookups);
  assert.deepEqual(
    seen,
    { inline: { error: ["domain.holder_mismatch"], warning: [] }, factsFor: ["zhangwei-notes.cn"], submit: "invalid" },
    `lookups: ${lookups.join(", ")}`,
  );
  assert.equal(posts.length, 0);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("lookupDomain: an answer that never comes, a throw or a rejection leaves the filing submittable", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  for (const registrar of ["never", "throws", "rejects", "null"]) {
    const w = await mountInHarness(page, { endpoint: "/api/filings", storage: "none", today: TODAY, filing: filingWithoutDomain() }, registrar);
    await openSection(w, "网站 / APP信息");
    await typeInto(field(page, "域名 1"), "zhangwei-notes.cn", { delay: KEY_DELAY });
    await page.waitForFunction(() => window.lookups.length > 0);
    await page.waitForTimeout(300);
    assert.deepEqual(await page.evaluate(() => window.lookups), ["zhangwei-notes.cn"], registrar);
    assert.deepEqual(await inlineIssues(page, "域名 1"), { error: [], warning: [] }, registrar);
    await saveAndContinue(w);
    assert.equal(await w.section(), "review", registrar);
    const started = Date.now();
    const id = await w.submitAndWaitForReceipt();
    assert.ok(Date.now() - started < 5000, `${registrar}: the submission does not wait for the lookup`);
    const f = storedBody(id);
    assert.deepEqual(f.websites[0].domains, ["zhangwei-notes.cn"], registrar);
    assert.equal(f.domainFacts, undefined, `${registrar}: no facts are invented`);
    await page.evaluate(() => window.handles.w.destroy());
  }

  // An answer that arrives after destroy() is dropped quietly.
  const w = await mountInHarness(page, { endpoint: "/api/filings", storage: "none", today: TODAY, filing: filingWithoutDomain() }, "late");
  await openSection(w, "网站 / APP信息");
  await typeInto(field(page, "域名 1"), "zhangwei-notes.cn");
  await page.waitForFunction(() => window.lookups.length === 1);
  await page.evaluate(() => window.handles.w.destroy());
  await page.waitForTimeout(1000);
  assert.equal(await page.locator("#a").innerHTML(), "");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

// A console that sets the filing and submits it at once, or a filer who sends within moments
// of typing a domain: the registrar is asked then, and the filing waits for its answer.
test("lookupDomain: a filing submitted right after its domain was set waits for the registrar's answer", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const posts = [];
  page.on("request", (req) => req.method() === "POST" && req.url().endsWith("/api/filings") && posts.push(req));
  await mountInHarness(page, { endpoint: "/api/filings", storage: "none", today: TODAY, filing: filingWithoutDomain() }, "facts");
  const setAndSubmit = (domain) =>
    page.evaluate((domain) => {
      const handle = window.handles.w;
      const filing = handle.getFiling();
      filing.websites[0].domains = [domain];
      filing.websites[0].homepage = `https://www.${domain}/`;
      handle.setFiling(filing);
      const problems = (e) => [e.code, ...e.report.issues.map((i) => i.code)];
      return handle.submit().then((receipt) => receipt.id, problems);
    }, domain);

  // Held by 李四: the answer makes it an error, and nothing is sent.
  assert.deepEqual(await setAndSubmit("zhangwei-notes.cn"), ["invalid", "domain.holder_mismatch"]);
  assert.equal(posts.length, 0);
  assert.ok((await page.evaluate(() => window.lookups)).includes("zhangwei-notes.cn"));

  // The filer's own domain: sent with the registrar's facts.
  const id = await setAndSubmit("zhangwei.com.cn");
  assert.equal(posts.length, 1);
  assert.deepEqual(storedBody(id).domainFacts, [
    { domain: "zhangwei.com.cn", holderName: "张伟", expiresOn: "2028-06-30", realNameVerified: true, realNameVerifiedOn: "2024-05-20" },
  ]);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("lookupDomain: while a submission waits for the registrar, the button and the status region say it is being sent", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const posts = [];
  page.on("request", (req) => req.method() === "POST" && req.url().endsWith("/api/filings") && posts.push(req));
  const filing = loadFixture("individual-beijing");
  // The registrar never answers: the submission waits its 2 s, then goes without the facts.
  const w = await mountInHarness(page, { endpoint: "/api/filings", storage: "none", today: TODAY, filing }, "never");
  await openSection(w, "核对信息");
  const button = page.getByRole("button", { name: "提交备案" });
  await button.click();
  const sending = page.getByRole("button", { name: "正在提交…" });
  assert.equal(await sending.getAttribute("aria-disabled"), "true");
  assert.equal(await page.locator(".icpf-main [role=status]").textContent(), "正在提交…");
  assert.equal(posts.length, 0);
  // A second press while waiting (Enter on the focused button) sends nothing more.
  await page.keyboard.press("Enter");
  await page.getByRole("heading", { name: "备案信息已提交" }).waitFor({ timeout: 10_000 });
  assert.equal(posts.length, 1);
  assert.deepEqual(await page.evaluate(() => window.lookups), ["zhangwei-notes.cn"]);
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("the check page's summary lists what stops the filing before what it asks to confirm", async () => {
  const { context, page, consoleErrors } = await openTestPage(browser, receiver.url);
  const w = await mountInHarness(page, { endpoint: "/api/filings", storage: "none", today: TODAY, filing: loadFixture("enterprise-problems") });
  await openSection(w, "核对信息");
  await page.getByRole("button", { name: "提交备案" }).click();
  await w.summary.waitFor();
  const items = await w.summary.locator("li").evaluateAll((els) =>
    els.map((li) => [li.textContent, li.classList.contains("icpf-summary-warning")]),
  );
  const firstWarning = items.findIndex(([text]) => text.startsWith("请确认："));
  assert.ok(firstWarning > 0, items.join("\n"));
  // Errors, then warnings, and each warning marked as one for its look.
  assert.ok(items.slice(0, firstWarning).every(([text, warning]) => !text.startsWith("请确认：") && !warning), items.join("\n"));
  assert.ok(items.slice(firstWarning).every(([text, warning]) => text.startsWith("请确认：") && warning), items.join("\n"));
  // The two looks differ.
  const colours = await w.summary.locator("li a").evaluateAll((as) => [...new Set(as.map((a) => getComputedStyle(a).color))]);
  assert.equal(colours.length, 2, colours.join());
  assert.deepEqual(consoleErrors, []);
  await context.close();
});
