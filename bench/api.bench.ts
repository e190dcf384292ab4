// `npm run bench:api`: the API's latency on a fresh database, through HTTP and real sockets —
//   (a) listing calls with filters over 100,000 stored calls (plus 20,000 of another company), with the query plans;
//   (b) saving and publishing a 500-node flow through the flows API;
//   (c) a ring event reaching 200 connected agent sockets (bench/api/ring-fanout.ts).
// Prints details on stderr and, as its last line on stdout, one JSON object. Exit 1 when the stack cannot be set up.
import 'reflect-metadata';
import { loadavg } from 'node:os';
import type { Session } from '@callflow/schemas';
import { DataSource } from 'typeorm';
import { DirectoryRepository } from '../api/src/directory/directory.repository';
import { agent, greetingFlow, seedDirectory, seedNumberWithFlow, seedTenant } from '../api/test/support/seed';
import { startApiStack, api, type ApiStack } from './api/api-stack';
import { measureSaveAndPublish, FLOW_NODES } from './api/flow-publish';
import { explainListCalls, measureListCalls, type ListShape } from './api/list-calls';
import { measureRingFanout } from './api/ring-fanout';
import { AGENTS, seedCalls } from './api/seed-calls';
import { Cleanups } from './calls/local-stack';
import { distribution } from './calls/metrics';
import { benchDirectory } from './flow-generator';

const TARGETS = { listP99Ms: 50, ringP99Ms: 50 };
const CALLS = 100_000;
const OTHER_TENANT_CALLS = 20_000;
/** One call every 77 s: 100,000 calls span about 89 days. */
const SPACING_SECS = 77;
const LIST_ROUNDS = 60;
const FLOW_ROUNDS = 30;
const RING_SOCKETS = 200;
const RING_ROUNDS = 30;
const PASSWORD = 'bench password, not a secret';

const log = (message: string): void => void process.stderr.write(`[bench:api] ${message}\n`);
const daysAgo = (days: number) => new Date(Date.now() - days * 86_400_000).toISOString();

async function main(): Promise<number> {
  const cleanups = new Cleanups(log);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping what this run started…`);
      void cleanups.run().finally(() => process.exit(130));
    });
  }
  let stack: ApiStack;
  try {
    stack = await startApiStack(cleanups, log);
  } catch (error) {
    log(`setup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    await cleanups.run();
    return 1;
  }
  try {
    for (const line of stack.description) log(line);
    return await run(stack);
  } catch (error) {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    log('stopping the API and the services this run started; dropping the database…');
    await cleanups.run();
  }
}

