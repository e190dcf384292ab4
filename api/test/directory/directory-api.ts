import request from 'supertest';
import {
  FLOW_FORMAT,
  type AgentView,
  type Mailbox,
  type Queue,
  type RingGroup,
  type Role,
  type ScheduleView,
  type WeeklyHours,
} from '@callflow/schemas';
import { FlowsRepository } from '../../src/flows/flows.repository';
import type { TenantLogins } from '../support/logins';
import type { TestApp } from '../support/test-app';

let lastExtension = 1000;
/** An extension no other test uses (extensions are unique per company; unique overall is simpler). */
export function uniqueExtension(): string {
  lastExtension += 1;
  return String(lastExtension);
}

export function agentBody<Overrides extends Record<string, unknown>>(overrides: Overrides = {} as Overrides) {
  return { name: 'Ann Diaz', extension: uniqueExtension(), endpoint: { type: 'sandbox', id: 'ann' }, timeZone: 'America/New_York', ...overrides };
}

const nineToFive = [{ open: '09:00', close: '17:00' }];
export const WEEKDAYS: WeeklyHours = {
  monday: nineToFive,
  tuesday: nineToFive,
  wednesday: nineToFive,
  thursday: nineToFive,
  friday: nineToFive,
  saturday: [],
  sunday: [],
};

export function scheduleBody(overrides: Record<string, unknown> = {}) {
  return { name: 'Office hours', timeZone: 'America/New_York', weekly: WEEKDAYS, ...overrides };
}

/** HTTP helpers for one company's directory, as one of its users (admin unless told). */
export function directoryApi(app: TestApp, tenant: TenantLogins, role: Role = 'admin') {
  const http = () => request(app.app.getHttpServer());
  const as = tenant.as(role);
  const created = async <T>(path: string, body: object): Promise<T> => {
    const response = await http().post(path).set(as).send(body);
    if (response.status !== 201) throw new Error(`POST ${path} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.body as T;
  };
  return {
    createAgent: (overrides: Record<string, unknown> = {}) => created<AgentView>('/api/agents', agentBody(overrides)),
    /** An agent who is available (new agents start offline). */
    async createAvailableAgent(overrides: Record<string, unknown> = {}): Promise<AgentView> {
      const agent = await created<AgentView>('/api/agents', agentBody(overrides));
      return (await http().patch(`/api/agents/${agent.id}/presence`).set(as).send({ presence: 'available' }).expect(200)).body as AgentView;
    },
    createRingGroup: (agentIds: string[], overrides: Record<string, unknown> = {}) =>
      created<RingGroup>('/api/ring-groups', {
        name: 'Dispatch',
        members: agentIds.map((agentId, index) => ({ agentId, priority: index + 1 })),
        strategy: 'simultaneous',
        ringTimeoutSecs: 20,
        ...overrides,
      }),
    createQueue: (agentIds: string[], overrides: Record<string, unknown> = {}) => created<Queue>('/api/queues', { name: 'Support', members: agentIds, ...overrides }),
    createMailbox: (overrides: Record<string, unknown> = {}) => created<Mailbox>('/api/mailboxes', { name: 'Office', ...overrides }),
    createSchedule: (overrides: Record<string, unknown> = {}) => created<ScheduleView>('/api/schedules', scheduleBody(overrides)),
  };
}

/** The node of a flow that references a directory entity. */
export type ReferencingNode =
  | { kind: 'ring-group'; config: { target: { type: 'group'; ringGroupId: string } | { type: 'agents'; agentIds: string[] } } }
  | { kind: 'queue'; config: { queueId: string } }
  | { kind: 'voicemail'; config: { mailboxId: string } }
  | { kind: 'business-hours'; config: { scheduleId: string } };

const PORTS: Record<ReferencingNode['kind'], string[]> = {
  'ring-group': ['noAnswer'],
  queue: ['timeout'],
  voicemail: [],
  'business-hours': ['open', 'closed'],
};

/** entry → the referencing node (id "uses") → hang up on each required port: a publishable flow. */
export function flowUsing(name: string, uses: ReferencingNode) {
  return {
    format: FLOW_FORMAT,
    metadata: { name },
    variables: [],
    nodes: [
      { id: 'start', kind: 'entry', version: 1, label: 'Main number', position: { x: 0, y: 0 }, config: {} },
      { id: 'uses', kind: uses.kind, version: 1, label: 'Uses it', position: { x: 0, y: 100 }, config: uses.config },
      { id: 'bye', kind: 'hang-up', version: 1, label: 'Bye', position: { x: 0, y: 200 }, config: {} },
    ],
    edges: [
      { id: 'e0', source: 'start', sourcePort: 'next', target: 'uses' },
      ...PORTS[uses.kind].map((port, index) => ({ id: `e${index + 1}`, source: 'uses', sourcePort: port, target: 'bye' })),
    ],
  };
}

/** A flow whose draft (and, when `publish`, active version 1) uses the entity. */
export async function seedFlowUsing(app: TestApp, tenantId: string, name: string, uses: ReferencingNode, publish: boolean): Promise<string> {
  const flows = app.get(FlowsRepository);
  const flow = await flows.createFlow(tenantId, name, flowUsing(name, uses));
  if (publish) await flows.publishVersion(tenantId, flow.id, 'uses it');
  return flow.id;
}
