# One image definition for every service; SERVICE picks which one the container runs:
#   docker build --build-arg SERVICE=crm -t nusa-crm .
# Values: gateway, crm, memory, knowledge, chat (the names in packages/launcher/src/services.ts).
# test/deploy-files.test.ts checks this file, docker-compose.yml and fly.toml against the code.

# Debian 13 (glibc 2.41) in both stages: Chroma's native binding (chromadb-js-bindings) needs glibc >= 2.39,
# and native modules are installed for the Node version that runs them.
FROM node:22-trixie AS build
WORKDIR /app
# Manifests first, so the dependency layer is reused until one of them changes.
# Every workspace of the root package.json needs its package.json here for `npm ci`.
COPY package.json package-lock.json ./
COPY packages/platform/package.json packages/platform/
COPY packages/subgraph/package.json packages/subgraph/
COPY packages/launcher/package.json packages/launcher/
COPY subgraphs/crm/package.json subgraphs/crm/
COPY subgraphs/memory/package.json subgraphs/memory/
COPY subgraphs/knowledge/package.json subgraphs/knowledge/
COPY subgraphs/chat/package.json subgraphs/chat/
COPY gateway/package.json gateway/
COPY bench/package.json bench/
COPY web/package.json web/
RUN npm ci
# .dockerignore keeps the build machine's node_modules, dist/ and .data/ out of this copy.
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:22-trixie-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages ./packages
COPY --from=build /app/subgraphs ./subgraphs
COPY --from=build /app/gateway ./gateway
# The web app the gateway serves at / (whatever `npm run build` left in web/).
COPY --from=build /app/web ./web
# The committed supergraph the gateway serves (SUPERGRAPH_PATH defaults to /app/schema/supergraph.graphql).
COPY --from=build /app/schema ./schema

ARG SERVICE=gateway
ENV SERVICE=${SERVICE}
# The gateway sits at the repository root, every subgraph under subgraphs/<name>. Node resolves the
# link to the real file, so each service still finds its files relative to its own dist/.
RUN entry="$(if [ "$SERVICE" = gateway ]; then echo gateway; else echo "subgraphs/$SERVICE"; fi)/dist/index.js" \
    && if [ ! -f "$entry" ]; then echo "SERVICE=$SERVICE: $entry is not in the image" >&2; exit 1; fi \
    && ln -s "/app/$entry" /app/service.js
ENV SERVICE_ENTRY=/app/service.js

# Starts as root only to hand a freshly mounted volume under /data (Fly's Chroma volume is root-owned)
# to the node user, then drops to node for the process itself. exec: node becomes PID 1 and gets SIGTERM.
ENTRYPOINT ["/bin/sh", "-c", "if [ \"$(id -u)\" = 0 ]; then for dir in /data/*/; do [ -d \"$dir\" ] && chown node:node \"$dir\"; done; exec setpriv --reuid=node --regid=node --init-groups -- \"$@\"; fi; exec \"$@\"", "entrypoint"]
# The launcher's Node flags (SERVICE_NODE_FLAGS in packages/platform/src/lifecycle.ts).
CMD ["sh", "-c", "exec node --min-semi-space-size=16 \"$SERVICE_ENTRY\""]
