// How a console written in TypeScript uses the package: every call below must type-check
// against the declarations of the packed package as installed (`tsc --noEmit` in
// e2e/package.test.mjs), and each `@ts-expect-error` line must still be an error.
import init, {
  clearDrafts,
  defineElement,
  estimate,
  mount,
  validate,
  type Estimate,
  type Filing,
  type IcpFilingError,
  type IcpFilingErrorCode,
  type IcpFilingEvents,
  type IcpFilingFormElement,
  type MountOptions,
  type Receipt,
  type Report,
} from "@icp-filing/widget";
import fixture from "./fixture.json";
import { mountFrame, type FrameHandle } from "@icp-filing/widget/frame";

await init();

const options: MountOptions = {
  endpoint: "/api/filings",
  locale: "zh-CN",
  storage: "local",
  draftKey: "console:icp-draft",
  timeoutMs: 10_000,
  retry: { attempts: 4, baseDelayMs: 500, maxDelayMs: 8_000 },
  idempotencyHeader: "Idempotency-Key",
  getHeaders: async () => ({ "X-CSRF-Token": "token" }),
  appearance: { "color-primary": "#1664ff" },
  defaults: { province: "110000", filingType: "first" },
};

const handle = mount("#icp-filing-root", options);
handle.on("change", (detail: IcpFilingEvents["change"]) => {
  document.title = `${detail.errorCount} 个问题`;
});
// Handlers are typed by the event without annotations.
handle.on("submitted", (detail) => console.log(detail.receipt.receivedAt.toUpperCase()));
handle.on("approved", ({ filingNumber, upkeep }) => console.log(filingNumber, upkeep[0]?.due));
// @ts-expect-error a change event has no receipt
handle.on("change", (detail) => detail.receipt);
const onError = (detail: IcpFilingEvents["error"]) => console.warn(detail.code);
handle.off("error", onError);

// A filing imported from a JSON file is a Filing.
const imported: Report = validate(fixture, { today: "2026-11-28" });
handle.setFiling(fixture);
const timeline: Estimate = estimate({ filingType: "first", province: "110000", submittedAt: "2026-12-01T10:00" });
const likely: string = timeline.likelyCompletion;
void imported;
void likely;
const maybeEstimate: Estimate | null = handle.estimate();
void maybeEstimate;
handle.on("error", (detail: IcpFilingEvents["error"]) => console.warn(detail.code, detail.status));
handle.update({ locale: "en" });
// `null` unsets a theme property: its default comes back.
handle.update({ appearance: { "color-primary": null } });

const filing: Filing = handle.getFiling();
handle.setFiling({ ...filing, province: "440000" });
const report: Report = handle.validate();
const firstPath: string | undefined = report.issues[0]?.path;

export const receiptId: Promise<string | undefined> = handle
  .submit()
  .then((receipt: Receipt) => receipt.id)
  .catch((error: IcpFilingError) => {
    const code: IcpFilingErrorCode = error.code;
    void code;
    if (error.code === "rejected" || error.code === "invalid") return error.report?.issues[0]?.path;
    if (error.code === "http") return String(error.status);
    return undefined;
  });

const Element: CustomElementConstructor = defineElement();
customElements.get("icp-filing-form") === Element;
const element: IcpFilingFormElement = new (defineElement())();
element.options = { endpoint: "/api/filings" };
element.addEventListener("icp-submitted", (event) => console.log(event.detail.id));
const found: IcpFilingFormElement | null = document.querySelector("icp-filing-form");
found?.handle?.on("ready", ({ section }) => console.log(section));
// The events bubble: any ancestor can listen, typed.
document.body.addEventListener("icp-error", (event) => console.log(event.detail.code));
// @ts-expect-error options is an object, not the text an attribute would hold
element.options = "[object Object]";

const frame: FrameHandle = mountFrame("#frame-root", {
  src: "https://filing.provider.example/frame.html",
  options: { endpoint: "/api/filings", locale: "zh-CN" },
  getHeaders: () => ({ Authorization: "Bearer token" }),
});
frame.on("submitted", (detail) => console.log(detail.receipt.receivedAt));
export const frameReport: Promise<boolean> = frame.validate().then((r) => r.ok);

// Mistakes the declarations must catch.
// @ts-expect-error timeoutMs is a number of milliseconds
mount("#icp-filing-root", { timeoutMs: "fast" });
// @ts-expect-error there is no "changed" event
handle.on("changed", () => {});
// @ts-expect-error functions can't cross postMessage: getHeaders is not a frame option
mountFrame("#frame-root", { src: "/frame.html", options: { getHeaders: () => ({}) } });
// @ts-expect-error a receipt's id is a string
export const wrong: Promise<number> = handle.submit().then((r) => r.id);

export { firstPath };

// A console's sign-out removes every draft the widget saved in this browser.
const removedDrafts: number = clearDrafts();
// @ts-expect-error clearDrafts takes no key: it removes the drafts of every key.
clearDrafts("icp-filing:draft");
void removedDrafts;
