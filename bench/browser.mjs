// Browser figures in headless Chromium (playwright-core, /usr/bin/chromium) over loopback HTTP:
//   * start-up: navigation start → first input/select inside the widget root rendered and
//     enabled, for the demo console, for the Yew baseline in the same console page and for
//     the Yew baseline on a bare page, loads rotating;
//   * keystroke latency: keydown → DOM updated, and keydown → the next frame after it, per
//     character typed into a text field (selector is a parameter);
//   * section change latency, when the page has section navigation buttons;
//   * memory: JS heap and wasm linear memory after mount, after 500 edits, after destroy.
// Options: --loads N, --chars N, --typing-runs N, --memory-runs N, --edits N,
// --root SELECTOR (the widget root on the demo page), --field SELECTOR (the text field typed
// into; or ICP_BENCH_FIELD), --sections SELECTOR (section navigation buttons; or
// ICP_BENCH_SECTIONS).
import { createReadStream, statSync } from "node:fs";
import { createServer } from "node:http";
import { extname, join, normalize, resolve } from "node:path";

import { chromium } from "playwright-core";

import { args, ratio, summary, writeResult } from "./lib.mjs";

const opts = args({
  loads: 12,
  chars: 240,
  typingRuns: 2,
  memoryRuns: 5,
  edits: 500,
  root: "#icp-filing-root",
  field: process.env.ICP_BENCH_FIELD ?? "#icpf1-subject-certificate-number",
  sections: process.env.ICP_BENCH_SECTIONS ?? "button[data-section]",
  baselineRoot: "#baseline-root",
  baselineField: "#baseline-name",
});
const site = resolve(process.env.ICP_SITE_DIR ?? "target/site");
const baselineSite = resolve(process.env.ICP_BASELINE_SITE_DIR ?? "target/bench/yew-baseline");
const pages = resolve(new URL("pages", import.meta.url).pathname);

const MIME = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".wasm": "application/wasm",
};

/** A static file server on a free loopback port; `mounts` maps URL prefixes to folders. */
function serve(mounts) {
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    const [prefix, dir] = mounts.find(([p]) => path.startsWith(p));
    let file = normalize(join(dir, path.slice(prefix.length)));
    if (!file.startsWith(dir)) {
      res.writeHead(403).end();
      return;
    }
    try {
      if (statSync(file).isDirectory()) file = join(file, "index.html");
      const size = statSync(file).size;
      res.writeHead(200, {
        "content-type": MIME[extname(file)] ?? "application/octet-stream",
        "content-length": size,
        "cache-control": "no-store",
      });
      createReadStream(file).pipe(res);
    } catch {
      res.writeHead(404).end();
    }
  });
  return new Promise((done) => {
    server.listen(0, "127.0.0.1", () => done({ url: `http://127.0.0.1:${server.address().port}`, close: () => server.close() }));
  });
}

const server = await serve([
  ["/baseline/", baselineSite],
  ["/bench-pages/", pages],
  ["/", site],
]);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--enable-precise-memory-info",
  ],
});

const SIDES = {
  ours: { name: "icp-filing demo console", path: "/", root: opts.root, field: opts.field },
  baseline: { name: "Yew baseline in the demo console's page", path: "/baseline/", root: opts.baselineRoot, field: opts.baselineField },
  bare: { name: "Yew baseline on a bare page", path: "/baseline/bare.html", root: opts.baselineRoot },
};

/** Marks `window.__benchInteractive` (ms since navigation start) when the first input or
 * select inside `root` is in the document, enabled and laid out. */
function interactiveProbe(root) {
  const check = () => {
    const el = document.querySelector(root)?.querySelector("input, select");
    if (el && !el.disabled && el.getClientRects().length > 0) {
      window.__benchInteractive = performance.now();
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true });
}

async function openPage(url, root) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.addInitScript(interactiveProbe, root);
  await page.goto(url, { waitUntil: "commit" });
  await page.waitForFunction(() => window.__benchInteractive !== undefined, null, { timeout: 30_000 });
  return { context, page, errors };
}

async function loadOnce(side) {
  const { context, page, errors } = await openPage(server.url + side.path, side.root);
  const t = await page.evaluate(() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return { interactive: window.__benchInteractive, domContentLoaded: nav?.domContentLoadedEventEnd ?? null };
  });
  await context.close();
  if (errors.length) throw new Error(`${side.name}: page errors: ${errors.join("; ")}`);
  return t;
}

