// Shared pieces of the benchmark scripts: summary statistics, alternating timed rounds,
// a seeded random generator and the results directory.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join, resolve } from "node:path";

/** Where the scripts leave their partial results (one JSON file each). */
export const OUT_DIR = resolve(process.env.ICP_BENCH_OUT ?? "target/bench");
mkdirSync(OUT_DIR, { recursive: true });

const startLoad = loadavg();

/** Writes one script's results, with the 1-minute load average at its start and end. */
export function writeResult(name, value) {
  const doc = { ...value, loadAverage1m: { start: startLoad[0], end: loadavg()[0] } };
  writeFileSync(join(OUT_DIR, `${name}.json`), `${JSON.stringify(doc, null, 2)}\n`);
}

export function readResult(name) {
  try {
    return JSON.parse(readFileSync(join(OUT_DIR, `${name}.json`), "utf8"));
  } catch {
    return null;
  }
}

/** The q-quantile (0..1) of sorted numbers, nearest rank. */
export function quantile(sorted, q) {
  if (sorted.length === 0) return NaN;
  const rank = Math.ceil(q * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))];
}

/** `{ n, median, min, max, p95 }` of a list of numbers. */
export function summary(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const median =
    sorted.length % 2 === 1
      ? sorted[sorted.length >> 1]
      : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
  return {
    n: sorted.length,
    median,
    min: sorted[0],
    max: sorted.at(-1),
    p95: quantile(sorted, 0.95),
  };
}

/** Milliseconds since an arbitrary start, high resolution. */
export function nowMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * Times several contenders on the same work in alternating order: each round runs every
 * contender once (the order rotates from round to round), after one warm-up round.
 * `contenders` maps a name to a function doing the whole batch. Returns per-name lists of
 * milliseconds, index-aligned by round.
 */
export function alternate(contenders, rounds) {
  const names = Object.keys(contenders);
  for (const name of names) contenders[name]();
  const times = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < names.length; i++) {
      const name = names[(r + i) % names.length];
      const start = nowMs();
      contenders[name]();
      times[name].push(nowMs() - start);
    }
  }
  return times;
}

/** Per-round ratios `slow[i] / fast[i]`, summarised: how many times faster `fast` is. */
export function ratio(slow, fast) {
  return summary(slow.map((s, i) => s / fast[i]));
}

/** Mulberry32: a small seeded generator, so every run draws the same inputs. */
export function seeded(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    /** Integer in [lo, hi]. */
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

/** Command-line `--name value` options with defaults. */
export function args(defaults) {
  const out = { ...defaults };
  const argv = process.argv.slice(2);
  for (let i = 0; i < argv.length; i++) {
    const m = argv[i].match(/^--([\w-]+)(?:=(.*))?$/);
    if (!m) continue;
    const key = m[1].replace(/-(\w)/g, (_, c) => c.toUpperCase());
    const value = m[2] ?? argv[++i];
    out[key] = typeof defaults[key] === "number" ? Number(value) : value;
  }
  return out;
}
