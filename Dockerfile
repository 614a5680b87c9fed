# syntax=docker/dockerfile:1
# Two stages: `build` compiles TypeScript with the dev dependencies, the runtime stage keeps only
# what `npm start|server|worker` needs (production node_modules, dist/, rules/) and runs as `node`.

FROM node:22-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# Scripts are skipped here: `prepare` would build before the sources are copied in.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY workers ./workers
RUN npm run build && npm prune --omit=dev --ignore-scripts

FROM node:22-slim AS runtime
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY rules ./rules
# The learned judgement's weights (npm run train writes them; packs read them at start).
COPY models ./models
COPY bin ./bin
USER node
# 3000: PORT (webhooks, `npm start`); 9464: METRICS_PORT of a worker run alone.
EXPOSE 3000 9464
# The same process serves /healthz whether it runs the server, the worker or both (see docker-compose.yml).
HEALTHCHECK --interval=15s --timeout=3s --start-period=10s \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 3000) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "dist/src/main.js"]
