// Host side of the iframe mode: for consoles whose Content-Security-Policy cannot allow
// 'wasm-unsafe-eval'. The widget runs in a page the provider hosts (frame.html); this
// module (plain JS, no WebAssembly) embeds it and talks to it with postMessage, checking
// the origin and the source window of every message in both directions.
const PREFIX = "icp-filing:";
/** How long a frame hidden by destroy() may take to settle the submission it is sending. */
const SETTLE_LIMIT_MS = 10 * 60 * 1000;
/** The events that still reach the console after destroy(): those of a submission on its way. */
const SUBMISSION_EVENTS = new Set(["submit", "submitted", "error"]);

/** An `IcpFilingError`: an Error with its name and `code`, as the widget's own. */
function codedError(message, code, fields = {}) {
  const error = Object.assign(new Error(message), { code });
  error.name = "IcpFilingError";
  // The frame's fields as it sent them, those it left out not overwriting the code.
  for (const [key, value] of Object.entries(fields)) if (value !== undefined && key !== "message") error[key] = value;
  return error;
}

/**
 * Embeds the widget in an iframe.
 * @param {Element|string} target element or selector to put the iframe in
 * @param {{src: string, options?: object, getHeaders?: () => object|Promise<object>, title?: string, readyTimeoutMs?: number}} config
 *   `src`: URL of the provider's frame page; `options`: the mount options (no functions);
 *   `getHeaders`: called (in this page) before every submission attempt; `readyTimeoutMs`:
 *   how long the frame page has to answer before every call fails with code "config" (default 20 s).
 *
 * `destroy()` removes the iframe at once, unless a submission is on its way (a `submit()`
 * call the frame received, or a `submit` event not yet followed by `submitted` or `error`,
 * e.g. the filer pressed submit in the frame): then the iframe is hidden, its page finishes
 * the delivery, the outcome reaches the pending `submit()` promise, the `on()` handlers and
 * the host element's `icp-submitted`/`icp-error` event, and only then is the iframe removed
 * (after 10 minutes at the latest). Other pending calls, and every call after `destroy()`,
 * reject with an Error whose `code` is "destroyed".
 */
