# Stoa: one image, two commands. The service (default command) and the bot (`node dist/bot/main.js`).
# No Docker engine runs on the project's machines: CI executes this file's steps with scripts/image.ts
# (`npm run image:check`), so keep every step a plain command that also runs outside a container.
ARG NODE_VERSION=22

# 1. Build: full install (better-sqlite3 compiles here), the tab with Vite, service and bot with esbuild.
FROM node:${NODE_VERSION}-bookworm AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
# The tab's build-time settings (docs/deploy.md, "Tab build"); they end up in public JavaScript: no secrets.
ARG VITE_AAD_APP_CLIENT_ID=
ENV VITE_DEV_SIGN_IN=false VITE_AAD_APP_CLIENT_ID=${VITE_AAD_APP_CLIENT_ID}
RUN npm run build

# 2. Runtime dependencies only: no TypeScript, Vite, tsx or test tools in the image.
FROM node:${NODE_VERSION}-bookworm AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --no-audit --no-fund && mkdir -p data

# 3. The image: plain node on the slim base, as the unprivileged `node` user of the base image.
FROM node:${NODE_VERSION}-bookworm-slim AS runtime
ENV NODE_ENV=production HOST=0.0.0.0 BOT_HOST=0.0.0.0 PORT=3000 BOT_PORT=3978
WORKDIR /app
COPY package.json ./
COPY --from=deps /app/node_modules ./node_modules
COPY --from=deps --chown=node:node /app/data ./data
COPY --from=build /app/dist ./dist
COPY --from=build /app/tab/dist ./tab/dist
USER node
EXPOSE 3000 3978
# The service's readiness (storage and Redis reachable); compose gives the bot its own check.
HEALTHCHECK --interval=15s --timeout=5s --start-period=30s --retries=3 CMD ["node", "dist/server/healthcheck.js"]
CMD ["node", "dist/server/main.js"]
