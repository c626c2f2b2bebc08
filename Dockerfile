# One image for every service; SERVICE picks which one runs (see docker-compose.yml).
FROM node:20-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json .npmrc ./
RUN npm install --no-audit --no-fund
COPY tsconfig.base.json .swcrc ./
COPY libs ./libs
COPY services ./services
ENV NODE_ENV=production SWC_NODE_PROJECT=/app/tsconfig.base.json
# Containers are reached from outside themselves; outside a container HOST defaults to loopback.
ENV HOST=0.0.0.0
ARG SERVICE
ENV SERVICE=${SERVICE}
CMD ["sh", "-c", "exec node -r @swc-node/register services/${SERVICE}/src/main.ts"]
