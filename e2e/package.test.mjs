// The npm package as integrators get it: `npm pack` of the built package, installed into fresh
// apps: a React 19 console (StrictMode, the package's React wrapper) and a Vue 3 console (the
// custom element) built with Vite, a plain console built with webpack 5, a Node 20 script, and
// the TypeScript declarations checked with and without the DOM library. Each console is served
// by the receiver and driven in Chromium by visible labels, through to a stored filing.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { launchBrowser, loadFixture, queryDb, SITE_DIR, snap, startReceiver } from "./helpers.mjs";

const REPO = resolve(new URL("..", import.meta.url).pathname);
// Inside the repository, so the apps resolve react, vue, vite and webpack from its node_modules.
const WORK = join(REPO, "target", "package-apps");
const FILING = loadFixture("individual-beijing");

let browser;
let tarball;
let packed;

/** A fresh app folder from e2e/apps/<name> with the packed package installed into it. */
function app(name) {
  const dir = join(WORK, name);
  rmSync(dir, { recursive: true, force: true });
  cpSync(join(REPO, "e2e/apps", name), dir, { recursive: true });
  const pkg = join(dir, "node_modules/@icp-filing/widget");
  mkdirSync(pkg, { recursive: true });
  execFileSync("tar", ["-xzf", tarball, "-C", pkg, "--strip-components=1"]);
  return dir;
}

before(async () => {
  rmSync(WORK, { recursive: true, force: true });
  mkdirSync(WORK, { recursive: true });
  const out = execFileSync("npm", ["pack", resolve(SITE_DIR, "pkg"), "--pack-destination", WORK, "--json"], {
    encoding: "utf8",
    cwd: WORK,
  });
  [packed] = JSON.parse(out);
  tarball = join(WORK, packed.filename);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

test("npm pack: the package holds its entries, types, wasm, styles and data, and nothing else", () => {
  const files = packed.files.map((f) => f.path).sort();
  console.log(`  ${packed.filename}: ${packed.size} bytes packed, ${packed.unpackedSize} unpacked`);
  for (const f of packed.files) console.log(`    ${f.path} ${f.size}`);
  for (const required of [
    "package.json",
    "index.js",
    "index.d.ts",
    "node.js",
    "node.d.ts",
    "react.js",
    "react.d.ts",
    "icp-filing-types.d.ts",
    "icp_filing.js",
    "icp_filing_bg.wasm",
    "icp-filing.css",
    "icp-filing-regions.json",
    "icp-filing-frame.js",
  ]) {
    assert.ok(files.includes(required), `${required} is in the package`);
  }
  assert.ok(files.some((f) => f.startsWith("snippets/")), "the glue's snippets are in the package");
  assert.ok(!files.some((f) => /\.(br|gz)$/.test(f)), "no precompressed copies in the package");
});

test("Node 20: the ./node entry validates and estimates on import", () => {
  const dir = app("node");
  const fixture = join(dir, "filing.json");
  writeFileSync(fixture, JSON.stringify(FILING));
  const out = JSON.parse(execFileSync(process.execPath, ["check.mjs", fixture], { cwd: dir, encoding: "utf8" }));
  assert.equal(out.ok, true);
  assert.ok(out.brokenCodes.includes("id.checksum"), out.brokenCodes.join(", "));
  assert.match(out.likelyCompletion, /^2026-12-\d\d|^2027-/);
  assert.equal(out.nationalDay, false);
  assert.match(out.rulesetVersion, /\S/);
});

test("TypeScript: the usage examples type-check against the installed package, the Node one without the DOM library", () => {
  const dir = app("types");
  writeFileSync(join(dir, "fixture.json"), JSON.stringify(FILING));
  const tsc = join(REPO, "node_modules/.bin/tsc");
  for (const project of ["tsconfig.json", "tsconfig.node.json"]) {
    try {
      execFileSync(tsc, ["--noEmit", "-p", join(dir, project)], { encoding: "utf8", stdio: "pipe" });
    } catch (e) {
      assert.fail(`tsc -p ${project}:\n${e.stdout}${e.stderr}`);
    }
  }
});

/** Files of a built app and their sizes, for the log. */
function listing(dist) {
  const out = [];
  const walk = (d) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.push(`${p.slice(dist.length + 1)} ${statSync(p).size}`);
    }
  };
  walk(dist);
  return out.sort();
}

