// validate / estimate timings of the shipped WebAssembly build, in Node.
// Run through `./dev.sh bench` (it builds the package first).
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

const pkg = resolve(process.env.ICP_PKG_DIR ?? "target/site/pkg");
const wasm = await import(pathToFileURL(join(pkg, "icp_filing.js")).href);
wasm.initSync({ module: readFileSync(join(pkg, "icp_filing_bg.wasm")) });

const fixtures = [
  ["individual, Beijing", "individual-beijing.json"],
  ["enterprise, Guangdong, two websites", "enterprise-guangdong-two-websites.json"],
  ["enterprise APP, Zhejiang", "enterprise-app-zhejiang.json"],
  ["government site, Sichuan", "government-sichuan.json"],
];

/** Median, min and max µs per call over `batches` batches of `perBatch` calls. */
function measure(label, batches, perBatch, f) {
  for (let i = 0; i < perBatch; i++) f();
  const perCall = [];
  for (let b = 0; b < batches; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < perBatch; i++) f();
    perCall.push(Number(process.hrtime.bigint() - start) / 1e3 / perBatch);
  }
  perCall.sort((a, b) => a - b);
  const fmt = (x) => x.toFixed(3);
  console.log(`| ${label} | ${fmt(perCall[perCall.length >> 1])} | ${fmt(perCall[0])} | ${fmt(perCall.at(-1))} |`);
}

console.log("\nvalidate (wasm in Node, object in → report out)\n\n| what | median µs/call | min | max |\n|---|---|---|---|");
for (const [label, file] of fixtures) {
  const filing = JSON.parse(readFileSync(new URL(`../tests/fixtures/${file}`, import.meta.url), "utf8"));
  const report = wasm.validate(filing, { today: "2026-11-28" });
  if (!report.ok) throw new Error(`${file} should be ok: ${JSON.stringify(report.issues)}`);
  measure(label, 9, 1000, () => wasm.validate(filing, { today: "2026-11-28" }));
}
const input = { filingType: "first", province: "440000", submittedAt: "2026-09-25T10:00:00" };
measure("estimate (Guangdong, 2026-09-25)", 9, 1000, () => wasm.estimate(input));
