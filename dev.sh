#!/usr/bin/env bash
# Developer entry point for icp-filing.
#
#   ./dev.sh demo    install what is missing, build, serve the demo console on http://127.0.0.1:8080
#   ./dev.sh test    install what is missing, then run every check and test (what CI runs)
#   ./dev.sh build   build the widget into target/site (wasm, JS glue, CSS, demo pages)
#   ./dev.sh size    print the shipped widget's sizes (raw, gzip -9, brotli -q 11)
#   ./dev.sh bench   build, measure size, start-up, latency, memory, throughput; write docs/performance.*
#   ./dev.sh soak    load, kill -9, full disk, stalled clients, hostile requests against the release
#                    receiver; write docs/reliability.md (about 3 minutes; needs root for tmpfs)
#   ./dev.sh fuzz    1,000,000 generated filings through the shared rules (FUZZ_CASES, FUZZ_SEED)
#   ./dev.sh setup   only install the toolchain pieces
#
# Every step is idempotent: a second run skips what is already installed.
set -euo pipefail
cd "$(dirname "$0")"

TARGET_DIR=${CARGO_TARGET_DIR:-target}
SITE=$TARGET_DIR/site
PKG=$SITE/pkg
export CHROMEDRIVER=${CHROMEDRIVER:-/usr/bin/chromedriver}

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi
}