// ---- start-up
console.log(`\nstart-up: ${opts.loads} loads per page, taking turns, each in a fresh browser context`);
const STARTUP_SIDES = ["ours", "baseline", "bare"];
for (const key of STARTUP_SIDES) await loadOnce(SIDES[key]);
const startup = { ours: [], baseline: [], bare: [] };
for (let i = 0; i < opts.loads; i++) {
  // Each page goes first, second and third equally often.
  const order = STARTUP_SIDES.map((_, k) => STARTUP_SIDES[(i + k) % STARTUP_SIDES.length]);
  for (const key of order) startup[key].push(await loadOnce(SIDES[key]));
}
const startupSide = (key, root) => ({
  page: SIDES[key].name,
  selector: `${root} input/select`,
  interactiveMs: summary(startup[key].map((t) => t.interactive)),
  domContentLoadedMs: summary(startup[key].map((t) => t.domContentLoaded)),
});
const startupResult = {
  loads: opts.loads,
  ours: startupSide("ours", opts.root),
  baseline: startupSide("baseline", opts.baselineRoot),
  bare: startupSide("bare", opts.baselineRoot),
  ratio: ratio(startup.ours.map((t) => t.interactive), startup.baseline.map((t) => t.interactive)),
  ratioBare: ratio(startup.ours.map((t) => t.interactive), startup.bare.map((t) => t.interactive)),
};
console.log("\n| page | median ms to interactive | min | max |\n|---|---|---|---|");
for (const key of STARTUP_SIDES) {
  const s = startupResult[key].interactiveMs;
  console.log(`| ${startupResult[key].page} | ${s.median.toFixed(1)} | ${s.min.toFixed(1)} | ${s.max.toFixed(1)} |`);
}
console.log(`ratio icp-filing / baseline, same page (median of per-pair ratios): ${startupResult.ratio.median.toFixed(2)}×`);
console.log(`ratio icp-filing / baseline on a bare page: ${startupResult.ratioBare.median.toFixed(2)}×`);

/**
 * Records per-event latencies in `window.__lat`, from `startEvent` (capture listener on the
 * document) to
 *   - `dom`: the widget has handled it: the later of the last DOM mutation inside `root` and
 *     the second microtask queued after the `endEvent` handlers (Yew renders in a microtask
 *     queued by its own handler, which runs before this document-level listener);
 *   - `frame`: the next frame after that: the requestAnimationFrame callback, then a message
 *     task (not setTimeout, which Chromium may delay by several ms).
 */
function latencyProbe({ root, startEvent, endEvent }) {
  const lat = (window.__lat = []);
  let rec = null;
  new MutationObserver(() => {
    if (rec && !rec.framed) rec.dom = performance.now();
  }).observe(document.querySelector(root), { subtree: true, childList: true, attributes: true, characterData: true });
  document.addEventListener(startEvent, () => {
    rec = { start: performance.now(), dom: null, framed: false };
  }, true);
  document.addEventListener(endEvent, () => {
    const r = rec;
    if (!r || r.handled) return;
    r.handled = true;
    queueMicrotask(() => queueMicrotask(() => {
      r.settled = performance.now();
    }));
    requestAnimationFrame(() => {
      r.framed = true;
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        const end = performance.now();
        lat.push({ dom: Math.max(r.dom ?? 0, r.settled) - r.start, frame: end - r.start, mutated: r.dom !== null });
      };
      channel.port2.postMessage(0);
    });
  });
}

async function waitForSamples(page, n) {
  await page.waitForFunction((k) => window.__lat.length >= k, n, { timeout: 10_000 });
}

/**
 * Opens the widget's largest section (主办者信息 of an enterprise: 20+ fields) and presses
 * continue so every field shows its issues: each keystroke then re-validates and re-renders
 * validation. Pages without section navigation are left as they are.
 */
async function prepare(page) {
  const subject = page.locator('button[data-section="subject"]');
  if ((await subject.count()) === 0) return;
  await subject.click();
  await page.selectOption("#icpf1-subject-kind", "enterprise");
  await page.locator(opts.field).waitFor();
  await page.click('.icpf button[type="submit"]');
  await page.locator(".icpf-error-summary").waitFor();
}

async function typing(side, text) {
  const { context, page, errors } = await openPage(server.url + side.path, side.root);
  await prepare(page);
  await page.click(side.field);
  await page.evaluate(latencyProbe, { root: side.root, startEvent: "keydown", endEvent: "input" });
  for (let i = 0; i < text.length; i++) {
    await page.keyboard.type(text[i]);
    await waitForSamples(page, i + 1);
  }
  const samples = await page.evaluate(() => window.__lat);
  const typed = await page.inputValue(side.field);
  await context.close();
  if (errors.length) throw new Error(`${side.name}: page errors: ${errors.join("; ")}`);
  return { samples, typedLength: typed.length };
}

// ---- keystroke latency
const phrase = "Hangzhou Example Network Technology Co Ltd 2026 ";
const text = phrase.repeat(Math.ceil(opts.chars / phrase.length)).slice(0, opts.chars);
console.log(`\nkeystroke latency: ${opts.chars} characters per run, ${opts.typingRuns} runs per page, alternating`);
const keys = { ours: [], baseline: [] };
const typedLengths = { ours: [], baseline: [] };
for (let r = 0; r < opts.typingRuns; r++) {
  for (const key of r % 2 === 0 ? ["ours", "baseline"] : ["baseline", "ours"]) {
    const { samples, typedLength } = await typing(SIDES[key], text);
    keys[key].push(...samples);
    typedLengths[key].push(typedLength);
  }
}
const keystroke = {};
for (const key of ["ours", "baseline"]) {
  keystroke[key] = {
    page: SIDES[key].name,
    field: SIDES[key].field,
    keystrokes: keys[key].length,
    typedLengths: typedLengths[key],
    withDomMutation: keys[key].filter((s) => s.mutated).length,
    toDomMs: summary(keys[key].map((s) => s.dom)),
    toNextFrameMs: summary(keys[key].map((s) => s.frame)),
  };
}
console.log("\n| page | keystrokes | to DOM median / p95 ms | to next frame median / p95 ms |\n|---|---|---|---|");
for (const key of ["ours", "baseline"]) {
  const k = keystroke[key];
  console.log(`| ${k.page} (${k.field}) | ${k.keystrokes} | ${k.toDomMs.median.toFixed(2)} / ${k.toDomMs.p95.toFixed(2)} | ${k.toNextFrameMs.median.toFixed(2)} / ${k.toNextFrameMs.p95.toFixed(2)} |`);
}