async function run(stack: ApiStack): Promise<number> {
  // Shared machines: the figures mean little without the load they were taken under.
  const loadAtStart = loadavg().map((load) => Number(load.toFixed(2)));
  const app = { get: <T>(type: new (...args: never[]) => T): T => stack.app.get(type) };
  const dataSource = stack.app.get(DataSource);

  // A company signed up through the API (its owner's token), with an agent user linked to a directory agent.
  const owner = await api<Session>(stack, 'POST', '/api/auth/signup', {
    body: { companyName: 'Bench Plumbing', name: 'Owner', email: 'owner@bench.example', password: PASSWORD },
    expect: 201,
  });
  const tenantId = owner.tenant.id;
  await seedDirectory(app, tenantId, { agents: Array.from({ length: AGENTS }, (_, index) => agent(`agent-${index}`, String(3000 + index))) });
  const tokens = { owner: owner.accessToken, supervisor: await userToken(stack, owner.accessToken, 'supervisor', null), agent: await userToken(stack, owner.accessToken, 'agent', 'agent-5') };

  const flows = [];
  for (let index = 0; index < 5; index += 1) {
    const { number, flow, version } = await seedNumberWithFlow(app, tenantId, greetingFlow(`Line ${index}`));
    flows.push({ flowId: flow.id, versionId: version.id, number });
  }
  const other = await seedTenant(app, 'Other Plumbing');
  const otherFlow = await seedNumberWithFlow(app, other, greetingFlow('Other line'));
  let started = Date.now();
  await seedCalls(dataSource, { tenantId, flows, calls: CALLS, spacingSecs: SPACING_SECS });
  await seedCalls(dataSource, { tenantId: other, flows: [{ flowId: otherFlow.flow.id, versionId: otherFlow.version.id, number: otherFlow.number }], calls: OTHER_TENANT_CALLS, spacingSecs: 300 });
  log(`stored ${CALLS} calls (+${OTHER_TENANT_CALLS} of another company) with INSERT … SELECT generate_series in ${Date.now() - started} ms`);

  // (a) Listing calls.
  const shapes: ListShape[] = [
    { name: 'newest', query: {}, as: 'supervisor' },
    { name: 'one week', query: { since: daysAgo(37), until: daysAgo(30) }, as: 'supervisor' },
    { name: 'caller', query: { caller: '+12120000042' }, as: 'supervisor' },
    { name: 'number called, last 30 days', query: { called: flows[1]!.number, since: daysAgo(30) }, as: 'supervisor' },
    { name: 'flow + outcome', query: { flowId: flows[2]!.flowId, outcome: 'abandoned' }, as: 'supervisor' },
    { name: 'version', query: { flowVersionId: flows[3]!.versionId }, as: 'supervisor' },
    { name: 'agent', query: { agentId: 'agent-7' }, as: 'supervisor' },
    { name: 'agent, answered, last 30 days', query: { agentId: 'agent-7', outcome: 'answered', since: daysAgo(30) }, as: 'supervisor' },
    { name: "an agent's own calls", query: {}, as: 'agent' },
    { name: 'page 10 (cursor)', query: {}, as: 'supervisor', pages: 10 },
  ];
  const plans = await explainListCalls(stack, dataSource, tokens, shapes);
  for (const [name, plan] of plans) log(`EXPLAIN ${name}: ${plan.indexes.join(', ') || 'no index'} — ${plan.executionMs} ms in PostgreSQL`);
  started = Date.now();
  const listSamples = await measureListCalls(stack, tokens, shapes, LIST_ROUNDS);
  log(`listed calls ${LIST_ROUNDS * shapes.length} times in ${Date.now() - started} ms`);
  const byQuery = Object.fromEntries([...listSamples.byShape].map(([name, samples]) => [name, distribution(samples, 2)]));
  for (const [name, figures] of Object.entries(byQuery)) log(`GET /api/calls ${name}: p50 ${figures.p50} ms, p99 ${figures.p99} ms`);
  const list = distribution([...listSamples.byShape.values()].flat(), 2);
  const floor = distribution(listSamples.floor, 2);
  log(`GET /api/auth/me (any authenticated request): p50 ${floor.p50} ms, p99 ${floor.p99} ms`);

  // (b) Saving and publishing a 500-node flow.
  for (const kind of ['agents', 'ringGroups', 'queues', 'mailboxes', 'schedules'] as const) {
    for (const record of benchDirectory[kind]) await app.get(DirectoryRepository).save(tenantId, kind, record);
  }
  const flowSamples = await measureSaveAndPublish(stack, tokens.owner, FLOW_ROUNDS);
  const save = distribution(flowSamples.save, 2);
  const publish = distribution(flowSamples.publish, 2);
  const saveAndPublish = distribution(flowSamples.save.map((ms, index) => ms + flowSamples.publish[index]!), 2);
  log(`PUT draft (${FLOW_NODES} nodes): p50 ${save.p50} ms, p99 ${save.p99} ms; POST publish: p50 ${publish.p50} ms, p99 ${publish.p99} ms`);

  // (c) A ring event reaching 200 agent sockets (the realtime bench, on a database and API of its own).
  const ring = await measureRingFanout({ agents: RING_SOCKETS, rings: RING_ROUNDS, redisUrl: null, log });
  log(`agent.ring.v1 to ${RING_SOCKETS} sockets: per socket p50 ${ring.deliveryMs.p50} ms, p99 ${ring.deliveryMs.p99} ms; all reached p50 ${ring.allDeliveredMs.p50} ms, p99 ${ring.allDeliveredMs.p99} ms`);

  const report = {
    loadAverage: { atStart: loadAtStart, atEnd: loadavg().map((load) => Number(load.toFixed(2))) },
    listCalls: {
      storedCalls: CALLS,
      pageSize: 50,
      samples: list.samples,
      p50Ms: list.p50,
      p99Ms: list.p99,
      targetP99Ms: TARGETS.listP99Ms,
      met: list.p99 !== null && list.p99 <= TARGETS.listP99Ms,
      authenticatedRequestFloor: { p50Ms: floor.p50, p99Ms: floor.p99 },
      byQuery: Object.fromEntries(Object.entries(byQuery).map(([name, figures]) => [name, { p50Ms: figures.p50, p99Ms: figures.p99, plan: plans.get(name) }])),
    },
    saveAndPublishFlow: {
      nodes: FLOW_NODES,
      samples: saveAndPublish.samples,
      p50Ms: saveAndPublish.p50,
      p99Ms: saveAndPublish.p99,
      save: { p50Ms: save.p50, p99Ms: save.p99 },
      publish: { p50Ms: publish.p50, p99Ms: publish.p99 },
    },
    ringEvent: {
      sockets: ring.agents,
      rings: ring.rings,
      via: ring.via,
      p50Ms: ring.deliveryMs.p50,
      p99Ms: ring.deliveryMs.p99,
      allReached: { p50Ms: ring.allDeliveredMs.p50, p99Ms: ring.allDeliveredMs.p99 },
      publishOnly: { p50Ms: ring.publishOnlyMs.p50, p99Ms: ring.publishOnlyMs.p99 },
      targetP99Ms: TARGETS.ringP99Ms,
      met: ring.deliveryMs.p99 !== null && ring.deliveryMs.p99 <= TARGETS.ringP99Ms,
    },
  };
  console.log(JSON.stringify(report));
  return 0;
}

/** A user of the role created by the owner, logged in: its access token. */
async function userToken(stack: ApiStack, ownerToken: string, role: 'supervisor' | 'agent', agentId: string | null): Promise<string> {
  const email = `${role}@bench.example`;
  await api(stack, 'POST', '/api/users', { token: ownerToken, body: { email, name: role, password: PASSWORD, role, agentId }, expect: 201 });
  return (await api<Session>(stack, 'POST', '/api/auth/login', { body: { email, password: PASSWORD } })).accessToken;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