/** Opens a console page, collecting console errors and CSP violations. */
async function open(url) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  context.setDefaultTimeout(15000);
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      console.error(`CSP violation: ${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  const page = await context.newPage();
  const problems = [];
  page.on("console", (msg) => {
    if (msg.type() === "error" || msg.type() === "warning") problems.push(`${msg.type()}: ${msg.text()}`);
  });
  page.on("pageerror", (err) => problems.push(`pageerror: ${err}`));
  page.on("requestfailed", (req) => problems.push(`request failed: ${req.url()}`));
  page.on("response", (res) => {
    if (res.status() >= 400) problems.push(`${res.status()} ${res.url()}`);
  });
  await page.goto(url);
  return { context, page, problems };
}

/**
 * The filer's path on any console: the widget is styled, the address selects are filled from
 * the region data the bundle emitted, a typed name survives the console's re-renders, and the
 * check page's submission reaches the receiver.
 */
async function fileThrough(page, receiver, { name, rerenders = true }) {
  const tasks = page.getByRole("navigation", { name: "备案步骤" });
  await tasks.waitFor();
  assert.equal(await page.locator(".icpf-root").count(), 1, "one widget, not one per StrictMode mount");
  assert.equal(await page.locator(".icpf").evaluate((el) => getComputedStyle(el).display), "block", "the stylesheet applies");
  await tasks.getByRole("button", { name: /主办者信息/ }).click();
  const province = page.getByLabel("省份", { exact: false }).first();
  // The rules' own province list fills the select while the region data loads; the data has
  // arrived when the loading note is gone and the failure note is not shown.
  await province.waitFor();
  await page.getByText("正在加载省市区数据…").waitFor({ state: "detached" });
  assert.equal(await page.getByText("省市区数据暂时无法加载", { exact: false }).count(), 0, "the region data loaded");
  assert.ok((await province.locator("option").count()) > 30);
  const field = page.getByLabel("姓名");
  await field.fill(name);
  await field.blur();
  if (rerenders) {
    // The console re-rendered on every change event since.
    await page.waitForFunction(() => Number(document.querySelector("output[aria-label=changes]").textContent) > 0);
    await page.waitForTimeout(300);
  }
  assert.equal(await field.inputValue(), name, "the console's re-renders kept what was typed");
  await tasks.getByRole("button", { name: /核对信息/ }).click();
  await page.getByRole("button", { name: "提交备案" }).click();
  await page.getByRole("heading", { name: /已提交/ }).waitFor();
  const receipt = page.locator("output[aria-label=receipt]");
  await page.waitForFunction(() => /^icpf_/.test(document.querySelector("output[aria-label=receipt]").textContent));
  const id = await receipt.textContent();
  const rows = queryDb(receiver.dataDir, `select id, subject_name from filings where id = '${id}'`);
  assert.deepEqual(rows, [{ id, subject_name: name }]);
  return id;
}

test("Vite: a React 19 console (StrictMode, the React wrapper) and a Vue 3 console (the custom element)", async () => {
  const dir = app("vite");
  const dist = join(dir, "dist");
  const { build } = await import("vite");
  await build({
    root: dir,
    logLevel: "warn",
    configFile: false,
    define: {
      __VUE_OPTIONS_API__: "false",
      __VUE_PROD_DEVTOOLS__: "false",
      __VUE_PROD_HYDRATION_MISMATCH_DETAILS__: "false",
    },
    build: {
      outDir: dist,
      target: "es2022",
      rollupOptions: { input: { react: join(dir, "index.html"), vue: join(dir, "vue.html") } },
    },
  });
  const files = listing(dist);
  console.log(`  vite dist:\n    ${files.join("\n    ")}`);
  assert.ok(files.some((f) => /\.wasm /.test(f)), "the wasm was emitted");
  assert.ok(files.some((f) => /regions.*\.json /.test(f)), "the region data was emitted");
  const receiver = await startReceiver({ site: dist });
  try {
    const filing = encodeURIComponent(JSON.stringify(FILING));
    {
      const { context, page, problems } = await open(`${receiver.url}/index.html?filing=${filing}`);
      // getHeaders given after the widget mounted is used for the submission.
      const posts = [];
      page.on("request", (req) => req.method() === "POST" && req.url().endsWith("/api/filings") && posts.push(req));
      await page.getByRole("navigation", { name: "备案步骤" }).waitFor();
      await page.getByRole("button", { name: "登录" }).click();
      const id = await fileThrough(page, receiver, { name: "李雷" });
      assert.deepEqual(posts.map((p) => p.headers()["x-csrf-token"]), ["csrf-1"]);
      await snap(page, "package-vite-react");
      // A route change away and back: unmounted and mounted again, once, on the progress of
      // the filing just sent.
      await page.getByRole("button", { name: "离开备案页" }).click();
      assert.equal(await page.locator(".icpf-root").count(), 0);
      await page.getByRole("button", { name: "回到备案页" }).click();
      await page.getByRole("heading", { name: /已提交/ }).waitFor();
      assert.equal(await page.locator(".icpf-receipt-id").textContent(), id);
      assert.equal(await page.locator(".icpf-root").count(), 1);
      const primary = () =>
        page.locator(".icpf").evaluate((el) => getComputedStyle(el).getPropertyValue("--icp-color-primary").trim());
      assert.equal(await primary(), "#ff6a00");
      // The colour taken out of the options goes back to the widget's own.
      await page.getByRole("button", { name: "切换配色" }).click();
      await page.waitForFunction(
        () => getComputedStyle(document.querySelector(".icpf")).getPropertyValue("--icp-color-primary").trim() === "",
      );
      assert.equal(
        await page.locator(".icpf").evaluate((el) => getComputedStyle(el).getPropertyValue("--icpf-color-primary").trim()),
        "#1664ff",
      );
      assert.deepEqual(problems, []);
      await context.close();
    }
    {
      const { context, page, problems } = await open(`${receiver.url}/vue.html?filing=${filing}`);
      await fileThrough(page, receiver, { name: "韩梅梅" });
      await snap(page, "package-vite-vue");
      assert.deepEqual(problems, []);
      await context.close();
    }
  } finally {
    await receiver.stop();
  }
});

test("webpack 5: a console bundled without loaders", async () => {
  const dir = app("webpack");
  const dist = join(dir, "dist");
  const { default: webpack } = await import("webpack");
  const stats = await new Promise((resolvePromise, reject) => {
    webpack(
      {
        mode: "production",
        context: dir,
        entry: "./main.js",
        output: { path: dist, filename: "main.js", publicPath: "auto", clean: true },
        performance: { hints: false },
      },
      (err, result) => (err ? reject(err) : resolvePromise(result)),
    );
  });
  const info = stats.toJson({ all: false, errors: true, warnings: true });
  assert.deepEqual(info.errors, [], JSON.stringify(info.errors));
  cpSync(join(dir, "index.html"), join(dist, "index.html"));
  const files = listing(dist);
  console.log(`  webpack dist:\n    ${files.join("\n    ")}`);
  assert.ok(files.some((f) => /\.wasm /.test(f)), "the wasm was emitted");
  assert.ok(existsSync(join(dist, "main.js")));
  const receiver = await startReceiver({ site: dist });
  try {
    const filing = encodeURIComponent(JSON.stringify(FILING));
    const { context, page, problems } = await open(`${receiver.url}/index.html?filing=${filing}`);
    await fileThrough(page, receiver, { name: "王芳", rerenders: false });
    await snap(page, "package-webpack");
    assert.deepEqual(problems, []);
    await context.close();
  } finally {
    await receiver.stop();
  }
});
