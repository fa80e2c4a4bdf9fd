// Types of the icp-filing contracts: the filing, the report, the estimate and progress, the
// options, the events. They need no DOM library, so the browser entry (index.d.ts), the Node
// entry (node.d.ts) and the React wrapper (react.d.ts) all share them.
/** 首次备案, 新增网站, 新增接入, 变更备案. */
export type FilingType = "first" | "newWebsite" | "newAccess" | "change";
/** What a change filing changes: 变更主体, 变更网站 (or APP), or both (变更备案). */
export type ChangeScope = "subject" | "services" | "both";
/**
 * The filing contract (schema/filing.schema.json). Enumerated fields also accept `string`, so
 * a filing imported from a JSON file type-checks. A value outside an enumeration, a value of
 * the wrong type or a `schemaVersion` other than 1 is not a filing: `validate()` and
 * `setFiling()` throw an Error saying what does not fit (`unknown variant "x", expected one
 * of …`), as the receiver answers 400.
 */
export interface Filing {
  /** The contract version: 1. */
  schemaVersion?: number;
  filingType?: FilingType | (string & {});
  /** A change filing's: what it changes; it decides who answers the MIIT SMS. */
  changeScope?: ChangeScope | (string & {});
  /** 6-digit GB/T 2260 province code, e.g. "440000". */
  province?: string;
  filingNumber?: string;
  subject?: Subject;
  websites?: Website[];
  apps?: App[];
  /** Registrar facts about the filing's domains (filled from `lookupDomain`). */
  domainFacts?: DomainFacts[];
  /** "code@path" keys of warnings the filer confirmed. */
  acknowledgedWarnings?: string[];
}
/** What the registrar says about one domain: MIIT's domain check runs on the facts given. */
export interface DomainFacts {
  domain: string;
  /** The registrant (域名持有者). */
  holderName?: string;
  /** Registration expiry, "YYYY-MM-DD". */
  expiresOn?: string;
  /** Whether real-name verification (实名认证) is complete. */
  realNameVerified?: boolean;
  /** When real-name verification completed, "YYYY-MM-DD". */
  realNameVerifiedOn?: string;
}
export type SubjectKind =
  | "enterprise" | "individual" | "government" | "institution" | "military" | "socialGroup"
  | "privateNonEnterprise" | "foundation" | "lawFirm" | "foreignCultureCenter"
  | "massOrganization" | "judicialExpertise" | "religious" | "overseasOrganization"
  | "medical" | "notary" | "collectiveEconomy" | "arbitration";
export interface Certificate {
  type?: string;
  number?: string;
  /** "YYYY-MM-DD" or "longTerm". */
  validUntil?: string;
}
export interface Address { province?: string; city?: string; district?: string; detail?: string; }
export interface Person {
  name?: string;
  certificate?: Certificate;
  mobile?: string;
  email?: string;
  emergencyPhone?: string;
  officePhone?: string;
}
export interface Subject {
  kind?: SubjectKind | (string & {});
  name?: string;
  certificate?: Certificate;
  certificateAddress?: string;
  address?: Address;
  principal?: Person;
  principalIsLegalRepresentative?: boolean;
  /** 法定代表人, asked for when `principalIsLegalRepresentative` is false. */
  legalRepresentative?: { name?: string; certificate?: Certificate };
  remark?: string;
}
export interface PreApproval { category: string; number: string; }
export interface Website {
  name?: string;
  /** Its own filing number (…号-1; an APP's …号-1A), asked in a new access or a change. */
  filingNumber?: string;
  domains?: string[];
  homepage?: string;
  serviceContent?: string[];
  languages?: string[];
  preApprovals?: PreApproval[];
  responsible?: Person;
  remark?: string;
}
export interface AppPlatform {
  platform: string;
  packageName?: string;
  signatureMd5?: string;
  publicKey?: string;
  certSha1?: string;
}
export interface App extends Omit<Website, "homepage"> { platforms?: AppPlatform[]; }

/** One finding of the shared rules. */
export interface Issue {
  /** JSON path of the field, e.g. "websites[0].domains[1]". */
  path: string;
  /** Stable dotted code, e.g. "id.checksum" (docs/codes.md). */
  code: string;
  severity: "error" | "warning";
  params: Record<string, string>;
  message: string;
}
/** The report contract. */
export interface Report { rulesetVersion: string; ok: boolean; issues: Issue[]; }

