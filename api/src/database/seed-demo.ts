// CLI run by `npm start` after the migrations: the demo company "Demo Plumbing" with its staff (sandbox mode: logins
// with a fixed password, printed), agents, a ring group, a queue, a voicemail box, office hours with the US public
// holidays, and a published front-desk flow on a sandbox number, so a newcomer can sign in and place a call at once.
import { holidayPreset } from '@callflow/engine';
import { FLOW_FORMAT, type Agent, type DirectorySnapshot, type Role } from '@callflow/schemas';
import type { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';
import { DirectoryRepository } from '../directory/directory.repository';
import { FlowsRepository } from '../flows/flows.repository';
import { PhoneNumbersRepository } from '../flows/phone-numbers.repository';
import { loadConfig } from '../config';
import { TenantsRepository } from '../tenants/tenants.repository';
import { UsersRepository } from '../users/users.repository';
import { createDataSource } from './data-source';

export const DEMO_NUMBER = '+18005550100';
export const DEMO_COMPANY = 'Demo Plumbing';
/** Sandbox mode only: never seeded when the API talks to Telnyx. */
export const DEMO_PASSWORD = 'callflow-demo';
const FLOW_NAME = 'Front desk';

export interface DemoLogin {
  role: Role;
  email: string;
  name: string;
  agentId: string | null;
}

export const DEMO_LOGINS: readonly DemoLogin[] = [
  { role: 'owner', email: 'owner@demo-plumbing.test', name: 'Olivia Park', agentId: null },
  { role: 'admin', email: 'admin@demo-plumbing.test', name: 'Adam Reyes', agentId: null },
  { role: 'supervisor', email: 'supervisor@demo-plumbing.test', name: 'Sofia Grant', agentId: null },
  { role: 'agent', email: 'ann@demo-plumbing.test', name: 'Ann Diaz', agentId: 'ann' },
  { role: 'agent', email: 'bob@demo-plumbing.test', name: 'Bob Lee', agentId: 'bob' },
];

function demoAgent(id: string, name: string, extension: string, skills: Agent['skills']): Agent {
  return {
    id,
    name,
    extension,
    directNumber: null,
    endpoint: { type: 'sandbox', id },
    skills,
    maxConcurrentCalls: 1,
    presence: 'available',
    activeCalls: 0,
    lastCallEndedAt: null,
    doNotDisturbUntil: null,
    vacation: null,
    callForwardingNumber: null,
    ringTimeoutSecs: 20,
    weight: 1,
    timeZone: 'America/New_York',
  };
}

const officeHours = [{ open: '08:00', close: '18:00' }];

export const DEMO_DIRECTORY: DirectorySnapshot = {
  agents: [
    demoAgent('ann', 'Ann Diaz', '110', [{ skill: 'plumbing', level: 8 }, { skill: 'billing', level: 4 }]),
    demoAgent('bob', 'Bob Lee', '111', [{ skill: 'plumbing', level: 5 }]),
    demoAgent('cara', 'Cara Oak', '120', [{ skill: 'billing', level: 9 }]),
  ],
  ringGroups: [
    {
      id: 'dispatch',
      name: 'Dispatch',
      extension: '200',
      members: [
        { agentId: 'ann', priority: 1 },
        { agentId: 'bob', priority: 2 },
      ],
      strategy: 'simultaneous',
      ringTimeoutSecs: 20,
    },
  ],
  queues: [
    {
      id: 'billing',
      name: 'Billing',
      strategy: 'skills',
      requiredSkills: [{ skill: 'billing', minLevel: 3 }],
      members: ['cara', 'ann'],
      maxWaitSecs: 300,
      maxSize: 20,
      announcePosition: true,
      announceExpectedWait: true,
      announceIntervalSecs: 45,
      agentRingTimeoutSecs: 20,
      wrapUpSecs: 10,
      holdAudio: null,
    },
  ],
  mailboxes: [
    {
      id: 'office',
      name: 'Office',
      extension: '300',
      ownerAgentId: null,
      greeting: { type: 'tts', text: 'You have reached Demo Plumbing. Please leave a message after the tone.', voice: 'female', language: 'en-US' },
      notifyEmails: ['office@demo-plumbing.test'],
      notifySms: [],
      transcribe: true,
      maxLengthSecs: 180,
    },
  ],
  schedules: [
    {
      id: 'office-hours',
      name: 'Office hours',
      timeZone: 'America/New_York',
      weekly: {
        monday: officeHours,
        tuesday: officeHours,
        wednesday: officeHours,
        thursday: officeHours,
        friday: [{ open: '08:00', close: '17:00' }],
        saturday: [],
        sunday: [],
      },
      holidays: holidayPreset('US')?.holidays ?? [],
      override: null,
    },
  ],
};

const node = (id: string, kind: string, label: string, x: number, y: number, config: Record<string, unknown>) => ({
  id,
  kind,
  version: 1,
  label,
  position: { x, y },
  config,
});
const say = (text: string) => ({ type: 'tts', text });

/** Office hours → menu (1 dispatch ring group, 2 billing queue) → voicemail when closed or nobody answers. */
export const DEMO_FLOW = {
  format: FLOW_FORMAT,
  metadata: { name: FLOW_NAME, description: 'Business hours, a menu for service and billing, voicemail after hours.', timeZone: 'America/New_York' },
  variables: [],
  nodes: [
    node('entry', 'entry', 'Incoming call', 0, 0, {}),
    node('hours', 'business-hours', 'Open?', 260, 0, { scheduleId: 'office-hours' }),
    node('menu', 'menu', 'Main menu', 520, -140, {
      prompt: say('Thanks for calling Demo Plumbing. For service, press 1. For billing, press 2.'),
      options: [
        { digit: '1', label: 'Service' },
        { digit: '2', label: 'Billing' },
      ],
      invalidPrompt: say('Sorry, that is not an option.'),
    }),
    node('service', 'ring-group', 'Dispatch', 780, -220, { target: { type: 'group', ringGroupId: 'dispatch' } }),
    node('billing', 'queue', 'Billing queue', 780, -60, { queueId: 'billing', entryPrompt: say('Please hold for our billing team.') }),
    node('closed', 'play', 'Closed', 520, 140, { prompt: say('We are closed right now.') }),
    node('voicemail', 'voicemail', 'Voicemail', 1040, 60, { mailboxId: 'office' }),
    node('bye', 'hang-up', 'Goodbye', 1040, -220, { goodbye: say('Goodbye.') }),
  ],
  edges: [
    ['hours', 'entry', 'next'],
    ['menu', 'hours', 'open'],
    ['closed', 'hours', 'closed'],
    ['service', 'menu', '1'],
    ['billing', 'menu', '2'],
    ['voicemail', 'menu', 'timeout'],
    ['voicemail', 'menu', 'noMatch'],
    ['bye', 'service', 'answered'],
    ['voicemail', 'service', 'noAnswer'],
    ['bye', 'billing', 'answered'],
    ['voicemail', 'billing', 'timeout'],
    ['voicemail', 'closed', 'next'],
  ].map(([target, source, sourcePort], index) => ({ id: `e${index + 1}`, source, sourcePort, target })),
};

export interface DemoSeed {
  tenantId: string;
  /** The demo users that exist (sandbox mode; none with Telnyx). */
  logins: DemoLogin[];
}

/** Adds the company's missing directory entries, flow and number; the number comes last and marks the seed complete. */
async function completeCompany(dataSource: DataSource, tenantId: string): Promise<void> {
  const directory = new DirectoryRepository(dataSource);
  for (const kind of ['agents', 'ringGroups', 'queues', 'mailboxes', 'schedules'] as const) {
    for (const record of DEMO_DIRECTORY[kind]) {
      if ((await directory.find(tenantId, kind, record.id)) === null) await directory.save(tenantId, kind, record);
    }
  }
  const flows = new FlowsRepository(dataSource, directory);
  const [existing] = (await dataSource.query('SELECT id FROM flows WHERE tenant_id = $1 AND name = $2', [tenantId, FLOW_NAME])) as Array<{ id: string }>;
  const flowId = existing?.id ?? (await flows.createFlow(tenantId, FLOW_NAME, DEMO_FLOW)).id;
  if ((await flows.findFlow(tenantId, flowId))?.activeVersionId === null) await flows.publishVersion(tenantId, flowId, 'Demo flow');
  await new PhoneNumbersRepository(dataSource).assign(tenantId, DEMO_NUMBER, flowId, 'Demo main line');
}

/**
 * The demo company: the owner of the demo number; else a new one in an empty database, or the only company when it
 * is the demo company of an interrupted seed (which is then completed). Null when other companies' data is there.
 */
async function demoTenant(dataSource: DataSource): Promise<string | null> {
  const [owner] = (await dataSource.query('SELECT tenant_id FROM phone_numbers WHERE number = $1', [DEMO_NUMBER])) as Array<{ tenant_id: string }>;
  if (owner !== undefined) return owner.tenant_id;
  const tenants = (await dataSource.query('SELECT id, name FROM tenants LIMIT 2')) as Array<{ id: string; name: string }>;
  const [only] = tenants;
  if (tenants.length > 1 || (only !== undefined && only.name !== DEMO_COMPANY)) return null;
  const tenantId = only?.id ?? (await new TenantsRepository(dataSource).create(DEMO_COMPANY)).id;
  await completeCompany(dataSource, tenantId);
  return tenantId;
}

/**
 * Seeds the demo company into an empty database and, in sandbox mode, its users into a demo company that has none
 * (also one seeded before there were users). Once complete, whatever exists is kept and what a newcomer deleted stays
 * deleted.
 * Null when the database holds other companies and no demo: real data is never mixed with it.
 */
export async function seedDemo(databaseUrl: string, options: { sandbox: boolean }): Promise<DemoSeed | null> {
  const dataSource = createDataSource(databaseUrl);
  await dataSource.initialize();
  try {
    const tenantId = await demoTenant(dataSource);
    if (tenantId === null) return null;
    if (!options.sandbox) return { tenantId, logins: [] };
    const users = new UsersRepository(dataSource);
    if ((await users.list(tenantId)).length === 0) {
      for (const { email, name, role, agentId } of DEMO_LOGINS) {
        await users.create(tenantId, { email, name, role, agentId, passwordHash: await hashPassword(DEMO_PASSWORD) });
      }
    }
    const existing = new Set((await users.list(tenantId)).map((user) => user.email));
    return { tenantId, logins: DEMO_LOGINS.filter((login) => existing.has(login.email)) };
  } finally {
    await dataSource.destroy();
  }
}

function describeSeed(seed: DemoSeed | null, port: number): string {
  if (seed === null) return `demo: other companies' data present, no "${DEMO_COMPANY}" seeded`;
  const lines = [`demo: "${DEMO_COMPANY}" answers ${DEMO_NUMBER} with the "${FLOW_NAME}" flow; try: npm run call -- --to ${DEMO_NUMBER} --press 1`];
  if (seed.logins.length > 0) {
    lines.push(`demo: sign in at http://127.0.0.1:${port}/ with the password "${DEMO_PASSWORD}" as:`);
    const width = Math.max(...seed.logins.map((login) => login.email.length));
    for (const login of seed.logins) {
      lines.push(`  ${login.email.padEnd(width)}  ${login.role}${login.agentId === null ? '' : ` (agent ${login.agentId})`}`);
    }
  }
  return lines.join('\n');
}

if (require.main === module) {
  const config = loadConfig();
  seedDemo(config.databaseUrl, { sandbox: config.telnyxApiKey === null }).then(
    (seed) => console.log(describeSeed(seed, config.port)),
    (error: unknown) => {
      console.error(`demo seed failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
