#!/usr/bin/env python3
"""Check rabbitmq/definitions.json against the queue topology TTS expects.

The services declare these queues themselves at start-up, and RabbitMQ
refuses a declaration whose arguments differ from an existing queue
(PRECONDITION_FAILED). So the definitions the broker loads at boot must
match the services exactly, or they fail to start against it.

Expected, all in vhost "/", durable, not auto-delete, default exchange only:
  Q        no arguments (a Celery app declaring Q with kombu defaults must
           not conflict)
  Q.retry  x-dead-letter-exchange "" and x-dead-letter-routing-key Q, so a
           message whose per-message expiration runs out goes back to Q
  Q.dlq    no arguments

Usage: check-definitions.py [PATH]   (default: rabbitmq/definitions.json
next to this script's parent directory). Exits 1 and lists every mismatch.
"""

import json
import os
import sys

MAIN_QUEUES = [
    "TICKET_TASKS_PRODUCTION",
    "TICKET_STATUS_QUEUE",
    "TTS_ROLE_SYNC_QUEUE",
    "WORKFLOW_TASKS_PRODUCTION",
    "INAPP_NOTIFICATION_QUEUE",
    "EMAIL_NOTIFICATION_QUEUE",
    "USER_EMAIL_SYNC_QUEUE",
]


def expected_queues():
    """Map queue name -> expected arguments dict."""
    expected = {}
    for q in MAIN_QUEUES:
        expected[q] = {}
        expected[q + ".retry"] = {
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": q,
        }
        expected[q + ".dlq"] = {}
    return expected


def check(defs):
    """Return a list of human-readable problems; empty means OK."""
    problems = []
    expected = expected_queues()

    queues = defs.get("queues")
    if not isinstance(queues, list):
        return ['"queues" is missing or not a list']

    seen = {}
    for entry in queues:
        name = entry.get("name")
        if name in seen:
            problems.append(f"queue {name!r} is listed twice")
        seen[name] = entry

    for name in sorted(set(expected) - set(seen)):
        problems.append(f"missing queue {name!r}")
    for name in sorted(set(seen) - set(expected), key=str):
        problems.append(f"unexpected queue {name!r}")

    for name in sorted(set(expected) & set(seen)):
        entry = seen[name]
        if entry.get("vhost") != "/":
            problems.append(f"queue {name!r}: vhost is {entry.get('vhost')!r}, expected '/'")
        if entry.get("durable") is not True:
            problems.append(f"queue {name!r}: must be durable")
        if entry.get("auto_delete", False) is not False:
            problems.append(f"queue {name!r}: must not be auto_delete")
        args = entry.get("arguments", {})
        if args != expected[name]:
            problems.append(
                f"queue {name!r}: arguments are {json.dumps(args, sort_keys=True)}, "
                f"expected {json.dumps(expected[name], sort_keys=True)}"
            )

    # Everything goes through the default exchange; anything else would be
    # topology the services do not know about.
    for key in ("exchanges", "bindings"):
        if defs.get(key):
            problems.append(f'"{key}" must be empty (default exchange only), found {len(defs[key])}')

    return problems


def main(argv):
    if len(argv) > 2:
        print(f"usage: {argv[0]} [definitions.json]", file=sys.stderr)
        return 2
    if len(argv) == 2:
        path = argv[1]
    else:
        root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
        path = os.path.join(root, "rabbitmq", "definitions.json")

    try:
        with open(path, encoding="utf-8") as f:
            defs = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{path}: cannot read definitions: {e}", file=sys.stderr)
        return 1
    if not isinstance(defs, dict):
        print(f"{path}: top level must be a JSON object", file=sys.stderr)
        return 1

    problems = check(defs)
    if problems:
        print(f"{path}: {len(problems)} problem(s):", file=sys.stderr)
        for p in problems:
            print(f"  - {p}", file=sys.stderr)
        return 1
    print(f"{path}: OK ({len(expected_queues())} queues)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
