// Writes the Yew baseline's console page: the demo console's own page (www/index.html) with
// the baseline widget in the place of icp-filing, so that start-up compares the two widgets
// inside the same host page (its markup, stylesheet and Chinese text, whose first layout
// costs the same on both sides).
// Usage: node bench/baseline-page.mjs www/index.html OUT.html
import { readFileSync, writeFileSync } from "node:fs";

const [source, out] = process.argv.slice(2);
let page = readFileSync(source, "utf8");

/** Replaces `from` (which must occur exactly once) with `to`. */
function swap(from, to) {
  const parts = page.split(from);
  if (parts.length !== 2) throw new Error(`${source}: expected one ${JSON.stringify(from)}, found ${parts.length - 1}`);
  page = parts.join(to);
}

swap('  <link rel="stylesheet" href="pkg/icp-filing.css">\n', "");
swap('<link rel="modulepreload" href="pkg/icp_filing.js">', '<link rel="modulepreload" href="pkg/yew_baseline.js">');
swap("  <!-- snippet modulepreloads -->\n", "");
swap('href="pkg/icp_filing_bg.wasm"', 'href="pkg/yew_baseline_bg.wasm"');
swap('<div id="icp-filing-root"></div>', '<div id="baseline-root"></div>');
swap('<script type="module" src="demo.js"></script>', '<script type="module" src="main.js"></script>');
// The review simulator belongs to the demo's receiver.
page = page.replace(/\n\s*<section id="review-sim"[\s\S]*?<\/section>/, "");
if (page.includes("review-sim")) throw new Error(`${source}: the review simulator was not removed`);
writeFileSync(out, page);
