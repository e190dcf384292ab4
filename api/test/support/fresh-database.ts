import { randomBytes } from 'node:crypto';
import { ensureDatabase, withDatabase } from '@callflow/deploy';
import { migrate } from '../../src/database/migrate';

/** A migrated database of its own beside the run's (drop it with `dropDatabase` when done). */
export async function freshDatabase(prefix: string): Promise<string> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error('DATABASE_URL is not set: the jest globalSetup should have set it');
  const url = withDatabase(base, `${prefix}_${randomBytes(4).toString('hex')}`);
  await ensureDatabase(url);
  await migrate(url);
  return url;
}
