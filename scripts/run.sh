#!/usr/bin/env bash
# Set up the machine, build TTS and run all four services and the web
# console (port 1000) in the foreground until Ctrl-C (SIGINT) or SIGTERM,
# then stop them cleanly.
#
# Settings come from TTS_* environment variables; anything already set in
# the caller's environment is passed through to every service. The two
# settings that must differ per service are handled here: TTS_HTTP_ADDR
# is set per service from the port table below, and TTS_DATABASE_URL is
# left to each service's own default (one database per service) unless
# the caller sets it.
#
# Logs: target/run/<service>.log, target/run/console.log
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

# service name (= binary name) and the port it listens on.
services=(ticket-service workflow-api messaging notification-service)
declare -A port=(
    [ticket-service]=8004
    [workflow-api]=8002
    [messaging]=8005
    [notification-service]=8006
)

# This is a development run: the services accept the public development
# defaults below (outside development mode they refuse to start with them,
# naming the setting). Set TTS_DEVELOPMENT_MODE=false with real secrets to
# try the production checks.
export TTS_DEVELOPMENT_MODE="${TTS_DEVELOPMENT_MODE:-true}"

# Tokens minted by `tts token` must verify in the services, so both sides
# need the same secret. Use the development default unless the caller
# chose one; exported so the services inherit it.
export TTS_JWT_SECRET="${TTS_JWT_SECRET:-tts-development-secret-do-not-use-in-production}"

# The messaging service reads tickets from the ticket service (to know each
# ticket's requester) and asks the workflow API who holds a TTS role (before
# telling anyone of an internal note) with one API key, whose scopes both
# services read from TTS_SERVICE_API_KEYS.
messaging_key="${TTS_TICKET_SERVICE_API_KEY:-tts-messaging-development-key}"
export TTS_TICKET_SERVICE_API_KEY="$messaging_key"
export TTS_WORKFLOW_API_API_KEY="${TTS_WORKFLOW_API_API_KEY:-$messaging_key}"
export TTS_SERVICE_API_KEYS="${TTS_SERVICE_API_KEYS:-messaging=$messaging_key tickets:read people:read}"

# Without an SMTP server (TTS_SMTP_HOST) e-mails are .eml files here, outside the checkout.
export TTS_EMAIL_DIR="${TTS_EMAIL_DIR:-${XDG_DATA_HOME:-$HOME/.local/share}/tts/outbox-mail}"

# The demo sign-in page of the console: lists the demo people and signs in
# as one of them (development mode only; off unless enabled, as here).
export TTS_DEMO_SIGN_IN="${TTS_DEMO_SIGN_IN:-true}"

# The console on this port, served from web/dist; it reaches the services
# on their fixed ports (web/public/config.json). CORS allows its origin by
# default (http://localhost:1000 and http://127.0.0.1:1000).
console_port=1000

scripts/setup.sh --console
use_cargo_path

echo "==> building (cargo build --release --bins)"
cargo build --release --bins
echo "==> building the web console (scripts/web.sh build)"
scripts/web.sh build

log_dir=target/run
mkdir -p "$log_dir"

# Fail early with a clear message instead of letting a service die on
# "address in use" (most often a previous run still going).
for svc in "${services[@]}"; do
    if port_open 127.0.0.1 "${port[$svc]}"; then
        die "port ${port[$svc]} (for $svc) is already in use; is another TTS instance running?"
    fi
done
if port_open 127.0.0.1 "$console_port"; then
    die "port $console_port (for the web console) is already in use; is another TTS instance running?"
fi
# Ports below net.ipv4.ip_unprivileged_port_start (1024 by default) need
# root; say how to allow the console's port instead of failing to bind.
unprivileged_start="$(cat /proc/sys/net/ipv4/ip_unprivileged_port_start 2>/dev/null || echo 0)"
if [ "$(id -u)" -ne 0 ] && [ "$unprivileged_start" -gt "$console_port" ]; then
    die "the web console's port $console_port is privileged on this machine; allow it once with: sudo sysctl -w net.ipv4.ip_unprivileged_port_start=$console_port"
fi

declare -A pid=()

# Print the end of a service's log; used whenever something went wrong so
# the cause is on screen without opening files.
show_log_tail() {
    local svc="$1"
    echo "---- last lines of $log_dir/$svc.log ----" >&2
    tail -n 40 "$log_dir/$svc.log" >&2 || true
    echo "----" >&2
}

