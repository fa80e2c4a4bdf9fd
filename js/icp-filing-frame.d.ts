import type { Filing, MountOptions, Report, Estimate, Receipt, IcpFilingEvents, IcpFilingEventType } from "./icp_filing.js";

export interface FrameConfig {
  /** URL of the provider's frame page (frame.html). */
  src: string;
  /** Mount options; functions can't cross postMessage (use `getHeaders` below). */
  options?: FrameOptions;
  /** Called in the console page before every submission attempt. */
  getHeaders?: () => Record<string, string> | Promise<Record<string, string>>;
  /** The iframe's accessible name. */
  title?: string;
  /** How long the frame page has to answer before every call rejects with an `IcpFilingError`
   *  whose `code` is "config" (default 20000 ms). */
  readyTimeoutMs?: number;
}

/** The mount options that can be posted to the frame: all but the functions. */
export type FrameOptions = Omit<MountOptions, "getHeaders" | "lookupDomain" | "fetchPage">;

/**
 * The widget in its iframe. Its methods return promises that reject with an `IcpFilingError`:
 * the widget's own codes, "config" when the frame page never answered, "destroyed" after
 * `destroy()`.
 */
export interface FrameHandle {
  readonly iframe: HTMLIFrameElement;
  on<K extends IcpFilingEventType>(type: K, handler: (detail: IcpFilingEvents[K]) => void): void;
  off<K extends IcpFilingEventType>(type: K, handler: (detail: IcpFilingEvents[K]) => void): void;
  update(partial: FrameOptions): Promise<null>;
  getFiling(): Promise<Filing>;
  /** The receipt of the filing followed since its submission (or a reload); null for a draft. */
  getReceipt(): Promise<Receipt | null>;
  /** Asks the status endpoint now. */
  refreshStatus(): Promise<null>;
  setFiling(filing: Filing): Promise<null>;
  validate(): Promise<Report>;
  estimate(): Promise<Estimate | null>;
  submit(): Promise<Receipt>;
  reset(): Promise<null>;
  /** Deletes every draft the widget saved in the frame's storage (for the console's sign-out); resolves to how many. */
  clearDrafts(): Promise<number>;
  /**
   * Removes the iframe and the message listener; harmless twice. When a submission is on its
   * way (a `submit()` call, or the filer pressed submit in the frame), the iframe is hidden
   * instead and removed once the submission settled (10 minutes at most): its receipt or
   * error still reaches the pending `submit()` promise, the `submitted`/`error` handlers and
   * the host element's `icp-submitted`/`icp-error` event. Other pending calls, and every call
   * after `destroy()`, reject with code "destroyed"; `on()` after it does nothing.
   */
  destroy(): void;
}

export function mountFrame(target: Element | string, config: FrameConfig): FrameHandle;
