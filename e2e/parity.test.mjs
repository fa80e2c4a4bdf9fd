// The shared rules give one answer wherever they run: the widget's WebAssembly build, called
// through its JS API in Node (the filing crosses the boundary as a JS object), and the native
// CLI the provider's server runs, on every filing in tests/fixtures (the example filings, the
// realistic ones from providers' help pages, and one per issue code), in both languages.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { PRECHECK, SITE_DIR, tempDir } from "./helpers.mjs";

const FIXTURES = new URL("../tests/fixtures/", import.meta.url).pathname;
const DEFAULT_TODAY = "2026-11-28";

/** `[name, filing, today]` for every filing under tests/fixtures. */
function filings() {
  const out = [];
  for (const file of readdirSync(FIXTURES).filter((f) => f.endsWith(".json")).sort()) {
    out.push([file, readFileSync(join(FIXTURES, file), "utf8"), DEFAULT_TODAY]);
  }
  for (const dir of ["realistic", "codes"]) {
    for (const file of readdirSync(join(FIXTURES, dir)).sort()) {
      const doc = JSON.parse(readFileSync(join(FIXTURES, dir, file), "utf8"));
      out.push([`${dir}/${file}`, JSON.stringify(doc.filing), doc.today ?? DEFAULT_TODAY]);
    }
  }
  return out;
}

test("validate in wasm (Node, JS object in) and in the native CLI agree on every fixture filing, in zh-CN and en", async () => {
  const pkg = resolve(SITE_DIR, "pkg");
  const wasm = await import(pathToFileURL(join(pkg, "icp_filing.js")).href);
  wasm.initSync({ module: readFileSync(join(pkg, "icp_filing_bg.wasm")) });
  const all = filings();
  assert.ok(all.length > 150, `${all.length} filings`);
  let issues = 0;
  for (const [name, text, today] of all) {
    for (const locale of ["zh-CN", "en"]) {
      // Exit status 1: the report has errors; anything else is a failure of the CLI.
      const run = spawnSync(PRECHECK, ["validate", "-", "--today", today, "--locale", locale], { input: text, encoding: "utf8" });
      assert.ok(run.status === 0 || run.status === 1, `${name}: icp-precheck exited ${run.status}: ${run.stderr}`);
      const native = JSON.parse(run.stdout);
      const fromWasm = wasm.validate(JSON.parse(text), { today, locale });
      assert.deepEqual(fromWasm, native, `${name} (${locale})`);
      issues += native.issues.length;
    }
  }
  // The fixtures exercise the rules, not only clean filings.
  assert.ok(issues > 300, `${issues} issues compared`);
});

// Objects written as arrays: serde_json would read them by position, a JS reader finds none
// of their fields. Every reader refuses them, naming the same place.
test("an array where the contract has an object is refused alike in wasm and in the native CLI", async () => {
  const pkg = resolve(SITE_DIR, "pkg");
  const wasm = await import(pathToFileURL(join(pkg, "icp_filing.js")).href);
  wasm.initSync({ module: readFileSync(join(pkg, "icp_filing_bg.wasm")) });
  const base = JSON.parse(readFileSync(join(FIXTURES, "enterprise-guangdong-two-websites.json"), "utf8"));
  const cases = [
    ["subject", (f) => (f.subject = ["enterprise", "示例科技有限公司"])],
    ["subject.principal.certificate", (f) => (f.subject.principal.certificate = ["residentId", "110101199003071234"])],
    ["websites[1].responsible", (f) => (f.websites[1].responsible = [f.websites[1].responsible.name])],
    ["websites[0].preApprovals[0]", (f) => (f.websites[0].preApprovals = [["news", "粤新审〔2024〕12号"]])],
  ];
  for (const [path, spoil] of cases) {
    const filing = structuredClone(base);
    spoil(filing);
    const run = spawnSync(PRECHECK, ["validate", "-", "--today", DEFAULT_TODAY], { input: JSON.stringify(filing), encoding: "utf8" });
    assert.equal(run.status, 2, `${path}: ${run.stdout}`);
    assert.match(run.stderr, new RegExp(`not a filing: ${path.replace(/[[\].]/g, "\\$&")} \\(line 1, column \\d+\\): invalid type: array, expected an object`), path);
    assert.throws(() => wasm.validate(filing, { today: DEFAULT_TODAY }), {
      message: `icp-filing: not a filing: ${path}: invalid type: array, expected an object`,
    });
  }
});

