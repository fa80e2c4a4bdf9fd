// End to end: the demo console, the widget and the reference receiver together.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ARTIFACTS, launchBrowser, openConsole, queryDb, startReceiver } from "./helpers.mjs";

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

test("a valid individual filing is submitted, receipted and stored exactly once", async () => {
  const { context, page, consoleErrors } = await openConsole(browser, receiver.url);
  const before = countFilings();
  await page.getByRole("radio", { name: "个人" }).check();
  await page.getByLabel("姓名").fill("张三");
  const number = page.getByLabel("证件号码");
  await number.fill("110105 19491231 002x");
  await number.blur();
  await page.getByLabel("证件有效期至").fill("2035-06-30");
  assert.equal(await number.inputValue(), "11010519491231002X", "number shown normalised after blur");
  assert.equal(await page.getByLabel("证件类型").inputValue(), "residentId");
  await page.screenshot({ path: `${ARTIFACTS}filled-form.png`, fullPage: true });

  await page.getByRole("button", { name: "提交备案" }).click();
  const receiptId = page.locator(".icpf-receipt-id");
  await receiptId.waitFor();
  const id = (await receiptId.textContent()).trim();
  assert.match(id, /^icpf_[0-9a-f]{24}$/);
  await page.screenshot({ path: `${ARTIFACTS}receipt.png`, fullPage: true });

  assert.equal(countFilings(), before + 1);
  const rows = queryDb(receiver.dataDir, `SELECT subject_name, certificate_number, body FROM filings WHERE id = '${id}'`);
  assert.equal(rows.length, 1);
  assert.equal(rows[0].subject_name, "张三");
  assert.equal(rows[0].certificate_number, "11010519491231002X");
  const stored = JSON.parse(rows[0].body);
  assert.equal(stored.subject.kind, "individual");
  assert.equal(stored.subject.certificate.type, "residentId");
  assert.equal(stored.subject.certificate.validUntil, "2035-06-30");
  // The filer is the principal and the website's responsible person (§7).
  assert.equal(stored.subject.principal.name, "张三");
  assert.equal(stored.websites[0].responsible.certificate.number, "11010519491231002X");
  assert.equal(stored.websites[0].domains[0], "reading-notes-demo.cn");

  const res = await fetch(`${receiver.url}/api/filings/${id}`);
  assert.equal(res.status, 200);
  assert.equal((await res.json()).filing.subject.name, "张三");
  assert.deepEqual(consoleErrors, []);
  await context.close();
});

test("an invalid filing shows the error summary, focuses it and sends nothing", async () => {
  const { context, page, posts } = await openConsole(browser, receiver.url);
  const before = countFilings();
  await page.getByRole("radio", { name: "企业" }).check();
  await page.getByLabel("主办单位名称").fill("示例网络科技有限公司");
  await page.getByLabel("证件号码").fill("91350100M000100Y4");
  await page.getByRole("button", { name: "提交备案" }).click();

  const summary = page.locator(".icpf-error-summary");
  await summary.waitFor();
  assert.match(await summary.textContent(), /这里有问题需要处理/);
  assert.match(await summary.textContent(), /统一社会信用代码应为18位，当前为17位/);
  assert.equal(await page.evaluate(() => document.activeElement?.classList.contains("icpf-error-summary")), true);
  const input = page.getByLabel("证件号码");
  assert.equal(await input.getAttribute("aria-invalid"), "true");

  // The summary link moves focus to the field.
  await summary.getByRole("link").first().click();
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute("aria-invalid")), "true");
  await page.screenshot({ path: `${ARTIFACTS}error-summary.png`, fullPage: true });

  assert.equal(posts.length, 0, "no POST for an invalid filing");
  assert.equal(countFilings(), before);
  await context.close();
});

test("the receiver rejects an invalid body with 422 and stores nothing", async () => {
  const before = countFilings();
  const body = JSON.parse(readFileSync(new URL("../www/demo-seed.json", import.meta.url), "utf8"));
  const person = { name: "李四", certificate: { type: "residentId", number: "110105194912310021", validUntil: "longTerm" } };
  body.subject = { ...body.subject, ...person };
  Object.assign(body.subject.principal, person);
  Object.assign(body.websites[0].responsible, person);
  const res = await fetch(`${receiver.url}/api/filings`, {
    method: "POST",
    headers: { "content-type": "application/json", "accept-language": "en" },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 422);
  const report = await res.json();
  assert.equal(report.ok, false);
  assert.deepEqual(report.issues.map((i) => [i.path, i.code]), [
    ["subject.certificate.number", "id.checksum"],
    ["subject.principal.certificate.number", "id.checksum"],
    ["websites[0].responsible.certificate.number", "id.checksum"],
  ]);
  assert.match(report.issues[0].message, /check character/);
  assert.equal(countFilings(), before);
});

test("a credit-code warning blocks until the filer confirms it, then the filing goes through", async () => {
  const { context, page } = await openConsole(browser, receiver.url);
  await page.getByRole("radio", { name: "企业" }).check();
  await page.getByLabel("主办单位名称").fill("厦门示例贸易有限公司");
  const number = page.getByLabel("证件号码");
  await number.fill("91350203M0001QAY9B");
  await number.blur();
  const warning = page.locator(".icpf-warning-message").first();
  await warning.waitFor();
  assert.match(await warning.textContent(), /校验位不符/);
  assert.equal(await number.getAttribute("aria-invalid"), null, "a warning is not an error");

  await page.getByLabel("长期有效").check();
  await page.getByRole("button", { name: "提交备案" }).click();
  await page.locator(".icpf-error-summary").waitFor();
  // Two warnings on the code: the check character, and a Fujian code filed in Beijing.
  const confirmations = page.getByLabel("我已核对，信息无误");
  assert.equal(await confirmations.count(), 2);
  for (const box of await confirmations.all()) await box.check();
  await page.getByRole("button", { name: "提交备案" }).click();
  const id = (await page.locator(".icpf-receipt-id").textContent()).trim();
  const rows = queryDb(receiver.dataDir, `SELECT body FROM filings WHERE id = '${id}'`);
  assert.deepEqual(JSON.parse(rows[0].body).acknowledgedWarnings.sort(), [
    "subject.certificate_province_mismatch@subject.certificate.number",
    "uscc.checksum@subject.certificate.number",
  ]);
  await context.close();
});

test("what the filer typed survives a reload", async () => {
  const { context, page } = await openConsole(browser, receiver.url);
  await page.getByRole("radio", { name: "个人" }).check();
  await page.getByLabel("姓名").fill("王五");
  await page.getByLabel("证件号码").fill("4401");
  await page.reload();
  await page.getByLabel("姓名").waitFor();
  assert.equal(await page.getByLabel("姓名").inputValue(), "王五");
  assert.equal(await page.getByLabel("证件号码").inputValue(), "4401");
  assert.equal(await page.getByRole("radio", { name: "个人" }).isChecked(), true);
  await context.close();
});

test("the English locale renders English labels and messages", async () => {
  const { context, page } = await openConsole(browser, receiver.url);
  await page.getByRole("button", { name: "English" }).click();
  await page.getByRole("radio", { name: "Individual" }).check();
  const number = page.getByLabel("Certificate number");
  await number.fill("11010519491331002X");
  await number.blur();
  const error = page.locator(".icpf-error-message");
  await error.waitFor();
  assert.match(await error.textContent(), /^Error: The birth date in the resident ID number \(1949-13-31\) is not valid/);
  await context.close();
});
