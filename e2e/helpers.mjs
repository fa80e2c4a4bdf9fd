// Shared set-up for the end-to-end tests: a real receiver process on loopback with its own
// data directory, and Debian's Chromium driven by playwright-core.
import { spawn, execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, mkdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";

export const ARTIFACTS = new URL("../test-artifacts/", import.meta.url).pathname;
mkdirSync(ARTIFACTS, { recursive: true });

/** The built site (`./dev.sh build`): ICP_SITE_DIR or target/site. */
export const SITE_DIR = process.env.ICP_SITE_DIR ?? "target/site";

/**
 * A copy of the built site with the test pages of `e2e/pages/` under `/test/`; resolves to
 * its path (for `startReceiver({ site })`).
 */
export function siteWithTestPages() {
  const dir = mkdtempSync(join(tmpdir(), "icp-e2e-site-"));
  cpSync(SITE_DIR, dir, { recursive: true });
  cpSync(new URL("./pages/", import.meta.url).pathname, join(dir, "test"), { recursive: true });
  return dir;
}

/**
 * Starts icp-receiver on a free port; resolves to { url, dataDir, stop }. `args` are extra
 * receiver flags (e.g. `["--faults"]`); `site` replaces the served folder.
 */
export async function startReceiver({ args = [], site = SITE_DIR } = {}) {
  const bin = process.env.ICP_RECEIVER_BIN ?? "target/debug/icp-receiver";
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
    child.on("exit", (code) => reject(new Error(`receiver exited early with ${code}`)));
  });
  return {
    url,
    dataDir,
    stop: () => new Promise((resolve) => {
      child.once("exit", resolve);
      child.kill("SIGTERM");
    }),
  };
}

/** Rows of the receiver's SQLite database, read with the sqlite3 CLI. */
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
    ],
  });
}

/** A fresh page (own storage) that records console errors and filing POSTs. */
export async function openConsole(browser, url, { viewport = { width: 1280, height: 900 } } = {}) {
  const context = await browser.newContext({ viewport, locale: "zh-CN" });
  const page = await context.newPage();
  const consoleErrors = [];
  const posts = [];
  page.on("console", (msg) => {
    if (msg.type() === "error") consoleErrors.push(msg.text());
  });
  page.on("pageerror", (err) => consoleErrors.push(String(err)));
  page.on("request", (req) => {
    if (req.method() === "POST" && req.url().endsWith("/api/filings")) posts.push(req);
  });
  await page.goto(url);
  await page.getByRole("radio", { name: "个人" }).waitFor();
  return { context, page, consoleErrors, posts };
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
