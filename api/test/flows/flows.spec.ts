import request from 'supertest';
import { validateFlow } from '@callflow/engine';
import type { DraftValidation, FlowDetail, FlowSummary } from '@callflow/schemas';
import { createTenantWithUsers, type TenantLogins } from '../support/logins';
import { seedDirectory, uniqueNumber } from '../support/seed';
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

async function addNumber(flowId: string | null): Promise<string> {
  const number = uniqueNumber();
  await http().post('/api/numbers').set(acme.as('admin')).send({ number, flowId }).expect(201);
  return number;
}

describe('creating and reading flows', () => {
  it('starts a new flow from a valid starter draft: an entry node connected to a hang-up', async () => {
    const created = (await http().post('/api/flows').set(acme.as('admin')).send({ name: '  Support line  ' }).expect(201)).body as FlowDetail;

    expect(created).toMatchObject({ name: 'Support line', draftRevision: 1, activeVersion: null, numbers: [] });
    expect(created.draft.nodes.map((node) => node.kind)).toEqual(['entry', 'hang-up']);
    expect(created.draft.metadata.name).toBe('Support line');
    expect(validateFlow(created.draft)).toMatchObject({ ok: true, diagnostics: [] });
    expect(await flows.get(created.id)).toEqual(created);
  });

  it('lists the tenant’s flows by name with their active version, draft revision, update time and numbers', async () => {
    const tenant = await createTenantWithUsers(app);
    const api = flowApi(app, tenant);
    const zebra = await api.create('Zebra hotline');
    const alpha = await api.create('alpha desk');
    const published = await api.publish(alpha.id, 'launch');
    const number = uniqueNumber();
    await http().post('/api/numbers').set(tenant.as('admin')).send({ number, flowId: alpha.id }).expect(201);

    const list = (await http().get('/api/flows').set(tenant.as('supervisor')).expect(200)).body as FlowSummary[];

    expect(list.map((flow) => flow.name)).toEqual(['alpha desk', 'Zebra hotline']);
    expect(list[0]).toEqual({
      id: alpha.id,
      name: 'alpha desk',
      draftRevision: 1,
      activeVersion: { id: published.id, number: 1, publishedAt: published.publishedAt },
      numbers: [number],
      createdAt: alpha.createdAt,
      updatedAt: expect.any(String),
    });
    expect(list[1]).toMatchObject({ id: zebra.id, activeVersion: null, numbers: [] });
    expect(list[0]).not.toHaveProperty('draft');
  });
});

describe('saving drafts', () => {
  it('saves with the current revision and answers the next one', async () => {
    const flow = await flows.create('Revisions');
    const edited = frontDesk('Revisions');
    edited.nodes[2]!.config = { prompt: tts('Sales will call you back.') };

    expect(await flows.save(flow.id, 1, edited)).toBe(2);
    expect(await flows.save(flow.id, 2, frontDesk('Revisions'))).toBe(3);
    const stored = await flows.get(flow.id);
    expect(stored.draftRevision).toBe(3);
    expect(stored.draft.nodes[2]?.config).toEqual({ prompt: tts('Sales is busy.') });
  });

  it('refuses a stale revision with 409 naming the current revision, and keeps the newer draft', async () => {
    const flow = await flows.create('Two editors');
    const first = frontDesk('Two editors');
    first.metadata.description = 'saved by Ann';
    await flows.save(flow.id, 1, first);

    const stale = await http().put(`/api/flows/${flow.id}`).set(acme.as('admin')).send({ revision: 1, document: frontDesk('by Bob') }).expect(409);

    expect(stale.body).toMatchObject({ statusCode: 409, currentRevision: 2 });
    expect(stale.body.message).toContain('now at revision 2');
    const stored = await flows.get(flow.id);
    expect({ revision: stored.draftRevision, description: stored.draft.metadata.description }).toEqual({ revision: 2, description: 'saved by Ann' });
  });

  it('saves a draft that would not publish (half-configured nodes) but refuses one that is not a flow document, naming the paths', async () => {
    const flow = await flows.create('Work in progress');
    const unfinished = flowFile('Work in progress', [{ id: 'start', kind: 'entry' }, { id: 'menu', kind: 'menu', config: {} }], ['start.next -> menu']);
    expect(await flows.save(flow.id, 1, unfinished)).toBe(2);

    const broken = { ...unfinished, nodes: [{ ...unfinished.nodes[0], position: { x: 'left' } }, { ...unfinished.nodes[1], config: [] }] };
    const refused = await http().put(`/api/flows/${flow.id}`).set(acme.as('admin')).send({ revision: 2, document: broken }).expect(400);

    expect(refused.body.issues).toEqual(
      expect.arrayContaining([
        { path: 'document.nodes.0.position.x', message: expect.any(String) },
        { path: 'document.nodes.1.config', message: 'expected an object' },
      ]),
    );
    expect((await flows.get(flow.id)).draftRevision).toBe(2);
  });
});

