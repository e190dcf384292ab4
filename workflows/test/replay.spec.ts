import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { historyFromJSON } from '@temporalio/common/lib/proto-utils';
import { DefaultLogger, Runtime, Worker } from '@temporalio/worker';
import { createCallLog } from '../src/activities/call-log.sink';
import { tracingOff } from '../src/observability/tracing';
import { workerTelemetry } from '../src/observability/worker-telemetry';

// Histories of real calls, replayed against today's workflow code: a change that would break calls already running
// fails here. histories/*.json are recorded from the current code by api/test/e2e/histories.e2e.spec.ts
// (UPDATE_HISTORIES=1) and may be re-recorded; histories/releases/<release>/ keep what each release recorded, frozen,
// because calls (and queue workflows) started on a release finish on the next one's workers (deploy/README.md).
const HISTORIES_DIR = path.join(__dirname, 'histories');
const RELEASES_DIR = path.join(HISTORIES_DIR, 'releases');

function historyFiles(dir: string): string[] {
  return readdirSync(dir).filter((file) => file.endsWith('.json'));
}

const releases = existsSync(RELEASES_DIR) ? readdirSync(RELEASES_DIR).sort() : [];
const sets = [
  { name: 'current code', dir: HISTORIES_DIR },
  ...releases.map((release) => ({ name: `release ${release}`, dir: path.join(RELEASES_DIR, release) })),
];

describe('replay of recorded call histories', () => {
  beforeAll(() => {
    try {
      Runtime.install({ logger: new DefaultLogger('WARN') });
    } catch {
      // Already installed in this jest worker.
    }
  });

  it('has histories of the current code and of at least one release, each release named by its version', () => {
    expect(historyFiles(HISTORIES_DIR).length).toBeGreaterThanOrEqual(3);
    expect(releases.length).toBeGreaterThanOrEqual(1);
    for (const release of releases) {
      expect(release).toMatch(/^\d+\.\d+\.\d+$/);
      expect(historyFiles(path.join(RELEASES_DIR, release)).length).toBeGreaterThanOrEqual(1);
    }
  });

  it.each(sets)('replays every history of the $name without a determinism error', async ({ dir }) => {
    const histories = historyFiles(dir).map((file) => ({
      workflowId: path.basename(file, '.json'),
      history: historyFromJSON(JSON.parse(readFileSync(path.join(dir, file), 'utf8'))),
    }));
    const failures: string[] = [];
    let replayed = 0;
    // With the interceptors the workers run (recorded histories predate some of them).
    const telemetry = workerTelemetry(tracingOff('replay'));
    // The call log's live sink is skipped on replay; registered, so that a replay of a call that used it logs no error.
    const options = { workflowsPath: require.resolve('../src/workflows'), ...telemetry, sinks: { ...telemetry.sinks, ...createCallLog(async () => undefined, () => undefined).sinks } };
    for await (const result of Worker.runReplayHistories(options, histories)) {
      replayed += 1;
      if (result.error) failures.push(`${result.workflowId}: ${result.error.message}`);
    }
    expect(failures).toEqual([]);
    expect(replayed).toBe(histories.length);
  }, 180_000);
});
