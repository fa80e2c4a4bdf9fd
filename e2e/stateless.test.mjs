// The stateless exports as a Node back end calls them (the package's ./node entry): what a
// caller gets for input of the wrong kind is an Error that names the export and what it
// takes, never a WebAssembly trap, a bare TypeError or a quietly wrong answer.
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { SITE_DIR, loadFixture } from "./helpers.mjs";

const icp = await import(pathToFileURL(join(SITE_DIR, "pkg/node.js")).href);

/** The message of what `call` throws; fails unless it throws an Error. */
function thrown(call) {
  try {
    call();
  } catch (e) {
    assert.ok(e instanceof Error, `an Error, not ${e?.constructor?.name}`);
    assert.notEqual(e.constructor.name, "RuntimeError", e.message);
    return e.message;
  }
  assert.fail("did not throw");
}

test("the identifier checks take text and say so for anything else", () => {
  assert.equal(icp.checkResidentId("11010519491231002X"), true);
  assert.equal(icp.checkResidentId("110105194912310021"), false);
  assert.equal(icp.checkUscc("91350100M000100Y43"), true);
  for (const value of [5, null, undefined, {}, ["11010519491231002X"]]) {
    assert.equal(thrown(() => icp.checkResidentId(value)), "icp-filing: checkResidentId() takes a string");
    assert.equal(thrown(() => icp.checkUscc(value)), "icp-filing: checkUscc() takes a string");
  }
  // The module is still usable after every refusal.
  assert.equal(icp.checkResidentId("11010519491231002X"), true);
});

test("the calendar queries take YYYY-MM-DD text and a whole number of days", () => {
  assert.equal(icp.isWorkingDay("2026-10-01"), false);
  assert.equal(icp.addWorkingDays("2026-09-30", 0), "2026-09-30");
  const next = icp.addWorkingDays("2026-09-30", 1);
  assert.ok(next > "2026-10-01", next);
  assert.equal(icp.addWorkingDays("2026-09-30", 2), icp.addWorkingDays(next, 1));
  for (const value of [new Date(2026, 9, 1), 20261001, null]) {
    assert.match(thrown(() => icp.isWorkingDay(value)), /^icp-filing: isWorkingDay\(\) takes a date as text, YYYY-MM-DD$/);
  }
  // 2^32 + 1 used to wrap around to 1, 1.5 to be cut to 1, NaN and undefined to mean 0.
  for (const n of [2 ** 32 + 1, 1.5, NaN, undefined, "3", -1, Infinity]) {
    assert.equal(
      thrown(() => icp.addWorkingDays("2026-09-30", n)),
      "icp-filing: addWorkingDays() takes a whole number of days, 0 or more",
      String(n),
    );
  }
});

