import { randomInt, randomUUID } from 'node:crypto';
import type { TraceEvent } from '@callflow/engine';
import { FLOW_FORMAT, type Agent, type DirectorySnapshot } from '@callflow/schemas';
import { CallsRepository, type StoredCall } from '../../src/calls/calls.repository';
import { DirectoryRepository } from '../../src/directory/directory.repository';
import { FlowsRepository, type PublishedVersion, type StoredFlow } from '../../src/flows/flows.repository';
import { PhoneNumbersRepository } from '../../src/flows/phone-numbers.repository';
import { TenantsRepository } from '../../src/tenants/tenants.repository';
import type { TestApp } from './test-app';

/** A number no other test uses (numbers are unique across tenants). */
export function uniqueNumber(): string {
  return `+1415${String(randomInt(1_000_000, 9_999_999))}`;
}

export function agent(id: string, extension: string, overrides: Partial<Agent> = {}): Agent {
  return {
    id,
    name: id,
    extension,
    directNumber: null,
    endpoint: { type: 'sandbox', id },
    skills: [],
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
    ...overrides,
  };
}

/** entry → play(text) → (go-to another flow | hang up). */
export function greetingFlow(text: string, goToFlowId?: string): unknown {
  const nodes: unknown[] = [
    { id: 'start', kind: 'entry', version: 1, label: 'Main number', position: { x: 0, y: 0 }, config: {} },
    { id: 'greet', kind: 'play', version: 1, label: 'Greeting', position: { x: 0, y: 100 }, config: { prompt: { type: 'tts', text } } },
    goToFlowId === undefined
      ? { id: 'end', kind: 'hang-up', version: 1, label: 'Bye', position: { x: 0, y: 200 }, config: {} }
      : { id: 'end', kind: 'go-to', version: 1, label: 'Hand over', position: { x: 0, y: 200 }, config: { target: { type: 'flow', flowId: goToFlowId } } },
  ];
  return {
    format: FLOW_FORMAT,
    metadata: { name: text },
    variables: [],
    nodes,
    edges: [
      { id: 'e1', source: 'start', sourcePort: 'next', target: 'greet' },
      { id: 'e2', source: 'greet', sourcePort: 'next', target: 'end' },
    ],
  };
}

export async function seedTenant(app: Pick<TestApp, 'get'>, name = 'Rapid Rooter Plumbing'): Promise<string> {
  return (await app.get(TenantsRepository).create(name)).id;
}

export async function seedDirectory(app: Pick<TestApp, 'get'>, tenantId: string, directory: Partial<DirectorySnapshot>): Promise<void> {
  const repository = app.get(DirectoryRepository);
  for (const kind of ['agents', 'ringGroups', 'queues', 'mailboxes', 'schedules'] as const) {
    for (const record of directory[kind] ?? []) await repository.save(tenantId, kind, record);
  }
}

/** A flow published once and assigned to a fresh number. */
export async function seedNumberWithFlow(
  app: Pick<TestApp, 'get'>,
  tenantId: string,
  document: unknown = greetingFlow('Thanks for calling'),
): Promise<{ number: string; flow: StoredFlow; version: PublishedVersion }> {
  const flows = app.get(FlowsRepository);
  const flow = await flows.createFlow(tenantId, 'Main line', document);
  const version = await flows.publishVersion(tenantId, flow.id, 'first');
  const number = uniqueNumber();
  await app.get(PhoneNumbersRepository).assign(tenantId, number, flow.id, 'Main');
  return { number, flow, version };
}

/** A call in progress to a fresh number of the tenant's (a published greeting), as a webhook opens one. */
export async function openSeededCall(
  app: Pick<TestApp, 'get'>,
  tenantId: string,
  { from = '+15125550143', startedAt = new Date() }: { from?: string; startedAt?: Date } = {},
): Promise<StoredCall> {
  const { number, flow, version } = await seedNumberWithFlow(app, tenantId);
  const callSessionId = randomUUID();
  return app.get(CallsRepository).openCall({
    tenantId,
    callSessionId,
    workflowId: `call-${callSessionId}`,
    flowId: flow.id,
    flowVersionId: version.id,
    from,
    to: number,
    startedAt,
  });
}

/** Stores a seeded call's events as the worker's call log does (at their positions), and brings its summary up to date. */
export async function appendCallEvents(app: Pick<TestApp, 'get'>, callId: string, firstSeq: number, events: readonly TraceEvent[]): Promise<void> {
  const calls = app.get(CallsRepository);
  if ((await calls.storeEvents(callId, firstSeq, events)) === null) throw new Error(`call ${callId} does not exist`);
  await calls.summariseEvents(callId, firstSeq, events);
}
