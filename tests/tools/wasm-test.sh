#!/usr/bin/env bash
# Runs the sensor's wasm-bindgen tests in headless Chromium and Firefox ESR (platform.md §5).
#
# webdriver.json passes Chromium --disable-dev-shm-usage itself. Debian's /usr/bin/chromium adds it only
# when /dev/shm is small, and its check breaks when findmnt prints two lines (seen here:
# "[: 25276502016: unexpected operator"); Playwright adds it always, chromedriver never. Without it a small
# /dev/shm, as in a container, can hang the renderer: CI once waited 300 s on "Loading scripts..." and went
# red (chromedriver: "Timed out receiving message from renderer"; wasm-pack#783 reports the same).
# webdriver.json caps the page load at 60 s, and a browser whose page never loaded is tried once more:
# no test ran, so there is no result to hide. A run in which tests ran and one failed is never retried.
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
export WASM_BINDGEN_TEST_TIMEOUT=120

run_in() { # run_in NAME ENV=VALUE
  local name=$1 log attempt
  log=$(mktemp)
  for attempt in 1 2; do
    if [ "$attempt" = 1 ]; then echo "-- $name"; else echo "-- $name, second try: the page never loaded"; fi
    if env "$2" cargo test --target wasm32-unknown-unknown --features content --test sensor_browser 2>&1 | tee "$log"; then
      rm -f "$log"; return 0
    fi
    # Retry only when no test ran at all.
    if grep -q "test result:" "$log" || ! grep -q "Failed to detect test as having been run" "$log"; then
      break
    fi
  done
  rm -f "$log"
  return 1
}

run_in Chromium CHROMEDRIVER=/usr/bin/chromedriver
run_in "Firefox ESR" "GECKODRIVER=$(command -v geckodriver)"
