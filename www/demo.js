// The demo console mounts the widget exactly as an integrator would.
import init, { mount } from "./pkg/icp_filing.js";

const root = document.getElementById("icp-filing-root");
const toggle = document.getElementById("locale-toggle");
let locale = new URLSearchParams(location.search).get("locale") === "en" ? "en" : "zh-CN";
let widget = null;

function render() {
  if (widget) widget.destroy();
  widget = mount(root, { endpoint: "/api/filings", locale });
  document.documentElement.lang = locale;
  toggle.textContent = locale === "en" ? "中文" : "English";
}

await init();
render();
toggle.addEventListener("click", () => {
  locale = locale === "en" ? "zh-CN" : "en";
  render();
});
