// A Vue 3 console page that embeds the widget as the <icp-filing-form> custom element: rich
// values bound as properties, icp-* events as listeners, a new (equal) filing object on every
// render.
import { createApp, h, ref } from "vue";
import init, { defineElement } from "@icp-filing/widget";
import "@icp-filing/widget/icp-filing.css";

const params = new URLSearchParams(location.search);
const filing = params.has("filing") ? JSON.parse(params.get("filing")) : {};

await init();
defineElement();

createApp({
  setup() {
    const changes = ref(0);
    const receipt = ref("");
    return () =>
      h("main", [
        h("output", { "aria-label": "changes" }, String(changes.value)),
        h("output", { "aria-label": "receipt" }, receipt.value),
        h("icp-filing-form", {
          id: "icp-filing",
          locale: "zh-CN",
          options: { endpoint: "/api/filings", draftKey: "vue-console", today: "2026-11-28" },
          filing: structuredClone(filing),
          onIcpChange: () => changes.value++,
          onIcpSubmitted: (e) => (receipt.value = e.detail.id),
        }),
      ]);
  },
}).mount("#app");
