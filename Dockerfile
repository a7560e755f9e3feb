# signpost in a container, with Chromium to print PDFs.
#
#   docker build -t signpost .
#   docker run --rm --user "$(id -u):$(id -g)" -v "$PWD:/site" signpost build --pdf
#
# docs/publish.md says more.

# Stage 1: compile signpost. It needs Rust and a C compiler (its memory
# allocator, mimalloc, is C); the rust image has both.
FROM rust:1-bookworm AS build
WORKDIR /src
COPY Cargo.toml Cargo.lock ./
COPY src ./src
COPY themes ./themes
COPY phrases ./phrases
COPY scaffold ./scaffold
RUN cargo build --release --locked --bin signpost

# Stage 2: only what running it needs: the one binary (it carries its
# themes inside it), Chromium and fonts for PDFs (Noto for the scripts of
# community languages, such as Urdu, Arabic, Punjabi and Bengali), and
# certificates for `signpost check --external`.
FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends chromium fonts-liberation fonts-noto-core ca-certificates \
    && rm -rf /var/lib/apt/lists/*
COPY --from=build /src/target/release/signpost /usr/local/bin/signpost
# Not root: a mistake in a site can then touch nothing but /site.
RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin signpost
USER signpost
ENV SIGNPOST_BROWSER=/usr/bin/chromium
WORKDIR /site
# `signpost serve --interface 0.0.0.0` listens here.
EXPOSE 1111
ENTRYPOINT ["signpost"]
CMD ["build"]
