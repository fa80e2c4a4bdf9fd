// The provider-hosted page of the iframe mode: mounts the widget and serves the console
// that embedded it (js/icp-filing-frame.js) over postMessage. Only the origin named in
// `?parent=` — and only if the provider lists it in ALLOWED_PARENTS — may talk to it.
import init, { clearDrafts, mount } from "./pkg/icp_filing.js";

const PREFIX = "icp-filing:";
// Consoles allowed to embed this page. A provider lists its console origins here; the demo
// allows its own origin.
const ALLOWED_PARENTS = [location.origin];

const parentOrigin = new URLSearchParams(location.search).get("parent");
const allowed = parentOrigin !== null && ALLOWED_PARENTS.includes(parentOrigin) && window.parent !== window;
const root = document.getElementById("icp-filing-root");
let handle = null;
const headerWaiters = new Map();
let nextId = 1;

function send(message) {
  window.parent.postMessage(message, parentOrigin);
}

function askHeaders() {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    headerWaiters.set(id, { resolve, reject });
    send({ type: PREFIX + "getHeaders", id });
  });
}

const EVENTS = ["ready", "change", "validate", "estimate", "draftsaved", "submit", "submitted", "approved", "error", "titlechange"];

async function onMessage(event) {
  if (event.origin !== parentOrigin || event.source !== window.parent) return;
  const message = event.data;
  if (!message || typeof message.type !== "string" || !message.type.startsWith(PREFIX)) return;
  const kind = message.type.slice(PREFIX.length);
  if (kind === "init" && !handle) {
    const options = { ...(message.options ?? {}) };
    if (message.hasGetHeaders) options.getHeaders = askHeaders;
    handle = mount(root, options);
    for (const type of EVENTS) handle.on(type, (detail) => send({ type: PREFIX + "event", event: type, detail }));
    send({ type: PREFIX + "mounted" });
  } else if (kind === "headers") {
    const waiter = headerWaiters.get(message.id);
    headerWaiters.delete(message.id);
    if (waiter) message.error ? waiter.reject(new Error(message.error)) : waiter.resolve(message.headers);
  } else if (kind === "call" && handle) {
    const methods = [
      "update", "getFiling", "getReceipt", "setFiling", "validate", "estimate", "submit", "reset", "refreshStatus", "clearDrafts",
    ];
    try {
      if (!methods.includes(message.method)) throw new Error(`unknown method ${message.method}`);
      // Drafts live in this page's storage, so the console's sign-out clears them through here.
      const value =
        message.method === "clearDrafts" ? clearDrafts() : await handle[message.method](...(message.args ?? []));
      send({ type: PREFIX + "result", id: message.id, ok: true, value: value ?? null });
    } catch (e) {
      send({ type: PREFIX + "result", id: message.id, ok: false, error: { message: String(e?.message ?? e), code: e?.code, notice: e?.notice, status: e?.status, report: e?.report } });
    }
  }
}

if (allowed) {
  await init();
  window.addEventListener("message", onMessage);
  new ResizeObserver(() => send({ type: PREFIX + "resize", height: document.documentElement.scrollHeight })).observe(document.body);
  send({ type: PREFIX + "loaded" });
} else {
  root.textContent = "This page can only be embedded by an allowed console.";
}
