// Throughput of the shipped WebAssembly build in Node: `validate` on the fixture filings, and,
// in this one process, the identifier checks and calendar queries next to npm libraries that
// do the same (stdnum, id-validator, chinese-days) on the same generated inputs.
// Contenders alternate round by round; answers are compared and every disagreement reported.
// Run through `./dev.sh bench` (it builds the package first).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";

import { calendarQueries, identifiers, SEED } from "./inputs.mjs";
import { alternate, args, nowMs, ratio, summary, writeResult } from "./lib.mjs";

const opts = args({ rounds: 15 });
const require = createRequire(import.meta.url);
const pkg = resolve(process.env.ICP_PKG_DIR ?? "target/site/pkg");
const wasm = await import(pathToFileURL(join(pkg, "icp_filing.js")).href);
wasm.initSync({ module: readFileSync(join(pkg, "icp_filing_bg.wasm")) });

const { stdnum } = require("stdnum");
const IDValidator = require("id-validator");
const chineseDays = require("chinese-days");

const result = { validate: [], identifiers: {}, calendar: {} };
const fmt = (x) => x.toFixed(3);

/** Median, min and max µs per call over `batches` batches of `perBatch` calls. */
function perCall(batches, perBatch, f) {
  for (let i = 0; i < perBatch; i++) f();
  const us = [];
  for (let b = 0; b < batches; b++) {
    const start = nowMs();
    for (let i = 0; i < perBatch; i++) f();
    us.push(((nowMs() - start) * 1e3) / perBatch);
  }
  return summary(us);
}

// ---- validate on the fixtures (the same list as benches/validate.rs)
const FIXTURES = [
  ["individual-beijing.json", "individual, Beijing"],
  ["enterprise-guangdong-two-websites.json", "enterprise, Guangdong, two websites"],
  ["enterprise-app-zhejiang.json", "enterprise APP, Zhejiang"],
  ["government-sichuan.json", "government site, Sichuan"],
  ["individual-problems.json", "individual with problems"],
  ["enterprise-problems.json", "enterprise with problems"],
];
console.log("\nvalidate (wasm in Node, object in → report out)\n\n| what | median µs/call | min | max |\n|---|---|---|---|");
// The fixtures take turns, 1,000 calls each per round: a slow stretch of the machine (as right
// after the native benchmarks) falls on every fixture alike instead of on the ones run first.
{
  const CALLS = 1000;
  const fixtures = FIXTURES.map(([file, label]) => {
    const filing = JSON.parse(readFileSync(new URL(`../tests/fixtures/${file}`, import.meta.url), "utf8"));
    const report = wasm.validate(filing, { today: "2026-11-28" });
    return { file, label, report, run: () => { for (let i = 0; i < CALLS; i++) wasm.validate(filing, { today: "2026-11-28" }); } };
  });
  const ms = alternate(Object.fromEntries(fixtures.map((f) => [f.file, f.run])), 15);
  for (const { file, label, report } of fixtures) {
    const s = summary(ms[file].map((t) => (t * 1e3) / CALLS));
    result.validate.push({ file, label, issues: report.issues.length, ok: report.ok, usPerCall: s });
    console.log(`| validate ${file}: ${label} | ${fmt(s.median)} | ${fmt(s.min)} | ${fmt(s.max)} |`);
  }
}
{
  const input = { filingType: "first", province: "440000", submittedAt: "2026-09-25T10:00:00" };
  const s = perCall(9, 1000, () => wasm.estimate(input));
  result.estimate = { label: "estimate (Guangdong, 2026-09-25)", usPerCall: s };
  console.log(`| estimate (Guangdong, 2026-09-25) | ${fmt(s.median)} | ${fmt(s.min)} | ${fmt(s.max)} |`);
}

/**
 * Runs each checker once over `items`, compares answers with `reference`, lists disagreements
 * by generator category and, where `detail` names one, the feature of the input involved.
 */
