// The demo console mounts the widget exactly as an integrator would: an ES module import,
// one mount call with the endpoint, and the console's language switch.
import init, { mount } from "./pkg/icp_filing.js";

const root = document.getElementById("icp-filing-root");
const toggle = document.getElementById("locale-toggle");
let locale = new URLSearchParams(location.search).get("locale") === "en" ? "en" : "zh-CN";
let widget = null;

await init();

function render() {
  if (widget) widget.destroy();
  widget = mount(root, { endpoint: "/api/filings", locale });
  document.documentElement.lang = locale;
  toggle.textContent = locale === "en" ? "中文" : "English";
}

render();
toggle.addEventListener("click", () => {
  locale = locale === "en" ? "zh-CN" : "en";
  render();
});
