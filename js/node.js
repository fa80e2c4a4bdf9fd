// The package's Node entry: the shared rules, the review-time estimate and the calendar for
// code that renders nothing (a back end, a build step, a test). The WebAssembly module is
// read from disk and instantiated synchronously when this module is imported, so the
// functions can be called at once: `import { validate } from "@icp-filing/widget/node"`.
import { readFileSync } from "node:fs";
import { initSync } from "./icp_filing.js";

initSync({ module: readFileSync(new URL("./icp_filing_bg.wasm", import.meta.url)) });

export {
  validate,
  estimate,
  progress,
  upkeep,
  rulesetVersion,
  checkResidentId,
  checkUscc,
  isWorkingDay,
  addWorkingDays,
} from "./icp_filing.js";
