// Types of the browser entry. The contract types (filing, report, options, events) are in
// icp-filing-types.d.ts and re-exported here.
import type {
  Approval, Estimate, EstimateInput, Filing, IcpFilingEvents, IcpFilingEventType,
  IcpFilingHandler, MountOptions, Progress, ProgressInput, Receipt, Report, UpkeepItem,
  UpkeepOptions, ValidateOptions,
} from "./icp-filing-types.js";
export type * from "./icp-filing-types.js";

/** What `init()` may be given instead of the files next to the package. */
export interface InitOptions {
  /** The WebAssembly module: a URL, a `Response`, its bytes or a compiled module. */
  module_or_path?: string | URL | Request | Response | BufferSource | WebAssembly.Module
    | Promise<Response>;
  /** Where `icp-filing-regions.json` is served (the default of the `regionsUrl` option). */
  regionsUrl?: string | URL;
}

/** Loads the WebAssembly module once; later calls return the same promise. */
export default function init(options?: InitOptions): Promise<unknown>;
/** Instantiates the module synchronously from its bytes or a compiled module. */
export function initSync(options: { module: BufferSource | WebAssembly.Module }): unknown;

/** A mounted widget. */
export interface IcpFilingHandle {
  /** Merges options and re-renders; new `rules`, `calendar` or `reviewPolicy` apply at once. */
  update(partial: Partial<MountOptions>): void;
  /** The filing as typed so far. */
  getFiling(): Filing;
  /** Replaces the filing in the form. Throws when it is not a filing. */
  setFiling(filing: Filing): void;
  /** The shared rules' report on the current filing. */
  validate(): Report;
  /** The estimate for the chosen filing type and province, or `null` until both are chosen. */
  estimate(): Estimate | null;
  /** Validates and sends the filing; rejects with an `IcpFilingError`. */
  submit(): Promise<Receipt>;
  /** Asks the status endpoint now instead of at the next poll. */
  refreshStatus(): void;
  /** Clears the draft and starts a new filing. */
  reset(): void;
  on<K extends IcpFilingEventType>(type: K, handler: IcpFilingHandler<K>): void;
  off<K extends IcpFilingEventType>(type: K, handler: IcpFilingHandler<K>): void;
  /** Removes the widget's DOM, listeners, timers and handlers; harmless twice. */
  destroy(): void;
  /** Frees the handle's memory (`destroy()` first); called by `using`. */
  free(): void;
  [Symbol.dispose](): void;
}

/** Mounts the widget into an element or the element a CSS selector matches. */
export function mount(target: Element | string, options?: MountOptions): IcpFilingHandle;

/** `icp-<type>` DOM events, dispatched on the element the widget is mounted into. */
export type IcpFilingElementEvents = {
  [K in IcpFilingEventType as `icp-${K}`]: CustomEvent<IcpFilingEvents[K]>;
};

/** The `<icp-filing-form>` custom element. */
export interface IcpFilingFormElement extends HTMLElement {
  /** Mount options (rich values); attributes `endpoint`, `locale`, `province`, `filing-type`. */
  options: MountOptions;
  /** Initial filing data; assigning an equal filing again changes nothing. */
  filing: Filing | undefined;
  /** The mounted widget, or `null` while the element is not connected. */
  readonly handle: IcpFilingHandle | null;
  validate(): Report | null;
  submit(): Promise<Receipt>;
  reset(): void;
  addEventListener<K extends keyof IcpFilingFormElementEventMap>(
    type: K,
    listener: (this: IcpFilingFormElement, event: IcpFilingFormElementEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  removeEventListener<K extends keyof IcpFilingFormElementEventMap>(
    type: K,
    listener: (this: IcpFilingFormElement, event: IcpFilingFormElementEventMap[K]) => unknown,
    options?: boolean | EventListenerOptions,
  ): void;
  removeEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | EventListenerOptions,
  ): void;
}
export interface IcpFilingFormElementEventMap extends HTMLElementEventMap, IcpFilingElementEvents {}
export interface IcpFilingFormElementConstructor {
  new (): IcpFilingFormElement;
  readonly prototype: IcpFilingFormElement;
}

/** Registers the custom element (`icp-filing-form`, or `name`) and returns its class. */
export function defineElement(name?: string): IcpFilingFormElementConstructor;

declare global {
  interface HTMLElementTagNameMap {
    "icp-filing-form": IcpFilingFormElement;
  }
  /** The widget's events bubble to every ancestor of the element it is mounted into. */
  interface HTMLElementEventMap extends IcpFilingElementEvents {}
}

/** Deletes every draft the widget saved in this browser (for sign-out); returns how many. */
export function clearDrafts(): number;
/** The shared rules' report on a filing. */
export function validate(filing: Filing, options?: ValidateOptions): Report;
/** The review timeline. */
export function estimate(input: EstimateInput): Estimate;
/** Where a submitted filing is, from its review events. */
export function progress(input: ProgressInput): Progress;
/** The upkeep calendar of an approved filing. */
export function upkeep(filing: Filing, approval: Approval, options?: UpkeepOptions): UpkeepItem[];
/** The version of the shared rules compiled into this build. */
export function rulesetVersion(): string;
export function checkResidentId(text: string): boolean;
export function checkUscc(text: string): boolean;
export function isWorkingDay(date: string): boolean;
export function addWorkingDays(date: string, n: number): string;
