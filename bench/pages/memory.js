// Mounts the widget with the demo console's options and exposes mount/destroy and the size
// of the wasm linear memory to the benchmark driver.
import init, { mount } from "/pkg/icp_filing.js";

const exports = await init();
const root = document.getElementById("icp-filing-root");
let widget = null;

window.icpBench = {
  mount() {
    widget = mount(root, { endpoint: "/api/filings", locale: "zh-CN", storage: "none" });
  },
  destroy() {
    widget?.destroy();
    widget = null;
  },
  wasmMemoryBytes: () => exports.memory.buffer.byteLength,
};
