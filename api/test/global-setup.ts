import { ensureTestServices } from '@callflow/deploy';
import { migrate } from '../src/database/migrate';
import { createTestNamespace } from './support/temporal-namespace';

/** One Temporal server, one fresh migrated database and one Temporal namespace for the whole jest run. */
export default async function globalSetup(): Promise<void> {
  await ensureTestServices();
  const { DATABASE_URL: databaseUrl, TEMPORAL_ADDRESS: address } = process.env;
  if (!databaseUrl || !address) throw new Error('ensureTestServices did not export DATABASE_URL and TEMPORAL_ADDRESS');
  await migrate(databaseUrl);
  process.env.TEMPORAL_NAMESPACE = await createTestNamespace(address, 'callflow-api-test');
}