export type Stage = "providerReview" | "submission" | "smsVerification" | "bureauReview" | "resultSync";
export interface StageEstimate {
  stage: Stage;
  cycle: number;
  start: string;
  lateStart: string;
  earliestEnd: string;
  likelyEnd: string;
  lateEnd: string;
  legalDeadline?: string;
  /** The working days the stage takes, each figure with its source. */
  workingDays?: { min: StageDays; typical: StageDays; max: StageDays };
}
export interface StageDays { days: number; source: string; }
/** A review-time estimate (dates are YYYY-MM-DD, China time). */
export interface Estimate {
  filingType: string;
  province: string;
  submittedAt: string;
  /** The provider's working hours applied ("HH:MM"): a submission after `end` starts the
   *  next working day. */
  workingHours: { start: string; end: string };
  startsOn: string;
  /** Who answers the MIIT SMS. */
  smsPersons: ("subjectPrincipal" | "websiteResponsible")[];
  stages: StageEstimate[];
  earliestCompletion: string;
  likelyCompletion: string;
  lateCompletion: string;
  /** The bureau's legal limit (working days from its receipt of the filing), on the likely
   *  and the late path. */
  bureauLegalDeadline: { workingDays: number; likelyReceipt: string; likely: string; lateReceipt: string; late: string };
  /** The years the dates depend on, and those without an official holiday schedule yet. */
  years: number[];
  provisionalYears: number[];
  provisional: boolean;
  assumptions: { code: string; params?: Record<string, string> }[];
  [more: string]: unknown;
}
export interface EstimateInput {
  filingType: FilingType | (string & {});
  /** A change filing's scope: who answers the MIIT SMS (both when not given). */
  changeScope?: ChangeScope;
  /** 主办单位性质: names the SMS's subject principal as the filer for "individual". */
  subjectKind?: SubjectKind;
  province: string;
  /** "YYYY-MM-DDTHH:MM[:SS]" China time, or RFC 3339. */
  submittedAt: string;
  /** Compiled rule data (`icp-precheck rules compile`): the estimate uses their review policy,
   *  a provider's SLA given under "reviewPolicy" in the override. */
  rules?: `icprules1:${string}`;
  holidays?: object[];
}
export interface StageEvent { stage: Stage; status: "started" | "passed" | "rejected"; at: string; reasons?: RejectionReason[]; }
/** What a reviewer named when sending the filing back (docs/codes.md lists the codes). */
export interface RejectionReason { path: string; code: string; comment?: string; }
/** The number of one website (`websites[0]`) or APP (`apps[0]`) of an approved filing. */
export interface ServiceNumber { service: string; number: string; }
/** What `upkeep()` needs to know of an approved filing. */
export interface Approval {
  filingNumber: string;
  /** YYYY-MM-DD */
  approvedOn: string;
  serviceNumbers?: ServiceNumber[];
  domainExpiry?: { domain: string; expiresOn: string }[];
}
/** What `upkeep()` is told besides the filing and its approval. */
export interface UpkeepOptions {
  /** The language of the items' `text` (default "zh-CN"). */
  locale?: "zh-CN" | "en";
  /** YYYY-MM-DD: the day `overdue` is judged on (default: today in China). */
  today?: string;
}
export interface UpkeepItem {
  kind: "publicSecurity" | "domainExpiry" | "certificateExpiry" | "domainRenewal" | "changeFiling";
  /** YYYY-MM-DD; absent for a change that needs a filing whenever it happens. */
  due?: string;
  /** The report path it concerns ("websites[0].domains[0]"), or "". */
  path: string;
  text: string;
  /** The due date is before today. */
  overdue: boolean;
}
export interface ProgressInput extends EstimateInput { events?: StageEvent[]; now: string; }
export interface Progress {
  status: "notSubmitted" | "inProgress" | "awaitingResubmission" | "finished";
  currentStage?: Stage;
  stages: { stage: Stage; state: "done" | "current" | "pending" | "rejected"; likelyEnd?: string; lateEnd?: string }[];
  likelyCompletion?: string;
  lateCompletion?: string;
  [more: string]: unknown;
}
/** What the endpoint answers when it accepts a filing. */
export interface Receipt { id: string; receivedAt: string; }

