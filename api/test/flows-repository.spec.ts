import { randomUUID } from 'node:crypto';
import { DraftConflictError, FlowNotFoundError, FlowsRepository, PublishRefusedError } from '../src/flows/flows.repository';
import { PhoneNumbersRepository } from '../src/flows/phone-numbers.repository';
import { greetingFlow, seedTenant, uniqueNumber } from './support/seed';
import { startTestApp, type TestApp } from './support/test-app';

describe('FlowsRepository', () => {
  let api: TestApp;
  let flows: FlowsRepository;
  let numbers: PhoneNumbersRepository;

  beforeAll(async () => {
    api = await startTestApp();
    flows = api.get(FlowsRepository);
    numbers = api.get(PhoneNumbersRepository);
  });

  afterAll(async () => {
    await api.close();
  });

  it('publishes numbered versions of the draft, each becoming active; rollback makes an older one active', async () => {
    const tenantId = await seedTenant(api);
    const flow = await flows.createFlow(tenantId, 'Main', greetingFlow('One'));
    const number = uniqueNumber();
    await numbers.assign(tenantId, number, flow.id);

    const first = await flows.publishVersion(tenantId, flow.id, 'launch');
    expect(await flows.saveDraft(tenantId, flow.id, greetingFlow('Two'), 1)).toBe(2);
    const second = await flows.publishVersion(tenantId, flow.id);

    expect([first.number, second.number]).toEqual([1, 2]);
    expect(first.program).toMatchObject({ flowId: flow.id, name: 'One', entry: 'start' });
    expect(second.program.name).toBe('Two');
    expect(await flows.resolveNumber(number)).toMatchObject({ status: 'ok', flowVersionId: second.id, versionNumber: 2, program: second.program });

    expect(await flows.activateVersion(tenantId, flow.id, 1)).toEqual({ from: 2, to: 1 });
    expect(await flows.resolveNumber(number)).toMatchObject({ status: 'ok', flowVersionId: first.id, versionNumber: 1, program: first.program });
    expect((await flows.findFlow(tenantId, flow.id))?.activeVersionId).toBe(first.id);
  });

  it('refuses to publish a draft with errors, with the diagnostics, and keeps the active version', async () => {
    const tenantId = await seedTenant(api);
    const flow = await flows.createFlow(tenantId, 'Main', greetingFlow('Fine'));
    const good = await flows.publishVersion(tenantId, flow.id);
    const broken = greetingFlow('Broken') as { nodes: Array<{ kind: string; config: unknown }> };
    const last = broken.nodes[2];
    if (last) Object.assign(last, { kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'rg-missing' } } });
    await flows.saveDraft(tenantId, flow.id, broken, 1);

    const refusal = await flows.publishVersion(tenantId, flow.id).catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(PublishRefusedError);
    expect((refusal as PublishRefusedError).diagnostics).toEqual(
      expect.arrayContaining([expect.objectContaining({ severity: 'error', code: 'unknown-reference', message: expect.stringContaining('rg-missing') })]),
    );
    expect((await flows.findFlow(tenantId, flow.id))?.activeVersionId).toBe(good.id);
    const versions: unknown[] = await api.dataSource.query('SELECT 1 FROM flow_versions WHERE flow_id = $1', [flow.id]);
    expect(versions).toHaveLength(1);
  });

  it('refuses a stale draft save and unknown flows', async () => {
    const tenantId = await seedTenant(api);
    const flow = await flows.createFlow(tenantId, 'Main', greetingFlow('One'));
    await flows.saveDraft(tenantId, flow.id, greetingFlow('Two'), 1);
    await expect(flows.saveDraft(tenantId, flow.id, greetingFlow('Three'), 1)).rejects.toThrow(DraftConflictError);
    await expect(flows.publishVersion(tenantId, randomUUID())).rejects.toThrow(FlowNotFoundError);
    const otherTenant = await seedTenant(api, 'Other');
    await expect(flows.publishVersion(otherTenant, flow.id)).rejects.toThrow(FlowNotFoundError);
    await expect(flows.activateVersion(tenantId, flow.id, 7)).rejects.toThrow(`Flow ${flow.id} has no version 7`);
  });

  it('resolves a number to nothing, an unassigned number, or a flow without a published version', async () => {
    const tenantId = await seedTenant(api);
    expect(await flows.resolveNumber(uniqueNumber())).toEqual({ status: 'unknown-number' });
    const unassigned = uniqueNumber();
    await numbers.assign(tenantId, unassigned, null);
    expect(await flows.resolveNumber(unassigned)).toEqual({ status: 'no-flow', tenantId });
    const draftOnly = await flows.createFlow(tenantId, 'Draft', greetingFlow('Draft'));
    const drafted = uniqueNumber();
    await numbers.assign(tenantId, drafted, draftOnly.id);
    expect(await flows.resolveNumber(drafted)).toEqual({ status: 'no-active-version', tenantId, flowId: draftOnly.id });
  });

  it('pins the active programs of every flow reachable through go-to nodes, transitively and once each; unpublished ones are left out', async () => {
    const tenantId = await seedTenant(api);
    const main = await flows.createFlow(tenantId, 'Main', greetingFlow('Main'));
    const billing = await flows.createFlow(tenantId, 'Billing', greetingFlow('Billing'));
    const overflow = await flows.createFlow(tenantId, 'Overflow', greetingFlow('Overflow'));
    const unpublished = await flows.createFlow(tenantId, 'Unpublished', greetingFlow('Unpublished'));
    await flows.saveDraft(tenantId, overflow.id, greetingFlow('Overflow', main.id), 1);
    const overflowVersion = await flows.publishVersion(tenantId, overflow.id);
    await flows.saveDraft(tenantId, billing.id, greetingFlow('Billing', overflow.id), 1);
    const billingVersion = await flows.publishVersion(tenantId, billing.id);
    await flows.saveDraft(tenantId, main.id, greetingFlow('Main', billing.id), 1);
    const mainVersion = await flows.publishVersion(tenantId, main.id);
    await flows.createFlow(tenantId, 'Unrelated', greetingFlow('Unrelated'));
    const number = uniqueNumber();
    await numbers.assign(tenantId, number, main.id);

    const route = await flows.resolveNumber(number);

    expect(route).toEqual({
      status: 'ok',
      tenantId,
      flowId: main.id,
      flowVersionId: mainVersion.id,
      versionNumber: 1,
      program: mainVersion.program,
      subflows: { [billing.id]: billingVersion.program, [overflow.id]: overflowVersion.program },
    });

    const handsToDraft = await flows.createFlow(tenantId, 'To a draft', greetingFlow('To a draft', unpublished.id));
    await flows.publishVersion(tenantId, handsToDraft.id);
    const other = uniqueNumber();
    await numbers.assign(tenantId, other, handsToDraft.id);
    expect(await flows.resolveNumber(other)).toMatchObject({ status: 'ok', flowId: handsToDraft.id, subflows: {} });
  });

  it('keeps numbers and flows within their tenant', async () => {
    const tenantId = await seedTenant(api);
    const other = await seedTenant(api, 'Other');
    const otherFlow = await flows.createFlow(other, 'Theirs', greetingFlow('Theirs'));
    const number = uniqueNumber();
    await expect(numbers.assign(tenantId, number, otherFlow.id)).rejects.toThrow(`Flow ${otherFlow.id} does not exist for this tenant.`);
    await numbers.assign(other, number, otherFlow.id);
    await expect(numbers.assign(tenantId, number, null)).rejects.toThrow(`${number} belongs to another tenant.`);
    await expect(numbers.assign(tenantId, '4155550123', null)).rejects.toThrow('is not a phone number in E.164 format');
  });
});