describe('renaming, duplicating, deleting', () => {
  it('renames a flow without touching its draft', async () => {
    const flow = await flows.create('Old name');
    const renamed = (await http().patch(`/api/flows/${flow.id}`).set(acme.as('admin')).send({ name: 'New name' }).expect(200)).body as FlowSummary;
    expect(renamed).toMatchObject({ id: flow.id, name: 'New name', draftRevision: 1 });
    expect((await flows.get(flow.id)).draft).toEqual(flow.draft);
  });

  it('duplicates the draft into a new flow with no versions and no numbers', async () => {
    const flow = await flows.create('Original');
    await flows.publish(flow.id);
    await addNumber(flow.id);

    const copy = (await http().post(`/api/flows/${flow.id}/duplicate`).set(acme.as('admin')).send({}).expect(201)).body as FlowDetail;
    const named = (await http().post(`/api/flows/${flow.id}/duplicate`).set(acme.as('admin')).send({ name: 'Holiday copy' }).expect(201)).body as FlowDetail;

    expect(copy).toMatchObject({ name: 'Copy of Original', draftRevision: 1, activeVersion: null, numbers: [], draft: flow.draft });
    expect(copy.id).not.toBe(flow.id);
    expect(named.name).toBe('Holiday copy');
  });

  it('refuses to delete a flow that answers a number (409) until the number moves, then deletes it with its versions', async () => {
    const flow = await flows.create('Retiring');
    await flows.publish(flow.id);
    const number = await addNumber(flow.id);

    const refused = await http().delete(`/api/flows/${flow.id}`).set(acme.as('admin')).expect(409);
    expect(refused.body.message).toContain(number);
    await flows.get(flow.id);

    const [stored] = (await http().get('/api/numbers').set(acme.as('admin')).expect(200)).body.filter((entry: { number: string }) => entry.number === number);
    await http().patch(`/api/numbers/${stored.id}`).set(acme.as('admin')).send({ flowId: null }).expect(200);
    await http().delete(`/api/flows/${flow.id}`).set(acme.as('admin')).expect(204);

    await http().get(`/api/flows/${flow.id}`).set(acme.as('admin')).expect(404);
    const versions: unknown[] = await app.dataSource.query('SELECT 1 FROM flow_versions WHERE flow_id = $1', [flow.id]);
    expect(versions).toEqual([]);
  });

  it('refuses to delete a flow that another flow’s active version goes to', async () => {
    const target = await flows.create('After hours');
    await flows.publish(target.id);
    const caller = await flows.create(
      'Front door',
      flowFile('Front door', [{ id: 'start', kind: 'entry' }, { id: 'handover', kind: 'go-to', config: { target: { type: 'flow', flowId: target.id } } }], ['start.next -> handover']),
    );
    await flows.publish(caller.id);

    const refused = await http().delete(`/api/flows/${target.id}`).set(acme.as('admin')).expect(409);
    expect(refused.body.message).toContain('“Front door”');
    await flows.get(target.id);
  });
});

