// The benchmark inputs, drawn from a seeded generator so every run and every runtime
// (native, wasm, npm libraries) sees the same values:
//   * 10,000 identifiers: resident ID numbers (GB 11643, docs/sources.md §4.1) and unified social
//     credit codes (GB 32100, §4.2), valid ones and typical mistakes, each tagged with how it
//     was made;
//   * 10,000 calendar queries over 2024–2026: "is this a working day" and "the n-th working
//     day after".
// Run directly, it writes both lists as tab-separated files for the native benches.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

import { OUT_DIR, seeded } from "./lib.mjs";

export const SEED = 20261128;

// County-level codes in use (GB/T 2260) and codes abolished since, which still appear on
// valid cards (embedding-and-ux.md, "Identifiers").
const REGIONS = [
  "110105", "110108", "120101", "130102", "210102", "310104", "310115", "320102", "330102",
  "330106", "350203", "370202", "420106", "430104", "440106", "440305", "500103", "510107",
  "530102", "610113", "650102",
];
const ABOLISHED_REGIONS = ["332522", "412723", "370284", "321119"];

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";
const USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const USCC_PREFIXES = ["91", "92", "93", "11", "12", "13", "19", "51", "52", "53", "59", "Y1"];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

function residentCheck(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i];
  return ID_CHECK[sum % 11];
}

function usccCheck(first17) {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i];
  return USCC_ALPHABET[(31 - (sum % 31)) % 31];
}

/** A 9-character organisation code (GB 11714) with a correct check character. */
function orgCode(rng) {
  const chars = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  let body = "";
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const c = rng.pick(chars);
    body += c;
    sum += parseInt(c, 36) * ORG_WEIGHTS[i];
  }
  const check = 11 - (sum % 11);
  return body + (check === 10 ? "X" : check === 11 ? "0" : String(check));
}

const pad = (n, width) => String(n).padStart(width, "0");

function birthDate(rng) {
  const year = rng.int(1940, 2008);
  const month = rng.int(1, 12);
  const day = rng.int(1, new Date(Date.UTC(year, month, 0)).getUTCDate());
  return `${year}${pad(month, 2)}${pad(day, 2)}`;
}

function residentId(rng, region = rng.pick(REGIONS)) {
  const first17 = region + birthDate(rng) + pad(rng.int(1, 999), 3);
  return first17 + residentCheck(first17);
}

function uscc(rng) {
  const first17 = rng.pick(USCC_PREFIXES) + rng.pick(REGIONS) + orgCode(rng);
  return first17 + usccCheck(first17);
}

/** Replaces the character at `i`. */
const put = (s, i, c) => s.slice(0, i) + c + s.slice(i + 1);

/** Another check character than the right one. */
function wrongCheck(rng, id, alphabet) {
  const right = id[17];
  let c = right;
  while (c === right) c = rng.pick(alphabet);
  return put(id, 17, c);
}

// [category, share, make]: every identifier is tagged with its category.
const RESIDENT_KINDS = [
  ["valid", 55, (rng) => residentId(rng)],
  ["valid, abolished region code", 5, (rng) => residentId(rng, rng.pick(ABOLISHED_REGIONS))],
  ["valid, typed with spaces", 5, (rng) => {
    const id = residentId(rng);
    return `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`;
  }],
  ["wrong check character", 15, (rng) => wrongCheck(rng, residentId(rng), "0123456789X")],
  ["impossible birth date", 8, (rng) => {
    const id = residentId(rng);
    const first17 = id.slice(0, 10) + rng.pick(["0230", "1301", "0431", "0000"]) + id.slice(14, 17);
    return first17 + residentCheck(first17);
  }],
  ["17 characters", 4, (rng) => residentId(rng).slice(0, 17)],
  ["15-digit pre-1999 number", 3, (rng) => {
    const id = residentId(rng);
    return id.slice(0, 6) + id.slice(8, 17);
  }],
  ["letter inside", 5, (rng) => put(residentId(rng), rng.int(0, 16), rng.pick("ABCX"))],
];

const USCC_KINDS = [
  ["valid", 60, (rng) => uscc(rng)],
  ["wrong check character", 20, (rng) => wrongCheck(rng, uscc(rng), USCC_ALPHABET)],
  ["letter I/O/S/V/Z", 7, (rng) => put(uscc(rng), rng.int(8, 16), rng.pick("IOSVZ"))],
  ["letter in the region code", 5, (rng) => put(uscc(rng), rng.int(2, 7), rng.pick("ABC"))],
  ["17 characters", 5, (rng) => uscc(rng).slice(0, 17)],
  ["valid, lower case", 3, (rng) => uscc(rng).toLowerCase()],
];

function drawKind(rng, kinds) {
  const total = kinds.reduce((s, k) => s + k[1], 0);
  let x = rng.next() * total;
  for (const kind of kinds) {
    x -= kind[1];
    if (x < 0) return kind;
  }
  return kinds.at(-1);
}

/** `count` identifiers, half resident IDs and half credit codes, interleaved. */
export function identifiers(count = 10_000, seed = SEED) {
  const rng = seeded(seed);
  const out = [];
  for (let i = 0; i < count; i++) {
    const type = i % 2 === 0 ? "residentId" : "uscc";
    const [category, , make] = drawKind(rng, type === "residentId" ? RESIDENT_KINDS : USCC_KINDS);
    out.push({ type, category, value: make(rng) });
  }
  return out;
}

/**
 * `count` calendar queries, half `isWorkingDay(date)` and half `addWorkingDays(date, n)` with
 * n in 1..20, dates from 2024-01-01 to 2026-11-30 so every answer stays inside the three
 * years with official schedules.
 */
export function calendarQueries(count = 10_000, seed = SEED + 1) {
  const rng = seeded(seed);
  const first = Date.UTC(2024, 0, 1);
  const days = (Date.UTC(2026, 10, 30) - first) / 86_400_000;
  const out = [];
  for (let i = 0; i < count; i++) {
    const date = new Date(first + rng.int(0, days) * 86_400_000).toISOString().slice(0, 10);
    out.push(i % 2 === 0 ? { op: "is", date, n: 0 } : { op: "add", date, n: rng.int(1, 20) });
  }
  return out;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const ids = identifiers();
  writeFileSync(join(OUT_DIR, "identifiers.tsv"), ids.map((x) => `${x.type}\t${x.value}\n`).join(""));
  const queries = calendarQueries();
  writeFileSync(join(OUT_DIR, "calendar-queries.tsv"), queries.map((q) => `${q.op}\t${q.date}\t${q.n}\n`).join(""));
  console.log(`wrote ${ids.length} identifiers and ${queries.length} calendar queries to ${OUT_DIR}`);
}
