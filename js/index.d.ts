// Types of the browser entry. The contract types (filing, report, options, events) are in
// icp-filing-types.d.ts and re-exported here.
import type {
  Estimate, Filing, IcpFilingEvents, IcpFilingEventType, IcpFilingHandler, MountOptions, Receipt,
  Report,
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

/** Loads the WebAssembly module once; later calls return the same promise. `init(url)` is
 *  `init({ module_or_path: url })`. */
export default function init(options?: InitOptions | NonNullable<InitOptions["module_or_path"]>): Promise<unknown>;
/** Instantiates the module synchronously from its bytes or a compiled module. */
export function initSync(options: { module: BufferSource | WebAssembly.Module }): unknown;

/** A mounted widget. */
export interface IcpFilingHandle {
  /** Merges options and re-renders; new `rules` (with their review policy) or `calendar` apply at once. */
  update(partial: Partial<MountOptions>): void;
  /** The filing as typed so far. */
  getFiling(): Filing;
  /** The receipt of the filing followed since its submission (also after a reload); null for a draft. */
  getReceipt(): Receipt | null;
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
  /**
   * Frees the handle's memory (`destroy()` first); called by `using`; harmless twice. After
   * it the handle answers as a destroyed widget's: `submit()` rejects with an
   * `IcpFilingError` whose `code` is "destroyed"; `destroy()`, `free()`, `on()` and `off()`
   * do nothing; `update()`, `setFiling()`, `reset()` and `refreshStatus()` change nothing
   * and say so with `console.error`; `getFiling()`, `getReceipt()`, `validate()` and
   * `estimate()` throw an `Error` saying the handle was freed (nothing is left to read).
   */
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
  interface ElementEventMap extends IcpFilingElementEvents {}
  interface DocumentEventMap extends IcpFilingElementEvents {}
}

/** Deletes every draft the widget saved in this browser (for sign-out); returns how many. */
export function clearDrafts(): number;
// The stateless exports, as the Node entry declares them (its types need no DOM).
export {
  validate, estimate, progress, upkeep, rulesetVersion, checkResidentId, checkUscc, isWorkingDay,
  addWorkingDays,
} from "./node.js";
