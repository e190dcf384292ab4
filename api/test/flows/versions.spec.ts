import request from 'supertest';
import type { AuditEntry, FlowDiffResponse, FlowVersion, FlowVersionSummary, PublishedFlowVersion } from '@callflow/schemas';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { startTestApp, type TestApp } from '../support/test-app';
import { flowApi, flowFile, frontDesk, tts } from './flow-api';

let app: TestApp;
let acme: TenantLogins;
let flows: ReturnType<typeof flowApi>;
const http = () => request(app.app.getHttpServer());

beforeAll(async () => {
  app = await startTestApp();
  acme = await createTenantWithUsers(app);
  flows = flowApi(app, acme);
}, 60_000);
afterAll(() => app.close());

async function auditOf(flowId: string): Promise<AuditEntry[]> {
  const entries = (await http().get('/api/audit').set(acme.as('owner')).expect(200)).body as AuditEntry[];
  return entries.filter((entry) => entry.targetId === flowId).reverse();
}

async function versionsOf(flowId: string): Promise<FlowVersionSummary[]> {
  return (await http().get(`/api/flows/${flowId}/versions`).set(acme.as('supervisor')).expect(200)).body as FlowVersionSummary[];
}

/** The front desk with sales' prompt reworded. */
function reworded(text: string) {
  const document = frontDesk();
  document.nodes[2]!.config = { prompt: tts(text) };
  return document;
}

describe('publishing', () => {
  it('compiles the draft into version 1, 2…, each active when published, with notes, publisher and audit entry', async () => {
    const flow = await flows.create('Front desk');

    const first = (await http().post(`/api/flows/${flow.id}/versions`).set(acme.as('admin')).send({ notes: '  Launch ' }).expect(201)).body as PublishedFlowVersion;
    await flows.save(flow.id, 1, reworded('Sales opens at nine.'));
    const second = (await http().post(`/api/flows/${flow.id}/versions`).set(acme.as('owner')).send({ revision: 2 }).expect(201)).body as PublishedFlowVersion;

    expect(first).toMatchObject({ number: 1, notes: 'Launch', active: true, publishedBy: { userId: acme.users.admin.userId, name: 'admin' } });
    expect(first.diagnostics.map(({ severity, nodeId, port }) => ({ severity, nodeId, port }))).toEqual([
      { severity: 'info', nodeId: 'menu', port: 'noMatch' },
      { severity: 'info', nodeId: 'menu', port: 'timeout' },
    ]);
    expect(second).toMatchObject({ number: 2, notes: '', active: true, publishedBy: { userId: acme.users.owner.userId, name: 'Owner' } });
    expect((await flows.get(flow.id)).activeVersion).toEqual({ id: second.id, number: 2, publishedAt: second.publishedAt });
    expect((await versionsOf(flow.id)).map(({ number, active, notes }) => ({ number, active, notes }))).toEqual([
      { number: 2, active: true, notes: '' },
      { number: 1, active: false, notes: 'Launch' },
    ]);
    expect((await auditOf(flow.id)).map(({ action, userId, details }) => ({ action, userId, details }))).toEqual([
      { action: 'flow.published', userId: acme.users.admin.userId, details: { version: 1, versionId: first.id, notes: 'Launch' } },
      { action: 'flow.published', userId: acme.users.owner.userId, details: { version: 2, versionId: second.id, notes: '' } },
    ]);
  });

  it('refuses a draft with errors with 422 and the engine’s diagnostics, each naming its node; nothing is published', async () => {
    const flow = await flows.create('Broken');
    const good = await flows.publish(flow.id);
    const broken = flowFile(
      'Broken',
      [
        { id: 'start', kind: 'entry' },
        { id: 'ask', kind: 'menu', label: 'Ask', config: { prompt: tts('Press 1.'), options: [{ digit: '1', label: 'Team' }] } },
        { id: 'team', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'nobody-here' } } },
      ],
      ['start.next -> ask'],
    );
    await flows.save(flow.id, 1, broken);

    const refused = await http().post(`/api/flows/${flow.id}/versions`).set(acme.as('admin')).send({ notes: 'oops' }).expect(422);

    expect(refused.body.statusCode).toBe(422);
    expect(refused.body.diagnostics).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', code: 'required-port-unconnected', nodeId: 'ask', port: '1' }),
        expect.objectContaining({ severity: 'error', code: 'unknown-reference', nodeId: 'team', message: expect.stringContaining('nobody-here') }),
      ]),
    );
    expect(refused.body.message).toContain('(node ask)');
    expect((await versionsOf(flow.id)).map((version) => version.number)).toEqual([1]);
    expect((await flows.get(flow.id)).activeVersion?.id).toBe(good.id);
    expect((await auditOf(flow.id)).map((entry) => entry.action)).toEqual(['flow.published']);
  });

  it('refuses to publish a revision other than the current draft (409): what was reviewed is what gets published', async () => {
    const flow = await flows.create('Reviewed');
    await flows.save(flow.id, 1, reworded('Changed by someone else.'));
    const refused = await http().post(`/api/flows/${flow.id}/versions`).set(acme.as('admin')).send({ revision: 1 }).expect(409);
    expect(refused.body).toMatchObject({ currentRevision: 2, message: expect.stringContaining('revision 2') });
    expect(await versionsOf(flow.id)).toEqual([]);
  });

  it('reads one version with its document and compiled program, immutable whatever the draft becomes', async () => {
    const flow = await flows.create('Immutable');
    await flows.publish(flow.id, 'v1');
    await flows.save(flow.id, 1, reworded('Later wording.'));

    const version = (await http().get(`/api/flows/${flow.id}/versions/1`).set(acme.as('supervisor')).expect(200)).body as FlowVersion;

    expect(version).toMatchObject({ number: 1, notes: 'v1', active: true, document: { nodes: expect.any(Array) } });
    expect(version.document).toEqual(flow.draft);
    expect(version.program).toMatchObject({ flowId: flow.id, entry: 'start', steps: { sales: { config: { prompt: { text: 'Sales is busy.' } } } } });
    await http().get(`/api/flows/${flow.id}/versions/2`).set(acme.as('supervisor')).expect(404);
    await http().get(`/api/flows/${flow.id}/versions/0`).set(acme.as('supervisor')).expect(404);
    await http().get(`/api/flows/${flow.id}/versions/one`).set(acme.as('supervisor')).expect(404);
  });
});

