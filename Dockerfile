# syntax=docker/dockerfile:1
# The reference server, @cercle/server, with the SDK (/sdk/) and the console (/console/) it
# serves. docs/deploy.md says how to run it; compose.yaml runs two of them on PostgreSQL.
#
#   docker build -t cercle-server .
#   docker run -p 8787:8787 -v cercle-data:/data -e CERCLE_HOST_KEY=… cercle-server
#
# Without CERCLE_DATABASE_URL the data is a SQLite file in the /data volume; with
# CERCLE_DATABASE_URL=postgres://user:password@host:5432/cercle it is in PostgreSQL.

ARG NODE_VERSION=22

# ---------------------------------------------------------------------------------------
# toolchain: node with a compiler (better-sqlite3 compiles from source when no prebuilt
# binary can be downloaded), the lockfile and every workspace's package.json. The root
# package.json lists the workspaces: add a line here with a new one. Dependencies are
# installed before the sources are copied, so a change of source alone reuses them.
# ---------------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS toolchain
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
COPY packages/client/package.json packages/client/
COPY packages/mock/package.json packages/mock/
COPY packages/server/package.json packages/server/
COPY packages/elements/package.json packages/elements/
COPY packages/conformance/package.json packages/conformance/
COPY packages/console/package.json packages/console/
COPY playground/package.json playground/

# ---------------------------------------------------------------------------------------
# deps: what the server needs at run time and nothing else: @cercle/server's production
# dependencies (its workspace siblings are links; their built files are copied below), no
# devDependencies, no other workspace's dependencies. --ignore-scripts skips the root's
# `prepare` (the build); better-sqlite3's own install script then runs through `npm rebuild`.
# ---------------------------------------------------------------------------------------
FROM toolchain AS deps
RUN npm ci --omit=dev --workspace @cercle/server --include-workspace-root=false \
    --ignore-scripts --no-audit --no-fund \
  && npm rebuild better-sqlite3 \
  && node -e "require('better-sqlite3')(':memory:').close()"

# ---------------------------------------------------------------------------------------
# build: every package's dist/ (`npm run build`, what `prepare` runs after `npm install`).
# ---------------------------------------------------------------------------------------
FROM toolchain AS build
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY . .
RUN npm run build

# ---------------------------------------------------------------------------------------
# runtime: node, the server's dependencies, and the built files; no compiler, no sources.
# ---------------------------------------------------------------------------------------
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app

# Owned by root and read-only for the server: only /data is writable.
COPY --from=build /app/package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/packages/server/package.json packages/server/
COPY --from=build /app/packages/server/bin packages/server/bin
COPY --from=build /app/packages/server/dist packages/server/dist
COPY --from=build /app/packages/client/package.json packages/client/
COPY --from=build /app/packages/client/dist packages/client/dist
# Served as files: the script-tag bundle under /sdk/ and the console under /console/
# (packages/server/src/static.ts finds them beside packages/server, in packages/*/dist).
COPY --from=build /app/packages/elements/dist packages/elements/dist
COPY --from=build /app/packages/console/dist packages/console/dist

# The SQLite file when no PostgreSQL URL is given (CERCLE_DATABASE_URL=postgres://… in the
# environment replaces it). The subcommands (`communities create`, `hosts invite`, …) read the
# same variable: `docker exec <container> node packages/server/bin/cercle-server.js communities list`.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
ENV CERCLE_DATABASE_URL=/data/cercle.db

USER node
EXPOSE 8787

# GET /v1/health answers 200 while the server is up.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:8787/v1/health').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# --trust-proxy: this image expects a reverse proxy in front (TLS, compression, SSE
# settings: deploy/nginx.conf) that sets X-Forwarded-For. Exposed without one, drop it:
#   docker run … cercle-server node packages/server/bin/cercle-server.js --host 0.0.0.0
# The server stops cleanly on SIGTERM (docker stop): open event streams end, clients resume.
CMD ["node", "packages/server/bin/cercle-server.js", "--host", "0.0.0.0", "--port", "8787", "--trust-proxy"]
