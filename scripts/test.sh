#!/usr/bin/env bash
# Set up the machine and run every check: formatting, clippy, then the
# whole test suite (unit and integration tests against the local
# PostgreSQL, RabbitMQ and a real Celery app).
#
# Integration tests create one database and one RabbitMQ vhost per test,
# all named tts_test_*. Those left behind by an interrupted run are
# dropped before the run, and this run's are dropped afterwards, so
# repeated runs do not pile them up.
#
# Exit status is non-zero when any of the three steps fails; all three
# always run so one report shows every problem.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

scripts/setup.sh --python --web
use_cargo_path

# The tests start Celery workers and producers with this interpreter.
export TTS_TEST_PYTHON="$PWD/target/py-venv/bin/python"
# The contract test checks every service's /metrics with this promtool
# (unpacked from Debian's prometheus package by setup.sh; no server runs).
export TTS_TEST_PROMTOOL="$PWD/target/promtool/usr/bin/promtool"

# Drop every database named tts_test_*. Connections are terminated first
# because DROP DATABASE refuses while anyone is connected (a test process
# killed mid-run can leave pooled connections behind); WITH (FORCE) covers
# a connection that slips in between. \gexec runs each generated DROP as
# its own statement, outside a transaction, as DROP DATABASE requires.
drop_test_databases() {
    pg_tcp -f - <<'SQL'
SELECT pg_terminate_backend(pid)
  FROM pg_stat_activity
 WHERE starts_with(datname, 'tts_test_') AND pid <> pg_backend_pid()
\g /dev/null
SELECT format('DROP DATABASE IF EXISTS %I WITH (FORCE)', datname)
  FROM pg_database
 WHERE starts_with(datname, 'tts_test_')
\gexec
SQL
}

# Drop every RabbitMQ vhost named tts_test_* through the management API.
# Test vhost names are generated from letters, digits, '_' and '-', so
# they need no URL encoding; the pattern only matches such names.
drop_test_vhosts() {
    local vhosts vhost
    vhosts="$(curl -fsS -u "$RABBIT_API_USER" "$RABBIT_API/vhosts?columns=name" |
        grep -o '"name":"tts_test_[A-Za-z0-9_.-]*"' |
        sed 's/^"name":"//; s/"$//' || true)"
    for vhost in $vhosts; do
        curl -fsS -o /dev/null -u "$RABBIT_API_USER" -X DELETE "$RABBIT_API/vhosts/$vhost"
    done
}

cleanup_test_resources() {
    drop_test_databases || echo "warning: could not drop tts_test_* databases" >&2
    drop_test_vhosts || echo "warning: could not delete tts_test_* vhosts" >&2
}

# Clean up after the run whatever way it ends (failure, Ctrl-C), keeping
# the exit status of the run itself.
on_exit() {
    local rc=$?
    cleanup_test_resources
    exit "$rc"
}
trap on_exit EXIT

cleanup_test_resources

failed=()
run_step() {
    echo "==> $*"
    if ! "$@"; then
        failed+=("$*")
    fi
}

# The compose file must be valid and must refuse to start without the
# operator's secrets (it ships no default secret). Checked offline.
check_compose() {
    local secrets=(TTS_JWT_SECRET=x TTS_MESSAGING_API_KEY=x TTS_END_LOGIC_SECRET=x)
    env "${secrets[@]}" docker-compose -f docker-compose.yml config -q || return 1
    if env -u TTS_JWT_SECRET -u TTS_MESSAGING_API_KEY -u TTS_END_LOGIC_SECRET \
        docker-compose -f docker-compose.yml --env-file /dev/null config -q 2>/dev/null; then
        echo "docker-compose.yml starts without TTS_JWT_SECRET and the other secrets" >&2
        return 1
    fi
}

run_step check_compose
run_step bash scripts/check-contracts.sh
run_step cargo fmt --all -- --check
run_step cargo clippy --workspace --all-targets -- -D warnings
run_step cargo test --workspace --no-fail-fast
# The console: generated API types match docs/openapi/ (which the contract
# test holds to what the services serve), type check, lint, unit tests;
# then the browser tests in Debian's Chromium against the real services.
run_step scripts/web.sh check
run_step scripts/web.sh e2e

if [ "${#failed[@]}" -gt 0 ]; then
    echo "FAILED:" >&2
    printf '  %s\n' "${failed[@]}" >&2
    exit 1
fi
echo "all checks passed"
