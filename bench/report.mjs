// Collects the partial results of `./dev.sh bench` into docs/performance.json and
// docs/performance.md, and prints the summary table. Targets are reported, never asserted.
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg, release, totalmem } from "node:os";

import { readResult } from "./lib.mjs";

const docs = new URL("../docs/", import.meta.url);
const size = readResult("size");
const browser = readResult("browser");
const node = readResult("wasm-node");
const nativeValidate = readResult("native-validate");
const nativeCalendar = readResult("native-calendar");

function tryRun(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

const osName = (() => {
  try {
    return readFileSync("/etc/os-release", "utf8").match(/^PRETTY_NAME="?([^"\n]*)"?$/m)?.[1] ?? "unknown";
  } catch {
    return "unknown";
  }
})();
const loads = [size, browser, node].filter((r) => r?.loadAverage1m).flatMap((r) => [r.loadAverage1m.start, r.loadAverage1m.end]);
const machine = {
  cpu: cpus()[0]?.model ?? "unknown",
  cores: cpus().length,
  ramGiB: Number((totalmem() / 2 ** 30).toFixed(1)),
  os: `${osName}, Linux ${release()}`,
  chromium: browser?.chromium ?? tryRun("chromium", ["--version"]),
  node: process.version,
  rustc: tryRun("rustc", ["--version"]),
  date: new Date().toISOString(),
  loadAverage1m: loads.length ? { min: Math.min(...loads), max: Math.max(...loads) } : { now: loadavg()[0] },
};

// ---- derived comparisons and targets
const nativeRow = (doc, prefix) => doc?.rows.find((r) => r.label.startsWith(prefix));
const msPerList = (row) => (row ? row.median / 1e3 : null);
const npm = (group, name) => node?.identifiers?.[group]?.timing?.[name]?.msPerList.median ?? null;
const native = {
  residentIds: msPerList(nativeRow(nativeValidate, "ResidentId::parse")),
  usccs: msPerList(nativeRow(nativeValidate, "Uscc::parse")),
  calendar: msPerList(nativeRow(nativeCalendar, "is_working_day_value / add_working_days")),
};
const nativeVs = {
  "resident IDs: native vs stdnum cn.ric": [npm("residentIds", "stdnum cn.ric"), native.residentIds],
  "resident IDs: native vs id-validator": [npm("residentIds", "id-validator isValid"), native.residentIds],
  "credit codes: native vs stdnum cn.uscc": [npm("usccs", "stdnum cn.uscc"), native.usccs],
  "calendar: native vs chinese-days": [node?.calendar?.timing?.["chinese-days isWorkday/findWorkday"]?.msPerList.median ?? null, native.calendar],
};
const nativeRatios = Object.fromEntries(
  Object.entries(nativeVs).map(([k, [theirs, ours]]) => [k, theirs && ours ? theirs / ours : null]),
);
const validateNativeVsWasm = (node?.validate ?? []).map((w) => {
  const n = nativeRow(nativeValidate, `validate ${w.file}`);
  return { file: w.file, label: w.label, wasmUs: w.usPerCall.median, nativeUs: n?.median ?? null, nativeSpeedup: n ? w.usPerCall.median / n.median : null };
});

const speedup = (group, name) => node?.identifiers?.[group]?.timing?.[name]?.speedupOfOurs?.median ?? null;
const wasmRatios = {
  "resident IDs: wasm vs stdnum cn.ric": speedup("residentIds", "stdnum cn.ric"),
  "resident IDs: wasm vs id-validator": speedup("residentIds", "id-validator isValid"),
  "credit codes: wasm vs stdnum cn.uscc": speedup("usccs", "stdnum cn.uscc"),
  "calendar: wasm vs chinese-days": node?.calendar?.timing?.["chinese-days isWorkday/findWorkday"]?.speedupOfOurs?.median ?? null,
};

