# shellcheck shell=bash
# Helpers shared by scripts/setup.sh, scripts/run.sh and scripts/test.sh.
# Sourced, never executed: it only defines functions and variables.
#
# Kept in one place so that the three scripts agree on how they poll,
# how they become root and where they find cargo.

# Print a message to stderr and stop. Used for every fatal condition so
# that failures are loud and say what to do next.
die() {
    echo "error: $*" >&2
    exit 1
}

# One line per step that actually changes something on the machine.
step() {
    echo "==> $*"
}

# Run a command as root: directly when we already are root, through sudo
# otherwise. Containers and CI usually run as root without sudo installed,
# developer machines usually have sudo.
as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root for '$*' but not root and sudo is not installed"
    fi
}

# Run a command as the postgres OS user (peer authentication over the
# Unix socket works for it even when no password is set yet).
as_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo -u postgres "$@"
    else
        die "need to run '$*' as the postgres user but sudo is not installed"
    fi
}

# True when something accepts TCP connections on HOST PORT. Uses bash's
# /dev/tcp so no extra tool (nc, ss) is needed; `timeout` keeps a
# filtered port from hanging the caller.
port_open() {
    timeout 2 bash -c "exec 3<>/dev/tcp/$1/$2" 2>/dev/null
}

# wait_until SECONDS DESCRIPTION COMMAND...
# Poll COMMAND every half second until it succeeds or the deadline passes.
# Polling instead of fixed sleeps keeps fast machines fast and slow
# machines working; the deadline turns a hang into a clear error.
wait_until() {
    local seconds="$1" what="$2"
    shift 2
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        if [ "$SECONDS" -ge "$deadline" ]; then
            die "timed out after ${seconds}s waiting for ${what}"
        fi
        sleep 0.5
    done
}

# Make cargo visible in this shell. rustup installed by its own installer
# lives in ~/.cargo/bin; Debian's rustup package puts its proxies in
# /usr/lib/rustup/bin. Neither is on PATH in a fresh non-login shell.
use_cargo_path() {
    if [ -f "$HOME/.cargo/env" ]; then
        # shellcheck disable=SC1091
        . "$HOME/.cargo/env"
    fi
    if ! command -v cargo >/dev/null 2>&1 && [ -x /usr/lib/rustup/bin/cargo ]; then
        PATH="/usr/lib/rustup/bin:$PATH"
        export PATH
    fi
}

# Connection settings the services and tests use by default
# (postgres:postgres on 127.0.0.1:5432, guest:guest on the broker).
PG_HOST=127.0.0.1
PG_USER=postgres
PG_PASSWORD=postgres
# shellcheck disable=SC2034 # used by the scripts that source this file
RABBIT_API=http://127.0.0.1:15672/api
# shellcheck disable=SC2034
RABBIT_API_USER=guest:guest

# psql as postgres:postgres over TCP, the same way the services log in.
# -X ignores ~/.psqlrc, -w never prompts for a password (no stdin in CI).
pg_tcp() {
    PGPASSWORD="$PG_PASSWORD" psql -X -w -q -v ON_ERROR_STOP=1 \
        -h "$PG_HOST" -U "$PG_USER" -d postgres "$@"
}
