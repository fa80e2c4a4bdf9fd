// The demo console mounts the widget exactly as an integrator would: an ES module import,
// one mount call with the endpoint, and the console's language switch (`update({ locale })`). The console's own
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

// The Chinese texts as written in the page, kept to switch back.
const texts = [...document.querySelectorAll("[data-en]")].map((el) => [el, el.textContent, el.dataset.en]);
const labels = [...document.querySelectorAll("[data-en-aria-label]")].map((el) => [
  el,
  el.getAttribute("aria-label"),
  el.dataset.enAriaLabel,
]);

await init();

// The receiver runs with --demo: the simulator walks the submitted filing through review.
const sim = document.getElementById("review-sim");
const simResult = document.getElementById("sim-result");
let filingId = null;

async function advance(body) {
  const res = await fetch(`/api/filings/${filingId}/advance`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body ?? {}),
  });
  const json = await res.json();
  if (!res.ok) throw new Error(json.error?.message ?? res.status);
  return json;
}

// The simulator's last step, in the page's language: 「管局审核：已开始」.
const STAGES = {
  providerReview: ["接入商初审", "Provider review"],
  submission: ["提交管局", "Submission to the bureau"],
  smsVerification: ["工信部短信核验", "MIIT SMS check"],
  bureauReview: ["管局审核", "Bureau review"],
  resultSync: ["结果同步", "Result sync"],
};
const STATUSES = { started: ["已开始", "started"], passed: ["已通过", "passed"], rejected: ["已退回", "sent back"] };
function describe({ stage, status }) {
  const en = locale === "en" ? 1 : 0;
  const name = STAGES[stage]?.[en] ?? stage;
  return `${name}${en ? ": " : "："}${STATUSES[status]?.[en] ?? status}`;
}

async function simulate(steps) {
  try {
    let status;
    for (const step of steps) status = await advance(step);
    simResult.textContent = describe(status.events[status.events.length - 1]);
  } catch (e) {
    simResult.textContent = String(e.message ?? e);
  }
  widget.refreshStatus();
}

document.getElementById("sim-pass").addEventListener("click", () => simulate([{}]));
document.getElementById("sim-reject").addEventListener("click", () =>
  simulate([
    {
      outcome: "rejected",
      reasons: [
        { path: "websites[0].name", code: "website.nameNotCompliant", comment: "网站名称与网站内容不符，请修改" },
        { path: "subject.principal.mobile", code: "phone.unreachable", comment: "核验电话多次无人接听" },
      ],
    },
  ]),
);
document.getElementById("sim-approve").addEventListener("click", async () => {
  // Step until the result reaches the provider.
  try {
    for (let i = 0; i < 10; i++) {
      const last = (await advance({})).events.at(-1);
      if (last.stage === "resultSync" && last.status === "passed") break;
    }
    simResult.textContent = describe({ stage: "resultSync", status: "passed" });
  } catch (e) {
    simResult.textContent = String(e.message ?? e);
  }
  widget.refreshStatus();
});

// The provider's registrar data, as a console answers `lookupDomain` from its own domain
// service: two example domains (README, "What to try in the demo"); any other is unknown.
const REGISTRAR = {
  "zhangwei-notes.cn": { holderName: "张伟", expiresOn: "2028-03-01", realNameVerified: true, realNameVerifiedOn: "2025-06-01" },
  "lina-photos.cn": { holderName: "李娜", expiresOn: "2027-01-15", realNameVerified: true, realNameVerifiedOn: "2025-06-01" },
};
const lookupDomain = (domain) => REGISTRAR[domain.toLowerCase()] ?? null;

const widget = mount(root, {
  endpoint: "/api/filings",
  statusEndpoint: "/api/filings/{id}/status",
  lookupDomain,
  locale,
});
widget.on("submitted", ({ id }) => {
  filingId = id;
  sim.hidden = false;
});
// A reload reopens a filing already sent on its progress: the simulator follows it.
const followed = widget.getReceipt();
if (followed) {
  filingId = followed.id;
  sim.hidden = false;
}
// The page title says when the error summary lists errors: it is what a screen reader
// announces first, and what shows in the tab.
widget.on("titlechange", ({ hasErrors }) => {
  const base = document.title.replace(/^(错误：|Error: )/, "");
  document.title = (hasErrors ? (locale === "en" ? "Error: " : "错误：") : "") + base;
});
// A new filing, a change filing or a correction is a form again: nothing to review until it
// is sent.
widget.on("change", () => {
  if (!widget.getReceipt()) sim.hidden = true;
});

function translate() {
  const en = locale === "en";
  document.documentElement.lang = locale;
  for (const [el, zh, english] of texts) el.textContent = en ? english : zh;
  for (const [el, zh, english] of labels) el.setAttribute("aria-label", en ? english : zh);
  toggle.textContent = en ? "中文" : "English";
  // The button names the other language in that language.
  toggle.lang = en ? "zh-CN" : "en";
}

translate();
// The language switch changes the mounted widget in place: the filer stays where they are,
// with everything typed and the focus kept.
toggle.addEventListener("click", () => {
  locale = locale === "en" ? "zh-CN" : "en";
  try {
    localStorage.setItem(STORED, locale);
  } catch {
    // Storage disabled: the switch still works for this page.
  }
  widget.update({ locale });
  translate();
});
