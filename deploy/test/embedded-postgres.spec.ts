import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropDatabase, ensureDatabase, findFreePort, probePostgres, startEmbeddedPostgres, withDatabase } from '../src';

describe('embedded PostgreSQL', () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'callflow-embedded-pg-'));
    // As root the server runs as the `postgres` user, which must be able to reach its data directory.
    chmodSync(dir, 0o755);
  });

  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('initialises a data directory, serves databases, and stops', async () => {
    const dataDir = path.join(dir, 'data');
    const port = await findFreePort();
    const server = await startEmbeddedPostgres(dataDir, port);
    try {
      expect(server).toMatchObject({ origin: 'embedded', url: `postgres://postgres:postgres@127.0.0.1:${port}/callflow` });
      expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
      const url = withDatabase(server.url, 'embedded_check');
      expect(await ensureDatabase(url)).toBe(true);
      expect(await ensureDatabase(url)).toBe(false);
      await dropDatabase(url);
    } finally {
      await server.stop();
    }
    await expect(probePostgres(server.url, 1000)).rejects.toThrow();
  }, 120_000);
});
