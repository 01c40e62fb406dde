#!/usr/bin/env bash
# Install and start everything TTS needs on a Debian (bookworm or later)
# machine: PostgreSQL, RabbitMQ with its management plugin, a C toolchain,
# Rust (through rustup) and, with --python, the Celery virtualenv that the
# integration tests drive, with openapi-spec-validator, plus promtool
# (target/promtool) and jq for the contract test.
#
# Idempotent: every step first checks whether it is already done and
# does nothing (and prints nothing) if so. Safe to run before every build.
#
# --console: Node.js 20.19+ and npm, to build and serve the web console.
# --web: --console plus what the console's browser tests need: Debian's
# chromium (driven by Playwright; no browser is ever downloaded) and
# python3-aiosmtpd (the SMTP sink of tts-system).
#
# Usage: scripts/setup.sh [--python] [--console] [--web]
set -euo pipefail

# Work from the repository root so relative paths (target/py-venv) are
# the same wherever the script is called from.
cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

want_python=false
want_console=false
want_web=false
for arg in "$@"; do
    case "$arg" in
        --python) want_python=true ;;
        --console) want_console=true ;;
        --web)
            want_console=true
            want_web=true
            ;;
        -h | --help)
            echo "usage: $0 [--python] [--console] [--web]"
            exit 0
            ;;
        *) die "unknown argument: $arg (usage: $0 [--python] [--console] [--web])" ;;
    esac
done

# ---------------------------------------------------------------------------
# Debian packages
# ---------------------------------------------------------------------------

# True when the Debian package is installed (not merely known or removed).
pkg_installed() {
    dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'
}

# Decide per package whether it is missing. A package counts as present
# when dpkg says so or when the program it provides is already there
# (e.g. PostgreSQL installed as postgresql-15 without the meta package).
missing=()
check_pkg() {
    local pkg="$1" probe="$2"
    if ! pkg_installed "$pkg" && ! eval "$probe" >/dev/null 2>&1; then
        missing+=("$pkg")
    fi
}
check_pkg postgresql 'command -v pg_ctlcluster && command -v psql && command -v pg_isready'
check_pkg rabbitmq-server 'command -v rabbitmq-server && command -v rabbitmqctl'
check_pkg build-essential 'command -v cc && command -v make'
check_pkg pkg-config 'command -v pkg-config'
check_pkg curl 'command -v curl'
check_pkg ca-certificates 'test -s /etc/ssl/certs/ca-certificates.crt'
check_pkg python3 'command -v python3'
# venv needs ensurepip, which Debian splits out into python3-venv; probe
# the system interpreter because that is the one the venv is built from.
check_pkg python3-venv '/usr/bin/python3 -c "import ensurepip, venv"'
# The notification tests send real e-mail to Debian's aiosmtpd (run with the system interpreter).
if [ "$want_python" = true ]; then
    check_pkg python3-aiosmtpd '/usr/bin/python3 -c "import aiosmtpd"'
    # Validates docker-compose.yml offline (no Docker engine needed).
    check_pkg docker-compose 'command -v docker-compose'
    # The API walk-through in docs/api.md (run by the contract test) reads answers with jq.
    check_pkg jq 'command -v jq'
fi

# The web console: Node.js and npm to build it; Chromium for its browser tests.
if [ "$want_console" = true ]; then
    check_pkg nodejs 'command -v node'
    check_pkg npm 'command -v npm'
fi
if [ "$want_web" = true ]; then
    check_pkg chromium 'test -x /usr/bin/chromium'
    check_pkg python3-aiosmtpd '/usr/bin/python3 -c "import aiosmtpd"'
fi

apt_updated=false
apt_update_once() {
    if [ "$apt_updated" = false ]; then
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        apt_updated=true
    fi
}

if [ "${#missing[@]}" -gt 0 ]; then
    command -v apt-get >/dev/null 2>&1 || die "missing ${missing[*]} and apt-get is not available"
    step "installing Debian packages: ${missing[*]}"
    apt_update_once
    # noninteractive: CI has no stdin, and the postgresql/rabbitmq
    # postinst scripts must not stop to ask questions.
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi

# ---------------------------------------------------------------------------
# Rust
# ---------------------------------------------------------------------------

# rust-toolchain.toml pins the exact toolchain; rustup downloads it on the
# first cargo call, so all we need here is rustup itself.
use_cargo_path
if ! command -v cargo >/dev/null 2>&1; then
    # Prefer Debian's rustup (trixie and later ship it) so the machine's
    # package manager owns it; fall back to the official installer.
    candidate=""
    if command -v apt-get >/dev/null 2>&1; then
        apt_update_once
        candidate="$(apt-cache policy rustup 2>/dev/null | sed -n 's/^ *Candidate: *//p' || true)"
    fi
    if [ -n "$candidate" ] && [ "$candidate" != "(none)" ]; then
        step "installing rustup (Debian package)"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends rustup >/dev/null
    else
        step "installing rustup (rustup-init)"
        curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh -s -- -y --profile minimal --no-modify-path >/dev/null
    fi
    use_cargo_path
    command -v cargo >/dev/null 2>&1 || die "rustup was installed but cargo is still not on PATH"
fi

# ---------------------------------------------------------------------------
# PostgreSQL
# ---------------------------------------------------------------------------

