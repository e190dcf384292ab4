// Container health probe (the images have no curl): `node deploy/docker/healthcheck.cjs api|worker` exits 0 when the
// process answers 2xx on its health endpoint: the API's /api/health (PostgreSQL and Temporal reachable) on PORT, the
// worker's /healthz (polling its task queue) on WORKER_HEALTH_PORT.
'use strict';

const targets = {
  api: () => `http://127.0.0.1:${process.env.PORT || 3000}/api/health`,
  worker: () => `http://127.0.0.1:${process.env.WORKER_HEALTH_PORT || 8081}/healthz`,
};

const target = targets[process.argv[2]];
if (!target) {
  console.error('usage: healthcheck.cjs api|worker');
  process.exit(2);
}

fetch(target(), { signal: AbortSignal.timeout(2500) }).then(
  (response) => process.exit(response.ok ? 0 : 1),
  (error) => {
    console.error(String(error));
    process.exit(1);
  },
);
