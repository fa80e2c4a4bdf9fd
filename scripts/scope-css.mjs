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
// Usage: node scripts/scope-css.mjs style/icp-filing.css OUT.css
import { readFileSync, writeFileSync } from "node:fs";

const RAISE = ":not(#\\#) ";

/** `css` with every style rule's selectors raised; at-rules keep their preludes. */
export function scope(css) {
  let out = "";
  let i = 0;
  while (i < css.length) {
    if (css.startsWith("/*", i)) {
      const end = css.indexOf("*/", i + 2);
      const stop = end < 0 ? css.length : end + 2;
      out += css.slice(i, stop);
      i = stop;
      continue;
    }
    const open = css.indexOf("{", i);
    const close = css.indexOf("}", i);
    if (close >= 0 && (open < 0 || close < open)) {
      // The end of a block: what comes before it is declarations or whitespace.
      out += css.slice(i, close + 1);
      i = close + 1;
      continue;
    }
    if (open < 0) {
      out += css.slice(i);
      break;
    }
    const comment = css.indexOf("/*", i);
    if (comment >= 0 && comment < open) {
      out += css.slice(i, comment);
      i = comment;
      continue;
    }
    const prelude = css.slice(i, open);
    const lead = prelude.match(/^\s*/)[0];
    const text = prelude.slice(lead.length);
    if (text.startsWith("@")) {
      out += prelude + "{";
      i = open + 1;
      continue;
    }
    out += lead + selectors(text).map((s) => RAISE + s.trim()).join(", ") + " {";
    // The declarations, up to the rule's closing brace (no nested blocks in a style rule).
    const end = css.indexOf("}", open);
    out += css.slice(open + 1, end + 1);
    i = end + 1;
  }
  return out;
}

/** A selector list split at its top-level commas. */
function selectors(list) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const c = list[i];
    if (c === "(" || c === "[") depth++;
    else if (c === ")" || c === "]") depth--;
    else if (c === "," && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const [source, target] = process.argv.slice(2);
  writeFileSync(target, scope(readFileSync(source, "utf8")));
}