if ! pg_isready -q -h 127.0.0.1 -p 5432; then
    # Use the newest installed cluster version; Debian creates a "main"
    # cluster when the server package is installed. --skip-systemctl-redirect
    # makes pg_ctlcluster start the server itself, which also works in
    # containers where systemd is not running.
    # shellcheck disable=SC2012 # directory names are plain version numbers
    pg_version="$(ls /etc/postgresql 2>/dev/null | sort -V | tail -1 || true)"
    step "starting PostgreSQL ${pg_version:-(service)}"
    if [ -z "$pg_version" ] ||
        ! as_root pg_ctlcluster --skip-systemctl-redirect "$pg_version" main start; then
        as_root service postgresql start
    fi
    wait_until 60 "PostgreSQL on 127.0.0.1:5432" pg_isready -q -h 127.0.0.1 -p 5432
fi

# The services and tests log in as postgres:postgres over TCP. Machines
# configured with trust authentication already pass this check; a stock
# Debian install needs the password set (its pg_hba.conf asks for one on
# 127.0.0.1 and the postgres role starts without a password).
if ! pg_tcp -c 'select 1' >/dev/null 2>&1; then
    step "setting the password of the postgres database user"
    as_postgres psql -X -q -c "ALTER USER postgres PASSWORD 'postgres'" >/dev/null
    pg_tcp -c 'select 1' >/dev/null ||
        die "cannot log in to PostgreSQL as postgres:postgres on 127.0.0.1; check pg_hba.conf allows password (scram-sha-256/md5) or trust for host 127.0.0.1/32"
fi

# ---------------------------------------------------------------------------
# RabbitMQ
# ---------------------------------------------------------------------------

if ! port_open 127.0.0.1 5672; then
    step "starting RabbitMQ"
    # -detached starts the node without systemd, which works in containers;
    # the service wrapper covers machines where that is the norm.
    if ! as_root rabbitmq-server -detached >/dev/null 2>&1; then
        as_root service rabbitmq-server start
    fi
    # The AMQP listener is opened last during boot, so an open port means
    # the node is ready. Erlang boot can be slow on small machines.
    wait_until 120 "RabbitMQ on 127.0.0.1:5672" port_open 127.0.0.1 5672
fi

# Tests create a throwaway vhost per test through the management HTTP API.
rabbit_api_ok() {
    curl -fsS -o /dev/null -u "$RABBIT_API_USER" "$RABBIT_API/overview"
}
if ! rabbit_api_ok >/dev/null 2>&1; then
    step "enabling the RabbitMQ management plugin"
    as_root rabbitmq-plugins enable -q rabbitmq_management >/dev/null
    wait_until 60 "the RabbitMQ management API on $RABBIT_API" rabbit_api_ok
fi

# ---------------------------------------------------------------------------
# Python virtualenv with Celery (tests only)
# ---------------------------------------------------------------------------

if [ "$want_python" = true ]; then
    venv=target/py-venv
    # A venv whose interpreter went away (e.g. python upgraded) is rebuilt.
    if ! "$venv/bin/python" -c 'import sys' >/dev/null 2>&1; then
        # Prefer Debian's interpreter: another python3 (pyenv, conda) may
        # come first on PATH and might lack venv/ensurepip.
        if [ -x /usr/bin/python3 ]; then
            base_python=/usr/bin/python3
        else
            base_python="$(command -v python3)"
        fi
        step "creating $venv with $base_python"
        rm -rf "$venv"
        mkdir -p target
        "$base_python" -m venv "$venv"
    fi
    if ! "$venv/bin/python" -c 'import celery' >/dev/null 2>&1; then
        step "installing celery>=5.5,<5.6 into $venv"
        "$venv/bin/python" -m pip install -q --disable-pip-version-check 'celery>=5.5,<5.6'
    fi
    # The contract test (system/tests/contract.rs) validates every service's /schema with it.
    if ! "$venv/bin/python" -c 'import openapi_spec_validator' >/dev/null 2>&1; then
        step "installing openapi-spec-validator>=0.7,<0.8 into $venv"
        "$venv/bin/python" -m pip install -q --disable-pip-version-check 'openapi-spec-validator>=0.7,<0.8'
    fi

    # promtool checks every service's /metrics in the contract test. Only that
    # binary is wanted: it is unpacked from Debian's prometheus package into
    # target/promtool instead of installing the package, which would also
    # install, enable and start a Prometheus server on this machine.
    promtool=target/promtool/usr/bin/promtool
    if ! "$promtool" --version >/dev/null 2>&1; then
        command -v apt-get >/dev/null 2>&1 || die "promtool is missing and apt-get is not available"
        step "unpacking promtool from Debian's prometheus package into target/promtool"
        apt_update_once
        deb_dir="$(mktemp -d)"
        # apt-get download writes into the current directory and needs no root.
        (cd "$deb_dir" && apt-get download -qq prometheus >/dev/null 2>&1) ||
            die "cannot download Debian's prometheus package (apt-get download prometheus)"
        rm -rf target/promtool
        mkdir -p target/promtool
        dpkg-deb -x "$deb_dir"/prometheus_*.deb target/promtool
        rm -rf "$deb_dir"
        "$promtool" --version >/dev/null 2>&1 || die "$promtool does not run"
    fi
fi

# ---------------------------------------------------------------------------
# Web console
# ---------------------------------------------------------------------------

# Vite needs Node.js 20.19 or later; Debian's nodejs may be older (bookworm has 18).
if [ "$want_console" = true ]; then
    node_version="$(node -e 'process.stdout.write(process.versions.node)' 2>/dev/null || echo 0)"
    if ! node -e 'const [a,b]=process.versions.node.split(".").map(Number);process.exit(a>20||(a===20&&b>=19)?0:1)' 2>/dev/null; then
        die "the web console needs Node.js 20.19 or later (found $node_version); install a newer nodejs (e.g. from nodejs.org or NodeSource) and run again"
    fi
fi