describe('rollback', () => {
  it('makes an older version active, audited with from and to; forward again works too', async () => {
    const flow = await flows.create('Rollback');
    await flows.publish(flow.id);
    await flows.save(flow.id, 1, reworded('Version two.'));
    const second = await flows.publish(flow.id);

    const rolledBack = (await http().post(`/api/flows/${flow.id}/rollback`).set(acme.as('admin')).send({ version: 1 }).expect(200)).body as FlowVersionSummary;
    expect(rolledBack).toMatchObject({ number: 1, active: true });
    expect((await flows.get(flow.id)).activeVersion?.number).toBe(1);
    expect((await versionsOf(flow.id)).map(({ number, active }) => [number, active])).toEqual([
      [2, false],
      [1, true],
    ]);

    await http().post(`/api/flows/${flow.id}/rollback`).set(acme.as('owner')).send({ version: 2 }).expect(200);
    expect((await flows.get(flow.id)).activeVersion?.id).toBe(second.id);
    expect((await auditOf(flow.id)).filter((entry) => entry.action === 'flow.rolled_back').map(({ userId, details }) => ({ userId, details }))).toEqual([
      { userId: acme.users.admin.userId, details: { from: 2, to: 1 } },
      { userId: acme.users.owner.userId, details: { from: 1, to: 2 } },
    ]);
    // The draft is untouched by rollbacks.
    expect((await flows.get(flow.id)).draftRevision).toBe(2);
  });

  it('refuses the active version (409) and a version that does not exist (400), changing nothing', async () => {
    const flow = await flows.create('No-op');
    await flows.publish(flow.id);
    const active = await http().post(`/api/flows/${flow.id}/rollback`).set(acme.as('admin')).send({ version: 1 }).expect(409);
    const missing = await http().post(`/api/flows/${flow.id}/rollback`).set(acme.as('admin')).send({ version: 5 }).expect(400);
    expect(active.body.message).toBe('Version 1 is already the active version.');
    expect(missing.body.issues).toEqual([{ path: 'version', message: 'no version 5' }]);
    expect((await auditOf(flow.id)).map((entry) => entry.action)).toEqual(['flow.published']);
  });
});

