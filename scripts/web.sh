#!/usr/bin/env bash
# The web console (web/): install, check, build, browser tests, measurements, serving.
#
#   scripts/web.sh install     npm ci (skipped when node_modules already matches package-lock.json)
#   scripts/web.sh check       generated API types up to date with docs/openapi/, tsc, eslint, vitest
#   scripts/web.sh build       static files in web/dist/
#   scripts/web.sh e2e         build, then Playwright on Debian's Chromium against a real system
#                              (tts-system: four services, PostgreSQL, RabbitMQ, demo data); screenshots
#                              of the main pages to docs/screenshots/, failures to target/e2e/
#   scripts/web.sh measure     gzipped initial JavaScript and My work's time to interactive with
#                              1,000 items, written to docs/web-performance.md
#   scripts/web.sh serve [PORT] [CONFIG]   serve web/dist on PORT (default 1000)
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

web=web
# Browsers are never downloaded: the tests use Debian's chromium package.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

install() {
    command -v npm >/dev/null 2>&1 || die "npm is missing: run scripts/setup.sh --web"
    # npm ci rewrites node_modules from the lock file; skip it when nothing changed since.
    local stamp="$web/node_modules/.package-lock.json"
    if [ -f "$stamp" ] && [ "$stamp" -nt "$web/package-lock.json" ]; then
        return
    fi
    step "installing the console's packages (npm ci)"
    (cd "$web" && npm ci --no-audit --no-fund --loglevel=error)
}

free_port() {
    node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

system_binaries() {
    use_cargo_path
    step "building the services and tts-system (cargo build --bins)"
    cargo build --bins --quiet
}

cmd="${1:-check}"
shift || true
case "$cmd" in
    install) install ;;
    check)
        install
        (cd "$web" && npm run --silent check:api && npm run --silent typecheck && npm run --silent lint && npm test --silent)
        ;;
    build)
        install
        (cd "$web" && npm run --silent build)
        ;;
    e2e)
        install
        [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || die "Chromium is missing: run scripts/setup.sh --web"
        system_binaries
        (cd "$web" && npm run --silent build)
        mkdir -p target/e2e docs/screenshots
        port="$(free_port)"
        (cd "$web" && E2E_CONSOLE_PORT="$port" E2E_ARTIFACTS="$PWD/../target/e2e" \
            E2E_SCREENSHOTS=../docs/screenshots npx playwright test "$@")
        ;;
    measure)
        install
        [ -x "${CHROMIUM:-/usr/bin/chromium}" ] || die "Chromium is missing: run scripts/setup.sh --web"
        system_binaries
        (cd "$web" && npm run --silent build)
        port="$(free_port)"
        (cd "$web" && E2E_CONSOLE_PORT="$port" E2E_SCREENSHOTS=../docs/screenshots node e2e/measure.mjs "$PWD/../docs/web-performance.md")
        ;;
    serve)
        port="${1:-1000}"
        config="${2:-}"
        [ -f "$web/dist/index.html" ] || die "no web/dist: run scripts/web.sh build"
        exec node "$web/scripts/serve.mjs" --port "$port" --host 127.0.0.1 ${config:+--config "$config"}
        ;;
    *) die "unknown command: $cmd (install, check, build, e2e, measure, serve)" ;;
esac