const targets = [];
const target = (figure, value, unit, goal, met) => targets.push({ figure, value, unit, target: goal, met: value === null ? null : met });
if (size) {
  target("wasm + JS + CSS, brotli", size.ours.total.brotli, "bytes", "≤ 150,000 bytes", size.ours.total.brotli <= 150_000);
  target("size vs Yew baseline, brotli", size.ratios.oursOverBaselineBrotli, "×", "≤ 1.6×", size.ratios.oursOverBaselineBrotli <= 1.6);
}
if (browser) {
  target("start-up vs Yew baseline in the same console page (median of per-pair ratios)", browser.startup.ratio.median, "×", "≤ 1.3×", browser.startup.ratio.median <= 1.3);
  if (browser.startup.ratioBare) {
    target("start-up vs Yew baseline on a bare page (for comparison with earlier runs)", browser.startup.ratioBare.median, "×", "≤ 1.3×", browser.startup.ratioBare.median <= 1.3);
  }
  const k = browser.keystroke.ours;
  const base = browser.keystroke.baseline;
  target(`keystroke → DOM updated, p95 (${k.field})`, k.toDomMs.p95, "ms", "≤ 4 ms", k.toDomMs.p95 <= 4);
  if (base) {
    const frameRatio = k.toNextFrameMs.p95 / base.toNextFrameMs.p95;
    target(`keystroke → next frame, p95, vs Yew baseline (${k.toNextFrameMs.p95.toFixed(2)} / ${base.toNextFrameMs.p95.toFixed(2)} ms)`, frameRatio, "×", "≤ 1.1×", frameRatio <= 1.1);
  }
}
{
  const two = (node?.validate ?? []).find((v) => v.file === "enterprise-guangdong-two-websites.json");
  if (two) target("validate, two-website filing, wasm in Node", two.usPerCall.median, "µs", "≤ 40 µs", two.usPerCall.median <= 40);
}
for (const [k, v] of Object.entries(wasmRatios)) target(`throughput ${k}`, v, "×", "≥ 1.0×", v >= 1);
for (const [k, v] of Object.entries(nativeRatios)) target(`throughput ${k}`, v, "×", "≥ 5×", v >= 5);

// ---- agreement between runtimes
const agreement = {};
if (node && nativeValidate?.facts) {
  const f = nativeValidate.facts;
  agreement.identifiers = {
    nativeValidResidentIds: f["resident IDs valid"],
    wasmValidResidentIds: node.identifiers.residentIds.check.valid["icp-filing wasm checkResidentId"],
    nativeValidUsccs: f["credit codes valid"],
    wasmValidUsccs: node.identifiers.usccs.check.valid["icp-filing wasm checkUscc"],
  };
  agreement.identifiers.same =
    agreement.identifiers.nativeValidResidentIds === agreement.identifiers.wasmValidResidentIds &&
    agreement.identifiers.nativeValidUsccs === agreement.identifiers.wasmValidUsccs;
}
if (node && nativeCalendar?.facts) {
  const f = nativeCalendar.facts;
  const w = node.calendar.digest["icp-filing wasm isWorkingDay/addWorkingDays"];
  agreement.calendar = {
    native: { working: f["working days among is-queries"], daySum: f["sum of add results (days since 1970-01-01)"] },
    wasm: { working: w.workingAmongIsQueries, daySum: w.sumOfAddResultsDaysSince1970 },
  };
  agreement.calendar.same = agreement.calendar.native.working === agreement.calendar.wasm.working && agreement.calendar.native.daySum === agreement.calendar.wasm.daySum;
}

const performance = {
  generatedBy: "./dev.sh bench",
  machine,
  targets,
  size,
  browser,
  wasmInNode: node,
  native: { validate: nativeValidate, calendar: nativeCalendar },
  comparisons: { nativeVsNpmMsPerList: nativeVs, nativeRatios, wasmRatios, validateNativeVsWasm },
  agreement,
};
writeFileSync(new URL("performance.json", docs), `${JSON.stringify(performance, null, 2)}\n`);

