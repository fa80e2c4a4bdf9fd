// End to end: two complete filings entered section by section in the demo console, checked
// on the check page, submitted to the reference receiver and read back from its SQLite file.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { launchBrowser, openConsole, queryDb, startReceiver } from "./helpers.mjs";
import { enterprise, individual } from "./flows.mjs";

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

const countFilings = () => queryDb(receiver.dataDir, "SELECT COUNT(*) AS n FROM filings")[0].n;

/** The stored row of filing `id`, its body parsed. */
function storedFiling(id) {
  const rows = queryDb(
    receiver.dataDir,
    `SELECT id, subject_name, certificate_number, body FROM filings WHERE id = '${id.replace(/'/g, "")}'`,
  );
  assert.equal(rows.length, 1, `one row for ${id}`);
  return { ...rows[0], body: JSON.parse(rows[0].body) };
}

test(
  "an individual filing in Beijing is entered, corrected, confirmed, submitted and stored normalised",
  async () => {
    const { context, page, widget: w, problems, posts } = await openConsole(browser, receiver.url);
    const before = countFilings();
    assert.deepEqual(await w.statuses(), {
      basics: "notStarted",
      subject: "notStarted",
      services: "notStarted",
      review: "notStarted",
    });

    await individual.basics(w);
    await w.continue();
    assert.equal(await w.section(), "subject");
    assert.equal(await w.status("basics"), "complete");
    await w.focused("icpf1-heading");

    // A wrong check character: the summary lists it, takes focus and links to the field.
    await individual.subject(w, individual.wrongId);
    await w.continue();
    assert.equal(await w.section(), "subject", "an error keeps the filer on the page");
    assert.deepEqual(await w.summaryItems(), ["居民身份证号码校验位不正确，请对照证件逐位核对"]);
    assert.match(await w.summary.textContent(), /^这里有问题需要处理/);
    await page.waitForFunction(() => document.activeElement?.classList.contains("icpf-error-summary"), null, { timeout: 5000 });
    assert.equal(await w.status("subject"), "hasProblems");
    const number = w.$("subject.certificate.number");
    assert.equal(await number.getAttribute("aria-invalid"), "true");
    assert.equal(await number.inputValue(), "110108199003071068", "shown as it will be sent");
    await w.summary.getByRole("link").first().click();
    await w.focused("icpf1-subject-certificate-number");
    await w.type("subject.certificate.number", individual.typedId);
    assert.equal(await number.inputValue(), individual.id, "spaces gone, x upper-cased on blur");
    assert.equal(await number.getAttribute("aria-invalid"), null);
    assert.equal(await w.$("subject.principal.mobile").inputValue(), individual.mobile, "full-width digits");
    await w.continue();
    assert.equal(await w.section(), "services");
    assert.equal(await w.status("subject"), "complete");

    await individual.services(w);
    assert.equal(await w.$("websites[0].responsible.linked").isChecked(), true, "the filer is responsible");
    assert.equal(await w.$("websites[0].domains[0]").inputValue(), individual.domain);
    await w.continue();
    assert.equal(await w.section(), "review");

    // The check page lists the answers as they will be sent.
    const answers = await page.locator(".icpf-answers").allInnerTexts();
    const text = answers.join("\n");
    for (const shown of ["首次备案", "北京市", "张伟", individual.id, individual.mobile, individual.domain]) {
      assert.ok(text.includes(shown), `check page shows ${shown}`);
    }
    // The ID card expires within 3 months: a warning for the filer, principal and
    // responsible person, listed once on the check page; one confirmation covers all three.
    await w.submitButton.click();
    await w.summary.waitFor();
    assert.ok((await w.summaryItems()).every((m) => m.startsWith("请确认：证件将于2027-02-10到期")));
    assert.equal(posts.length, 0, "nothing is sent before the warnings are confirmed");
    assert.deepEqual(await w.confirmWarnings(), ["certificate.expiring_soon"]);

    // The completion dates the check page estimates before submitting.
    const estimated = await page.locator(".icpf-estimate-result strong").allTextContents();
    assert.equal(estimated.length, 2);

    const id = await w.submitAndWaitForReceipt();
    assert.match(id, /^icpf_[0-9a-f]{24}$/);
    const receipt = await page.locator(".icpf-receipt").textContent();
    assert.match(receipt, /^备案信息已提交/);
    // The receiver stamps its own (real) time, days after the page's fixed clock: the
    // receipt's dates count from then, and it says what the check page had said.
    const moved = receipt.match(/提交前显示的预计完成时间是([^；]*)；现按实际提交时间重新计算/);
    assert.ok(moved, receipt);
    for (const day of estimated) assert.ok(moved[1].includes(day), `${day} in ${moved[1]}`);
    const completion = receipt.match(/预计完成：([^提]*)/)[1];
    assert.notEqual(completion.trim(), moved[1].trim());
    await w.focused("icpf1-heading");
    assert.equal(posts.length, 1);
    // The stored draft is now the accepted filing: a reload reopens this receipt.
    const kept = JSON.parse(await page.evaluate(() => localStorage.getItem("icp-filing:draft")));
    assert.equal(kept.submitted.id, id, "the draft follows the accepted filing");
    assert.equal(kept.pending, undefined, "no key waits for an answer");
    assert.equal(kept.filing.subject.name, "张伟");

    assert.equal(countFilings(), before + 1);
    const row = storedFiling(id);
    assert.equal(row.subject_name, "张伟");
    assert.equal(row.certificate_number, individual.id);
    const f = row.body;
    assert.equal(f.filingType, "first");
    assert.equal(f.province, "110000");
    assert.equal(f.subject.kind, "individual");
    assert.deepEqual(f.subject.certificate, { type: "residentId", number: individual.id, validUntil: "2027-02-10" });
    assert.deepEqual(f.subject.address, {
      province: "110000",
      city: "110100",
      district: "110108",
      detail: "中关村大街27号院3号楼1单元502",
    });
    assert.equal(f.subject.principal.name, "张伟");
    assert.equal(f.subject.principal.certificate.number, individual.id);
    assert.equal(f.subject.principal.mobile, individual.mobile);
    assert.equal(f.subject.principal.emergencyPhone, "13811113333");
    assert.equal(f.websites.length, 1);
    const site = f.websites[0];
    assert.deepEqual(site.domains, [individual.domain]);
    assert.deepEqual(site.serviceContent, ["blog"]);
    assert.deepEqual(site.languages, ["simplifiedChinese"]);
    assert.deepEqual(site.responsible, f.subject.principal, "the responsible person is the filer");
    assert.deepEqual(f.apps, []);
    assert.deepEqual(f.acknowledgedWarnings.sort(), [
      "certificate.expiring_soon@subject.certificate.validUntil",
      "certificate.expiring_soon@subject.principal.certificate.validUntil",
      "certificate.expiring_soon@websites[0].responsible.certificate.validUntil",
    ]);

    const res = await fetch(`${receiver.url}/api/filings/${id}`);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).filing.subject.certificate.number, individual.id);
    assert.deepEqual(problems, []);
    await context.close();
  },
);