function compare(items, checkers, reference, detail = () => null) {
  const answers = Object.fromEntries(Object.entries(checkers).map(([n, f]) => [n, items.map((x) => f(x.value))]));
  const disagreements = {};
  for (const name of Object.keys(checkers)) {
    if (name === reference) continue;
    const byCategory = {};
    items.forEach((item, i) => {
      if (answers[name][i] === answers[reference][i]) return;
      const feature = detail(item.value);
      const key = `${item.category}${feature ? ` (${feature})` : ""}: ${reference} ${answers[reference][i] ? "valid" : "invalid"}, ${name} ${answers[name][i] ? "valid" : "invalid"}`;
      byCategory[key] ??= { count: 0, example: item.value };
      byCategory[key].count++;
    });
    disagreements[name] = {
      total: Object.values(byCategory).reduce((s, d) => s + d.count, 0),
      byCategory,
    };
  }
  const valid = Object.fromEntries(Object.entries(answers).map(([n, a]) => [n, a.filter(Boolean).length]));
  return { valid, disagreements };
}

/**
 * Alternating timing of checkers that each walk the whole list. A checker may carry a
 * `fresh()` that builds a new instance per list, so a memoising library (id-validator keeps
 * every answer in `this.cache`) cannot answer later rounds from memory.
 */
function race(items, checkers, rounds) {
  const values = items.map((x) => x.value);
  const batch = Object.fromEntries(
    Object.entries(checkers).map(([name, f]) => [
      name,
      () => {
        const check = f.fresh ? f.fresh() : f;
        let n = 0;
        for (let i = 0; i < values.length; i++) if (check(values[i])) n++;
        return n;
      },
    ]),
  );
  return alternate(batch, rounds);
}

function printRace(title, count, times, ours) {
  console.log(`\n${title}\n\n| what | median ms per list | min | max | ${ours} is faster by (median of per-round ratios) |\n|---|---|---|---|---|`);
  const out = {};
  for (const [name, t] of Object.entries(times)) {
    const s = summary(t);
    const r = name === ours ? null : ratio(t, times[ours]);
    out[name] = { msPerList: s, usPerItem: s.median * 1e3 / count, speedupOfOurs: r };
    console.log(`| ${name} | ${fmt(s.median)} | ${fmt(s.min)} | ${fmt(s.max)} | ${r ? `${r.median.toFixed(2)}× (${r.min.toFixed(2)}–${r.max.toFixed(2)})` : "—"} |`);
  }
  return out;
}

function printDisagreements(check) {
  for (const [name, d] of Object.entries(check.disagreements)) {
    console.log(`\n${name} disagrees with the reference on ${d.total} inputs`);
    for (const [key, v] of Object.entries(d.byCategory)) console.log(`  ${v.count} × ${key} (e.g. ${JSON.stringify(v.example)})`);
  }
}

