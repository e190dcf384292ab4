import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { DefaultLogger, Runtime } from '@temporalio/worker';
import { bundleCallWorkflows, createCallWorker } from '../src/worker';
import { loadWorkerConfig, loadWorkerProcessConfig } from '../src/worker-config';
import { serveWorkerHealth } from '../src/worker-health';

describe('loadWorkerProcessConfig', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'callflow-worker-process-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('bundles at start and serves no health endpoint by default (development)', () => {
    expect(loadWorkerProcessConfig({})).toEqual({ workflowBundlePath: null, healthPort: null, metricsPort: null, logLevel: 'info' });
  });

  it('takes a bundle built ahead of time and a health port (the container image)', () => {
    const bundle = path.join(dir, 'workflow-bundle.js');
    writeFileSync(bundle, '');
    expect(loadWorkerProcessConfig({ WORKFLOW_BUNDLE_PATH: bundle, WORKER_HEALTH_PORT: '8081' })).toEqual({
      workflowBundlePath: bundle,
      healthPort: 8081,
      metricsPort: null,
      logLevel: 'info',
    });
  });

  it('names the variable when the bundle is missing or the port is not a port', () => {
    expect(() => loadWorkerProcessConfig({ WORKFLOW_BUNDLE_PATH: path.join(dir, 'missing.js') })).toThrow(/WORKFLOW_BUNDLE_PATH is set to .*missing\.js, but there is no file there/);
    for (const port of ['0', '70000', 'eighty', '80.5']) {
      expect(() => loadWorkerProcessConfig({ WORKER_HEALTH_PORT: port })).toThrow(`WORKER_HEALTH_PORT must be an integer between 1 and 65535 (got "${port}")`);
    }
  });
});

describe('a call worker started from a bundle file, with its health endpoint', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'callflow-worker-bundle-'));
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed in this jest worker.
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('answers 200 while the worker polls and 503 once it has shut down', async () => {
    const codePath = path.join(dir, 'workflow-bundle.js');
    const { code } = await bundleCallWorkflows();
    writeFileSync(codePath, code);
    const config = loadWorkerConfig({ TEMPORAL_ADDRESS: process.env.TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE: process.env.TEMPORAL_NAMESPACE });
    const { worker, close } = await createCallWorker(config, { workflowBundle: { codePath } });
    let health: Server | undefined;
    try {
      health = await serveWorkerHealth(worker, 0, '127.0.0.1');
      const url = `http://127.0.0.1:${(health.address() as AddressInfo).port}/healthz`;
      const whileRunning = await worker.runUntil(async () => {
        const response = await fetch(url);
        return { status: response.status, body: await response.json() };
      });
      expect(whileRunning).toEqual({ status: 200, body: { state: 'RUNNING' } });
      const afterShutdown = await fetch(url);
      expect(afterShutdown.status).toBe(503);
      expect(await afterShutdown.json()).toEqual({ state: 'STOPPED' });
      expect((await fetch(url.replace('/healthz', '/metrics'))).status).toBe(404);
    } finally {
      health?.close();
      await close();
    }
  }, 120_000);
});
