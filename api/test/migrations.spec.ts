import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase, withDatabase } from '@callflow/deploy';
import { createDataSource } from '../src/database/data-source';
import { MIGRATIONS } from '../src/database/data-source';
import { migrate } from '../src/database/migrate';

function requireDatabaseUrl(): string {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: the jest globalSetup should have set it');
  return url;
}

describe('migrations', () => {
  // A database of its own: the other specs of this run share DATABASE_URL's.
  const url = withDatabase(requireDatabaseUrl(), `callflow_migrate_${randomBytes(4).toString('hex')}`);

  beforeAll(async () => {
    await ensureDatabase(url);
  });

  afterAll(async () => {
    await dropDatabase(url);
  });

  it('applies every migration to a fresh database, then finds nothing pending', async () => {
    expect(await migrate(url)).toEqual(MIGRATIONS.map((migration) => migration.name));
    expect(await migrate(url)).toEqual([]);
  });

  it('reverts every migration, newest first, and applies them again', async () => {
    const dataSource = createDataSource(url);
    await dataSource.initialize();
    try {
      for (let index = 0; index < MIGRATIONS.length; index++) await dataSource.undoLastMigration({ transaction: 'each' });
      const tables: Array<{ table_name: string }> = await dataSource.query(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'migrations'",
      );
      expect(tables).toEqual([]);
    } finally {
      await dataSource.destroy();
    }
    expect(await migrate(url)).toEqual(MIGRATIONS.map((migration) => migration.name));
  });

  it('creates a tenants table that generates ids and creation times', async () => {
    const dataSource = createDataSource(url);
    await dataSource.initialize();
    try {
      const rows: Array<{ id: string; name: string; created_at: Date }> = await dataSource.query(
        'INSERT INTO tenants (name) VALUES ($1) RETURNING id, name, created_at',
        ['Acme Plumbing'],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(rows[0]?.name).toBe('Acme Plumbing');
      expect(rows[0]?.created_at).toBeInstanceOf(Date);
    } finally {
      await dataSource.destroy();
    }
  });
});
