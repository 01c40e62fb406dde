# Image with all TTS binaries: the four services and the `tts` CLI.
# docker-compose.yml runs one service per container by choosing the
# command; the default command is ticket-service.

# ---- build ----------------------------------------------------------------
FROM rust:1.95-bookworm AS builder
WORKDIR /src
# The whole workspace is copied because the crates depend on each other
# (shared/) and on files beside the sources, such as migrations.
# .dockerignore keeps target/ and .git out of the build context.
COPY . .
# --locked: build exactly the versions in Cargo.lock. rust-toolchain.toml
# pins the toolchain; rustup in the image fetches it if it differs.
RUN cargo build --release --locked --bins

# ---- runtime --------------------------------------------------------------
FROM debian:bookworm-slim
# ca-certificates for TLS to outside services (SMTP, webhooks); curl for
# the container health checks in docker-compose.yml.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates curl \
    && rm -rf /var/lib/apt/lists/*

COPY --from=builder \
    /src/target/release/ticket-service \
    /src/target/release/workflow-api \
    /src/target/release/messaging \
    /src/target/release/notification-service \
    /src/target/release/tts \
    /usr/local/bin/

# The services need no privileges: they only listen on high ports and
# talk to PostgreSQL and RabbitMQ over the network.
RUN useradd --system --uid 10001 --user-group --no-create-home --shell /usr/sbin/nologin tts \
    && mkdir -p /var/lib/tts/attachments \
    && chown -R tts:tts /var/lib/tts
# Relative paths in settings (the ticket service's `attachment_dir`, data/attachments by default)
# land here, in a directory the service may write.
WORKDIR /var/lib/tts
USER tts

# ticket-service, workflow-api, messaging, notification-service
EXPOSE 8004 8002 8005 8006

CMD ["ticket-service"]
