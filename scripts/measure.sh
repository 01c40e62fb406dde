#!/usr/bin/env bash
# Set up the machine, build the release binaries and run one of the
# measuring tools:
#
#   scripts/measure.sh bench [ARGS]        writes docs/benchmarks.md
#   scripts/measure.sh faults [ARGS]       writes docs/reliability.md
#   scripts/measure.sh schemathesis [N]    writes its section of docs/reliability.md
#
# ARGS go to tts-bench or tts-faults (`--help` lists them), e.g.
# `scripts/measure.sh bench --runs 1 --only intake-http`. Each starts its
# own copy of the system on free ports, with its own databases, RabbitMQ
# vhost and SMTP sink (python3-aiosmtpd, installed by setup.sh --python).
# `faults` restarts the machine's PostgreSQL and RabbitMQ: run it where
# nothing else uses them. `faults` rewrites docs/reliability.md but keeps
# the schemathesis section, so the two may run in either order.
#
# `schemathesis` installs Schemathesis (PyPI) into target/py-venv, starts
# the seeded system (tts-system), runs `st run <service>/schema --checks all`
# with an admin token and at most N examples per operation (default 50)
# against each service, and writes per service the two figures that judge
# its document, undocumented status codes (ST103) and schema violations
# (ST108), then operations, requests and 5xx answers, into the section
# between the schemathesis markers of docs/reliability.md (and prints the
# two figures). Reports (JSON, HAR) stay
# in target/schemathesis/. Not part of CI: it takes a few minutes.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

case "${1:-}" in
    bench) tool=tts-bench ;;
    faults) tool=tts-faults ;;
    schemathesis) tool=schemathesis ;;
    *) die "usage: $0 bench|faults|schemathesis [ARGS]" ;;
esac
shift

scripts/setup.sh --python
use_cargo_path
cargo build --release --bins
if [ "$tool" != schemathesis ]; then
    exec "target/release/$tool" "$@"
fi

max_examples="${1:-50}"
case "$max_examples" in
    '' | *[!0-9]*) die "usage: $0 schemathesis [MAX_EXAMPLES_PER_OPERATION]" ;;
esac
venv=target/py-venv
schemathesis_spec='schemathesis>=4.32,<5'
if ! "$venv/bin/st" --version >/dev/null 2>&1; then
    step "installing $schemathesis_spec into $venv"
    "$venv/bin/python" -m pip install -q --disable-pip-version-check "$schemathesis_spec"
fi

out=target/schemathesis
rm -rf "$out"
mkdir -p "$out"
target/release/tts-system --seed >"$out/system.json" 2>"$out/system.log" &
system_pid=$!
stop_system() {
    kill -TERM "$system_pid" 2>/dev/null || true
    wait "$system_pid" 2>/dev/null || true
}
trap stop_system EXIT
# Ready when it printed its URLs; done waiting, too, when it exited.
system_ready() {
    [ -s "$out/system.json" ] || ! kill -0 "$system_pid" 2>/dev/null
}
wait_until 180 "the system to start (log: $out/system.log)" system_ready
[ -s "$out/system.json" ] || die "the system did not start: see $out/system.log"
field() {
    "$venv/bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' \
        "$out/system.json" "$1"
}
token="$(field admin_token)"
st_version="$("$venv/bin/st" --version)"

for service in tickets workflow messaging notifications; do
    base="$(field "$service")"
    step "schemathesis against $service ($base, at most $max_examples examples per operation)"
    # A non-zero exit only means failures were found: they are what the summary counts.
    "$venv/bin/st" run "$base/schema" \
        --checks all \
        --max-examples "$max_examples" \
        --seed 1 \
        --workers 4 \
        --request-timeout 30 \
        --header "Authorization: Bearer $token" \
        --report json,har \
        --report-json-path "$out/$service.json" \
        --report-har-path "$out/$service.har.json" \
        >"$out/$service.txt" 2>&1 || true
    curl -fsS "$base/schema" >"$out/$service.schema.json"
    [ -s "$out/$service.json" ] || die "schemathesis wrote no report for $service: see $out/$service.txt"
done
stop_system
trap - EXIT

"$venv/bin/python" - "$out" docs/reliability.md "$max_examples" "$st_version" <<'PY'
"""Summarises the Schemathesis reports into docs/reliability.md, between its markers."""
import collections
import json
import re
import sys
from datetime import datetime, timezone

out, doc_path, max_examples, version = sys.argv[1:5]
services = [
    ("tickets", "ticket-service"),
    ("workflow", "workflow-api"),
    ("messaging", "messaging"),
    ("notifications", "notification-service"),
]
begin, end = "<!-- schemathesis:begin -->", "<!-- schemathesis:end -->"