// ---- Markdown
const n0 = (x) => (x === null || x === undefined ? "—" : Math.round(x).toLocaleString("en-US"));
const f1 = (x) => (x === null || x === undefined ? "—" : x.toFixed(1));
const f2 = (x) => (x === null || x === undefined ? "—" : x.toFixed(2));
const f3 = (x) => (x === null || x === undefined ? "—" : x.toFixed(3));
const range = (s, f) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;
const times = (s) => `${f2(s.median)}× (${f2(s.min)}–${f2(s.max)})`;
const met = (m) => (m === null ? "—" : m ? "met" : "not met");
const fmtValue = (t) => (t.unit === "bytes" ? n0(t.value) : t.unit === "×" ? `${f2(t.value)}×` : `${f2(t.value)} ${t.unit}`);

const md = [];
md.push("# Performance", "");
md.push(
  `Measured by \`./dev.sh bench\` on ${machine.date.slice(0, 10)}. Every figure is the median of several runs, with min–max in`,
  "parentheses; a comparison is a ratio of two sides measured in the same run, alternating between them.",
  "The targets are reported here, not asserted by any test. `docs/performance.json` holds every number.",
  "",
);
md.push("## Machine", "", "| | |", "|---|---|");
md.push(`| CPU | ${machine.cpu} |`, `| cores | ${machine.cores} |`, `| RAM | ${machine.ramGiB} GiB |`, `| OS | ${machine.os} |`);
md.push(`| Chromium | ${machine.chromium} |`, `| Node | ${machine.node} |`, `| rustc | ${machine.rustc} |`, `| date | ${machine.date} |`);
if (machine.loadAverage1m.min !== undefined) {
  md.push(`| 1-minute load average during the run | ${f1(machine.loadAverage1m.min)}–${f1(machine.loadAverage1m.max)} (the benchmark's own browser, server and Node processes count too; well above the core count, absolute times are inflated, ratios less so) |`);
}
md.push("");

md.push("## Against the targets", "", "| figure | measured | target | |", "|---|---|---|---|");
for (const t of targets) md.push(`| ${t.figure} | ${fmtValue(t)} | ${t.target} | ${met(t.met)} |`);
md.push(
  "",
  "Throughput targets: icp-filing answers the same inputs at least as fast as the npm library when run as wasm in",
  "Node (≥ 1.0×), and at least five times as fast natively (≥ 5×).",
  "Native ratios compare the native Rust run (`cargo bench`, release-native profile) with the npm library's run in",
  "Node on the same inputs; they come from two processes of the same `./dev.sh bench`, not from alternation.",
  "",
);

if (size) {
  md.push("## Shipped size", "", "Bytes; gzip -9 and brotli -q 11 as in `./dev.sh size`.", "", "| what | file | raw | gzip -9 | brotli -q 11 |", "|---|---|---|---|---|");
  const row = (what, r) => md.push(`| ${what} | ${r.file ?? ""} | ${n0(r.raw)} | ${n0(r.gzip)} | ${n0(r.brotli)} |`);
  for (const r of size.ours.files) row(`icp-filing ${r.label}`, r);
  row("**icp-filing total**", size.ours.total);
  for (const r of size.ours.lazy) row(`icp-filing ${r.label}`, r);
  if (size.ours.lazyNote) md.push(`| icp-filing region data (lazy) | ${size.ours.lazyNote} | | | |`);
  for (const r of size.baseline.files) row(`Yew baseline ${r.label}`, r);
  row("**Yew baseline total**", size.baseline.total);
  const v = size.react.versions;
  for (const r of size.react.bundles) row(r.label, { ...r, file: "" });
  row(`**React ${v.react} + ReactDOM + zod ${v.zod}, one bundle**`, { ...size.react.total, file: "" });
  row("zod, whole `z` namespace (upper bound)", { ...size.react.zodWhole, file: "" });
  for (const r of size.react.published.files) row(`published: ${r.label}`, { ...r, file: "" });
  md.push(
    "",
    `icp-filing / Yew baseline: ${f2(size.ratios.oursOverBaselineBrotli)}× (brotli); icp-filing / React + zod bundle: ${f2(size.ratios.oursOverReactBrotli)}×.`,
    "",
    "The Yew baseline is `bench/yew-baseline/` (Yew 0.23, one labelled text input and a button), built with the",
    "widget's release profile (opt-level z, LTO, one codegen unit, panic abort), wasm-bindgen 0.2.130 `--target web`",
    `and wasm-opt -Oz. React 19 publishes no minified files, so its side is what a bundler ships: esbuild ${v.esbuild}`,
    "with `--bundle --minify` and `NODE_ENV=production` over `react` (`createElement`, `useState`), `react-dom/client`",
    "(`createRoot`; pulls in `scheduler`) and a zod schema of the kind a filing form needs (object, string length,",
    "regex, email, enum), tree-shaken. The published production files are listed unminified for reference.",
    "",
  );
}