test("validate and estimate name what is wrong with their input", () => {
  const filing = loadFixture("individual-beijing");
  assert.equal(icp.validate(filing, { today: "2026-11-28", locale: "en-US" }).ok, true);
  assert.equal(
    thrown(() => icp.validate(filing, { locale: "fr" })),
    'icp-filing: locale "fr" is not supported: use "zh-CN" or "en"',
  );
  // A string where the list of websites belongs: serde's words, not a TypeError from inside,
  // after the path of the value that did not fit.
  assert.equal(
    thrown(() => icp.validate({ ...filing, websites: "x" })),
    'icp-filing: not a filing: websites: invalid type: string "x", expected an array',
  );
  // An object or array where another type belongs is named by its kind, not dumped.
  assert.equal(
    thrown(() => icp.validate({ ...filing, websites: {} })),
    "icp-filing: not a filing: websites: invalid type: object, expected an array",
  );
  assert.equal(
    thrown(() => icp.validate({ ...filing, province: ["110000"] })),
    "icp-filing: not a filing: province: invalid type: array, expected a string",
  );
  // A Date or a Map is not an empty filing: it is refused as the receiver refuses it.
  for (const value of [new Date(), new Map([["province", "110000"]])]) {
    assert.equal(
      thrown(() => icp.validate(value)),
      'icp-filing: not a filing: a filing is a JSON object ({"subject": …}), not an array or a single value',
    );
  }
  // Options of the wrong shape are named in the .d.ts's terms, not by a Rust type.
  assert.equal(
    thrown(() => icp.validate(filing, "en")),
    'icp-filing: options: invalid type: string "en", expected an object',
  );
  assert.equal(
    thrown(() => icp.upkeep(filing, 5)),
    "icp-filing: upkeep approval: invalid type: a number, expected an object",
  );
  assert.match(thrown(() => icp.validate({ ...filing, filingType: "bogus" })), /^icp-filing: not a filing: filingType: unknown variant `bogus`/);
  const typo = structuredClone(filing);
  typo.websites[0].domains[0] = 7;
  typo.subject.principal.certificate = { type: "residentId", number: 110108199003071238 };
  assert.equal(thrown(() => icp.validate(typo)), "icp-filing: not a filing: subject.principal.certificate.number: invalid type: a number, expected a string");
  delete typo.subject.principal.certificate;
  assert.equal(thrown(() => icp.validate(typo)), "icp-filing: not a filing: websites[0].domains[0]: invalid type: a number, expected a string");
  // A member a back end writes as null is a member left out, as the CLI and the receiver read
  // it; in a list, null is a value, named as such.
  const nulls = structuredClone(filing);
  const without = structuredClone(filing);
  for (const [object, key] of [
    [nulls, "filingNumber"],
    [nulls, "apps"],
    [nulls.subject.principal, "officePhone"],
    [nulls.websites[0], "remark"],
  ]) {
    object[key] = null;
  }
  delete without.filingNumber;
  delete without.apps;
  delete without.subject.principal.officePhone;
  delete without.websites[0].remark;
  const options = { today: "2026-11-28" };
  assert.deepEqual(icp.validate(nulls, options), icp.validate(without, options));
  nulls.websites[0].domains = [null];
  assert.equal(thrown(() => icp.validate(nulls)), "icp-filing: not a filing: websites[0].domains[0]: invalid type: null, expected a string");
  // Another contract version is refused here as by the CLI and the receiver (400).
  for (const schemaVersion of [0, 2]) {
    assert.equal(
      thrown(() => icp.validate({ ...filing, schemaVersion })),
      `icp-filing: not a filing: schemaVersion ${schemaVersion} is not supported: a filing of this version has schemaVersion 1`,
    );
  }
  assert.equal(icp.validate({ ...filing, schemaVersion: 1 }).ok, true);
  const input = { filingType: "first", submittedAt: "2026-12-01T10:00:00+08:00" };
  assert.equal(icp.estimate({ ...input, province: "330106" }).province, "330000");
  // The fields the .d.ts describes besides the stages, with the shapes it gives them.
  const zhejiang = icp.estimate({ ...input, province: "330000" });
  assert.deepEqual(zhejiang.workingHours, { start: "09:00", end: "18:00" });
  assert.deepEqual(zhejiang.smsPersons, ["subjectPrincipal", "websiteResponsible"]);
  assert.equal(zhejiang.bureauLegalDeadline.workingDays, 20);
  for (const key of ["likelyReceipt", "likely", "lateReceipt", "late"]) {
    assert.match(zhejiang.bureauLegalDeadline[key], /^\d{4}-\d{2}-\d{2}$/, key);
  }
  assert.ok(zhejiang.years.includes(2026) && zhejiang.provisionalYears.every((y) => zhejiang.years.includes(y)));
  assert.equal(typeof zhejiang.stages[0].workingDays.max.days, "number");
  for (const province of ["999999", "810000", "北京"]) {
    assert.equal(
      thrown(() => icp.estimate({ ...input, province })),
      `icp-filing: province ${JSON.stringify(province)} is not the 6-digit GB/T 2260 code of one of the 31 mainland provinces, such as "330000"`,
    );
  }
});
