# One image for the API server and the worker; compose picks the command.
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN ./node_modules/.bin/vite build --config editor/vite.config.mts \
 && ./node_modules/.bin/tsx platform/build-main.ts
USER node
EXPOSE 3000
CMD ["node", "--import", "tsx", "server/main.ts"]
