// A Node script with the package installed: the shared rules and the estimate, ready on import.
import { readFileSync } from "node:fs";
import { validate, estimate, isWorkingDay, rulesetVersion } from "@icp-filing/widget/node";

const filing = JSON.parse(readFileSync(process.argv[2], "utf8"));
const report = validate(filing, { today: "2026-11-28" });
const broken = validate({ ...filing, subject: { ...filing.subject, certificate: { ...filing.subject.certificate, number: "110105194912310021" } } }, { today: "2026-11-28" });
const timeline = estimate({ filingType: "first", province: "110000", submittedAt: "2026-12-01T10:00:00+08:00" });
console.log(
  JSON.stringify({
    rulesetVersion: rulesetVersion(),
    ok: report.ok,
    brokenCodes: broken.issues.filter((i) => i.severity === "error").map((i) => i.code),
    likelyCompletion: timeline.likelyCompletion,
    nationalDay: isWorkingDay("2026-10-01"),
  }),
);
