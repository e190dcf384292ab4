import request from 'supertest';
import { FLOW_FORMAT, type FlowDetail, type PublishedFlowVersion, type Role } from '@callflow/schemas';
import type { TenantLogins } from '../support/logins';
import type { TestApp } from '../support/test-app';

export interface NodeSpec {
  id: string;
  kind: string;
  label?: string;
  config?: Record<string, unknown>;
}

/** A flow document from nodes (laid out in a column) and edges written `source.port -> target`. */
export function flowFile(name: string, nodes: NodeSpec[], edges: string[]) {
  return {
    format: FLOW_FORMAT,
    metadata: { name, description: '', timeZone: 'America/New_York', tags: [] },
    variables: [],
    nodes: nodes.map((node, index) => ({ version: 1, label: node.id, config: {}, ...node, position: { x: 0, y: index * 150 } })),
    edges: edges.map((edge, index) => {
      const [from = '', target = ''] = edge.split('->').map((part) => part.trim());
      const [source = '', sourcePort = ''] = from.split('.');
      return { id: `e${index + 1}`, source, sourcePort, target };
    }),
  };
}

export const tts = (text: string) => ({ type: 'tts', text });

/** entry → menu (1: sales, 2: support) → plays → hang up: valid, publishable. */
export function frontDesk(name = 'Front desk') {
  return flowFile(
    name,
    [
      { id: 'start', kind: 'entry', label: 'Main number' },
      { id: 'menu', kind: 'menu', label: 'Main menu', config: { prompt: tts('For sales press 1, for support press 2.'), options: [{ digit: '1', label: 'Sales' }, { digit: '2', label: 'Support' }] } },
      { id: 'sales', kind: 'play', label: 'Sales', config: { prompt: tts('Sales is busy.') } },
      { id: 'support', kind: 'play', label: 'Support', config: { prompt: tts('Support is closed.') } },
      { id: 'bye', kind: 'hang-up', label: 'Bye' },
    ],
    ['start.next -> menu', 'menu.1 -> sales', 'menu.2 -> support', 'sales.next -> bye', 'support.next -> bye'],
  );
}

/** HTTP helpers for one tenant's flows, as one of its users. */
export function flowApi(app: TestApp, tenant: TenantLogins, role: Role = 'admin') {
  const http = () => request(app.app.getHttpServer());
  const as = tenant.as(role);
  return {
    async create(name: string, document: unknown = frontDesk(name)): Promise<FlowDetail> {
      return (await http().post('/api/flows').set(as).send({ name, document }).expect(201)).body as FlowDetail;
    },
    async get(id: string): Promise<FlowDetail> {
      return (await http().get(`/api/flows/${id}`).set(as).expect(200)).body as FlowDetail;
    },
    async save(id: string, revision: number, document: unknown): Promise<number> {
      return ((await http().put(`/api/flows/${id}`).set(as).send({ revision, document }).expect(200)).body as { revision: number }).revision;
    },
    async publish(id: string, notes = ''): Promise<PublishedFlowVersion> {
      return (await http().post(`/api/flows/${id}/versions`).set(as).send({ notes }).expect(201)).body as PublishedFlowVersion;
    },
  };
}
