#!/usr/bin/env bash
# Runs the sensor's wasm-bindgen tests in headless Chromium and Firefox ESR (platform.md §5).
set -euo pipefail
cd "$(dirname "$0")/../.."
export PATH="$HOME/.cargo/bin:$PATH"
export WASM_BINDGEN_TEST_TIMEOUT=120
echo "-- Chromium"
CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --features content --test sensor_browser
echo "-- Firefox ESR"
GECKODRIVER="$(command -v geckodriver)" cargo test --target wasm32-unknown-unknown --features content --test sensor_browser
