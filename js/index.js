// The package's browser entry. It finds the WebAssembly module and the region data next to
// itself with `new URL(…, import.meta.url)`, the form bundlers (Vite, webpack 5, Rollup,
// Parcel) recognise and rewrite to where they emitted the files. Without a bundler it works
// as a plain ES module. esbuild does not rewrite these URLs: pass them to `init()`.
import initGlue, { __setRegionsUrl } from "./icp_filing.js";

export {
  initSync,
  mount,
  defineElement,
  clearDrafts,
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

const WASM_URL = new URL("./icp_filing_bg.wasm", import.meta.url);
const REGIONS_URL = new URL("./icp-filing-regions.json", import.meta.url);

let ready = null;

/**
 * Loads the WebAssembly module once (later calls return the same promise).
 * `init()` finds it next to this file; `init({ module_or_path, regionsUrl })` takes the wasm
 * (a URL, a `Response`, bytes or a compiled `WebAssembly.Module`) and the region data's URL
 * from elsewhere, e.g. a CDN or an esbuild bundle's asset folder.
 */
export default function init(options) {
  if (ready) return ready;
  const given = options && typeof options === "object" && "module_or_path" in options;
  const wasm = given ? options.module_or_path : WASM_URL;
  const regions = options && options.regionsUrl ? String(options.regionsUrl) : REGIONS_URL.href;
  ready = initGlue({ module_or_path: wasm }).then(
    (exports) => {
      __setRegionsUrl(regions);
      return exports;
    },
    (error) => {
      ready = null;
      const where = typeof wasm === "string" || wasm instanceof URL ? String(wasm) : "the given module";
      throw new Error(
        `icp-filing: could not load the WebAssembly module from ${where} (${error && error.message}); ` +
          "serve icp_filing_bg.wasm there with Content-Type application/wasm, or pass " +
          "init({ module_or_path: url })",
        { cause: error },
      );
    },
  );
  return ready;
}