// ---- identifiers
const ids = identifiers();
const residents = ids.filter((x) => x.type === "residentId");
const codes = ids.filter((x) => x.type === "uscc");
/** id-validator without its optional GB2260 table: like ours, no county-code check. */
const idValidator = Object.assign((s) => new IDValidator().isValid(s), {
  fresh: () => {
    const v = new IDValidator();
    return (s) => v.isValid(s);
  },
});
const residentCheckers = {
  "icp-filing wasm checkResidentId": (s) => wasm.checkResidentId(s),
  "stdnum cn.ric": (s) => stdnum.CN.ric.validate(s).isValid,
  "id-validator isValid": idValidator,
};
const usccCheckers = {
  "icp-filing wasm checkUscc": (s) => wasm.checkUscc(s),
  "stdnum cn.uscc": (s) => stdnum.CN.uscc.validate(s).isValid,
};
const allCheckers = {
  "icp-filing wasm": (s, type) => (type === "residentId" ? wasm.checkResidentId(s) : wasm.checkUscc(s)),
  stdnum: (s, type) => (type === "residentId" ? stdnum.CN.ric : stdnum.CN.uscc).validate(s).isValid,
};
result.identifiers = {
  seed: SEED,
  count: ids.length,
  categories: Object.entries(
    ids.reduce((acc, x) => {
      const key = `${x.type}: ${x.category}`;
      acc[key] = (acc[key] ?? 0) + 1;
      return acc;
    }, {}),
  ).map(([category, count]) => ({ category, count })),
  residentIds: { count: residents.length, check: compare(residents, residentCheckers, "icp-filing wasm checkResidentId") },
  usccs: {
    count: codes.length,
    check: compare(codes, usccCheckers, "icp-filing wasm checkUscc", (s) => {
      const features = [];
      if (!/^[0-9]{2}/.test(s)) features.push("letter in positions 1–2");
      if (/0$/.test(s)) features.push("check character 0");
      if (/[a-z]/.test(s)) features.push("lower case");
      return features.join(", ") || null;
    }),
  },
};
result.identifiers.residentIds.timing = printRace(
  `resident ID numbers (${residents.length}, one Node process, alternating)`,
  residents.length,
  race(residents, residentCheckers, opts.rounds),
  "icp-filing wasm checkResidentId",
);
printDisagreements(result.identifiers.residentIds.check);
result.identifiers.usccs.timing = printRace(
  `unified social credit codes (${codes.length}, one Node process, alternating)`,
  codes.length,
  race(codes, usccCheckers, opts.rounds),
  "icp-filing wasm checkUscc",
);
printDisagreements(result.identifiers.usccs.check);
{
  const batch = Object.fromEntries(
    Object.entries(allCheckers).map(([name, f]) => [
      name,
      () => {
        let n = 0;
        for (const x of ids) if (f(x.value, x.type)) n++;
        return n;
      },
    ]),
  );
  result.identifiers.all = {
    count: ids.length,
    timing: printRace(`all ${ids.length} identifiers (checker chosen by type, alternating)`, ids.length, alternate(batch, opts.rounds), "icp-filing wasm"),
  };
}

// ---- calendar
const queries = calendarQueries();
const epochDays = (iso) => Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
const calendarContenders = {
  "icp-filing wasm isWorkingDay/addWorkingDays": (q) => (q.op === "is" ? wasm.isWorkingDay(q.date) : wasm.addWorkingDays(q.date, q.n)),
  "chinese-days isWorkday/findWorkday": (q) => (q.op === "is" ? chineseDays.isWorkday(q.date) : chineseDays.findWorkday(q.n, q.date)),
};
const calendarAnswers = Object.fromEntries(Object.entries(calendarContenders).map(([n, f]) => [n, queries.map(f)]));
const [oursCal, theirsCal] = Object.keys(calendarContenders);
const calendarDisagreements = [];
queries.forEach((q, i) => {
  const a = calendarAnswers[oursCal][i];
  const b = calendarAnswers[theirsCal][i];
  if (a !== b) calendarDisagreements.push({ query: q, ours: a, theirs: b });
});
const digest = (answers) => ({
  workingAmongIsQueries: queries.filter((q, i) => q.op === "is" && answers[i] === true).length,
  sumOfAddResultsDaysSince1970: queries.reduce((s, q, i) => (q.op === "add" ? s + epochDays(answers[i]) : s), 0),
});
result.calendar = {
  seed: SEED + 1,
  count: queries.length,
  digest: Object.fromEntries(Object.entries(calendarAnswers).map(([n, a]) => [n, digest(a)])),
  disagreements: { total: calendarDisagreements.length, examples: calendarDisagreements.slice(0, 10) },
};
{
  const batch = Object.fromEntries(
    Object.entries(calendarContenders).map(([name, f]) => [
      name,
      () => {
        let n = 0;
        for (const q of queries) if (f(q)) n++;
        return n;
      },
    ]),
  );
  result.calendar.timing = printRace(
    `calendar: ${queries.length} queries over 2024–2026 (one Node process, alternating)`,
    queries.length,
    alternate(batch, opts.rounds),
    oursCal,
  );
}
console.log(`\ncalendar answers disagree on ${calendarDisagreements.length} of ${queries.length} queries`);
for (const d of calendarDisagreements.slice(0, 10)) console.log(`  ${JSON.stringify(d)}`);

writeResult("wasm-node", result);
