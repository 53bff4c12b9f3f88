# One image definition for every service; SERVICE picks which one the container runs:
#   docker build --build-arg SERVICE=crm -t nusa-crm .
# Values: gateway, crm, memory, knowledge, chat.

FROM node:20-bookworm AS build
WORKDIR /app
# Manifests first, so the dependency layer is reused until one of them changes.
# Every workspace of the root package.json needs its package.json here for `npm ci`.
COPY package.json package-lock.json ./
COPY packages/shared/package.json packages/shared/
COPY packages/launcher/package.json packages/launcher/
COPY subgraphs/crm/package.json subgraphs/crm/
COPY subgraphs/memory/package.json subgraphs/memory/
COPY subgraphs/knowledge/package.json subgraphs/knowledge/
COPY subgraphs/chat/package.json subgraphs/chat/
COPY bench/package.json bench/
COPY gateway/package.json gateway/
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

# Debian 13 (glibc 2.41): the Chroma native binding the knowledge subgraph will load needs glibc >= 2.39.
FROM node:22-trixie-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/packages ./packages
COPY --from=build /app/subgraphs ./subgraphs
COPY --from=build /app/gateway ./gateway
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

USER node
# exec: node becomes PID 1 and gets SIGTERM itself, so the service stops cleanly.
CMD ["sh", "-c", "exec node \"$SERVICE_ENTRY\""]
