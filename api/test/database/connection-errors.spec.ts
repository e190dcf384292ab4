import { setTimeout as sleep } from 'node:timers/promises';
import type { Pool } from 'pg';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { createDataSource } from '../../src/database/data-source';

describe('database connections', () => {
  const dataSource = createDataSource(process.env.DATABASE_URL ?? '');

  beforeAll(async () => {
    await dataSource.initialize();
  });

  afterAll(async () => {
    await dataSource.destroy();
  });

  it('a connection the server ends while it is checked out of the pool does not end the process', async () => {
    // TypeORM listens on a client only while a query runner holds it; a client the pool has handed out but no runner
    // holds yet has no listener but ours. Here one stays in that state on purpose.
    const pool = (dataSource.driver as PostgresDriver).master as Pool;
    const client = await pool.connect();
    const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');

    const terminated: Array<{ terminated: boolean }> = await dataSource.query('SELECT pg_terminate_backend($1) AS terminated', [rows[0]?.pid]);
    expect(terminated).toEqual([{ terminated: true }]);
    // Unhandled, the 'error' event raised by the termination would fail this test as an uncaught exception.
    await sleep(300);

    await expect(client.query('SELECT 1')).rejects.toThrow();
    client.release(true);
    expect(await dataSource.query('SELECT 1 AS ok')).toEqual([{ ok: 1 }]);
  });
});
