#!/usr/bin/env bash
# Validate every AsyncAPI document in docs/asyncapi (*.yaml, *.yml, *.json)
# with @asyncapi/parser. Fails on any error diagnostic (warnings and hints
# are printed only) and when there is no document to check.
#
# The parser and its dependencies are pinned by scripts/contracts/
# package-lock.json and installed with `npm ci` into
# scripts/contracts/node_modules, only when the lock file changed since
# the last install: after the first run this needs no network. Install
# scripts never run (scripts/contracts/.npmrc), so nothing is downloaded
# behind npm's back and no browser is involved.
#
# Before the documents, the checker checks itself on the fixtures in
# scripts/contracts/fixtures: valid*.yaml must pass, invalid*.yaml must
# fail, so a checker that accepts everything cannot pass.
#
# Usage: scripts/check-contracts.sh [FILE...]   (default: docs/asyncapi/*)
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

contracts=scripts/contracts
command -v node >/dev/null 2>&1 || die "node is not installed (Debian: apt-get install nodejs npm)"
command -v npm >/dev/null 2>&1 || die "npm is not installed (Debian: apt-get install npm)"

# npm ci wipes and rebuilds node_modules; skip it when what is installed is
# what the lock file pins (npm writes node_modules/.package-lock.json).
installed_lock="$contracts/node_modules/.package-lock.json"
stamp="$contracts/node_modules/.tts-lock-sha256"
lock_sum="$(sha256sum "$contracts/package-lock.json" | cut -d' ' -f1)"
if [ ! -f "$installed_lock" ] || [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_sum" ]; then
    step "installing the AsyncAPI parser (npm ci in $contracts)"
    # SCARF_ANALYTICS: one dependency's usage reporting, off even though its
    # install script does not run.
    (cd "$contracts" && SCARF_ANALYTICS=false npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >/dev/null)
    echo "$lock_sum" >"$stamp"
fi

validate() {
    SCARF_ANALYTICS=false node "$contracts/validate-asyncapi.js" "$@"
}

# The checker itself: it must accept a valid document and refuse broken ones.
for fixture in "$contracts"/fixtures/valid*.yaml; do
    validate "$fixture" >/dev/null || die "the checker refuses its valid fixture $fixture"
done
for fixture in "$contracts"/fixtures/invalid*.yaml; do
    if validate "$fixture" >/dev/null; then
        die "the checker accepts its invalid fixture $fixture"
    fi
done

if [ "$#" -gt 0 ]; then
    documents=("$@")
else
    shopt -s nullglob
    documents=(docs/asyncapi/*.yaml docs/asyncapi/*.yml docs/asyncapi/*.json)
    shopt -u nullglob
fi
[ "${#documents[@]}" -gt 0 ] || die "no AsyncAPI documents in docs/asyncapi/"

validate "${documents[@]}"