describe('diffs through the API', () => {
  it('diffs two versions exactly: nodes and connections added and removed, config fields, labels, moves apart', async () => {
    const flow = await flows.create('Diffed');
    await flows.publish(flow.id);
    const second = frontDesk('Diffed');
    second.nodes[1]!.label = 'Welcome menu';
    second.nodes[2]!.config = { prompt: tts('Sales opens at nine.') };
    second.nodes[4]!.position = { x: 300, y: 600 };
    second.nodes = second.nodes.filter((node) => node.id !== 'support');
    second.nodes.push({ id: 'voicemail', kind: 'voicemail', version: 1, label: 'Support voicemail', config: { mailboxId: 'support-box' }, position: { x: 300, y: 300 } });
    second.edges = second.edges.filter((edge) => edge.target !== 'support' && edge.source !== 'support');
    second.edges.push({ id: 'e9', source: 'menu', sourcePort: '2', target: 'voicemail' });
    await flows.save(flow.id, 1, second);
    const draftDiff = (await http().get(`/api/flows/${flow.id}/draft/diff`).set(acme.as('supervisor')).expect(200)).body as FlowDiffResponse;
    await http().post(`/api/flows/${flow.id}/versions`).set(acme.as('admin')).send({}).expect(422); // the mailbox does not exist

    const expected = {
      hasChanges: true,
      metadata: [],
      variables: { added: [], removed: [], changed: [] },
      nodes: {
        added: [{ id: 'voicemail', kind: 'voicemail', label: 'Support voicemail' }],
        removed: [{ id: 'support', kind: 'play', label: 'Support' }],
        changed: [
          { id: 'menu', kind: 'menu', label: 'Welcome menu', changes: [{ path: 'label', change: 'changed', before: 'Main menu', after: 'Welcome menu' }] },
          { id: 'sales', kind: 'play', label: 'Sales', changes: [{ path: 'config.prompt.text', change: 'changed', before: 'Sales is busy.', after: 'Sales opens at nine.' }] },
        ],
        moved: [{ id: 'bye', kind: 'hang-up', label: 'Bye', from: { x: 0, y: 600 }, to: { x: 300, y: 600 } }],
      },
      edges: {
        added: [{ id: 'e9', source: 'menu', sourcePort: '2', target: 'voicemail' }],
        removed: [
          { id: 'e3', source: 'menu', sourcePort: '2', target: 'support' },
          { id: 'e5', source: 'support', sourcePort: 'next', target: 'bye' },
        ],
      },
    };
    expect(draftDiff).toEqual({ from: { kind: 'version', number: 1 }, to: { kind: 'draft', revision: 2 }, diff: expected });

    const valid = structuredClone(second);
    valid.nodes = valid.nodes.map((node) => (node.id === 'voicemail' ? { ...node, kind: 'hang-up', config: {} } : node));
    await flows.save(flow.id, 2, valid);
    await flows.publish(flow.id);
    const versionsDiff = (await http().get(`/api/flows/${flow.id}/versions/1/diff/2`).set(acme.as('supervisor')).expect(200)).body as FlowDiffResponse;
    expect(versionsDiff.from).toEqual({ kind: 'version', number: 1 });
    expect(versionsDiff.to).toEqual({ kind: 'version', number: 2 });
    expect(versionsDiff.diff).toEqual({ ...expected, nodes: { ...expected.nodes, added: [{ id: 'voicemail', kind: 'hang-up', label: 'Support voicemail' }] } });

    const backwards = (await http().get(`/api/flows/${flow.id}/versions/2/diff/1`).set(acme.as('supervisor')).expect(200)).body as FlowDiffResponse;
    expect(backwards.diff.nodes.added).toEqual([{ id: 'support', kind: 'play', label: 'Support' }]);
    expect(backwards.diff.edges.removed.map((edge) => edge.id)).toEqual(['e9']);
    await http().get(`/api/flows/${flow.id}/versions/1/diff/3`).set(acme.as('supervisor')).expect(404);
  });

  it('diffs the draft against nothing before the first publish, and finds no change right after publishing', async () => {
    const flow = await flows.create('Fresh');
    const before = (await http().get(`/api/flows/${flow.id}/draft/diff`).set(acme.as('supervisor')).expect(200)).body as FlowDiffResponse;
    expect(before.from).toEqual({ kind: 'empty' });
    expect(before.diff.nodes.added.map((node) => node.id)).toEqual(['start', 'menu', 'sales', 'support', 'bye']);
    expect(before.diff.edges.added).toHaveLength(5);

    await flows.publish(flow.id);
    const after = (await http().get(`/api/flows/${flow.id}/draft/diff`).set(acme.as('supervisor')).expect(200)).body as FlowDiffResponse;
    expect(after).toMatchObject({ from: { kind: 'version', number: 1 }, to: { kind: 'draft', revision: 1 }, diff: { hasChanges: false } });
  });
});