# Stop every service that is still running: SIGTERM first so they can
# finish in-flight requests and close connections, SIGKILL after 20 s for
# any that hang. Safe to call more than once.
stopping=false
stop_all() {
    if [ "$stopping" = true ]; then
        return
    fi
    stopping=true
    local svc p
    local live=()
    for svc in "${!pid[@]}"; do
        p="${pid[$svc]}"
        if kill -0 "$p" 2>/dev/null; then
            kill -TERM "$p" 2>/dev/null || true
            live+=("$p")
        fi
    done
    [ "${#live[@]}" -eq 0 ] && return
    echo "==> stopping services"
    local deadline=$((SECONDS + 20))
    while :; do
        local still=()
        for p in "${live[@]}"; do
            if kill -0 "$p" 2>/dev/null; then still+=("$p"); fi
        done
        [ "${#still[@]}" -eq 0 ] && break
        if [ "$SECONDS" -ge "$deadline" ]; then
            echo "==> still running after 20s, sending SIGKILL to ${still[*]}" >&2
            kill -KILL "${still[@]}" 2>/dev/null || true
            break
        fi
        sleep 0.5
    done
    # Reap the children so no zombies outlive this script.
    wait "${live[@]}" 2>/dev/null || true
}

# Ctrl-C / SIGTERM: the normal way to end a run, so exit 0.
on_signal() {
    # Ignore further Ctrl-C while stopping: the services have already got
    # SIGTERM, and dying here would skip the SIGKILL escalation.
    trap '' INT TERM
    stop_all
    exit 0
}
trap on_signal INT TERM
# Any other way out (an error under set -e, a failed start) must not
# leave services running in the background.
trap stop_all EXIT

for svc in "${services[@]}"; do
    # Per-service address on top of the inherited environment. Background
    # jobs of a non-interactive shell ignore SIGINT, so Ctrl-C reaches
    # only this script, which then stops the services in order.
    TTS_HTTP_ADDR="127.0.0.1:${port[$svc]}" "target/release/$svc" >"$log_dir/$svc.log" 2>&1 &
    pid[$svc]=$!
    echo "==> started $svc (pid ${pid[$svc]}, log $log_dir/$svc.log)"
done

node web/scripts/serve.mjs --port "$console_port" --host 127.0.0.1 >"$log_dir/console.log" 2>&1 &
pid[console]=$!
echo "==> started the web console (pid ${pid[console]}, log $log_dir/console.log)"

ready() {
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$1/health/ready")" = 200 ]
}

# Wait for every service to report ready (database and broker reachable,
# migrations done). A service that exits meanwhile will never become
# ready, so stop at once and show why.
deadline=$((SECONDS + 120))
pending=("${services[@]}")
while [ "${#pending[@]}" -gt 0 ]; do
    next=()
    for svc in "${pending[@]}"; do
        if ! kill -0 "${pid[$svc]}" 2>/dev/null; then
            echo "error: $svc exited during startup" >&2
            show_log_tail "$svc"
            stop_all
            exit 1
        fi
        ready "${port[$svc]}" || next+=("$svc")
    done
    pending=("${next[@]+"${next[@]}"}")
    [ "${#pending[@]}" -eq 0 ] && break
    if [ "$SECONDS" -ge "$deadline" ]; then
        echo "error: not ready after 120s: ${pending[*]}" >&2
        for svc in "${pending[@]}"; do show_log_tail "$svc"; done
        stop_all
        exit 1
    fi
    sleep 0.5
done

# Demo roles, people and published workflows, so the system can take
# tickets at once, plus tokens for demo users. `tts demo` only adds what
# is missing, so this is safe on a system that already holds data. It
# reads the same TTS_* settings as the services (secret, broker). A
# failure is shown but does not stop the services: they are fine without
# the demo data.
echo
echo "==> loading demo data (target/release/tts demo)"
if ! target/release/tts demo \
    --ticket-url "http://127.0.0.1:${port[ticket-service]}" \
    --workflow-url "http://127.0.0.1:${port[workflow-api]}" \
    --messaging-url "http://127.0.0.1:${port[messaging]}" \
    --notification-url "http://127.0.0.1:${port[notification-service]}"; then
    echo "warning: loading the demo data failed (see above); the services keep running" >&2
fi

echo
printf '%-22s %-24s %s\n' SERVICE URL DOCS
for svc in "${services[@]}"; do
    printf '%-22s %-24s %s\n' "$svc" "http://127.0.0.1:${port[$svc]}" "http://127.0.0.1:${port[$svc]}/docs"
done
printf '%-22s %-24s %s\n' "web console" "http://127.0.0.1:$console_port" "(demo sign-in: pick a person)"
echo
echo "Mint a token:  target/release/tts token --user-id 1 --role tts:Admin"
echo "Send tickets:  target/release/tts simulate --count 20 --rate 2   (docs/demo.md)"
echo "E-mails:       .eml files in $TTS_EMAIL_DIR (unless TTS_SMTP_HOST is set)"
echo "Logs in $log_dir/. Press Ctrl-C to stop."

# Stay in the foreground. `wait -n` returns when any service exits or a
# signal arrives (the trap then runs). A service ending on its own is a
# failure: show why and take the rest down.
while :; do
    wait -n "${pid[@]}" || true
    for svc in "${!pid[@]}"; do
        if ! kill -0 "${pid[$svc]}" 2>/dev/null; then
            echo "error: $svc exited unexpectedly" >&2
            show_log_tail "$svc"
            stop_all
            exit 1
        fi
    done
done
