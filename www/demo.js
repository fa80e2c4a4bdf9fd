// The demo console mounts the widget exactly as an integrator would: an ES module import,
// one mount call with the endpoint, and the console's language switch. The console's own
// texts carry their English in `data-en`; the language chosen is remembered in this browser
// (a `?locale=` in the address wins).
import init, { mount } from "./pkg/icp_filing.js";

const STORED = "icp-demo:locale";
const root = document.getElementById("icp-filing-root");
const toggle = document.getElementById("locale-toggle");
const asked = new URLSearchParams(location.search).get("locale");
const remembered = (() => {
  try {
    return localStorage.getItem(STORED);
  } catch {
    return null;
  }
})();
let locale = (asked ?? remembered) === "en" ? "en" : "zh-CN";
let widget = null;

// The Chinese texts as written in the page, kept to switch back.
const texts = [...document.querySelectorAll("[data-en]")].map((el) => [el, el.textContent, el.dataset.en]);
const labels = [...document.querySelectorAll("[data-en-aria-label]")].map((el) => [
  el,
  el.getAttribute("aria-label"),
  el.dataset.enAriaLabel,
]);

await init();

function render() {
  if (widget) widget.destroy();
  widget = mount(root, { endpoint: "/api/filings", locale });
  const en = locale === "en";
  document.documentElement.lang = locale;
  for (const [el, zh, english] of texts) el.textContent = en ? english : zh;
  for (const [el, zh, english] of labels) el.setAttribute("aria-label", en ? english : zh);
  toggle.textContent = en ? "中文" : "English";
}

render();
toggle.addEventListener("click", () => {
  locale = locale === "en" ? "zh-CN" : "en";
  try {
    localStorage.setItem(STORED, locale);
  } catch {
    // Storage disabled: the switch still works for this page.
  }
  render();
});