def templates(schema):
    """(method, regex, documented statuses, label) for every operation."""
    ops = []
    for path, item in schema.get("paths", {}).items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(path)) + "$"
        for method, op in item.items():
            if method.upper() not in ("GET", "POST", "PUT", "PATCH", "DELETE"):
                continue
            documented = set(op.get("responses", {}).keys())
            ops.append((method.upper(), re.compile(pattern), documented, f"{method.upper()} {path}"))
    return ops

rows, details, figures = [], [], []
for key, name in services:
    report = json.load(open(f"{out}/{key}.json"))
    har = json.load(open(f"{out}/{key}.har.json"))["log"]["entries"]
    ops = templates(json.load(open(f"{out}/{key}.schema.json")))
    statuses = collections.Counter(e["response"]["status"] for e in har)
    server_errors = sum(n for s, n in statuses.items() if s >= 500)
    undocumented = collections.Counter()
    for e in har:
        method = e["request"]["method"].upper()
        path = "/" + e["request"]["url"].split("://", 1)[-1].split("/", 1)[-1].split("?", 1)[0]
        status = str(e["response"]["status"])
        for m, regex, documented, label in ops:
            if m == method and regex.match(path):
                if status not in documented and f"{status[0]}XX" not in documented and "default" not in documented:
                    undocumented[(label, status)] += 1
                break
    failures = report.get("failures", [])
    by_title = {f["title"]: f for f in failures}
    # The two figures the service documents are judged by: answers whose body the documented
    # schema refuses (ST108 "Response violates schema") and answers with a status the operation
    # does not list (ST103 "Undocumented status code").
    schema_violations = sum(f["count"] for f in failures if f["code"] == "ST108")
    undocumented_failures = sum(f["count"] for f in failures if f["code"] == "ST103")
    figures.append(f"| {name} | {undocumented_failures} | {schema_violations} |")
    print(f"{name}: {undocumented_failures} undocumented status codes, {schema_violations} schema violations")
    rows.append(
        f"| {name} | {report['operations']['tested']}/{report['operations']['total']} | {len(har)} "
        f"| {server_errors} | {schema_violations} | {undocumented_failures} "
        f"({len(undocumented)} operation–status pairs) | {sum(f['count'] for f in failures)} |"
    )
    details.append(f"**{name}**: answers " + ", ".join(f"{s} ×{n}" for s, n in sorted(statuses.items())) + ".")
    if failures:
        details.append(
            "Failures: " + "; ".join(
                f"{f['code']} {f['title']} ×{f['count']} ({', '.join(f['operations'][:4])}"
                f"{', …' if len(f['operations']) > 4 else ''})" for f in failures
            ) + "."
        )
    if undocumented:
        pairs = collections.defaultdict(list)
        for (label, status), n in sorted(undocumented.items()):
            pairs[status].append(label)
        details.append(
            "Undocumented statuses: " + "; ".join(
                f"{status} on {len(labels)} operation(s) ({', '.join(labels[:3])}{', …' if len(labels) > 3 else ''})"
                for status, labels in sorted(pairs.items())
            ) + "."
        )
    unresolved = report.get("warnings", {}).get("unresolvable_reference", [])
    if unresolved:
        details.append(f"Schema parts Schemathesis could not resolve: {', '.join(unresolved)}.")
    details.append("")

section = "\n".join([
    begin,
    "## Schemathesis (property-based API fuzzing)",
    "",
    f"Written by `./scripts/measure.sh schemathesis {max_examples}` on "
    f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC ({version}; not in CI). Each service's `/schema` was "
    f"fuzzed with `st run --checks all --max-examples {max_examples} --seed 1` as a `tts:Admin` staff user, "
    "against the seeded system from its release binaries (`tts-system --seed`). *Requests* counts every "
    "request in the HAR report, including the checks' own (no-auth, wrong-method) requests. *Schema "
    "violations* (Schemathesis check ST108) are answers whose body does not match the documented schema; "
    "*undocumented status codes* (ST103) are answers with a status the operation does not list, counted as "
    "Schemathesis reports them, and in brackets the distinct operation–status pairs seen in the HAR report. "
    "Both should be 0.",
    "",
    "| service | undocumented status codes | schema violations |",
    "|---|---|---|",
    *figures,
    "",
    "In detail:",
    "",
    "| service | operations tested | requests | 5xx | schema violations | undocumented status codes | all failures |",
    "|---|---|---|---|---|---|---|",
    *rows,
    "",
    *details,
    end,
])
text = open(doc_path).read()
if begin in text and end in text:
    text = text[: text.index(begin)] + section + text[text.index(end) + len(end):]
else:
    text = text.rstrip("\n") + "\n\n" + section + "\n"
open(doc_path, "w").write(text)
print(f"summary written to {doc_path}")
PY
