// CLI: apply pending migrations to DATABASE_URL and print what was applied.
import { loadConfig } from '../config';
import { createDataSource } from './data-source';

/** Applies pending migrations; returns the names of those applied, in order. */
export async function migrate(databaseUrl: string): Promise<string[]> {
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  const { databaseUrl } = loadConfig();
  const target = new URL(databaseUrl);
  migrate(databaseUrl).then(
    (applied) => {
      const where = `${target.host}${target.pathname}`;
      if (applied.length === 0) console.log(`migrations: ${where} is up to date`);
      else console.log(`migrations: applied to ${where}:\n${applied.map((name) => `  - ${name}`).join('\n')}`);
    },
    (error: unknown) => {
      console.error(`migrations failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
