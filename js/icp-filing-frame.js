// Host side of the iframe mode: for consoles whose Content-Security-Policy cannot allow
// 'wasm-unsafe-eval'. The widget runs in a page the provider hosts (frame.html); this
// module (plain JS, no WebAssembly) embeds it and talks to it with postMessage, checking
// the origin and the source window of every message in both directions.
const PREFIX = "icp-filing:";

/**
 * Embeds the widget in an iframe.
 * @param {Element|string} target element or selector to put the iframe in
 * @param {{src: string, options?: object, getHeaders?: () => object|Promise<object>, title?: string, readyTimeoutMs?: number}} config
 *   `src`: URL of the provider's frame page; `options`: the mount options (no functions);
 *   `getHeaders`: called (in this page) before every submission attempt; `readyTimeoutMs`:
 *   how long the frame page has to answer before every call fails (default 20 s).
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
      new Error(
        `icp-filing: the frame page ${url.origin}${url.pathname} did not answer: check that it lists this ` +
          `console's origin (${location.origin}) in ALLOWED_PARENTS and that this page's Content-Security-Policy ` +
          `allows it in frame-src`,
      ),
    );
  }, config.readyTimeoutMs ?? 20000);

  function post(message) {
    if (!ready && message.type !== PREFIX + "init") {
      queue.push(message);
      return;
    }
    iframe.contentWindow?.postMessage(message, frameOrigin);
  }

  function call(method, ...args) {
    if (failure) return Promise.reject(failure);
    // An argument postMessage can't copy (a function, a DOM node) fails here, not later
    // from the queue.
    try {
      structuredClone(args);
    } catch (e) {
      return Promise.reject(new Error(`icp-filing: ${method}() got a value that can't be posted to the frame: ${e?.message ?? e}`));
    }
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      post({ type: PREFIX + "call", id, method, args });
    });
  }

  async function onMessage(event) {
    if (event.origin !== frameOrigin || event.source !== iframe.contentWindow) return;
    const message = event.data;
    if (!message || typeof message.type !== "string" || !message.type.startsWith(PREFIX)) return;
    switch (message.type.slice(PREFIX.length)) {
      case "loaded":
        post({ type: PREFIX + "init", options: config.options ?? {}, hasGetHeaders: !!config.getHeaders });
        break;
      case "mounted":
        ready = true;
        clearTimeout(readyTimer);
        queue.splice(0).forEach(post);
        break;
      case "event": {
        host.dispatchEvent(new CustomEvent("icp-" + message.event, { detail: message.detail, bubbles: true, composed: true }));
        for (const handler of listeners.get(message.event) ?? []) {
          try { handler(message.detail); } catch (e) { console.error("icp-filing: an event handler threw", e); }
        }
        break;
      }
      case "result": {
        const waiter = pending.get(message.id);
        if (!waiter) break;
        pending.delete(message.id);
        if (message.ok) waiter.resolve(message.value);
        else waiter.reject(Object.assign(new Error(message.error?.message ?? "failed"), message.error ?? {}));
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
        if (Number.isFinite(message.height)) iframe.style.height = `${Math.ceil(message.height)}px`;
        break;
    }
  }

  window.addEventListener("message", onMessage);
  host.appendChild(iframe);

  return {
    iframe,
    on(type, handler) {
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
      clearTimeout(readyTimer);
      window.removeEventListener("message", onMessage);
      for (const { reject } of pending.values()) reject(new Error("icp-filing: destroyed"));
      pending.clear();
      listeners.clear();
      iframe.remove();
    },
  };
}
