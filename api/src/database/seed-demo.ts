// CLI run by `npm start` after the migrations: on an empty database, a demo tenant with agents, a ring group, a
// mailbox, office hours and the example front-desk flow on a sandbox number, so a newcomer can place a call at once.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DirectorySnapshotSchema } from '@callflow/schemas';
import { DirectoryRepository } from '../directory/directory.repository';
import { FlowsRepository } from '../flows/flows.repository';
import { PhoneNumbersRepository } from '../flows/phone-numbers.repository';
import { loadConfig } from '../config';
import { TenantsRepository } from '../tenants/tenants.repository';
import { createDataSource } from './data-source';

export const DEMO_NUMBER = '+18005550100';
const EXAMPLES = path.resolve(__dirname, '../../../engine/examples');

/** Seeds the demo unless any tenant exists; returns whether it did. */
export async function seedDemo(databaseUrl: string): Promise<boolean> {
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  try {
    const [{ count }] = (await dataSource.query('SELECT count(*)::int AS count FROM tenants')) as [{ count: number }];
    if (count > 0) return false;
    const directory = new DirectoryRepository(dataSource);
    const flows = new FlowsRepository(dataSource, directory);
    const tenant = await new TenantsRepository(dataSource).create('Demo Plumbing');
    const snapshot = DirectorySnapshotSchema.parse(JSON.parse(readFileSync(path.join(EXAMPLES, 'front-desk.directory.json'), 'utf8')));
    for (const kind of ['agents', 'ringGroups', 'queues', 'mailboxes', 'schedules'] as const) {
      for (const record of snapshot[kind]) await directory.save(tenant.id, kind, record);
    }
    const flow = await flows.createFlow(tenant.id, 'Front desk', JSON.parse(readFileSync(path.join(EXAMPLES, 'front-desk.flow.json'), 'utf8')));
    await flows.publishVersion(tenant.id, flow.id, 'Demo flow');
    await new PhoneNumbersRepository(dataSource).assign(tenant.id, DEMO_NUMBER, flow.id, 'Demo main line');
    return true;
  } finally {
    await dataSource.destroy();
  }
}

if (require.main === module) {
  seedDemo(loadConfig().databaseUrl).then(
    (seeded) =>
      console.log(
        seeded
          ? `demo: tenant "Demo Plumbing" with the front-desk flow on ${DEMO_NUMBER}; try: npm run call -- --to ${DEMO_NUMBER} --press 1`
          : 'demo: data present, nothing seeded',
      ),
    (error: unknown) => {
      console.error(`demo seed failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