// A provider's own rules: the back end reads the override file, the widget and a console the
// text `icp-precheck rules compile` makes of it; both give the same report.
test("validate with a provider's rules agrees in wasm (compiled `rules`) and in the native CLI (`--rules` override)", async () => {
  const pkg = resolve(SITE_DIR, "pkg");
  const wasm = await import(pathToFileURL(join(pkg, "icp_filing.js")).href);
  wasm.initSync({ module: readFileSync(join(pkg, "icp_filing_bg.wasm")) });
  const dir = tempDir("icp-parity-");
  const override = join(dir, "override.json");
  writeFileSync(
    override,
    JSON.stringify({
      version: "parity-1",
      tlds: { fileable: { add: [{ tlds: ["io"] }] } },
      catalogues: { serviceContent: [{ slug: "blog", zh: "个人博客（主机商名称）", en: "Personal blog (host wording)", miitBit: 32 }] },
    }),
  );
  const compile = spawnSync(PRECHECK, ["rules", "compile", override], { encoding: "utf8" });
  assert.equal(compile.status, 0, compile.stderr);
  const rules = compile.stdout.trim();
  let changed = 0;
  for (const [name, text, today] of filings()) {
    const run = spawnSync(PRECHECK, ["validate", "-", "--today", today, "--rules", override], { input: text, encoding: "utf8" });
    assert.ok(run.status === 0 || run.status === 1, `${name}: icp-precheck exited ${run.status}: ${run.stderr}`);
    const native = JSON.parse(run.stdout);
    const fromWasm = wasm.validate(JSON.parse(text), { today, rules });
    assert.deepEqual(fromWasm, native, name);
    assert.match(fromWasm.rulesetVersion, /\+parity-1$/, name);
    const embedded = wasm.validate(JSON.parse(text), { today });
    if (JSON.stringify(embedded.issues) !== JSON.stringify(fromWasm.issues)) changed += 1;
  }
  // The override reaches the reports: `.io` becomes fileable, the blog choice has the host's name.
  assert.ok(changed >= 3, `${changed} reports changed by the override`);
});

// Strings passed to Rust are written into wasm memory, which grows when they do not fit; the
// glue's views over the old memory must then be replaced (dev.sh patches how the glue notices).
test("validate gives the same report after a filing that makes wasm memory grow", async () => {
  const pkg = resolve(SITE_DIR, "pkg");
  const wasm = await import(pathToFileURL(join(pkg, "icp_filing.js")).href);
  const exports = wasm.initSync({ module: readFileSync(join(pkg, "icp_filing_bg.wasm")) });
  const text = readFileSync(join(FIXTURES, "enterprise-guangdong-two-websites.json"), "utf8");
  const options = { today: DEFAULT_TODAY };
  const before = wasm.validate(JSON.parse(text), options);

  // Longer than the whole memory was, in ASCII and in Chinese (three bytes a character).
  const bytes = exports.memory.buffer.byteLength;
  const huge = JSON.parse(text);
  huge.subject.address.detail = "a".repeat(bytes);
  huge.websites[0].name = "备".repeat(bytes / 2);
  const hugeReport = wasm.validate(huge, options);
  assert.ok(exports.memory.buffer.byteLength > 2 * bytes, "memory grew");
  // Read as sent: the address has no house number, and the name does not end in 官网.
  const codes = hugeReport.issues.map((i) => `${i.path} ${i.code}`);
  assert.ok(codes.includes("subject.address.detail address.no_house_number"), codes.join(", "));
  assert.ok(codes.includes("websites[0].name website.name_suffix"), codes.join(", "));

  assert.deepEqual(wasm.validate(JSON.parse(text), options), before);
});