if (browser) {
  const s = browser.startup;
  md.push(
    "## Start-up",
    "",
    "Headless Chromium over loopback HTTP (a Node static server, `cache-control: no-store`), a fresh browser context",
    `per load, ${s.loads} loads per page after one unmeasured load each, the pages taking turns. Interactive:`,
    "milliseconds from navigation start until the first `input`/`select` inside the widget root is in the document,",
    "enabled and laid out.",
    "",
    "The target compares the two widgets in the same host page: the Yew baseline is mounted in a copy of the demo",
    "console's page (`bench/baseline-page.mjs` writes it from `www/index.html`), with the console's markup, stylesheet",
    "and Chinese text. That page's own first layout, before any widget code runs, takes tens of milliseconds here",
    "(the first use of a CJK font), and it is the host's cost, paid by any widget in that console. The baseline on",
    "its bare English page, as compared before, is kept as a second figure.",
    "",
    "| page | interactive ms | DOMContentLoaded ms |",
    "|---|---|---|",
    ...[s.ours, s.baseline, s.bare].filter(Boolean).map((side) => `| ${side.page} (\`${side.selector}\`) | ${range(side.interactiveMs, f1)} | ${range(side.domContentLoadedMs, f1)} |`),
    "",
    `Ratio icp-filing / baseline in the same page, per load: ${times(s.ratio)}.`,
    ...(s.ratioBare ? [`Ratio icp-filing / baseline on its bare page, per load: ${times(s.ratioBare)}.`] : []),
    "",
  );
  md.push(
    "## Keystroke latency",
    "",
    "Characters typed one at a time (playwright `keyboard.type`) into a text field. In the page: `performance.now()`",
    "at `keydown` (capture listener on the document), then *DOM updated* = the later of the last mutation inside the",
    "widget root and the second microtask after the `input` handlers (Yew renders in a microtask), and *next frame* =",
    "the next `requestAnimationFrame` callback followed by a message task. Headless Chromium produces frames at 60 Hz,",
    "so *next frame* includes waiting for the frame (up to 16.7 ms).",
    "",
    "| page (field) | keystrokes | with a DOM change | DOM updated ms (median / p95) | next frame ms (median / p95) |",
    "|---|---|---|---|---|",
  );
  for (const k of [browser.keystroke.ours, browser.keystroke.baseline]) {
    md.push(`| ${k.page} (\`${k.field}\`) | ${k.keystrokes} | ${k.withDomMutation} | ${f2(k.toDomMs.median)} / ${f2(k.toDomMs.p95)} | ${f2(k.toNextFrameMs.median)} / ${f2(k.toNextFrameMs.p95)} |`);
  }
  md.push("");
  if (browser.keystroke.ours.withDomMutation === 0) {
    md.push(
      "No keystroke in the widget's field changed its DOM (the field's messages appear once the filer leaves it), so",
      "*DOM updated* is the end of the widget's own handling of the keystroke, re-validation included.",
      "",
    );
  }
  const sec = browser.sections;
  md.push("## Section change latency", "");
  if (sec.skipped) md.push(`Not measured: ${sec.reason} (\`${sec.selector}\`).`, "");
  else md.push(`${sec.clicks} clicks over ${sec.buttons} buttons (\`${sec.selector}\`): DOM updated ${f2(sec.toDomMs.median)} / p95 ${f2(sec.toDomMs.p95)} ms, next frame ${f2(sec.toNextFrameMs.median)} / p95 ${f2(sec.toNextFrameMs.p95)} ms.`, "");
  const m = browser.memory;
  md.push(
    "## Memory",
    "",
    `A page that mounts the widget with the demo console's options (\`bench/pages/memory.html\`); ${m.runs} runs, each in a`,
    "fresh context, garbage collected (CDP `HeapProfiler.collectGarbage`) before each reading. JS heap:",
    "`performance.memory.usedJSHeapSize` (`--enable-precise-memory-info`); wasm: the linear memory's",
    `\`buffer.byteLength\` (\`memory\` from the glue's \`init()\`). Edits: ${m.edits} keystrokes into \`${m.field}\`, half`,
    "typing, half Backspace. Wasm linear memory never shrinks, so *after destroy* shows its high-water mark.",
    "",
    "| stage | JS heap bytes | wasm linear memory bytes |",
    "|---|---|---|",
  );
  for (const [stage, label] of [["beforeMount", "after init, before mount"], ["afterMount", "after mount"], ["afterEdits", `after ${m.edits} edits`], ["afterDestroy", "after destroy"]]) {
    md.push(`| ${label} | ${range(m[stage].jsHeapBytes, n0)} | ${range(m[stage].wasmMemoryBytes, n0)} |`);
  }
  const emptied = m.rootChildrenAfterDestroy.every((c) => c === 0);
  md.push("", `After \`destroy()\` the mount element is ${emptied ? "empty in every run" : "NOT empty in some runs"}.`, "");
}

