#!/usr/bin/env bash
# Set up the machine, build the release binaries and run one of the
# measuring tools:
#
#   scripts/measure.sh bench [ARGS]    writes docs/benchmarks.md
#   scripts/measure.sh faults [ARGS]   writes docs/reliability.md
#
# ARGS go to tts-bench or tts-faults (`--help` lists them), e.g.
# `scripts/measure.sh bench --runs 1 --only intake-http`. Each starts its
# own copy of the system on free ports, with its own databases, RabbitMQ
# vhost and SMTP sink (python3-aiosmtpd, installed by setup.sh --python).
# `faults` restarts the machine's PostgreSQL and RabbitMQ: run it where
# nothing else uses them.
set -euo pipefail

cd "$(dirname "$0")/.."
# shellcheck source=scripts/lib.sh
. scripts/lib.sh

case "${1:-}" in
    bench) tool=tts-bench ;;
    faults) tool=tts-faults ;;
    *) die "usage: $0 bench|faults [ARGS]" ;;
esac
shift

scripts/setup.sh --python
use_cargo_path
cargo build --release --bins
exec "target/release/$tool" "$@"
