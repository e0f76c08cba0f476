# The RDS Data API emulator (infra/local/data-api/server.ts) as a container, for
# docker-compose.localstack.yml. Dependencies are installed inside the image, so native
# binaries (esbuild, used by tsx) match the container's platform, not the host's.
FROM node:24-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund --ignore-scripts
COPY tsconfig.json ./
COPY shared ./shared
COPY infra/local ./infra/local
ENV DATA_API_HOST=0.0.0.0 DATA_API_PORT=8089
EXPOSE 8089
CMD ["npx", "tsx", "infra/local/data-api/server.ts"]