if (node) {
  md.push("## validate on the fixture filings", "", "µs per call; wasm in Node takes a JS object and returns the report object. The fixtures take turns, 1,000 calls each per round, 15 rounds: median (min–max) over rounds.", "");
  md.push("| fixture | issues | native µs | wasm µs | native faster by |", "|---|---|---|---|---|");
  for (const v of node.validate) {
    const c = validateNativeVsWasm.find((x) => x.file === v.file);
    const nRow = nativeRow(nativeValidate, `validate ${v.file}`);
    md.push(`| ${v.label} (\`${v.file}\`) | ${v.issues} | ${nRow ? range(nRow, f2) : "—"} | ${range(v.usPerCall, f2)} | ${c?.nativeSpeedup ? `${f2(c.nativeSpeedup)}×` : "—"} |`);
  }
  const pv = nativeRow(nativeValidate, "parse + validate");
  if (pv) md.push("", `Native parse + validate of the Guangdong filing from JSON text: ${range(pv, f2)} µs.`);
  md.push("");

  const ids = node.identifiers;
  md.push(
    "## Identifier checks",
    "",
    `${ids.count.toLocaleString("en-US")} identifiers from a seeded generator (\`bench/inputs.mjs\`, seed ${ids.seed}): resident ID numbers and`,
    "unified social credit codes, valid ones and typical mistakes. Every identifier is checked by every library",
    "for its kind, in one Node process, the contenders alternating over rounds; ms per whole list. Ours are the",
    "wasm exports `checkResidentId(text) → bool` and `checkUscc(text) → bool` (the same `ResidentId::parse` /",
    "`Uscc::parse` the rules use); id-validator runs without its optional GB2260 table and gets a new instance per",
    "list, since it memoises answers.",
    "",
    "| inputs | count |",
    "|---|---|",
  );
  const sorted = [...ids.categories].sort((a, b) => a.category.split(":")[0].localeCompare(b.category.split(":")[0]) || b.count - a.count);
  for (const c of sorted) md.push(`| ${c.category} | ${c.count} |`);
  md.push("", "| list | contender | ms per list | µs per identifier | icp-filing faster by |", "|---|---|---|---|---|");
  const timingRows = (title, group) => {
    for (const [name, t] of Object.entries(group.timing)) {
      md.push(`| ${title} | ${name} | ${range(t.msPerList, f2)} | ${f3(t.usPerItem)} | ${t.speedupOfOurs ? times(t.speedupOfOurs) : "—"} |`);
    }
  };
  timingRows(`resident IDs (${ids.residentIds.count})`, ids.residentIds);
  if (native.residentIds) md.push(`| resident IDs (${ids.residentIds.count}) | icp-filing native \`ResidentId::parse\` | ${range(nativeRow(nativeValidate, "ResidentId::parse"), (x) => f2(x / 1e3))} | ${f3((native.residentIds * 1e3) / ids.residentIds.count)} | |`);
  timingRows(`credit codes (${ids.usccs.count})`, ids.usccs);
  if (native.usccs) md.push(`| credit codes (${ids.usccs.count}) | icp-filing native \`Uscc::parse\` | ${range(nativeRow(nativeValidate, "Uscc::parse"), (x) => f2(x / 1e3))} | ${f3((native.usccs * 1e3) / ids.usccs.count)} | |`);
  timingRows(`all (${ids.all.count})`, ids.all);
  md.push("", "Disagreements with icp-filing (none excluded from the timings):", "");
  for (const group of [ids.residentIds, ids.usccs]) {
    for (const [name, d] of Object.entries(group.check.disagreements)) {
      md.push(`- **${name}**: ${d.total} of ${group.count}`);
      for (const [key, v] of Object.entries(d.byCategory)) md.push(`  - ${v.count} × ${key}, e.g. \`${v.example}\``);
    }
  }
  if (agreement.identifiers) {
    const a = agreement.identifiers;
    md.push("", `Native and wasm agree on the same list: ${a.same ? "yes" : "NO"} (valid resident IDs ${a.nativeValidResidentIds} / ${a.wasmValidResidentIds}, valid credit codes ${a.nativeValidUsccs} / ${a.wasmValidUsccs}).`);
  }
  md.push("");

  const cal = node.calendar;
  md.push(
    "## Calendar",
    "",
    `${cal.count.toLocaleString("en-US")} queries from a seeded generator (seed ${cal.seed}): half "is this a working day", half "the n-th working day`,
    'after" (n = 1–20), dates 2024-01-01 to 2026-11-30. Ours: wasm exports `isWorkingDay(date) → bool` and',
    "`addWorkingDays(date, n) → date`; chinese-days: `isWorkday(date)` and `findWorkday(n, date)`. ms per whole list.",
    "",
    "| contender | ms per list | µs per query | icp-filing faster by |",
    "|---|---|---|---|",
  );
  for (const [name, t] of Object.entries(cal.timing)) md.push(`| ${name} | ${range(t.msPerList, f2)} | ${f3(t.usPerItem)} | ${t.speedupOfOurs ? times(t.speedupOfOurs) : "—"} |`);
  const nc = nativeRow(nativeCalendar, "is_working_day_value / add_working_days");
  if (nc) md.push(`| icp-filing native \`is_working_day_value\` / \`add_working_days\` | ${range(nc, (x) => f2(x / 1e3))} | ${f3(nc.median / cal.count)} | |`);
  md.push("", `Answers that differ between icp-filing and chinese-days: ${cal.disagreements.total} of ${cal.count}.`);
  for (const d of cal.disagreements.examples) md.push(`- \`${JSON.stringify(d)}\``);
  if (agreement.calendar) md.push(`Native and wasm agree on the same queries: ${agreement.calendar.same ? "yes" : "NO"}.`);
  md.push("");
}

md.push("## All native timings", "", "`cargo bench --profile release-native --bench validate --bench calendar`.", "", "| what | median µs/call | min | max |", "|---|---|---|---|");
for (const doc of [nativeValidate, nativeCalendar]) for (const r of doc?.rows ?? []) md.push(`| ${r.label} | ${f3(r.median)} | ${f3(r.min)} | ${f3(r.max)} |`);
if (node?.estimate) md.push(`| wasm in Node: ${node.estimate.label} | ${f3(node.estimate.usPerCall.median)} | ${f3(node.estimate.usPerCall.min)} | ${f3(node.estimate.usPerCall.max)} |`);
md.push("");
writeFileSync(new URL("performance.md", docs), md.join("\n"));

console.log("\nsummary (docs/performance.md, docs/performance.json)\n");
console.log("| figure | measured | target | |\n|---|---|---|---|");
for (const t of targets) console.log(`| ${t.figure} | ${fmtValue(t)} | ${t.target} | ${met(t.met)} |`);
