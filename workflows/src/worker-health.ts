import { createServer, type Server } from 'node:http';
import type { Worker } from '@temporalio/worker';

/**
 * `GET /healthz` for container probes: 200 while the worker polls its task queue, 503 once it stops or fails, with
 * the worker's state as the body either way.
 */
export async function serveWorkerHealth(worker: Pick<Worker, 'getState'>, port: number, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || request.url !== '/healthz') {
      response.writeHead(404).end();
      return;
    }
    const state = worker.getState();
    response.writeHead(state === 'RUNNING' ? 200 : 503, { 'content-type': 'application/json' }).end(JSON.stringify({ state }));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}