setup() {
  step "setup"
  local missing=()
  command -v chromium >/dev/null || missing+=(chromium)
  command -v chromedriver >/dev/null || missing+=(chromium-driver)
  command -v sqlite3 >/dev/null || missing+=(sqlite3)
  command -v brotli >/dev/null || missing+=(brotli)
  # CJK glyphs for the screenshots the end-to-end tests save.
  [ -n "$(fc-list :lang=zh 2>/dev/null)" ] || missing+=(fonts-noto-cjk)
  if [ ${#missing[@]} -gt 0 ]; then
    echo "installing Debian packages: ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown
  rustup component list --installed | grep -q '^clippy' || rustup component add clippy
  rustup component list --installed | grep -q '^rustfmt' || rustup component add rustfmt

  # wasm-bindgen-cli must match the wasm-bindgen crate in Cargo.lock exactly.
  local want have
  want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock)
  have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
  if [ "$have" != "$want" ]; then
    echo "installing wasm-bindgen-cli $want (found: ${have:-none})"
    # No --locked: its lockfile pins a webpki-roots version the registry does not serve.
    cargo install wasm-bindgen-cli --version "=$want"
  fi

  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
}

# The glue checks its cached DataView over wasm memory before every read and write of a
# pointer (each string passed to Rust writes two). Where ArrayBuffer has no `detached` (Node 20;
# Chrome before 114, Firefox before 122, Safari before 17.4) it compares the view's buffer with
# `wasm.memory.buffer`, a getter that costs about a tenth of `validate` in Node 20. A grown
# memory detaches its old buffer, and a detached buffer has length 0 (wasm memory never does):
# the test the glue already uses for its Uint8Array view (wasm-bindgen PR #2886). The build
# fails if the line is not found, so a wasm-bindgen upgrade that changes it is seen.
patch_glue() {
  local glue=$1
  local old='cachedDataViewMemory0.buffer !== wasm.memory.buffer)'
  local new='cachedDataViewMemory0.buffer.byteLength === 0)'
  if [ "$(grep -cF "$old" "$glue")" != 1 ]; then
    echo "$glue: the DataView check to patch is not there (see patch_glue in dev.sh)" >&2
    return 1
  fi
  sed -i 's/cachedDataViewMemory0\.buffer !== wasm\.memory\.buffer)/cachedDataViewMemory0.buffer.byteLength === 0)/' "$glue"
  grep -qF "$new" "$glue"
}

# Minifies wasm-bindgen's glue in place (ES module; function and class names kept, for stack
# traces and the console): 11.2 → 8.6 KB brotli for the widget's.
minify_glue() {
  local glue=$1
  node_modules/.bin/esbuild "$glue" --minify --keep-names --format=esm --target=es2020 --log-level=warning \
    --outfile="$glue.min" && mv "$glue.min" "$glue"
}

build() {
  step "build widget (release, wasm32)"
  cargo build --release --lib --target wasm32-unknown-unknown
  rm -rf "$PKG"
  mkdir -p "$PKG"
  wasm-bindgen --target web --out-dir "$PKG" "$TARGET_DIR/wasm32-unknown-unknown/release/icp_filing.wasm"
  patch_glue "$PKG/icp_filing.js"
  minify_glue "$PKG/icp_filing.js"
  # --converge repeats -Oz while it still shrinks the module; the stripped sections are not
  # used by browsers. --low-memory-unused lets constant address offsets fold into loads and
  # stores (1.5 KB brotli): it only assumes that no address below 1 KiB is reached by an
  # addition that wraps around 4 GiB, which Rust's pointers never do.
  node_modules/.bin/wasm-opt -Oz --converge --low-memory-unused \
    --strip-debug --strip-producers --strip-target-features \
    "$PKG/icp_filing_bg.wasm" -o "$PKG/icp_filing_bg.wasm.opt"
  mv "$PKG/icp_filing_bg.wasm.opt" "$PKG/icp_filing_bg.wasm"
  # The shipped stylesheet: every selector raised by the weight of one id (see the script).
  node scripts/scope-css.mjs style/icp-filing.css "$PKG/icp-filing.css"
  cp data/regions/regions.json "$PKG/icp-filing-regions.json"
  # The package entries (browser, Node, React), their types, the iframe helper, package.json.
  cp js/*.js js/*.d.ts js/package.json js/README.md "$PKG/"
  cp -r www/. "$SITE/"
  # The glue imports small modules of its own (pkg/snippets/, under a per-crate hash): the
  # demo pages preload them too, or the browser finds them only after parsing the glue.
  local links="" snippet page
  while IFS= read -r snippet; do
    links+="  <link rel=\"modulepreload\" href=\"$snippet\">\\n"
  done < <(cd "$SITE" && find pkg/snippets -name '*.js' | sort)
  for page in "$SITE"/*.html; do
    sed -i "s#^  <!-- snippet modulepreloads -->\$#${links%\\n}#" "$page"
  done
  # Precompressed copies next to each file (X.br, X.gz), for servers that send them to
  # clients that accept them (docs/serving.md). gzip -n: no name or time in the header.
  local f
  while IFS= read -r -d '' f; do
    brotli -q 11 -f -k "$f"
    gzip -9 -k -f -n "$f"
  done < <(find "$PKG" -type f \( -name '*.wasm' -o -name '*.js' -o -name '*.css' -o -name '*.json' \) -print0)
  echo "built $SITE"
}

size() {
  step "shipped size"
  printf '%-22s %10s %10s %10s\n' file raw gzip-9 brotli-11
  local total_raw=0 total_gz=0 total_br=0 f raw gz br
  for f in "$PKG/icp_filing_bg.wasm" "$PKG/icp_filing.js" "$PKG/icp-filing.css"; do
    raw=$(wc -c <"$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    br=$(brotli -q 11 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
    printf '%-22s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
  done
  printf '%-22s %10d %10d %10d\n' total "$total_raw" "$total_gz" "$total_br"
  # The size gate: the shipped widget (wasm + JS + CSS, brotli -q 11) may not grow past
  # `limit` bytes, towards the 150 KB target. It rose once, from 351,000, when the widget
  # learned to follow a filing after submission (corrections, approval, change filing, the
  # upkeep calendar): about 27 KB of new code, of which 21 KB was won back by cutting
  # BTreeMap/BTreeSet and stable-sort instances and chrono's formatter. The footer check and
  # the change diff of `aftercare` stay out of the wasm exports (3 KB) for the same reason.
  # Then by 1.5 KB for what integrators' consoles needed: a draft saved in another tab offered
  # instead of overwritten, the shared-draftKey warning, the region data's URL in its error.
  # It fell to 356,500 when the float formatting left (serde-wasm-bindgen's error messages
  # were its only user, vendor/serde-wasm-bindgen), which paid for following a sent filing
  # across reloads, the `receipt` option and the live footer check; then 357,000 for the
  # pre-approval keywords grouped by first character (0.4 KB; validate 4x faster); then
  # 357,500 for the approved receipt's upkeep list (0.7 KB: what keeps the filing true).
  # It fell to 356,000 when serde-wasm-bindgen learned to name struct fields by index (the
  # derived field-name matching left the wasm) and parsed domains stopped being normalised
  # again for TLD lookups; then rose to 356,500 when the form controls took their id, issues
  # and lock as props instead of reading the form's context, so a keystroke re-renders only
  # the controls it changed (keystroke → DOM p95 3.9 → 3.1 ms, wasm per keystroke 2.2 → 1.3 ms).
  # It fell to 349,000 when Yew's trace events and spans were compiled out (8.5 KB, with the
  # Debug printing of virtual DOM nodes they carried), which paid for a new filing's report
  # being made when first read rather than before the first paint (1.0 KB). It fell to 342,500
  # when the review policy was compiled with the rule data (its JSON reader and merge left the
  # wasm: 6.6 KB). It rose to 342,800 when the stateless exports learned to refuse input of the
  # wrong kind, the options reader to name an unsupported locale, default or theme property,
  # and the handle to merge theme properties and to answer for the filing it sends (0.5 KB,
  # after the homepage check stopped pulling in str::to_lowercase: 1.3 KB less). It rose to
  # 343,600 for the approval's footer code with the subject number where the province asks
  # for it, APP platforms and pre-approvals as labelled groups, and submission errors that
  # carry the filer's notice beside an English message (0.9 KB). It rose to 345,900 for what
  # the filers' walk-through found missing: what to do at each review stage (the 12381 SMS
  # check), the provider's event notes, a return naming nothing, both submission times, names
  # as passports print them, normalised filing numbers, and theme variables for the tags (2.1 KB,
  # of which 1.4 KB is the new Chinese and English text); then 347,400 for the second
  # walk-through's: errors in the summary named by website, APP and platform, a return naming
  # nothing opened as such, an IP address refused as a domain (1.5 KB); then 347,900 for the check
  # page's missing answers: each APP platform's signature MD5, public key and SHA-1, the
  # persons' certificate type and validity, whether the principal is the legal representative.
  # It rose to 352,300 for the third walk-throughs' findings: a question before what loses typed
  # work (removing a filled card, 重新开始, 开始新的备案: 2.0 KB, most of it a new component), the
  # path of a value that did not fit in the boundary's errors (1.0 KB), province notes that
  # concern one certificate type (0.4 KB), and a submit() followed at once by destroy(), a
  # refusal's button, the receipt's stage ends and texts (1.3 KB); then 353,200 for what their
  # check found: a submission asked for right after mount() and destroyed at once, Escape and
  # the focus around the question, confirmations taken back by an edit, a listed word before a
  # bracketed note (0.9 KB). It rose to 354,800 for the legal representative a unit names when
  # the principal is not (its fields, check-page rows and rule: 1.3 KB) and names stored without
  # the spaces no Chinese name has (0.3 KB); then 357,100 for the fourth walk-through's: no
  # 重新开始 on a sent filing's correction, an individual's own fields named in the summary and
  # in a reviewer's return, why Zhejiang's review runs past the legal deadline, a four-digit
  # validity year, 2027's lunar holidays (2.3 KB); then 359,200 for the fifth's: submit() after
  # acceptance, each person's field in the summary, landlines with +86 (0.6 KB), and each
  # website's and APP's own number in a new access or a change (1.5 KB); then 359,700 for the
  # sixth's: a service number's tail and letter, a first filing's stale number, package names
  # typed with a Chinese input method (0.4 KB); then 360,000 for a change filing that carries
  # the approval's service numbers (0.4 KB, most of it the path reader it brings into the build).
  # It rose to 366,500 for what a change filing changes (the question, its check-page row and
  # notice read from the differences with the approval, who answers the SMS: 2.9 KB), the
  # false rejects and texts of a CLI hunt and three walk-throughs (cities without districts,
  # full-width hyphens, IDN e-mail, 长期, invisible characters, Hong Kong residents, an
  # individual's own wording, each APP platform's own fields, a duplicate package: 2.5 KB) and
  # what keeps messages and confirmations where the filer is (the box after its field, the
  # messages a reload shows again, draftsaved only when saved: 0.9 KB). It rose to 366,700 for
  # a status region that reads out what the field just left says (0.15 KB); then 367,100 for
  # names under a second-level registry (linxiao.cn.com), warned instead of told to file
  # cn.com (0.45 KB: 22 Public Suffix List rules and the message); then 367,400 for a seventh
  # walk-through's findings: each detail of a website's or APP's responsible person on the
  # check page and in a change's differences, a change that adds a service, a returned
  # filing's date, the focus after unlocking a correction and removing an item, a card
  # holding a responsible person asking before removal, the check page's step ready rather
  # than done, new accesses without a service number, public bodies' sensitive words (0.3 KB);
  # then 367,500 for the approval naming each number's website or APP, and MD5 and SHA-1
  # messages that say how many characters were given (0.1 KB); then 368,300 for an eighth
  # walk-through's: a copy of a responsible person read out and every option reachable by
  # arrow keys, a change's new website told where it is added, setFiling() closing the notice
  # of the draft it replaces, an empty emergency phone confirmed instead of refused (0.7 KB);
  # then 368,400 for rules the hunt found misapplied (an individual's APP held to the personal
  # websites' content list, Beijing's office-phone rule for units applied to individuals, the
  # national age floor named as the province's: 0.1 KB); then 369,500 for phones outside the
  # mainland and 400/800 lines confirmed instead of refused, a change that changes nothing
  # confirmed against its approval, and the filer told of a conflicting order (1.1 KB); then
  # 370,000 for abolished pre-approvals said so, and one confirmation box for a field's
  # several warnings (0.45 KB); then 370,600 for a change's added or dropped website listed
  # in one line (0.45 KB); then 371,600 for the hunt's fixes (a mini-program's AppID, dash
  # and dot forms in website names, remarks that deny a topic), a change that sets back what
  # a later one changed, and null read as a member left out (0.8 KB); then 372,000 for the
  # walk-through's fixes (change filings' scope and receipt, warnings named by field,
  # resident-ID names, abolished approvals told to individuals: 0.3 KB); then 372,300 for a
  # 409 that names another order under review, and the endpoint's error code on the error
  # event (0.1 KB); then 374,900 for the next hunt's and walk-through's false rejects and
  # messages (phones written (+86), 分机 or without their area code, names folded beyond
  # ASCII, sensitive words where two words meet, HarmonyOS bundle names, a unit's news
  # section, gov.cn departments, a Chinese e-mail local part, .con named as .com, a unit's
  # site named 个人博客, a 404 told apart from a refusal), the SMS text by subject kind, the
  # approval's date and the summary's errors first (2.6 KB, most of it message text). It rose
  # to 378,000 for the next hunt's and walk-through's: boundary errors in the contract's terms
  # (objects and arrays, not Rust structs or JsValue dumps) and long values cut in messages,
  # update() keeping a working value when the new one is refused, the footer code's copy
  # button (one JS function in element.js) and linked addresses, a focused heading scrolled
  # into view, a removal announced, an impossible registrar date named, legacy sites' domains,
  # street names and a government body's remit not warned about, a change without services
  # told what it means (4.3 KB, of which 1.0 KB was won back by shipping the stylesheet
  # without its comments). It rose to 380,000 for the next walk-throughs' findings: a link
  # past the check page's change links to the button and the focus back on the link a change
  # was made from, a new APP platform's select focused and platforms named as chosen, a
  # focused field centred in its scrolling container, a pasted address turned into its
  # domain, an individual's site-name hint and the latest date kept whole (2.1 KB), then what
  # the walk-through after submission found: a change's bureau stage, a returned field's
  # risk and its section still to do, an individual's own details named on the check page
  # and upkeep list (0.4 KB). It rose to 385,000 for the next hunts' findings (4.6 KB, half
  # of it message text): a correction's changed-but-wrong field and its locked answers, the
  # SMS and bureau limits before their stages, undated domain renewal, no-break spaces and
  # invisible characters in phones, identifiers and names, a spaced landline's extension,
  # length bounds on free text, a registration certificate's credit code checked, 反腐蚀,
  # the sign-out draft kept cleared, a filing another tab sent not sent again, a reserved
  # idempotency header refused, an unknown receipt told apart, update() resetting an option
  # to its default (the React wrapper's late and removed callbacks) and commands waiting
  # for new options, and the layout following the widget's own width. It rose to 386,000
  # for the re-walk's: the tab told of a filing sent elsewhere keeping its receipt stored,
  # reset()'s getters answering at once, a handler added once per event, a word on two lists
  # told once (1.1 KB). It rose to 387,000 for the next hunts' findings (0.6 KB): a
  # submission waiting for the registrar's answer about a domain set moments before it, an
  # array given for an object refused, the estimate chart's last label kept inside and
  # update({today}) applied, the sending state announced and 44 px touch targets. It rose to
  # 389,000 for required fields marked (*, aria-required) by the rules' own answer for the
  # filing's choices, and the wait for the registrar shown as sending (2.1 KB); then 389,500
  # for a tab's typing kept in its session storage while another tab's sent filing holds the
  # draft key, so that a reload there loses nothing (0.6 KB); then 390,000 for Chinese answers
  # and notes marked lang="zh-CN" in the English UI, and the draft kept aside put back when
  # the other tab moves on (0.5 KB); then 391,000 for the Chinese that English messages
  # quote (a site's name, a reviewer's words) and Chinese typed into inputs marked the same
  # way (0.9 KB). It fell to 388,500 when wasm-bindgen's glue was minified (2.7 KB). It rose
  # to 390,000 for `validate` through the JS API in 0.92 of the time (1.4 KB): a string field
  # read in one call into JS (vendor/serde-wasm-bindgen), provinces found by an index, public
  # suffixes by one lookup, list words without a two-way searcher.
  # The figures are of a toolchain without rustup's rust-src component (as on a fresh
  # machine): with it installed (rust-analyzer asks for it), the source paths in std's panic
  # messages become local paths, 1.6 KB longer, until target/wasm32-unknown-unknown is rebuilt
  # without it.
  local target=150000 limit=390000
  if [ "$total_br" -le "$target" ]; then
    echo "within the 150 KB brotli target ($((target - total_br)) bytes to spare)"
  else
    echo "over the 150 KB brotli target by $((total_br - target)) bytes"
  fi
  if [ "$total_br" -gt "$limit" ]; then
    echo "the shipped widget is $total_br bytes brotli, over the size gate of $limit bytes" >&2
    return 1
  fi
  echo "within the size gate of $limit bytes ($((limit - total_br)) bytes to spare)"
  # The README tells integrators the gate; it must say the one enforced here.
  local stated
  stated=$(printf '%d,%03d' $((limit / 1000)) $((limit % 1000)))
  if ! grep -q "($stated bytes today" README.md; then
    echo "README.md must state the size gate as ($stated bytes today; …)" >&2
    return 1
  fi
}

# Builds the receiver with cargo profile $1 and prints the binary's path.
receiver_bin() {
  local profile=$1 dir=$1
  [ "$profile" = dev ] && dir=debug
  cargo build --profile "$profile" -p icp-receiver >&2
  echo "$TARGET_DIR/$dir/icp-receiver"
}

demo() {
  setup
  build
  local bin
  bin=$(receiver_bin release-native)
  step "demo console"
  echo "Open http://127.0.0.1:8080 — Ctrl-C stops the server. Filings are kept in ./data-dir."
  exec "$bin" --addr 127.0.0.1:8080 --data-dir data-dir --site "$SITE" --demo
}

test_all() {
  local started=$SECONDS
  # Incremental caches only pay off on a rebuild; a clean clone's run would just store them.
  export CARGO_INCREMENTAL=${CARGO_INCREMENTAL:-0}
  setup
  step "format and lints"
  cargo fmt --all -- --check
  cargo clippy --workspace --all-targets -- -D warnings
  cargo clippy --lib --test web --test web_crash --features test-hooks --target wasm32-unknown-unknown -- -D warnings

  step "native tests (rules, calendar, receiver)"
  cargo test --workspace

  step "browser tests (wasm-bindgen-test in headless Chromium)"
  cargo test --target wasm32-unknown-unknown --test web
  # A panic leaves its wasm instance unusable, so the panic handling has a binary of its own.
  cargo test --target wasm32-unknown-unknown --features test-hooks --test web_crash

  build
  size
  step "end-to-end tests (playwright-core + Chromium against the receiver)"
  cargo build --bin icp-precheck
  ICP_RECEIVER_BIN="$(receiver_bin dev)" ICP_PRECHECK_BIN="$TARGET_DIR/debug/icp-precheck" \
    ICP_SITE_DIR="$SITE" node --test --test-concurrency=1 e2e/
  step "all tests passed in $((SECONDS - started)) s ($(du -sh "$TARGET_DIR" | cut -f1) under $TARGET_DIR)"
}

bench() {
  setup
  build
  local out base
  out=$(realpath -m "$TARGET_DIR/bench")
  base=$out/yew-baseline
  mkdir -p "$out"
  step "build the Yew baseline widget (bench/yew-baseline: same profile, wasm-bindgen, wasm-opt)"
  cargo build --release --locked --target wasm32-unknown-unknown \
    --manifest-path bench/yew-baseline/Cargo.toml --target-dir "$TARGET_DIR"
  rm -rf "$base"
  mkdir -p "$base/pkg"
  wasm-bindgen --target web --out-dir "$base/pkg" "$TARGET_DIR/wasm32-unknown-unknown/release/yew_baseline.wasm"
  minify_glue "$base/pkg/yew_baseline.js"
  node_modules/.bin/wasm-opt -Oz "$base/pkg/yew_baseline_bg.wasm" -o "$base/pkg/yew_baseline_bg.wasm.opt"
  mv "$base/pkg/yew_baseline_bg.wasm.opt" "$base/pkg/yew_baseline_bg.wasm"
  cp bench/yew-baseline/www/* www/console.css "$base/"
  node bench/baseline-page.mjs www/index.html "$base/index.html"
  export ICP_BENCH_OUT=$out ICP_PKG_DIR=$PKG ICP_SITE_DIR=$SITE ICP_BASELINE_SITE_DIR=$base ICP_BASELINE_PKG_DIR=$base/pkg
  node bench/inputs.mjs
  step "benchmarks (native, release-native profile)"
  cargo bench --profile release-native --bench validate --bench calendar
  step "benchmarks (wasm in Node, next to npm libraries)"
  node bench/wasm.mjs
  step "benchmarks (headless Chromium: start-up, keystrokes, memory)"
  node bench/browser.mjs
  step "shipped size"
  node bench/size.mjs
  step "report"
  node bench/report.mjs
}

soak() {
  setup
  local bin
  bin=$(receiver_bin release-native)
  step "soak: the release receiver under load, faults and hostile input"
  node scripts/soak.mjs --bin "$bin" --out docs/reliability.md
}

fuzz() {
  step "fuzz: generated filings through the shared rules (short run in ./dev.sh test)"
  cargo run --profile release-native --example fuzz_rules -- \
    --cases "${FUZZ_CASES:-1000000}" --seed "${FUZZ_SEED:-1}"
}

case "${1:-}" in
  setup) setup ;;
  build) setup; build ;;
  size) setup; build; size ;;
  demo) demo ;;
  test) test_all ;;
  bench) bench ;;
  soak) soak ;;
  fuzz) fuzz ;;
  *)
    sed -n '2,14p' "$0" | sed 's/^# \{0,1\}//'
    exit 2
    ;;
esac