export interface MountOptions {
  /** Where the filing is sent: an https:/http: URL or a same-origin path. */
  endpoint?: string;
  method?: "POST" | "PUT";
  headers?: Record<string, string>;
  /** Called before every attempt, e.g. for a fresh CSRF token. */
  getHeaders?: () => Record<string, string> | Promise<Record<string, string>>;
  /**
   * Registrar facts for a domain the filer entered (e.g. from the provider's own registrar),
   * asked once per domain; answer nothing when unknown. At most 10 s per lookup; a
   * submission waits up to 2 s for a domain not answered yet.
   */
  lookupDomain?: (domain: string) =>
    | Omit<DomainFacts, "domain"> | null | undefined
    | Promise<Omit<DomainFacts, "domain"> | null | undefined>;
  /**
   * A live page's HTML, read through the console's own server (a browser can't read another
   * site's pages). With it, an approved website's footer number can be checked from the
   * receipt. Answer the page's text; anything else, or no answer within 10 s, reads as
   * "could not be read".
   */
  fetchPage?: (url: string) => string | Promise<string>;
  credentials?: "omit" | "same-origin" | "include";
  timeoutMs?: number;
  retry?: { attempts?: number; baseDelayMs?: number; maxDelayMs?: number };
  idempotencyHeader?: string;
  locale?: "zh-CN" | "en";
  /** --icp-* custom properties, with or without the prefix: { "color-primary": "#c00" }; in
   *  `update()`, `null` unsets one (its default comes back). */
  appearance?: Record<string, string | null>;
  defaults?: { province?: string; filingType?: FilingType };
  /** Compiled rule data: the text `icp-precheck rules compile override.json` prints
   *  (it starts with "icprules1:"); the override itself is in the format of data/*.json, and
   *  its "reviewPolicy" (a provider SLA over data/review-policy.json) reaches the estimate. */
  rules?: `icprules1:${string}`;
  /** Extra official holiday years (holiday-cn format). */
  calendar?: object | object[];
  storage?: "local" | "session" | "none";
  draftKey?: string;
  /** Polled after submission for review events; "{id}" is replaced by the receipt id. */
  statusEndpoint?: string;
  /** The date the rules treat as today (YYYY-MM-DD), for tests and demos. */
  today?: string;
  /**
   * Data the console already knows, used when there is no saved draft; with `receipt`, the
   * filing as it was submitted.
   */
  filing?: Filing;
  /**
   * A filing already submitted (the endpoint's answer): the widget opens on its progress,
   * corrections and approval, e.g. from the console's list of filings. Read at mount; give
   * each followed filing its own `draftKey`.
   */
  receipt?: Receipt;
  /** Where the GB/T 2260 region data is loaded from. */
  regionsUrl?: string;
}

export type Section = "basics" | "subject" | "services" | "review";
/** Event payloads, by type. DOM events are named `icp-<type>`; identity numbers are masked. */
export interface IcpFilingEvents {
  ready: { section: Section };
  change: { valid: boolean; errorCount: number; warningCount: number; dirty: boolean; section: Section };
  validate: { report: Report };
  estimate: { timeline: Estimate };
  draftsaved: { savedAt: string };
  submit: { attempt: number };
  submitted: { id: string; receipt: Receipt };
  /** When the widget shows the approval: first when the status says so, and again on each
   *  mount (a reload, a remount) of a widget following an approved filing. A state, not a new
   *  happening: key any notice by `filingNumber`. */
  approved: { filingNumber: string; serviceNumbers: ServiceNumber[]; approvedOn: string; upkeep: UpkeepItem[] };
  /** `message`: for the console team's logs (English, or the endpoint's own text). `notice`:
   *  what the filer was shown, in the widget's language. `status`: the HTTP status, when the
   *  endpoint answered; `endpointCode`: the `error.code` of its JSON error body, when it has
   *  one (`filing.order_in_review`). */
  error: { code: IcpFilingErrorCode | "internal" | (string & {}); message: string; notice?: string; status?: number; endpointCode?: string };
  titlechange: { hasErrors: boolean };
}
export type IcpFilingEventType = keyof IcpFilingEvents;

/** Why a submission failed: the `code` of an `IcpFilingError`. The `error` event carries
 *  the same codes for a delivery that was tried (not `invalid`, which the `validate` event
 *  tells with its report, nor `destroyed`), and `internal`. */
export type IcpFilingErrorCode =
  | "invalid" | "rejected" | "network" | "timeout" | "http" | "response" | "headers" | "config" | "destroyed";
/** What a rejected `submit()` carries: `submit().catch((e: IcpFilingError) => e.code)`. */
export interface IcpFilingError extends Error {
  code: IcpFilingErrorCode;
  /** What the filer was shown, in the widget's language (a failed delivery or a refusal);
   *  `message` is for the console team's logs. */
  notice?: string;
  status?: number;
  /** The `error.code` of the endpoint's JSON error body, when it has one. */
  endpointCode?: string;
  report?: Report;
}

/** What `validate()` is told besides the filing. */
export interface ValidateOptions {
  locale?: "zh-CN" | "en";
  /** YYYY-MM-DD: the date the rules treat as today (default: today in China). */
  today?: string;
  /** Compiled rule data (`icp-precheck rules compile`), as given to the widget's `rules`
   *  option: the filing is checked by the provider's rules instead of the embedded ones. */
  rules?: `icprules1:${string}`;
}
/** A handler of the event `K`. */
export type IcpFilingHandler<K extends IcpFilingEventType> = (detail: IcpFilingEvents[K]) => void;
