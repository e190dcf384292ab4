import { WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { CALL_SEARCH_ATTRIBUTES, callWorkflowId, type CallWorkflowInput } from '@callflow/workflows';
import { CallsRepository } from '../../src/calls/calls.repository';
import { FlowsRepository } from '../../src/flows/flows.repository';
import { agentLegAnswered, callHangup, callInitiated, dtmfReceived, newTestCall } from '../support/telnyx-events';
import { greetingFlow, seedNumberWithFlow, seedTenant } from '../support/seed';
import { startStandInWorker, type StandInWorker } from '../support/stand-in-worker';
import { startTestApp, type TestApp } from '../support/test-app';

jest.setTimeout(60_000);

describe('POST /api/webhooks/telnyx: routing to call workflows', () => {
  let api: TestApp;
  let worker: StandInWorker;

  beforeAll(async () => {
    [api, worker] = await Promise.all([startTestApp(), startStandInWorker()]);
  });

  afterAll(async () => {
    await Promise.all([api?.close(), worker?.stop()]);
  });

  async function eventually<T>(read: () => Promise<T>, accept: (value: T) => boolean): Promise<T> {
    const deadline = Date.now() + 10_000;
    for (;;) {
      const value = await read();
      if (accept(value) || Date.now() > deadline) return value;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('starts the call workflow for call.initiated with the active version and its sub-flows pinned', async () => {
    const tenantId = await seedTenant(api);
    const flows = api.get(FlowsRepository);
    const after = await flows.createFlow(tenantId, 'After hours', greetingFlow('We are closed'));
    const afterVersion = await flows.publishVersion(tenantId, after.id);
    const { number, flow, version } = await seedNumberWithFlow(api, tenantId, greetingFlow('Hello', after.id));
    const call = newTestCall(number);
    const initiated = callInitiated(call);

    const response = await api.postWebhook(initiated);

    expect(response.status).toBe(200);
    expect(response.body).toEqual({ status: 'started' });
    const workflowId = callWorkflowId(call.callSessionId);
    const stored = await api.get(CallsRepository).openCall({
      tenantId,
      callSessionId: call.callSessionId,
      workflowId: 'ignored: the row exists',
      flowId: flow.id,
      flowVersionId: version.id,
      from: call.from,
      to: call.to,
      startedAt: new Date(),
    });
    expect(stored).toMatchObject({ tenantId, workflowId, flowId: flow.id, flowVersionId: version.id, from: call.from, to: number, endedAt: null });
    const record = await eventually(() => worker.record(workflowId), (value) => value.events.length === 1);
    const expectedInput: CallWorkflowInput = {
      tenantId,
      callId: stored.id,
      callSessionId: call.callSessionId,
      callControlId: call.callControlId,
      from: call.from,
      to: number,
      startedAt: stored.startedAt.getTime(),
      flowId: flow.id,
      flowVersionId: version.id,
      flowVersionNumber: 1,
      program: { ...version.program, subflows: { [after.id]: afterVersion.program } },
    };
    expect(record.input).toEqual(expectedInput);
    expect(record.events).toEqual([
      {
        id: initiated.data.id,
        type: 'call.initiated',
        occurredAt: initiated.data.occurred_at,
        callControlId: call.callControlId,
        callLegId: call.callLegId,
        callSessionId: call.callSessionId,
        clientState: null,
        payload: initiated.data.payload,
      },
    ]);

    const description = await worker.client.workflow.getHandle(workflowId).describe();
    const searchAttributes = Object.fromEntries(
      description.typedSearchAttributes
        .getAll()
        .filter(({ key }) => key.name.startsWith('Callflow'))
        .map(({ key, value }) => [key.name, value]),
    );
    expect(searchAttributes).toEqual({
      [CALL_SEARCH_ATTRIBUTES.tenant]: tenantId,
      [CALL_SEARCH_ATTRIBUTES.flow]: flow.id,
      [CALL_SEARCH_ATTRIBUTES.flowVersion]: version.id,
      [CALL_SEARCH_ATTRIBUTES.caller]: call.from,
      [CALL_SEARCH_ATTRIBUTES.called]: number,
    });
    expect(description.raw.executionConfig?.defaultWorkflowTaskTimeout?.seconds?.toString()).toBe('3');
  });

  it('acknowledges a duplicate delivery without signalling again, and signals later events of the call', async () => {
    const tenantId = await seedTenant(api);
    const { number } = await seedNumberWithFlow(api, tenantId);
    const call = newTestCall(number);
    const workflowId = callWorkflowId(call.callSessionId);
    const initiated = callInitiated(call);
    const digit = dtmfReceived(call, '1');

    expect((await api.postWebhook(initiated)).body).toEqual({ status: 'started' });
    expect((await api.postWebhook({ ...initiated, meta: { ...initiated.meta, attempt: 2 } })).body).toEqual({ status: 'duplicate' });
    expect((await api.postWebhook(digit)).body).toEqual({ status: 'signalled' });
    expect((await api.postWebhook(digit)).body).toEqual({ status: 'duplicate' });

    const record = await eventually(() => worker.record(workflowId), (value) => value.events.length >= 2);
    expect(record.events.map((event) => event.id)).toEqual([initiated.data.id, digit.data.id]);
    const [row]: Array<{ attempts: number; status: string }> = await api.dataSource.query(
      'SELECT attempts, status FROM webhook_events WHERE event_id = $1',
      [initiated.data.id],
    );
    expect(row).toEqual({ attempts: 1, status: 'processed' });
  });

  it("routes an agent leg's events by our client_state to the workflow that dialed it", async () => {
    const tenantId = await seedTenant(api);
    const { number } = await seedNumberWithFlow(api, tenantId);
    const call = newTestCall(number);
    const workflowId = callWorkflowId(call.callSessionId);
    await api.postWebhook(callInitiated(call)).expect(200);

    const answered = agentLegAnswered(workflowId, 'leg-1');
    expect((await api.postWebhook(answered)).body).toEqual({ status: 'signalled' });

    const record = await eventually(() => worker.record(workflowId), (value) => value.events.length === 2);
    expect(record.events[1]).toMatchObject({ id: answered.data.id, type: 'call.answered', clientState: { w: workflowId, l: 'leg-1' } });
    expect(record.events[1]?.callSessionId).not.toBe(call.callSessionId);
  });

  it('keeps running calls on their version when a new one is published', async () => {
    const tenantId = await seedTenant(api);
    const { number, flow, version: first } = await seedNumberWithFlow(api, tenantId, greetingFlow('Version one'));
    const running = newTestCall(number);
    await api.postWebhook(callInitiated(running)).expect(200);

    const flows = api.get(FlowsRepository);
    await flows.saveDraft(tenantId, flow.id, greetingFlow('Version two'), 1);
    const second = await flows.publishVersion(tenantId, flow.id, 'second');
    const next = newTestCall(number);
    await api.postWebhook(callInitiated(next)).expect(200);
    await api.postWebhook(dtmfReceived(running, '5')).expect(200);

    const runningRecord = await eventually(() => worker.record(callWorkflowId(running.callSessionId)), (value) => value.events.length === 2);
    const nextRecord = await worker.record(callWorkflowId(next.callSessionId));
    expect(runningRecord.input).toMatchObject({ flowVersionId: first.id, flowVersionNumber: 1, program: first.program });
    expect(nextRecord.input).toMatchObject({ flowVersionId: second.id, flowVersionNumber: 2, program: second.program });
  });

  it('acknowledges events for a call whose workflow is over and never starts a new one', async () => {
    const tenantId = await seedTenant(api);
    const { number } = await seedNumberWithFlow(api, tenantId);
    const call = newTestCall(number);
    const workflowId = callWorkflowId(call.callSessionId);
    await api.postWebhook(callInitiated(call)).expect(200);
    await api.postWebhook(callHangup(call)).expect(200);
    const handle = worker.client.workflow.getHandle(workflowId);
    await handle.result();
    const { runId } = await handle.describe();

    const late = callHangup(call);
    const lateResponse = await api.postWebhook(late);
    // A new event id for call.initiated (not a redelivery) must not restart the closed workflow either.
    const restart = await api.postWebhook(callInitiated(call));

    expect(lateResponse.status).toBe(200);
    expect(lateResponse.body).toEqual({ status: 'call-over' });
    expect(restart.status).toBe(200);
    expect(restart.body).toEqual({ status: 'call-over' });
    const runs: string[] = [];
    for await (const execution of worker.client.workflow.list({ query: `WorkflowId = '${workflowId}'` })) runs.push(execution.runId);
    expect(runs).toEqual([runId]);
    expect((await handle.describe()).status.name).toBe('COMPLETED');
    const metrics = await api.internal('get', '/api/internal/metrics').expect(200);
    expect(metrics.body.webhooks.callOver).toBeGreaterThanOrEqual(2);
  });

  it('uses REJECT_DUPLICATE so a closed workflow id cannot be started again', async () => {
    // Guards the premise of the test above with the client directly.
    const tenantId = await seedTenant(api);
    const { number } = await seedNumberWithFlow(api, tenantId);
    const call = newTestCall(number);
    await api.postWebhook(callInitiated(call)).expect(200);
    await api.postWebhook(callHangup(call)).expect(200);
    const handle = worker.client.workflow.getHandle(callWorkflowId(call.callSessionId));
    const { input } = await handle.result();
    await expect(
      worker.client.workflow.start('callWorkflow', {
        workflowId: handle.workflowId,
        taskQueue: 'calls',
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      }),
    ).rejects.toBeInstanceOf(WorkflowExecutionAlreadyStartedError);
  });
});
