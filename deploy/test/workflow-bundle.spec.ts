import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { REPO_ROOT } from '../src/paths';
import { writeWorkflowBundle } from '../src/workflow-bundle';

const RELEASES_DIR = path.join(REPO_ROOT, 'workflows', 'test', 'histories', 'releases');

describe('the workflow bundle built ahead of time for the worker image', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'callflow-bundle-'));
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed in this jest worker.
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('is loaded from its path by a worker and replays the calls of every kept release', async () => {
    const codePath = path.join(dir, 'nested', 'workflow-bundle.js');
    const bytes = await writeWorkflowBundle(codePath);
    expect(statSync(codePath).size).toBe(bytes);
    // The workflow interceptors are in: OpenTelemetry's workflow tracer and our step latency mark.
    const code = readFileSync(codePath, 'utf8');
    expect(code).toContain('@temporalio/interceptor-workflow');
    expect(code).toContain('callflow-received-at');
    const histories = readdirSync(RELEASES_DIR).flatMap((release) =>
      readdirSync(path.join(RELEASES_DIR, release)).map((file) => ({
        workflowId: `${release}/${path.basename(file, '.json')}`,
        history: historyFromJSON(JSON.parse(readFileSync(path.join(RELEASES_DIR, release, file), 'utf8'))),
      })),
    );
    expect(histories.length).toBeGreaterThanOrEqual(3);
    const outcomes: string[] = [];
    for await (const result of Worker.runReplayHistories({ workflowBundle: { codePath } }, histories)) {
      outcomes.push(`${result.workflowId}: ${result.error ? result.error.message : 'ok'}`);
    }
    expect(outcomes.sort()).toEqual(histories.map((history) => `${history.workflowId}: ok`).sort());
  }, 180_000);
});
