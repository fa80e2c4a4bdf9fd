// Shared set-up for the end-to-end tests: a real receiver process on loopback with its own
// data directory, Debian's Chromium driven by playwright-core, and a small driver for the
// widget's controls (ids derived from report paths, like the widget derives them).
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const ARTIFACTS = new URL("../test-artifacts/", import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

/** The browser clock of every test: the rules' "today" (Beijing time). */
export const NOW = new Date("2026-11-28T10:00:00+08:00");

const TARGET = process.env.CARGO_TARGET_DIR ?? "target";

/** The built site (`./dev.sh build`): ICP_SITE_DIR or <target>/site. */
export const SITE_DIR = process.env.ICP_SITE_DIR ?? `${TARGET}/site`;

/** The native CLI (`cargo build --bin icp-precheck`): ICP_PRECHECK_BIN or <target>/debug. */
export const PRECHECK = process.env.ICP_PRECHECK_BIN ?? `${TARGET}/debug/icp-precheck`;

const tempDirs = [];
process.on("exit", () => {
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
});

/** A new directory under the system's temporary folder, removed when the test process exits. */
export function tempDir(prefix) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

/**
 * A copy of the built site with the test pages of `e2e/pages/` under `/test/`; resolves to
 * its path (for `startReceiver({ site })`).
 */
export function siteWithTestPages() {
  const dir = tempDir("icp-e2e-site-");
  cpSync(SITE_DIR, dir, { recursive: true });
  cpSync(new URL("./pages/", import.meta.url).pathname, join(dir, "test"), { recursive: true });
  return dir;
}

/**
 * Starts icp-receiver on a free port; resolves to { url, dataDir, stop }. `args` are extra
 * receiver flags (e.g. `["--faults"]`); `site` replaces the served folder.
 */
export async function startReceiver({ args = [], site = SITE_DIR } = {}) {
  const bin = process.env.ICP_RECEIVER_BIN ?? `${TARGET}/debug/icp-receiver`;
  const dataDir = mkdtempSync(join(tmpdir(), "icp-e2e-"));
  const child = spawn(bin, ["--addr", "127.0.0.1:0", "--data-dir", dataDir, "--site", site, ...args], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("receiver did not start within 15 s")), 15000);
    let out = "";
    child.stdout.on("data", (chunk) => {
      out += chunk;
      const m = out.match(/listening on (http:\/\/[\d.:]+)/);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`receiver exited early with ${code}`)));
  });
  return {
    url,
    dataDir,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => {
          rmSync(dataDir, { recursive: true, force: true });
          resolve();
        });
        child.kill("SIGTERM");
      }),
  };
}

/** Rows of the receiver's SQLite database, read with the sqlite3 CLI. */
/** Replaces the queue of one-shot faults a receiver started with --faults applies to the next filing POSTs. */
export async function setFaults(url, faults) {
  const cleared = await fetch(`${url}/__faults`, { method: "DELETE" });
  if (cleared.status !== 204) throw new Error(`DELETE /__faults: ${cleared.status}`);
  const res = await fetch(`${url}/__faults`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(faults),
  });
  if (res.status !== 200) throw new Error(`POST /__faults: ${res.status} ${await res.text()}`);
}

/**
 * Posts `filing` to a receiver started with --demo and walks it through review to approval:
 * `{receipt, status}`, the status being the last one (its serviceNumbers filled).
 */
export async function postApproved(url, filing, idempotencyKey) {
  const res = await fetch(`${url}/api/filings`, {
    method: "POST",
    headers: { "content-type": "application/json", "idempotency-key": idempotencyKey },
    body: JSON.stringify(filing),
  });
  if (res.status !== 201) throw new Error(`POST /api/filings: ${res.status} ${await res.text()}`);
  const receipt = await res.json();
  let status;
  for (let i = 0; i < 10 && status?.events.at(-1).stage !== "resultSync"; i++) {
    const step = await fetch(`${url}/api/filings/${receipt.id}/advance`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    });
    status = await step.json();
  }
  return { receipt, status };
}

export function queryDb(dataDir, sql) {
  const out = execFileSync("sqlite3", ["-json", join(dataDir, "filings.sqlite3"), sql], { encoding: "utf8" });
  return out.trim() === "" ? [] : JSON.parse(out);
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--font-render-hinting=none",
      // Fixes the browser's own language (date-field segment order); pages get the context's.
      "--lang=en-US",
    ],
  });
}

/**
 * Opens the demo console in a fresh context (own storage) with the browser clock fixed at
 * {@link NOW}. Resolves to { context, page, widget, problems, posts }: `problems` collects
 * console errors, uncaught exceptions and CSP violations; `posts` the filing POSTs.
 */
export async function openConsole(browser, url, { viewport = { width: 1280, height: 900 }, locale = "zh-CN" } = {}) {
  const context = await browser.newContext({ viewport, locale });
  await context.clock.setFixedTime(NOW);
  // Reported through the console so a violation is caught like any other error.
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const problems = [];
  const posts = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") problems.push(`console: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err}`));
  page.on("request", (req) => {
    if (req.method() === "POST" && req.url().endsWith("/api/filings")) posts.push(req);
  });
  await page.goto(locale === "en" ? `${url}/?locale=en` : `${url}/`);
  const widget = new Widget(page, locale);
  await widget.ready();
  return { context, page, widget, problems, posts };
}

