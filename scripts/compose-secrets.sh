#!/usr/bin/env bash
# Writes `.env` beside docker-compose.yml with fresh random secrets, once.
# docker compose reads it and refuses to start without these values: the
# system has no public default secret. An existing .env is never
# overwritten (rotating a secret is a deliberate act: see docs/security.md).
set -euo pipefail

cd "$(dirname "$0")/.."
if [ -e .env ]; then
    echo ".env exists; leaving it as it is" >&2
    exit 0
fi

# 48 random bytes, base64url without padding: 64 characters, no character
# that compose or a `name=key scope` list would treat specially.
secret() {
    head -c 48 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'
}

umask 077
cat > .env <<ENV
# Written by scripts/compose-secrets.sh. Keep it out of version control.
TTS_JWT_SECRET=$(secret)
TTS_MESSAGING_API_KEY=$(secret)
TTS_END_LOGIC_SECRET=$(secret)
# More machine callers, each ",name=key scope…", e.g. the helpdesk:
# TTS_EXTRA_SERVICE_API_KEYS=,helpdesk=<key> helpdesk:upsert
ENV
echo "wrote .env with new secrets"
