// The custom element on a plain page: properties set before the element is defined are
// honoured when it upgrades.
import init, { defineElement } from "./pkg/icp_filing.js";

const element = document.getElementById("filing");
element.options = { storage: "session", draftKey: "icp-filing:element-draft" };
await init();
defineElement();
element.addEventListener("icp-change", (e) => { document.body.dataset.valid = String(e.detail.valid); });