/** Drives one mounted widget (`icpf1` unless told otherwise) through its controls. */
export class Widget {
  constructor(page, locale = "zh-CN", prefix = "icpf1") {
    this.page = page;
    this.locale = locale;
    this.prefix = prefix;
  }

  /** The text for the widget's language. */
  t(zh, en) {
    return this.locale === "en" ? en : zh;
  }

  /** The element id of the control for a report path (as `field_id` builds it). */
  id(path) {
    return `${this.prefix}-${path.replace(/[^A-Za-z0-9]/g, "-")}`;
  }

  $(path) {
    return this.page.locator(`#${this.id(path)}`);
  }

  async ready() {
    await this.page.locator(".icpf-main .icpf-heading").waitFor();
  }

  get form() {
    return this.page.locator("form.icpf-main");
  }

  get submitButton() {
    return this.form.locator(".icpf-actions button[type=submit]");
  }

  get summary() {
    return this.page.locator(".icpf-error-summary");
  }

  get heading() {
    return this.page.locator(".icpf-main > .icpf-heading");
  }

  /** The slug of the section on screen. */
  async section() {
    return this.page.locator(".icpf-task-button[aria-current=step]").getAttribute("data-section");
  }

  /** The status slug of a section's task-list tag (`complete`, `hasProblems`, …). */
  async status(slug) {
    const cls = await this.page.locator(`button[data-section=${slug}] .icpf-tag`).getAttribute("class");
    return cls.match(/icpf-tag-(\w+)/)[1];
  }

  async statuses() {
    const out = {};
    for (const s of ["basics", "subject", "services", "review"]) out[s] = await this.status(s);
    return out;
  }

  /** Types into the field at `path` like a person: click, select what is there, type. */
  async type(path, text) {
    const input = this.$(path);
    await input.click();
    await input.press("ControlOrMeta+a");
    await input.pressSequentially(text);
    await input.blur();
  }

  /** Chooses the option with the visible text `label` in the select at `path`. */
  async choose(path, label) {
    await this.$(path).selectOption({ label });
  }

  /** Waits until the select at `path` is enabled and offers `label` (in English a region
   * reads `Guangdong 广东省`: the Chinese name is enough), then chooses it. */
  async chooseWhenReady(path, label) {
    const select = this.$(path);
    const option = select.locator("option", { hasText: label }).first();
    await option.waitFor({ state: "attached" });
    await this.page.waitForFunction((id) => !document.getElementById(id)?.disabled, this.id(path));
    await select.selectOption(await option.getAttribute("value"));
  }

  /** Clicks the radio or checkbox labelled `label` inside the group of `path`. */
  async pick(path, label) {
    const group = this.page.locator(".icpf-field", { has: this.$(path) });
    await group.getByLabel(label, { exact: true }).check();
  }

  /** "Save and continue" and waits for the next section (or the error summary). */
  async continue() {
    const before = await this.section();
    await this.submitButton.click();
    await this.page.waitForFunction(
      (before) =>
        document.querySelector(".icpf-task-button[aria-current=step]")?.dataset.section !== before ||
        document.querySelector(".icpf-error-summary") !== null,
      before,
    );
  }

  /** Waits until the element with `id` has focus (focus moves after the next render). */
  async focused(id) {
    await this.page.waitForFunction((id) => document.activeElement?.id === id, id, { timeout: 5000 });
    return id;
  }

  /** The error summary's messages. */
  async summaryItems() {
    return this.summary.locator("li").allTextContents();
  }

  /** Ticks every unconfirmed warning on the check page; resolves to their codes. */
  async confirmWarnings() {
    const items = this.page.locator(".icpf-warning-list .icpf-warning-message");
    const codes = [];
    for (const item of await items.all()) {
      codes.push(await item.getAttribute("data-code"));
      const box = item.getByLabel(this.t("我已核对，信息无误", "I have checked this and it is correct"));
      if (!(await box.isChecked())) await box.check();
    }
    return codes;
  }

  /** Submits on the check page and waits for the receipt; resolves to its id. */
  async submitAndWaitForReceipt() {
    await this.submitButton.click();
    const id = this.page.locator(".icpf-receipt-id");
    await id.waitFor({ timeout: 15000 });
    return (await id.textContent()).trim();
  }
}

/** Saves a full-page screenshot under test-artifacts/. */
export async function snap(page, name) {
  await page.screenshot({ path: `${ARTIFACTS}${name}.png`, fullPage: true });
}

/** A filing from tests/fixtures (e.g. "individual-beijing"). */
export function loadFixture(name) {
  return JSON.parse(readFileSync(new URL(`../tests/fixtures/${name}.json`, import.meta.url), "utf8"));
}

/**
 * A fresh context and page on the test page `e2e/pages/<name>` (served by a receiver started
 * with `site: siteWithTestPages()`), once its module has loaded. Records console errors and
 * uncaught exceptions in `consoleErrors`.
 */
export async function openTestPage(browser, url, name = "harness.html") {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const consoleErrors = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => consoleErrors.push(String(err)));
  await page.goto(`${url}/test/${name}`);
  await page.waitForFunction(() => document.documentElement.dataset.ready === "true");
  return { context, page, consoleErrors };
}
