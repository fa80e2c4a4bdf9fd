// Shipped size, raw / gzip -9 / brotli -q 11 (the same tools as `./dev.sh size`), of
//   * the icp-filing widget: wasm, JS glue, CSS, and the lazily loaded region data if present;
//   * the minimal Yew widget in bench/yew-baseline (same profile, wasm-bindgen, wasm-opt);
//   * React + ReactDOM + zod from npm, as a bundler would ship them (esbuild, minified,
//     NODE_ENV=production), and as the published production files.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";

import { build } from "esbuild";

import { writeResult } from "./lib.mjs";

const pkg = resolve(process.env.ICP_PKG_DIR ?? "target/site/pkg");
const baselinePkg = resolve(process.env.ICP_BASELINE_PKG_DIR ?? "target/bench/yew-baseline/pkg");
const root = resolve(new URL("..", import.meta.url).pathname);

function sizes(bytes) {
  return {
    raw: bytes.length,
    gzip: execFileSync("gzip", ["-9", "-c"], { input: bytes, maxBuffer: 1 << 28 }).length,
    brotli: execFileSync("brotli", ["-q", "11", "-c"], { input: bytes, maxBuffer: 1 << 28 }).length,
  };
}

/** `label`, a short name for the file (relative to the repo, or `pkg/...`), and its sizes. */
function fileRow(label, path, shown = relative(root, path)) {
  return { label, file: shown, ...sizes(readFileSync(path)) };
}

function total(rows) {
  return rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip, brotli: t.brotli + r.brotli }), { raw: 0, gzip: 0, brotli: 0 });
}

async function bundle(label, contents) {
  const out = await build({
    stdin: { contents, resolveDir: root, loader: "js" },
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2020",
    define: { "process.env.NODE_ENV": '"production"' },
    write: false,
    logLevel: "warning",
  });
  return { label, file: `esbuild bundle of: ${contents}`, ...sizes(Buffer.from(out.outputFiles[0].contents)) };
}

const version = (name) => JSON.parse(readFileSync(join(root, "node_modules", name, "package.json"), "utf8")).version;

const ours = [
  fileRow("wasm", join(pkg, "icp_filing_bg.wasm"), "pkg/icp_filing_bg.wasm"),
  fileRow("JS glue", join(pkg, "icp_filing.js"), "pkg/icp_filing.js"),
  fileRow("CSS", join(pkg, "icp-filing.css"), "pkg/icp-filing.css"),
];
const regionCandidates = [join(pkg, "regions.json"), join(root, "data/regions/regions.json")];
const regionFile = regionCandidates.find((f) => existsSync(f));
const lazy = regionFile ? [fileRow("region data (lazy)", regionFile, regionFile.startsWith(pkg) ? "pkg/regions.json" : relative(root, regionFile))] : [];

const baseline = [
  fileRow("wasm", join(baselinePkg, "yew_baseline_bg.wasm"), "pkg/yew_baseline_bg.wasm"),
  fileRow("JS glue", join(baselinePkg, "yew_baseline.js"), "pkg/yew_baseline.js"),
];

// What a form built with React and zod ships: react-dom's client renderer (with react and
// scheduler) and a zod schema of the kind a filing form needs, tree-shaken.
const reactRows = [
  await bundle("react + react-dom (client)", 'export { createElement, useState } from "react"; export { createRoot } from "react-dom/client";'),
  await bundle(
    "zod (a form schema: object, string, regex, email, enum)",
    'import * as z from "zod"; export const filing = z.object({ name: z.string().min(2).max(100), id: z.string().regex(/^\\d{17}[\\dX]$/), email: z.email(), kind: z.enum(["individual", "enterprise"]) }); export const check = (v) => filing.safeParse(v);',
  ),
];
const reactTogether = await bundle(
  "react + react-dom + zod schema, one bundle",
  'export { createElement, useState } from "react"; export { createRoot } from "react-dom/client"; import * as z from "zod"; export const filing = z.object({ name: z.string().min(2).max(100), id: z.string().regex(/^\\d{17}[\\dX]$/), email: z.email(), kind: z.enum(["individual", "enterprise"]) }); export const check = (v) => filing.safeParse(v);',
);
const zodWhole = await bundle("zod, whole `z` namespace (upper bound)", 'export { z } from "zod";');
const published = [
  fileRow("react/cjs/react.production.js", join(root, "node_modules/react/cjs/react.production.js")),
  fileRow("react-dom/cjs/react-dom-client.production.js", join(root, "node_modules/react-dom/cjs/react-dom-client.production.js")),
  fileRow("scheduler/cjs/scheduler.production.js", join(root, "node_modules/scheduler/cjs/scheduler.production.js")),
];

const oursTotal = total(ours);
const baselineTotal = total(baseline);
const result = {
  ours: { files: ours, total: oursTotal, lazy, lazyNote: regionFile ? null : "no region data file (data/regions/regions.json) in this build" },
  baseline: { files: baseline, total: baselineTotal },
  react: {
    versions: { react: version("react"), "react-dom": version("react-dom"), zod: version("zod"), esbuild: version("esbuild") },
    bundles: reactRows,
    total: reactTogether,
    zodWhole,
    published: { files: published, total: total(published), note: "unminified as published; a bundler minifies them" },
  },
  ratios: {
    oursOverBaselineBrotli: oursTotal.brotli / baselineTotal.brotli,
    oursOverReactBrotli: oursTotal.brotli / reactTogether.brotli,
  },
};
writeResult("size", result);

const line = (label, r) => console.log(`| ${label} | ${r.raw} | ${r.gzip} | ${r.brotli} |`);
console.log("\nshipped size (bytes)\n\n| what | raw | gzip -9 | brotli -q 11 |\n|---|---|---|---|");
for (const r of ours) line(`icp-filing ${r.label}`, r);
line("icp-filing total (wasm + JS + CSS)", oursTotal);
for (const r of lazy) line(`icp-filing ${r.label}`, r);
for (const r of baseline) line(`Yew baseline ${r.label}`, r);
line("Yew baseline total", baselineTotal);
for (const r of reactRows) line(r.label, r);
line(reactTogether.label, reactTogether);
line(zodWhole.label, zodWhole);
console.log(`\nicp-filing / Yew baseline (brotli): ${result.ratios.oursOverBaselineBrotli.toFixed(2)}×`);
