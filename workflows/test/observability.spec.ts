import { spawn } from 'node:child_process';
import path from 'node:path';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { trace } from '@opentelemetry/api';
import { findFreePort } from '@callflow/deploy';
import { WORKFLOW_INTERCEPTORS_PATH as BUNDLED_INTERCEPTORS_PATH } from '@callflow/deploy/src/workflow-bundle';
import { addLogContext, withLogContext } from '../src/observability/log-context';
import { createLogger, logLevelFrom } from '../src/observability/logger';
import { PinoTemporalLogger } from '../src/observability/temporal-logger';
import { startTracing } from '../src/observability/tracing';
import { WORKFLOW_INTERCEPTORS_PATH } from '../src/observability/worker-telemetry';
import { loadWorkerProcessConfig } from '../src/worker-config';

function collector(): { lines: Array<Record<string, unknown>>; write(line: string): void } {
  const lines: Array<Record<string, unknown>> = [];
  return { lines, write: (line) => void lines.push(JSON.parse(line) as Record<string, unknown>) };
}

describe('JSON logs', () => {
  it('writes one object per line with the service, ISO time, level name, and the ids of the log context', async () => {
    const out = collector();
    const logger = createLogger({ service: 'callflow-test', level: 'info', destination: out });
    await withLogContext({ requestId: 'r-1' }, async () => {
      await Promise.resolve();
      addLogContext({ tenantId: 't-1', workflowId: 'call-s-1' });
      logger.info({ detail: 42 }, 'routed');
    });
    logger.debug('below the level');
    logger.warn('outside any context');
    expect(out.lines).toEqual([
      { level: 'info', time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/), service: 'callflow-test', requestId: 'r-1', tenantId: 't-1', workflowId: 'call-s-1', detail: 42, msg: 'routed' },
      { level: 'warn', time: expect.any(String), service: 'callflow-test', msg: 'outside any context' },
    ]);
  });

  it('names the active trace span on the line', async () => {
    const out = collector();
    const tracing = startTracing({ serviceName: 'callflow-test', exporter: new InMemorySpanExporter() });
    try {
      const logger = createLogger({ service: 'callflow-test', level: 'info', destination: out });
      const ids = trace.getTracer('test').startActiveSpan('work', (span) => {
        logger.info('inside');
        span.end();
        return span.spanContext();
      });
      expect(out.lines[0]).toMatchObject({ traceId: ids.traceId, spanId: ids.spanId, msg: 'inside' });
    } finally {
      await tracing.shutdown();
    }
  });

  it('takes LOG_LEVEL, refusing what pino does not know', () => {
    expect(logLevelFrom({})).toBe('info');
    expect(logLevelFrom({ LOG_LEVEL: ' DEBUG ' })).toBe('debug');
    expect(() => logLevelFrom({ LOG_LEVEL: 'loud' })).toThrow('LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent (got "loud")');
  });

  it('writes the Temporal runtime’s messages through pino with their metadata', () => {
    const out = collector();
    const logger = new PinoTemporalLogger(createLogger({ service: 'callflow-worker', level: 'trace', destination: out }));
    logger.log('WARN', 'Workflow task failed', { workflowId: 'call-1', attempt: 2, [Symbol('internal')]: true });
    logger.trace('fine detail');
    logger.error('broken', { sdkComponent: 'core' });
    expect(out.lines.map(({ time: _time, ...line }) => line)).toEqual([
      { level: 'warn', service: 'callflow-worker', workflowId: 'call-1', attempt: 2, msg: 'Workflow task failed' },
      { level: 'trace', service: 'callflow-worker', msg: 'fine detail' },
      { level: 'error', service: 'callflow-worker', sdkComponent: 'core', msg: 'broken' },
    ]);
  });
});

describe('worker process telemetry', () => {
  it('reads WORKER_METRICS_PORT and LOG_LEVEL, naming a bad value', () => {
    expect(loadWorkerProcessConfig({ WORKER_METRICS_PORT: '9464', LOG_LEVEL: 'warn' })).toMatchObject({ metricsPort: 9464, logLevel: 'warn' });
    expect(() => loadWorkerProcessConfig({ WORKER_METRICS_PORT: 'prometheus' })).toThrow('WORKER_METRICS_PORT must be an integer between 1 and 65535 (got "prometheus")');
  });

  it('bundles the same workflow interceptors in the image as at start', () => {
    expect(BUNDLED_INTERCEPTORS_PATH).toBe(WORKFLOW_INTERCEPTORS_PATH);
  });

  it('logs JSON lines and serves the Temporal SDK’s metrics on WORKER_METRICS_PORT', async () => {
    const metricsPort = await findFreePort('127.0.0.1');
    const child = spawn(process.execPath, ['-r', path.join(__dirname, '..', '..', 'deploy', 'bin', 'swc-register.cjs'), path.join(__dirname, '..', 'src', 'worker.ts')], {
      env: { ...process.env, WORKER_METRICS_PORT: String(metricsPort), LOG_LEVEL: 'info', NODE_ENV: 'test' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString('utf8')));
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`the worker did not start: ${stdout}`)), 120_000);
        child.stdout.on('data', () => {
          if (stdout.includes('worker polling')) {
            clearTimeout(timer);
            resolve();
          }
        });
        child.once('exit', (code) => reject(new Error(`the worker exited (${code}): ${stdout}`)));
      });
      // Every complete line is JSON; more may follow the polling line in the same chunk.
      const lines = stdout.slice(0, stdout.lastIndexOf('\n')).split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      expect(lines).toContainEqual(expect.objectContaining({ level: 'info', service: 'callflow-worker', metricsPort, tracing: false, msg: expect.stringContaining('worker polling calls') }));
      // The SDK reports its pollers once they have started polling, a moment after the worker says it polls.
      const reportsPollers = (text: string) => /^temporal_num_pollers\{/m.test(text);
      const deadline = Date.now() + 10_000;
      let metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      while (!reportsPollers(metrics) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 200));
        metrics = await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text();
      }
      expect(metrics).toMatch(/^temporal_num_pollers\{/m);
    } finally {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
  }, 180_000);
});