export function mountFrame(target, config) {
  const host = typeof target === "string" ? document.querySelector(target) : target;
  if (!host) throw new Error(`icp-filing: no element matches ${target}`);
  // Options cross postMessage, which can't carry functions: say so now, not with calls that
  // never settle.
  try {
    structuredClone(config.options ?? {});
  } catch (e) {
    throw new Error(
      "icp-filing: mountFrame() options must be plain data, since they are posted to the frame " +
        `(functions such as lookupDomain or fetchPage can only be given to mount()): ${e?.message ?? e}`,
    );
  }
  const url = new URL(config.src, location.href);
  url.searchParams.set("parent", location.origin);
  const frameOrigin = url.origin;
  const iframe = document.createElement("iframe");
  iframe.src = url.href;
  iframe.title = config.title ?? "ICP备案";
  iframe.className = "icpf-frame";
  iframe.style.width = "100%";
  iframe.style.border = "0";
  iframe.style.minHeight = "480px";
  const listeners = new Map();
  const pending = new Map();
  let nextId = 1;
  let ready = false;
  let failure = null;
  const queue = [];
  let destroyed = false;
  // Between a `submit` event and the `submitted` or `error` that ends that submission.
  let delivering = false;
  let settleTimer = null;

  /** Every pending and later call rejects with `error`: the frame can't be reached. */
  function fail(error) {
    failure = error;
    console.error(error);
    queue.length = 0;
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
  }

  const readyTimer = setTimeout(() => {
    if (ready) return;
    fail(
      codedError(
        `icp-filing: the frame page ${url.origin}${url.pathname} did not answer: check that it lists this ` +
          `console's origin (${location.origin}) in ALLOWED_PARENTS and that this page's Content-Security-Policy ` +
          `allows it in frame-src`,
        "config",
      ),
    );
  }, config.readyTimeoutMs ?? 20000);

  function post(message) {
    if (!ready && message.type !== PREFIX + "init") {
      queue.push(message);
      return;
    }
    // A call the frame has received: a submit() among them is on its way.
    if (message.type === PREFIX + "call" && pending.has(message.id)) pending.get(message.id).posted = true;
    iframe.contentWindow?.postMessage(message, frameOrigin);
  }

  /** Whether a submission is on its way: destroy() then waits for its outcome. */
  function submitting() {
    if (delivering) return true;
    for (const waiter of pending.values()) if (waiter.method === "submit" && waiter.posted) return true;
    return false;
  }

  /** Removes the iframe and stops listening; what still waits is rejected with `error`. */
  function teardown(error) {
    clearTimeout(readyTimer);
    clearTimeout(settleTimer);
    window.removeEventListener("message", onMessage);
    for (const { reject } of pending.values()) reject(error);
    pending.clear();
    queue.length = 0;
    listeners.clear();
    iframe.remove();
  }

  /** After destroy(): tears down once the submission on its way has settled. */
  function settleIfDone() {
    if (destroyed && !submitting()) teardown(codedError("icp-filing: destroyed", "destroyed"));
  }

  function call(method, ...args) {
    if (destroyed) {
      return Promise.reject(codedError(`icp-filing: ${method}() after destroy(): the widget is not mounted`, "destroyed"));
    }
    if (failure) return Promise.reject(failure);
    // An argument postMessage can't copy (a function, a DOM node) fails here, not later
    // from the queue.
    try {
      structuredClone(args);
    } catch (e) {
      return Promise.reject(codedError(`icp-filing: ${method}() got a value that can't be posted to the frame: ${e?.message ?? e}`, "config"));
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { method, resolve, reject, posted: false });
      post({ type: PREFIX + "call", id, method, args });
    });
  }

  async function onMessage(event) {
    if (event.origin !== frameOrigin || event.source !== iframe.contentWindow) return;
    const message = event.data;
    if (!message || typeof message.type !== "string" || !message.type.startsWith(PREFIX)) return;
    switch (message.type.slice(PREFIX.length)) {
      case "loaded":
        if (destroyed) break;
        post({ type: PREFIX + "init", options: config.options ?? {}, hasGetHeaders: !!config.getHeaders });
        break;
      case "mounted":
        if (destroyed) break;
        ready = true;
        clearTimeout(readyTimer);
        queue.splice(0).forEach(post);
        break;
      case "event": {
        const type = message.event;
        // Recorded before the handlers run, so that a destroy() in a `submit` handler waits.
        if (type === "submit") delivering = true;
        else if (type === "submitted" || type === "error") delivering = false;
        if (destroyed && !SUBMISSION_EVENTS.has(type)) break;
        host.dispatchEvent(new CustomEvent("icp-" + type, { detail: message.detail, bubbles: true, composed: true }));
        // The handlers as they were when the event came; one removed by an earlier one is skipped.
        const handlers = listeners.get(type);
        for (const handler of handlers ? [...handlers] : []) {
          if (!handlers.has(handler)) continue;
          try { handler(message.detail); } catch (e) { console.error("icp-filing: an event handler threw", e); }
        }
        settleIfDone();
        break;
      }
      case "result": {
        const waiter = pending.get(message.id);
        if (!waiter) break;
        pending.delete(message.id);
        if (message.ok) waiter.resolve(message.value);
        // A call the frame refused without a code of its own (a bad argument) is a config error.
        else waiter.reject(codedError(message.error?.message ?? "failed", "config", message.error ?? {}));
        settleIfDone();
        break;
      }
      case "getHeaders": {
        let headers = {};
        let error = null;
        try { headers = (await config.getHeaders?.()) ?? {}; } catch (e) { error = String(e?.message ?? e); }
        iframe.contentWindow?.postMessage({ type: PREFIX + "headers", id: message.id, headers, error }, frameOrigin);
        break;
      }
      case "resize":
        if (!destroyed && Number.isFinite(message.height)) iframe.style.height = `${Math.ceil(message.height)}px`;
        break;
    }
  }

  window.addEventListener("message", onMessage);
  host.appendChild(iframe);

  return {
    iframe,
    on(type, handler) {
      if (destroyed) return;
      if (!listeners.has(type)) listeners.set(type, new Set());
      listeners.get(type).add(handler);
    },
    off(type, handler) { listeners.get(type)?.delete(handler); },
    update: (partial) => call("update", partial),
    getFiling: () => call("getFiling"),
    getReceipt: () => call("getReceipt"),
    refreshStatus: () => call("refreshStatus"),
    setFiling: (filing) => call("setFiling", filing),
    validate: () => call("validate"),
    estimate: () => call("estimate"),
    submit: () => call("submit"),
    reset: () => call("reset"),
    clearDrafts: () => call("clearDrafts"),
    destroy() {
      if (destroyed) return;
      destroyed = true;
      clearTimeout(readyTimer);
      // Calls not yet answered end now, but for a submit() the frame received: its filing
      // may be stored, and its receipt is what the console must not lose. A call still
      // queued for a frame that never got ready was not sent at all.
      queue.length = 0;
      for (const [id, waiter] of pending) {
        if (waiter.method === "submit" && waiter.posted) continue;
        pending.delete(id);
        waiter.reject(codedError(`icp-filing: ${waiter.method}() was not answered: destroy() came first`, "destroyed"));
      }
      if (!submitting()) {
        teardown(codedError("icp-filing: destroyed", "destroyed"));
        return;
      }
      // A submission is on its way: its page keeps running, out of sight, until it settles.
      iframe.style.display = "none";
      iframe.setAttribute("aria-hidden", "true");
      iframe.tabIndex = -1;
      settleTimer = setTimeout(
        () =>
          teardown(
            codedError(
              `icp-filing: the submission on its way when destroy() was called did not settle within ${SETTLE_LIMIT_MS / 60000} minutes; the frame was removed`,
              "destroyed",
            ),
          ),
        SETTLE_LIMIT_MS,
      );
    },
  };
}
