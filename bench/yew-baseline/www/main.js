// Loads the baseline widget the way the demo console loads icp-filing: init, then mount.
import init, { mount } from "./pkg/yew_baseline.js";

await init();
mount(document.getElementById("baseline-root"));
