import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { checkTemporal, findFreePort, startTemporalDevServer } from '../src';

describe('Temporal dev server', () => {
  it('starts on a free port, serves gRPC, and is gone after stop', async () => {
    const server = await startTemporalDevServer();
    let stopped = false;
    try {
      expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
      expect(server.uiUrl).toBeUndefined();
      await checkTemporal(server.address, 'default');
      await server.stop();
      stopped = true;
      expect(server.process.hasExited).toBe(true);
      await expect(checkTemporal(server.address, 'default', 1000)).rejects.toThrow();
    } finally {
      if (!stopped) await server.stop();
    }
  }, 90_000);

  it('keeps its SQLite database in write-ahead-log mode', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'callflow-temporal-wal-'));
    const dbFilename = path.join(dir, 'temporal.db');
    const server = await startTemporalDevServer({ dbFilename });
    try {
      await checkTemporal(server.address, 'default');
      expect(existsSync(`${dbFilename}-wal`)).toBe(true);
    } finally {
      await server.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);

  it('says how to install the CLI when the binary is missing', async () => {
    const binary = path.join(os.tmpdir(), 'no-such-dir', 'temporal');
    await expect(startTemporalDevServer({ binary, port: await findFreePort() })).rejects.toThrow(
      `The Temporal CLI was not found at ${binary}. Run \`npm test\` or \`npm start\` once`,
    );
  });
});
