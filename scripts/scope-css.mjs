// Writes the shipped stylesheet from style/icp-filing.css with every selector raised by the
// weight of one id: `S` becomes `:not(#\#) S`, which matches what `S` matches (every element
// has an ancestor that is not the element with id "#") and weighs (1, 0, 0) more.
//
// Why: the widget lives in the host page's DOM, so a console's own rules reach it. The
// stylesheet resets every element inside the widget (`.icpf :where(*) { all: revert }`) and
// restyles it with icpf- classes; raised by an id, the reset outweighs a console's usual rules,
// element, class and id ones alike (`.content div`, `#app label`, `.card .body p`), and the
// widget's own rules still come after the reset at the same weight. Only a console rule with
// an id and a class (or more) aimed inside the widget, or `!important`, still gets through.
//
// The stylesheet is plain: comments, style rules whose declarations hold no braces, and
// at-rules (@media) whose blocks hold style rules. The output leaves the comments out.
//
// Usage: node scripts/scope-css.mjs style/icp-filing.css OUT.css
import { readFileSync, writeFileSync } from "node:fs";

const RAISE = ":not(#\\#) ";
const [source, target] = process.argv.slice(2);
const css = readFileSync(source, "utf8");

let out = "";
let i = 0;
while (i < css.length) {
  const comment = css.indexOf("/*", i);
  const open = css.indexOf("{", i);
  const close = css.indexOf("}", i);
  const next = Math.min(...[comment, open, close].map((at) => (at < 0 ? css.length : at)));
  if (next === css.length) {
    out += css.slice(i);
    break;
  }
  if (next === comment) {
    // Comments are for the source's readers: the shipped file goes without them.
    const stop = css.indexOf("*/", comment + 2);
    const end = stop < 0 ? css.length : stop + 2;
    out += css.slice(i, comment).replace(/[ \t]+$/, "");
    i = end;
    if (css[i] === "\n") i += 1;
  } else if (next === close) {
    // The end of an at-rule's block.
    out += css.slice(i, close + 1);
    i = close + 1;
  } else {
    const prelude = css.slice(i, open);
    const lead = prelude.match(/^\s*/)[0];
    const text = prelude.slice(lead.length);
    if (text.startsWith("@")) {
      out += prelude + "{";
      i = open + 1;
    } else {
      // A style rule: its selectors raised, its declarations as they are.
      const end = css.indexOf("}", open) + 1;
      const block = css.slice(open, end).replace(/[ \t]*\/\*[\s\S]*?\*\/[ \t]*\n?/g, "");
      out += lead + selectors(text).map((s) => RAISE + s.trim()).join(", ") + " " + block;
      i = end;
    }
  }
}
writeFileSync(target, out);

/** A selector list split at its top-level commas. */
function selectors(list) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let k = 0; k < list.length; k++) {
    const c = list[k];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(list.slice(start, k));
      start = k + 1;
    }
  }
  parts.push(list.slice(start));
  return parts;
}
