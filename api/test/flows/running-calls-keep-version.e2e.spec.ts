import request from 'supertest';
import type { FlowDetail, PublishedFlowVersion } from '@callflow/schemas';
import { CallStack, commandsIn, spoken, visited, waitFor, type PlacedCall } from '../e2e/call-stack';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { uniqueNumber } from '../support/seed';
import type { TestApp } from '../support/test-app';
import { flowFile, tts } from './flow-api';

const CALLER = '+12125550123';

/** entry → menu (waits long for a key) → 1: the news node → hang up. Versions differ in the news node's id and text. */
function newsFlow(newsNode: string, news: string) {
  return flowFile(
    'News line',
    [
      { id: 'start', kind: 'entry' },
      { id: 'menu', kind: 'menu', config: { prompt: tts('For the news press 1.'), options: [{ digit: '1', label: 'News' }], timeoutSecs: 60, maxAttempts: 10 } },
      { id: newsNode, kind: 'play', config: { prompt: tts(news) } },
      { id: 'bye', kind: 'hang-up' },
    ],
    ['start.next -> menu', `menu.1 -> ${newsNode}`, `${newsNode}.next -> bye`],
  );
}

describe('publishing and rolling back while calls are in progress (webhook → Temporal → worker → sandbox carrier)', () => {
  let stack: CallStack;
  let acme: TenantLogins;
  const http = () => request(stack.app.getHttpServer());

  beforeAll(async () => {
    stack = await CallStack.start();
    // Only the HTTP server of the stack's API is used by the login helpers.
    acme = await createTenantWithUsers({ app: stack.app } as TestApp);
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  /** Places a call and waits until it sits in the menu. */
  async function callWaitingInMenu(number: string): Promise<PlacedCall> {
    const call = stack.placeCall({ from: CALLER, to: number });
    await waitFor('the menu to play', () => commandsIn(stack.sandbox.callTimeline(call.ids.callSessionId)?.timeline ?? []).some((command) => command.action === 'gather_using_speak'));
    return call;
  }

  async function pressOneAndFinish(call: PlacedCall) {
    stack.sandbox.pressDigits(call.ids.callControlId, '1');
    return call.done();
  }

  it('a call keeps the version it started on; new calls take the active one, after a publish and after a rollback', async () => {
    const flow = (await http().post('/api/flows').set(acme.as('admin')).send({ name: 'News line', document: newsFlow('news-v1', 'Version one: the water main is fixed.') }).expect(201)).body as FlowDetail;
    const first = (await http().post(`/api/flows/${flow.id}/versions`).set(acme.as('admin')).send({ notes: 'v1' }).expect(201)).body as PublishedFlowVersion;
    const number = uniqueNumber();
    await http().post('/api/numbers').set(acme.as('admin')).send({ number, flowId: flow.id }).expect(201);

    // A call waits in version 1's menu while version 2 is published.
    const startedOnFirst = await callWaitingInMenu(number);
    await http().put(`/api/flows/${flow.id}`).set(acme.as('admin')).send({ revision: 1, document: newsFlow('news-v2', 'Version two: the road is open again.') }).expect(200);
    const second = (await http().post(`/api/flows/${flow.id}/versions`).set(acme.as('admin')).send({ notes: 'v2', revision: 2 }).expect(201)).body as PublishedFlowVersion;

    // A new call waits in version 2's menu while version 1 is made active again.
    const startedOnSecond = await callWaitingInMenu(number);
    await http().post(`/api/flows/${flow.id}/rollback`).set(acme.as('admin')).send({ version: 1 }).expect(200);
    const startedAfterRollback = await callWaitingInMenu(number);

    const [onFirst, onSecond, afterRollback] = await Promise.all([pressOneAndFinish(startedOnFirst), pressOneAndFinish(startedOnSecond), pressOneAndFinish(startedAfterRollback)]);

    expect({ version: onFirst.call.flowVersionId, nodes: visited(onFirst), said: spoken(onFirst) }).toEqual({
      version: first.id,
      nodes: ['start', 'menu', 'news-v1', 'bye'],
      said: ['For the news press 1.', 'Version one: the water main is fixed.'],
    });
    expect({ version: onSecond.call.flowVersionId, nodes: visited(onSecond), said: spoken(onSecond) }).toEqual({
      version: second.id,
      nodes: ['start', 'menu', 'news-v2', 'bye'],
      said: ['For the news press 1.', 'Version two: the road is open again.'],
    });
    expect({ version: afterRollback.call.flowVersionId, nodes: visited(afterRollback) }).toEqual({ version: first.id, nodes: ['start', 'menu', 'news-v1', 'bye'] });
    for (const result of [onFirst, onSecond, afterRollback]) expect(result.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
  }, 120_000);
});
