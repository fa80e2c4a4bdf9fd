// A console bundled by webpack 5 with no loaders: the widget's wasm and region data are
// emitted as assets from the package's `new URL(…, import.meta.url)`, and so is the
// stylesheet, linked here.
import init, { mount } from "@icp-filing/widget";

const css = document.createElement("link");
css.rel = "stylesheet";
css.href = new URL("@icp-filing/widget/icp-filing.css", import.meta.url).href;
document.head.append(css);

const params = new URLSearchParams(location.search);
const filing = params.has("filing") ? JSON.parse(params.get("filing")) : undefined;

init().then(() => {
  const widget = mount("#icp-filing", { endpoint: "/api/filings", draftKey: "webpack-console", today: "2026-11-28", filing });
  widget.on("submitted", ({ id }) => {
    document.querySelector("output").textContent = id;
  });
});
