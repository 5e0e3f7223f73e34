# syntax=docker/dockerfile:1
# One image for the API server and the worker; compose picks the command.
# test/integration/platform/image-build.test.ts performs these steps in temporary folders.

# Build stage: every dependency, then the production build (compiled server, worker and tools,
# editor assets, workflow bundle) in dist/app.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN --mount=type=cache,target=/root/.npm npm ci --no-audit --no-fund
COPY . .
RUN npm run build && mkdir -p dist/data

# Runtime stage: production dependencies and the build only, run as the unprivileged node user.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
ENV DATA_DIR=/data
COPY package.json package-lock.json ./
# The npm cache is a build cache mount, so it stays out of the image.
RUN --mount=type=cache,target=/root/.npm npm ci --omit=dev --no-audit --no-fund
COPY --from=build /app/dist/app ./dist/app
# The data directory (a volume in compose), writable by the node user.
COPY --from=build --chown=node:node /app/dist/data /data
USER node
EXPOSE 3000
HEALTHCHECK --interval=10s --timeout=5s --start-period=60s --retries=5 \
  CMD ["node", "dist/app/platform/readiness-probe-main.js"]
CMD ["node", "--enable-source-maps", "dist/app/server/main.js"]
