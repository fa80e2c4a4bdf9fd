// The demo console mounts the widget exactly as an integrator would. The console already
// knows the filer's contact details and the website to file (demo-seed.json), so it passes
// them with the `filing` option; the widget asks for the subject's identity.
import init, { mount } from "./pkg/icp_filing.js";

const root = document.getElementById("icp-filing-root");
const toggle = document.getElementById("locale-toggle");
let locale = new URLSearchParams(location.search).get("locale") === "en" ? "en" : "zh-CN";
let widget = null;

const [, seed] = await Promise.all([init(), fetch("./demo-seed.json").then((r) => r.json())]);

function render() {
  if (widget) widget.destroy();
  widget = mount(root, { endpoint: "/api/filings", locale, filing: seed });
  document.documentElement.lang = locale;
  toggle.textContent = locale === "en" ? "中文" : "English";
}

render();
toggle.addEventListener("click", () => {
  locale = locale === "en" ? "zh-CN" : "en";
  render();
});
