#!/usr/bin/env bash
# Two builds from two directories give byte-identical store zips (docs/release.md §5).
#
# `./build.sh test` has just built dist/ here. This copies the working tree as it is (tracked and new
# files, not the ignored ones) to target/repro/elsewhere/, a directory of another path and length, builds
# it there with another umask and time zone, and compares the two zips of each browser byte for byte,
# printing their sizes and SHA-256. The copy keeps its own target/ between runs: its path, and so its
# RUSTFLAGS, never change, so cargo rebuilds only what changed since the last run (the first run builds
# everything, about three minutes on two cores). node_modules is the workspace's, linked.
#
#   tools/check-repro.sh VERSION
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd -P)
VERSION=$1
COPY=$ROOT/target/repro/elsewhere

mkdir -p "$COPY"
# Everything but the copy's build cache goes, so a file deleted here is deleted there too.
find "$COPY" -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf {} +
git ls-files -z --cached --others --exclude-standard \
  | while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done \
  | tar --null -T - -cf - | tar -xf - -C "$COPY"
ln -s "$ROOT/node_modules" "$COPY/node_modules"

SECONDS=0
(cd "$COPY" && umask 077 && TZ=Pacific/Chatham ./build.sh build) >"$ROOT/target/repro/build.log" 2>&1 \
  || { tail -30 "$ROOT/target/repro/build.log"; echo "the copy's build failed (target/repro/build.log)"; exit 1; }
echo "  the copy in ${COPY#"$ROOT"/} built in ${SECONDS} s (umask 077, TZ=Pacific/Chatham)"

status=0
for b in chrome firefox; do
  zip=dist/invite-guard-$b-$VERSION.zip
  for z in "$ROOT/$zip" "$COPY/$zip"; do
    printf '  %-60s %8d bytes  sha256 %s\n' "${z#"$ROOT"/}" "$(stat -c %s "$z")" "$(sha256sum "$z" | cut -d' ' -f1)"
  done
  if cmp -s "$ROOT/$zip" "$COPY/$zip"; then
    echo "  $b: identical"
  else
    echo "  $b: DIFFERENT (files that differ:)"
    diff -r "$ROOT/dist/$b" "$COPY/dist/$b" | head -20 || true
    status=1
  fi
done
exit $status
