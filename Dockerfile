# syntax=docker/dockerfile:1
# okctl's container image: `docker build -t okctl .`
# Three stages: build (TypeScript → dist/), production dependencies only, then a small runtime image
# that runs as a non-root user. See docs/deploy.md.

# --- build: compile TypeScript with the dev dependencies -------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# better-sqlite3 compiles its native addon when no prebuilt binary can be fetched.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
COPY bench ./bench
COPY test ./test
RUN npm run build

# --- deps: production dependencies only ------------------------------------------------------
FROM node:20-bookworm-slim AS deps
WORKDIR /app
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ \
  && rm -rf /var/lib/apt/lists/*
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

# --- runtime ---------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    LOG_FORMAT=json \
    OKCTL_DATA_DIR=/var/lib/okctl
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
# The JSON Schemas, as compiled beside dist/src (src/declaration/schema.ts loads ../../schemas).
COPY --from=build /app/dist/schemas ./dist/schemas
COPY package.json app.yml ./
COPY bin ./bin
# The store's directory (SQLite; unused with OKCTL_DATABASE_URL). okctl keeps it 0700.
RUN mkdir -p /var/lib/okctl && chown node:node /var/lib/okctl && chmod 0700 /var/lib/okctl
VOLUME ["/var/lib/okctl"]
# The image's own unprivileged user (uid 1000), never root.
USER node
EXPOSE 3000
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
CMD ["node", "dist/src/server.js"]
