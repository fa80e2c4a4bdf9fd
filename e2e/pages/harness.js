// Loads the widget module and exposes it to the end-to-end tests, which drive it with
// page.evaluate: `icp` (the module), `mountRecorded` (mount + record every event in
// `events`), `widgetReady`, `recordDomEvents` (record the icp-* DOM events that reach the
// document) and `wasmMemoryBytes`.
import init, * as icp from "../pkg/icp_filing.js";

const TYPES = ["ready", "change", "validate", "estimate", "draftsaved", "submit", "submitted", "error", "titlechange"];
const wasm = await init();

window.icp = icp;
window.wasm = wasm;
window.wasmMemoryBytes = () => wasm.memory.buffer.byteLength;
window.events = [];
window.handles = {};

window.mountRecorded = (name, target, options) => {
  const handle = icp.mount(target, options);
  for (const type of TYPES) {
    handle.on(type, (detail) => window.events.push({ via: "on", widget: name, type, detail, at: performance.now() }));
  }
  window.handles[name] = handle;
  return handle;
};

/** Resolves once the widget mounted as `name` has emitted `ready`. */
window.widgetReady = (name) =>
  new Promise((resolve) => {
    const check = () =>
      window.events.some((e) => e.via === "on" && e.widget === name && e.type === "ready") ? resolve() : setTimeout(check, 5);
    check();
  });

window.recordDomEvents = () => {
  for (const type of TYPES) {
    document.addEventListener(`icp-${type}`, (e) => {
      window.events.push({ via: "dom", host: e.target.id, type, detail: e.detail, bubbles: e.bubbles, composed: e.composed });
    });
  }
};

document.documentElement.dataset.ready = "true";
