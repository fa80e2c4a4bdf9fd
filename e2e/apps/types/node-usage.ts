// A Node service in TypeScript without the DOM library: the Node entry's types must need none.
import { validate, estimate, upkeep, type Filing, type Report, type Estimate } from "@icp-filing/widget/node";

const filing: Filing = { schemaVersion: 1, filingType: "first", province: "110000" };
const report: Report = validate(filing, { locale: "en", today: "2026-11-28" });
// A back end checks by the provider's compiled rules, as the widget it serves does.
const byProvider: Report = validate(filing, { today: "2026-11-28", rules: "icprules1:AAAA" });
// @ts-expect-error `rules` is the compiled text, not the override JSON
validate(filing, { rules: { version: "host-1" } });
const errors: string[] = report.issues.filter((i) => i.severity === "error").map((i) => i.code);
const timeline: Estimate = estimate({ filingType: "first", province: "110000", submittedAt: "2026-12-01T10:00" });
// What the estimate says besides the stages: the legal limit, who answers the SMS, the hours.
const legalBy: string = timeline.bureauLegalDeadline.late;
const smsTo: ("subjectPrincipal" | "websiteResponsible")[] = timeline.smsPersons;
const closesAt: string = timeline.workingHours.end;
const unsure: number[] = timeline.provisionalYears;
const due: (string | undefined)[] = upkeep(filing, { filingNumber: "京ICP备2026012345号", approvedOn: "2026-12-20" }).map((i) => i.due);
// @ts-expect-error validate needs a filing
validate();
// @ts-expect-error a report is not a promise
validate(filing).then(() => {});
export { errors, timeline, due, byProvider, legalBy, smsTo, closesAt, unsure };