// ---- section change latency
let sections;
{
  const { context, page } = await openPage(server.url + SIDES.ours.path, SIDES.ours.root);
  const count = await page.locator(opts.sections).count();
  if (count === 0) {
    sections = { skipped: true, selector: opts.sections, reason: "no element on the demo page matches the section navigation selector" };
    console.log(`\nsection change latency: skipped (nothing matches ${JSON.stringify(opts.sections)})`);
  } else {
    await page.evaluate(latencyProbe, { root: SIDES.ours.root, startEvent: "pointerdown", endEvent: "click" });
    let n = 0;
    for (let round = 0; round < 5; round++) {
      for (let i = 0; i < count; i++) {
        await page.locator(opts.sections).nth(i).click();
        await waitForSamples(page, ++n);
      }
    }
    const samples = await page.evaluate(() => window.__lat);
    sections = { skipped: false, selector: opts.sections, buttons: count, clicks: samples.length, toDomMs: summary(samples.map((s) => s.dom)), toNextFrameMs: summary(samples.map((s) => s.frame)) };
    console.log(`\nsection change latency (${samples.length} clicks): to DOM median ${sections.toDomMs.median.toFixed(2)} ms, p95 ${sections.toDomMs.p95.toFixed(2)}; to next frame median ${sections.toNextFrameMs.median.toFixed(2)} ms, p95 ${sections.toNextFrameMs.p95.toFixed(2)}`);
  }
  await context.close();
}

// ---- memory
console.log(`\nmemory: ${opts.memoryRuns} runs, garbage collected before each reading`);
async function memoryRun() {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "zh-CN" });
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${server.url}/bench-pages/memory.html`);
  await page.waitForFunction(() => window.icpBench !== undefined, null, { timeout: 30_000 });
  const cdp = await context.newCDPSession(page);
  const read = async () => {
    await cdp.send("HeapProfiler.collectGarbage");
    return page.evaluate(() => ({ jsHeap: performance.memory.usedJSHeapSize, wasmMemory: window.icpBench.wasmMemoryBytes() }));
  };
  const out = { beforeMount: await read() };
  await page.evaluate(() => window.icpBench.mount());
  await prepare(page);
  await page.locator(opts.field).waitFor();
  out.afterMount = await read();
  await page.click(opts.field);
  const half = Math.floor(opts.edits / 2);
  await page.keyboard.type(text.repeat(Math.ceil(half / text.length)).slice(0, half));
  for (let i = half; i < opts.edits; i++) await page.keyboard.press("Backspace");
  out.afterEdits = await read();
  await page.evaluate(() => window.icpBench.destroy());
  out.afterDestroy = await read();
  out.rootChildrenAfterDestroy = await page.evaluate((root) => document.querySelector(root).childElementCount, opts.root);
  await context.close();
  if (errors.length) throw new Error(`memory page errors: ${errors.join("; ")}`);
  return out;
}
const memoryRuns = [];
for (let i = 0; i < opts.memoryRuns; i++) memoryRuns.push(await memoryRun());
const memory = { runs: opts.memoryRuns, edits: opts.edits, field: opts.field, rootChildrenAfterDestroy: memoryRuns.map((r) => r.rootChildrenAfterDestroy) };
for (const stage of ["beforeMount", "afterMount", "afterEdits", "afterDestroy"]) {
  memory[stage] = {
    jsHeapBytes: summary(memoryRuns.map((r) => r[stage].jsHeap)),
    wasmMemoryBytes: summary(memoryRuns.map((r) => r[stage].wasmMemory)),
  };
}
console.log("\n| stage | JS heap median bytes (min–max) | wasm memory median bytes (min–max) |\n|---|---|---|");
for (const stage of ["beforeMount", "afterMount", "afterEdits", "afterDestroy"]) {
  const m = memory[stage];
  console.log(`| ${stage} | ${m.jsHeapBytes.median} (${m.jsHeapBytes.min}–${m.jsHeapBytes.max}) | ${m.wasmMemoryBytes.median} (${m.wasmMemoryBytes.min}–${m.wasmMemoryBytes.max}) |`);
}

const chromiumVersion = browser.version();
await browser.close();
server.close();
writeResult("browser", { chromium: chromiumVersion, startup: startupResult, keystroke, sections, memory });
