// Types of the Node entry. They need no DOM library (`"lib": ["ES2022"]` is enough).
import type {
  Approval, Estimate, EstimateInput, Filing, Progress, ProgressInput, Report, UpkeepItem,
  UpkeepOptions, ValidateOptions,
} from "./icp-filing-types.js";
export type * from "./icp-filing-types.js";

/** The shared rules' report on a filing. Throws an `Error` when `filing` is not a filing. */
export function validate(filing: Filing, options?: ValidateOptions): Report;
/** The review timeline. Throws when the input is incomplete or a date is out of range. */
export function estimate(input: EstimateInput): Estimate;
/** Where a submitted filing is, from its review events. */
export function progress(input: ProgressInput): Progress;
/** The upkeep calendar of an approved filing. */
export function upkeep(filing: Filing, approval: Approval, options?: UpkeepOptions): UpkeepItem[];
/** The version of the shared rules compiled into this build. */
export function rulesetVersion(): string;
/** Whether `text` is a resident ID number with a valid birth date and check character. */
export function checkResidentId(text: string): boolean;
/** Whether `text` is a unified social credit code with a valid check character. */
export function checkUscc(text: string): boolean;
/** Whether a YYYY-MM-DD date is a working day on the official calendar. */
export function isWorkingDay(date: string): boolean;
/** The `n`-th working day after a YYYY-MM-DD date, as YYYY-MM-DD. */
export function addWorkingDays(date: string, n: number): string;
