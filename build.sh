#!/usr/bin/env bash
# Invite Guard's build and test entry point.
#   ./build.sh          build dist/chrome and dist/firefox (+ store zips), installing what is missing
#   ./build.sh test     run every test, installing browsers and drivers when missing
#   ./build.sh bench    print size and speed figures (the sizes alone: node tests/bench/sizes.mjs)
#   ./build.sh demo     try it without a LinkedIn account: Chromium + the loopback LinkedIn stand-in
#                       (headless self-check when there is no display)
#   ./build.sh screenshots  write docs/screenshots/{popup,options}-{light,dark}.png (--store: the store's
#                       1280x800 screenshots and 440x280 promo tile in docs/store/)
#   ./build.sh fuzz     the hostile-input fuzzing of core at ten times the test run's count (IG_FUZZ_CASES
#                       sets inputs per target; IG_FUZZ_SEED replays a run)
#   ./build.sh release  the two store zips, the reviewers' source archive and their SHA-256 sums in
#                       dist/release/, from a clean tree whose version CHANGELOG.md describes
#                       (docs/release.md §4)
set -euo pipefail
cd "$(dirname "$0")"
# The physical path: the one the compiler sees, and so the one to remap (below).
ROOT=$(pwd -P)
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m== %s\033[0m\n' "$*"; }

# --- what the build needs ------------------------------------------------------------------------
apt_install() {
  local missing=()
  for pkg in "$@"; do dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg"); done
  [ ${#missing[@]} -eq 0 ] && return 0
  say "installing ${missing[*]} (apt)"
  local sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

crate_version() { # the exact wasm-bindgen version pinned in Cargo.toml
  sed -n 's/^wasm-bindgen = "=\([0-9.]*\)"/\1/p' Cargo.toml
}

ensure_build_tools() {
  rustup target list --installed 2>/dev/null | grep -q wasm32-unknown-unknown \
    || { say "adding the wasm32 target"; rustup target add wasm32-unknown-unknown; }
  local want; want=$(crate_version)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    say "installing wasm-bindgen-cli $want"
    # Without --locked: the CLI's lock file pins a dependency version the registry may not serve
    # (docs/browsers.md §5).
    cargo install -q wasm-bindgen-cli --version "$want" --force
  fi
  apt_install zip
  if [ ! -x node_modules/.bin/esbuild ] || [ ! -x node_modules/.bin/web-ext ] || [ ! -x node_modules/.bin/wasm2js ] \
    || [ ! -x node_modules/.bin/biome ]; then
    say "installing npm tools (package-lock.json)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

ensure_test_tools() {
  ensure_build_tools
  apt_install chromium chromium-driver firefox-esr openssl unzip
  command -v geckodriver >/dev/null || { say "installing geckodriver"; cargo install -q geckodriver; }
}

# --- build ---------------------------------------------------------------------------------------
# binaryen's wasm-opt and wasm2js from npm (pinned in package-lock.json): Debian's binaryen 108
# aborts on this module in wasm2js's optimiser, and 132 makes a smaller script.
WASM_OPT="$ROOT/node_modules/.bin/wasm-opt"
WASM2JS="$ROOT/node_modules/.bin/wasm2js"
WASM_FLAGS="--enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext --enable-mutable-globals"
VERSION=$(sed -n '/^\[package\]/,/^\[/ s/^version = "\(.*\)"/\1/p' Cargo.toml | head -1)

# The compiler writes source paths into the Wasm (the panic locations of the registry's crates, and of
# the workspace's when a path is absolute). Each directory of this machine it could name is mapped to a
# fixed name: cargo's home (the registry's sources) to `cargo`, the toolchain's sysroot to `rust`, the
# workspace to `invite-guard`, so that no built file names a directory of the machine that built it and
# two checkouts in two places build the same bytes (docs/release.md §2). The more specific prefix comes
# last: rustc applies the last one that matches. The toolchain's precompiled std keeps its own
# `/rustc/<commit>/library/…` names, the same on every machine.
remap_flags() {
  local cargo_home=${CARGO_HOME:-$HOME/.cargo} sysroot dir
  sysroot=$(rustc --print sysroot)
  for dir in "$cargo_home" "$sysroot"; do
    [ -d "$dir" ] || continue
    local name=cargo; [ "$dir" = "$sysroot" ] && name=rust
    printf '%s\n' "--remap-path-prefix=$dir=$name"
    # A symlinked home or toolchain (rustup links one toolchain name to another) is remapped both ways.
    [ "$(cd "$dir" && pwd -P)" = "$dir" ] || printf '%s\n' "--remap-path-prefix=$(cd "$dir" && pwd -P)=$name"
  done
  # The registry's source directory is named after the registry's host and a hash of its address:
  # the same on every machine, but a name the store's files have no use for. It becomes `crates`.
  for dir in "$cargo_home"/registry/src/*/; do
    [ -d "$dir" ] && printf '%s\n' "--remap-path-prefix=${dir%/}=cargo/registry/src/crates"
  done
  printf '%s\n' "--remap-path-prefix=$ROOT=invite-guard"
}
# RUSTFLAGS for a wasm build, as CARGO_ENCODED_RUSTFLAGS (one flag per 0x1f-separated field, so a path
# with a space stays one flag). It replaces any RUSTFLAGS or build.rustflags of the caller's: the same
# flags on every machine.
wasm_rustflags() {
  local flags=() flag
  while IFS= read -r flag; do flags+=("$flag"); done < <(remap_flags)
  flags+=("$@")
  local IFS=$'\x1f'
  printf '%s' "${flags[*]}"
}

# The extension's own pages, one Wasm module each (docs/architecture.md §1.1): the service worker's is
# instantiated at every wake and the popup's at every open, so neither carries the other pages' code;
# the dashboard (a tab) carries what the popup no longer shows.
# Each is `invite_guard_<page>.js` and `invite_guard_<page>_bg.wasm`.
PAGES="background popup dashboard options options_report"
build_pages() {
  local page out
  for page in $PAGES; do
    say "$page (Wasm)"
    CARGO_ENCODED_RUSTFLAGS=$(wasm_rustflags) \
      cargo build -q --release --target wasm32-unknown-unknown --no-default-features --features "$page" --lib
    out=target/gen/$page
    rm -rf "$out"; mkdir -p "$out"
    wasm-bindgen --target web --no-typescript --out-dir "$out" --out-name "invite_guard_$page" \
      target/wasm32-unknown-unknown/release/invite_guard.wasm
    "$WASM_OPT" -Oz --converge --low-memory-unused --zero-filled-memory --strip-producers $WASM_FLAGS \
      --enable-reference-types --enable-multivalue \
      "$out/invite_guard_${page}_bg.wasm" -o "$out/invite_guard_${page}_bg.wasm"
  done
}

build_content() {
  say "content script (Rust -> Wasm -> wasm2js -> one classic script)"
  # Step 1: no reference types or multivalue, in its own target dir (docs/architecture.md §8).
  # A 256 KB stack instead of 1 MB (the content script does not recurse deeply) and 576 KB of initial
  # memory: ~300 KB of heap before the first growth, which in wasm2js copies the whole memory. A
  # 1,000-card page fits; the 5,000-card end-to-end test grows it (docs/architecture.md §8.1 step
  # 4).
  CARGO_ENCODED_RUSTFLAGS=$(wasm_rustflags -C target-feature=-reference-types,-multivalue,-nontrapping-fptoint \
    -C link-arg=-zstack-size=262144 -C link-arg=--initial-memory=589824) \
    cargo build -q --release --target wasm32-unknown-unknown --features content --lib --target-dir target/wasm2js
  local out=target/gen/content
  rm -rf "$out"; mkdir -p "$out"
  # Step 2: the precompiled std still marks +reference-types in target_features, and wasm-bindgen
  # would add an externref table wasm2js cannot take: strip the section.
  "$WASM_OPT" $WASM_FLAGS --strip-target-features target/wasm2js/wasm32-unknown-unknown/release/invite_guard.wasm -o "$out/in.wasm"
  wasm-bindgen --target bundler --no-typescript --out-dir "$out" "$out/in.wasm" --out-name invite_guard
  "$WASM_OPT" -Oz --converge --low-memory-unused --zero-filled-memory --strip-debug --strip-producers $WASM_FLAGS \
    "$out/invite_guard_bg.wasm" -o "$out/opt.wasm"
  "$WASM2JS" -Oz $WASM_FLAGS "$out/opt.wasm" -o "$out/invite_guard_bg.wasm.js"
  node tools/patch-wasm2js-glue.mjs "$out"
  cp extension/content/entry.js "$out/entry.js"
  # The banner starts the start-to-ready clock before the wasm2js module is instantiated; the
  # benchmark reads it in the script's own isolated world.
  npx esbuild "$out/entry.js" --bundle --format=iife --minify --target=chrome121,firefox128 \
    --banner:js="var inviteGuardT0=performance.now();" \
    --legal-comments=none --log-level=warning --outfile="$out/content.js"
}

assemble() {
  say "dist/chrome, dist/firefox ($VERSION)"
  for b in chrome firefox; do
    local d=dist/$b
    rm -rf "$d"; mkdir -p "$d"
    cp -r extension/_locales extension/icons "$d/"
    cp extension/background.js extension/invite-endpoints.js extension/popup.html extension/popup.js \
       extension/dashboard.html extension/dashboard.js extension/pages.css extension/options.html \
       extension/options.js "$d/"
    for page in $PAGES; do
      cp "target/gen/$page/invite_guard_$page.js" "target/gen/$page/invite_guard_${page}_bg.wasm" "$d/"
    done
    cp target/gen/content/content.js "$d/"
    # The privacy policy and the licence, for the options page's About section (docs/store/README.md §6).
    node tools/privacy-page.mjs PRIVACY.md "$d/privacy.html"
    cp LICENSE "$d/LICENSE.txt"
    sed "s/\"version\": \"0.0.0\"/\"version\": \"$VERSION\"/" manifest.json > "$d/manifest.json"
    store_zip "$d" "dist/invite-guard-$b-$VERSION.zip"
  done
}

# A zip whose bytes depend on the files' contents alone (docs/release.md §3): every file and folder
# dated 2000-01-01 00:00 UTC (zip keeps local time, so the zip is made in UTC too), modes 644 and 755
# whatever the umask, the entries in byte order of their paths, no folder entries, and -X: no uid, gid
# or extra timestamps.
ZIP_DATE="2000-01-01 00:00:00"
store_zip() {
  local dir=$1 zip=$2
  rm -f "$zip"
  chmod -R u=rwX,go=rX "$dir"
  find "$dir" -exec env TZ=UTC touch -h -d "$ZIP_DATE" {} +
  (cd "$dir" && find . -type f -printf '%P\n' | LC_ALL=C sort | TZ=UTC zip -q -X -D "$ROOT/$zip" -@)
}

build() {
  ensure_build_tools
  build_pages
  build_content
  assemble
  # build_if_needed's stamp: the files in dist/ carry the zips' fixed date.
  touch dist/.built
  say "built dist/chrome, dist/firefox and their zips"
  node tests/bench/sizes.mjs dist/chrome
}

# --- tests ---------------------------------------------------------------------------------------
run_tests() {
  ensure_test_tools
  build
  say "cargo fmt --check"
  cargo fmt --all -- --check
  say "cargo clippy -D warnings"
  cargo clippy -q --workspace --all-targets -- -D warnings
  cargo clippy -q --features content --lib -- -D warnings
  local page
  for page in $PAGES pages; do cargo clippy -q --features "$page" --lib -- -D warnings; done
  say "JavaScript: Biome's format check and lint (biome.jsonc)"
  npx biome format .
  npx biome lint --error-on-warnings .
  say "web-ext lint of the Firefox store zip's contents (docs/release.md §6)"
  rm -rf target/lint && mkdir -p target/lint/firefox
  unzip -q "dist/invite-guard-firefox-$VERSION.zip" -d target/lint/firefox
  npx web-ext lint --source-dir target/lint/firefox --output json --boring > target/web-ext-lint.json || true
  node tools/check-lint.mjs target/web-ext-lint.json
  say "no built file names a directory of this machine (docs/release.md §2)"
  IG_WORKSPACE=$ROOT node tools/check-paths.mjs dist
  say "manifest rules"
  node tools/check-manifest.mjs dist/chrome/manifest.json dist/firefox/manifest.json
  node tools/check-locales.mjs extension/_locales
  say "store listing: summaries within 132 characters, permissions justified (docs/store/)"
  node tools/check-store.mjs
  say "citations: every document the code cites is in the repository"
  node tools/check-citations.mjs
  say "release notes and BUILDING.md: the versions agree (docs/release.md §4)"
  node tools/check-release.mjs
  say "reproducible: a second build from another directory gives the same zips (docs/release.md §5)"
  tools/check-repro.sh "$VERSION"
  say "core (cargo test)"
  cargo test -q -p invite-guard-core
  say "hostile input: the import, Sent-page and label parsers fuzzed (core/tests/fuzz.rs)"
  run_fuzz "${IG_FUZZ_CASES:-5000}"
  say "sensor in Chromium and Firefox (wasm-bindgen-test)"
  tools/wasm-test.sh
  say "end to end (Chromium: Playwright; Firefox: Selenium)"
  node --test --test-concurrency=1 tests/e2e/
  say "demo self-check (./build.sh demo without a display)"
  node tools/demo.mjs --headless
}

# The fuzz targets print how many inputs each tried; they are `#[ignore]`d in the plain `cargo test`.
run_fuzz() {
  IG_FUZZ_CASES="$1" cargo test -q -p invite-guard-core --test fuzz -- --ignored --nocapture --test-threads=1 2>&1 \
    | grep -oE "fuzz [a-z_]+/[a-z_]+: .*|test result: .*"
  test "${PIPESTATUS[0]}" -eq 0
}

# --- release -------------------------------------------------------------------------------------
# The two store zips, the reviewers' source archive (the tracked tree at HEAD, BUILDING.md in it) and
# SHA256SUMS of the three, in dist/release/ (docs/release.md §4). Refuses a tree with changes or new
# files (the archive holds HEAD, the zips would hold the working tree) and a version CHANGELOG.md does
# not describe. Before writing the sums it builds the archive's own contents in another directory, as a
# reviewer following BUILDING.md would, and refuses zips that differ from the ones built here.
release() {
  if [ -n "$(git status --porcelain)" ]; then
    git status --short >&2
    echo "release: the tree has changes or new files; commit them (or stash them) first" >&2
    exit 1
  fi
  say "release $VERSION: the versions and BUILDING.md"
  node tools/check-release.mjs
  build
  local out=dist/release name=invite-guard-$VERSION
  rm -rf "$out"; mkdir -p "$out"
  say "source archive $name-source.tar.gz (git archive HEAD, $(git rev-parse --short HEAD))"
  git archive --format=tar.gz --prefix="$name/" -o "$out/$name-source.tar.gz" HEAD
  cp "dist/invite-guard-chrome-$VERSION.zip" "dist/invite-guard-firefox-$VERSION.zip" "$out/"
  say "the archive, built as BUILDING.md says, in target/release-check/$name"
  # Its target/ is kept between releases (its path never changes, so cargo's cache stays valid);
  # node_modules is this tree's, installed by `npm ci` from the same package-lock.json.
  local check=target/release-check
  mkdir -p "$check"
  find "$check" -mindepth 1 -maxdepth 1 ! -name "$name" -exec rm -rf {} +
  [ -d "$check/$name" ] && find "$check/$name" -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf {} +
  tar -xzf "$out/$name-source.tar.gz" -C "$check"
  ln -s "$ROOT/node_modules" "$check/$name/node_modules"
  (cd "$check/$name" && ./build.sh build) > "$check/build.log" 2>&1 \
    || { tail -30 "$check/build.log" >&2; echo "release: the archive does not build ($check/build.log)" >&2; exit 1; }
  for b in chrome firefox; do
    cmp "$out/invite-guard-$b-$VERSION.zip" "$check/$name/dist/invite-guard-$b-$VERSION.zip" \
      || { echo "release: the $b zip built from the archive differs from this tree's" >&2; exit 1; }
  done
  (cd "$out" && sha256sum "invite-guard-chrome-$VERSION.zip" "invite-guard-firefox-$VERSION.zip" \
    "$name-source.tar.gz" > SHA256SUMS)
  say "dist/release/ (the archive's build gave the same zips)"
  (cd "$out" && for f in *; do printf '  %-40s %9d bytes\n' "$f" "$(stat -c %s "$f")"; done; cat SHA256SUMS)
}

# --- demo and screenshots ------------------------------------------------------------------------
ensure_demo_tools() {
  ensure_build_tools
  apt_install chromium openssl
}

# Build only when dist/ was never built or is older than a file the build reads.
build_if_needed() {
  local stamp=dist/.built newer=""
  [ -f "$stamp" ] && newer=$(find src core/src core/Cargo.toml extension manifest.json Cargo.toml Cargo.lock \
    tools/patch-wasm2js-glue.mjs tools/privacy-page.mjs PRIVACY.md LICENSE -newer "$stamp" -type f -print -quit 2>/dev/null || true)
  if [ ! -f "$stamp" ] || [ -n "$newer" ]; then
    build
  else
    say "dist/chrome is up to date"
  fi
}

case "${1:-build}" in
  build) build ;;
  test) run_tests ;;
  bench) ensure_test_tools; build; node tests/bench/bench.mjs ;;
  fuzz) run_fuzz "${IG_FUZZ_CASES:-50000}" ;;
  release) release ;;
  demo) ensure_demo_tools; build_if_needed; node tools/demo.mjs "${@:2}" ;;
  screenshots) ensure_demo_tools; build_if_needed; node tools/screenshots.mjs "${@:2}" ;;
  *) echo "usage: ./build.sh [build|test|bench|fuzz|demo|screenshots|release]" >&2; exit 2 ;;
esac