test(
  "an enterprise filing in Guangdong with two websites goes through in English and is stored normalised",
  async () => {
    const { context, page, widget: w, problems, posts } = await openConsole(browser, receiver.url, {
      locale: "en",
    });
    const before = countFilings();
    assert.equal(await page.evaluate(() => document.documentElement.lang), "en");
    assert.equal((await w.submitButton.textContent()).trim(), "Save and continue");

    await enterprise.basics(w);
    await w.continue();
    assert.equal(await w.section(), "subject");

    // An e-mail address without a top-level domain.
    await enterprise.subject(w, "lina@tencent-example");
    assert.equal(await w.$("subject.certificate.number").inputValue(), enterprise.uscc);
    assert.equal(await w.$("subject.certificate.type").inputValue(), "uscc");
    await w.continue();
    assert.equal(await w.section(), "subject");
    // The summary says whose e-mail it is; the field's own message needs not.
    assert.deepEqual(await w.summaryItems(), ["The principal · Enter an e-mail address like name@example.com"]);
    assert.match(await w.summary.textContent(), /^There is a problem/);
    await w.summary.getByRole("link").first().click();
    await w.focused("icpf1-subject-principal-email");
    const inline = page.locator("#icpf1-subject-principal-email-issues");
    assert.equal(await inline.textContent(), "Error: Enter an e-mail address like name@example.com");
    await w.type("subject.principal.email", "lina@tencent-example.com");
    assert.equal(await inline.count(), 0, "the inline error goes once the value is right");
    await w.continue();
    assert.equal(await w.section(), "services");

    await enterprise.services(w);
    await w.continue();
    assert.equal(await w.section(), "review");
    assert.deepEqual(await w.statuses(), {
      basics: "complete",
      subject: "complete",
      services: "complete",
      review: "inProgress",
    });
    const text = (await page.locator(".icpf-answers").allInnerTexts()).join("\n");
    for (const shown of ["Guangdong", enterprise.uscc, "tencent-example.com", "tencent-docs-example.cn", "王强", "陈静"]) {
      assert.ok(text.includes(shown), `check page shows ${shown}`);
    }

    // The principal's ID card expires within 3 months.
    await w.submitButton.click();
    await w.summary.waitFor();
    assert.deepEqual(await w.summaryItems(), [
      "Confirm: The principal · The certificate expires on 2027-01-20, less than 3 months from now; the review may fail",
    ]);
    assert.equal(await w.status("review"), "hasProblems");
    assert.deepEqual(await w.confirmWarnings(), ["certificate.expiring_soon"]);
    const id = await w.submitAndWaitForReceipt();
    assert.match(await page.locator(".icpf-receipt").textContent(), /^Filing submitted/);
    assert.equal(posts.length, 1);
    assert.equal(posts[0].headers()["accept-language"], "en");

    assert.equal(countFilings(), before + 1);
    const row = storedFiling(id);
    assert.equal(row.subject_name, "深圳市腾讯计算机系统有限公司");
    assert.equal(row.certificate_number, enterprise.uscc);
    const f = row.body;
    assert.equal(f.province, "440000");
    assert.equal(f.subject.kind, "enterprise");
    assert.deepEqual(f.subject.certificate, { type: "uscc", number: enterprise.uscc, validUntil: "longTerm" });
    assert.equal(f.subject.principalIsLegalRepresentative, true);
    assert.deepEqual(f.subject.address, { province: "440000", city: "440300", district: "440305", detail: "科技中一路腾讯大厦35层" });
    assert.deepEqual(f.subject.principal, {
      name: "李娜",
      certificate: { type: "residentId", number: enterprise.principalId, validUntil: "2027-01-20" },
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
      f.websites.map((s) => [s.responsible.name, s.responsible.certificate.number, s.responsible.mobile, s.responsible.officePhone]),
      [
        ["王强", "440304199208180034", "13700003333", "0755-86013399"],
        ["陈静", "440106198801010041", "13500005555", "020-83331234"],
      ],
    );
    assert.deepEqual(f.acknowledgedWarnings, ["certificate.expiring_soon@subject.principal.certificate.validUntil"]);
    assert.deepEqual(problems, []);
    await context.close();
  },
);

/** Summary links whose target is not on the page: `[href, message]`. */
async function unreachableSummaryLinks(page) {
  return page.locator(".icpf-error-summary a").evaluateAll((links) =>
    links
      .filter((a) => !document.getElementById(a.getAttribute("href").slice(1)))
      .map((a) => [a.getAttribute("href"), a.textContent]),
  );
}

test("a website added through the UI starts with languages the filer can see and change", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url);
  await page.locator("button[data-section=services]").click();
  await page.getByRole("button", { name: "添加网站" }).click();
  await w.continue();
  const languages = page.locator(".icpf-field", { has: w.$("websites[0].languages") });
  assert.deepEqual(await languages.locator(".icpf-error-message").allTextContents(), [], "no language error");
  assert.deepEqual(await unreachableSummaryLinks(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("every error on a unit's website card links to a field the filer can fill in", async () => {
  const { context, page, widget: w, problems } = await openConsole(browser, receiver.url);
  await page.locator("button[data-section=subject]").click();
  await w.choose("subject.kind", "企业");
  await page.locator("button[data-section=services]").click();
  await page.getByRole("button", { name: "添加网站" }).click();
  await w.$("websites[0].responsible.linked").uncheck();
  await w.continue();
  const items = await w.summaryItems();
  assert.ok(items.length > 0);
  // Each says whose or which website it is about, as the check page does.
  for (const item of items) assert.match(item, /^网站 1( 负责人)? · /, item);
  assert.deepEqual(await unreachableSummaryLinks(page), []);
  assert.deepEqual(problems, []);
  await context.close();
});

test("the receiver rejects an invalid body with 422 and stores nothing", async () => {
  const before = countFilings();
  const body = JSON.parse(readFileSync(new URL("../tests/fixtures/individual-beijing.json", import.meta.url), "utf8"));
  const wrong = "110108199003071230";
  body.subject.certificate.number = wrong;
  body.subject.principal.certificate.number = wrong;
  body.websites[0].responsible.certificate.number = wrong;
  const res = await fetch(`${receiver.url}/api/filings`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": "en" },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 422);
  const report = await res.json();
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.issues.map((i) => [i.path, i.code]),
    [
      ["subject.certificate.number", "id.checksum"],
      ["subject.principal.certificate.number", "id.checksum"],
      ["websites[0].responsible.certificate.number", "id.checksum"],
    ],
  );
  assert.match(report.issues[0].message, /check character/);
  assert.equal(countFilings(), before);
});