describe('the flow file', () => {
  it('exports the draft as a download named after the flow, and a published version on request', async () => {
    const flow = await flows.create('Main Line (EN)');
    await flows.publish(flow.id);
    const changed = frontDesk('Main Line (EN)');
    changed.metadata.description = 'draft after v1';
    await flows.save(flow.id, 1, changed);

    const draft = await http().get(`/api/flows/${flow.id}/export`).set(acme.as('supervisor')).expect(200);
    const version = await http().get(`/api/flows/${flow.id}/export?version=1`).set(acme.as('supervisor')).expect(200);

    expect(draft.headers['content-disposition']).toBe('attachment; filename="main-line-en.flow.json"');
    expect(draft.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(draft.text)).toEqual((await flows.get(flow.id)).draft);
    expect(JSON.parse(draft.text)).toMatchObject({ format: 'callflow.flow/v1', metadata: { description: 'draft after v1' } });
    expect(version.headers['content-disposition']).toBe('attachment; filename="main-line-en.v1.flow.json"');
    expect(JSON.parse(version.text).metadata.description).toBe('');
    await http().get(`/api/flows/${flow.id}/export?version=2`).set(acme.as('supervisor')).expect(404);
  });

  it('imports an exported file as a new flow whose draft is the file', async () => {
    const flow = await flows.create('Round trip');
    const file = JSON.parse((await http().get(`/api/flows/${flow.id}/export`).set(acme.as('admin')).expect(200)).text);

    const imported = (await http().post('/api/flows/import').set(acme.as('admin')).send(file).expect(201)).body as FlowDetail;

    expect(imported).toMatchObject({ name: 'Round trip', draftRevision: 1, activeVersion: null, draft: file });
    expect(imported.id).not.toBe(flow.id);
  });

  it('refuses an invalid file with 400 naming the problem, and creates nothing', async () => {
    const before = ((await http().get('/api/flows').set(acme.as('admin')).expect(200)).body as FlowSummary[]).length;
    const wrongFormat = await http().post('/api/flows/import').set(acme.as('admin')).send({ ...frontDesk(), format: 'n8n/v1' }).expect(400);
    const noEdges = await http().post('/api/flows/import').set(acme.as('admin')).send({ ...frontDesk(), edges: undefined }).expect(400);

    expect(wrongFormat.body.issues).toEqual([{ path: 'format', message: expect.stringContaining('callflow.flow/v1') }]);
    expect(noEdges.body.issues).toEqual([{ path: 'edges', message: expect.any(String) }]);
    expect(((await http().get('/api/flows').set(acme.as('admin')).expect(200)).body as FlowSummary[]).length).toBe(before);
  });
});

describe('validating the draft', () => {
  it('reports the engine’s diagnostics with node ids, against the tenant’s directory', async () => {
    await seedDirectory(app, acme.tenantId, {
      ringGroups: [{ id: 'sales-team', name: 'Sales', members: [], strategy: 'simultaneous', ringTimeoutSecs: 20 }],
    });
    const flow = await flows.create(
      'Routing',
      flowFile(
        'Routing',
        [
          { id: 'start', kind: 'entry' },
          { id: 'menu', kind: 'menu', config: { prompt: tts('Press 1 or 2.'), options: [{ digit: '1', label: 'Sales' }, { digit: '2', label: 'Billing' }] } },
          { id: 'sales', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'sales-team' } } },
          { id: 'billing', kind: 'ring-group', config: { target: { type: 'group', ringGroupId: 'billing-team' } } },
        ],
        ['start.next -> menu', 'menu.1 -> sales', 'menu.2 -> billing'],
      ),
    );

    const report = (await http().get(`/api/flows/${flow.id}/validation`).set(acme.as('supervisor')).expect(200)).body as DraftValidation;

    expect(report.revision).toBe(1);
    expect(report.ok).toBe(false);
    expect(report.diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', code: 'unknown-reference', nodeId: 'billing', message: expect.stringContaining('billing-team') }),
    );
    expect(report.diagnostics.filter((diagnostic) => diagnostic.code === 'unknown-reference').map((diagnostic) => diagnostic.nodeId)).toEqual(['billing']);
  });
});
