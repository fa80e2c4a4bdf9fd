// The iframe mode as a console uses it: the host helper only, no WebAssembly in this page.
import { mountFrame } from "./pkg/icp-filing-frame.js";

const status = document.getElementById("frame-status");
const frame = mountFrame("#icp-filing-root", {
  src: "./frame.html",
  options: { endpoint: "/api/filings", draftKey: "icp-filing:iframe-draft" },
  getHeaders: async () => ({ "X-Console-Session": "demo" }),
});
frame.on("change", (d) => { status.dataset.valid = String(d.valid); });
frame.on("submitted", (d) => { status.textContent = `已提交，受理编号 ${d.id}`; });
window.icpFrame = frame;
