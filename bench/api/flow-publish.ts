import { performance } from 'node:perf_hooks';
import { generateFlow } from '../flow-generator';
import { api, type ApiStack } from './api-stack';

export const FLOW_NODES = 500;

/**
 * Through the flows API as the designer uses it: each round changes the 500-node draft (a node moves, the name
 * changes), saves it with its revision (PUT /api/flows/:id) and publishes it (POST /api/flows/:id/versions).
 */
export async function measureSaveAndPublish(stack: ApiStack, ownerToken: string, rounds: number): Promise<{ save: number[]; publish: number[] }> {
  const document = generateFlow(FLOW_NODES);
  const created = await api<{ id: string; draftRevision: number }>(stack, 'POST', '/api/flows', {
    token: ownerToken,
    body: { name: `Bench IVR (${FLOW_NODES} nodes)`, document },
    expect: 201,
  });
  let revision = created.draftRevision;
  const save: number[] = [];
  const publish: number[] = [];
  for (let round = -2; round < rounds; round += 1) {
    document.metadata.name = `Bench IVR, revision ${revision + 1}`;
    const moved = document.nodes[(round + 2) % document.nodes.length]!;
    moved.position = { x: moved.position.x + 10, y: moved.position.y };
    let started = performance.now();
    ({ revision } = await api<{ revision: number }>(stack, 'PUT', `/api/flows/${created.id}`, { token: ownerToken, body: { revision, document } }));
    const saved = performance.now() - started;
    started = performance.now();
    await api(stack, 'POST', `/api/flows/${created.id}/versions`, { token: ownerToken, body: { revision, notes: `round ${round}` }, expect: 201 });
    const published = performance.now() - started;
    if (round >= 0) {
      save.push(saved);
      publish.push(published);
    }
  }
  return { save, publish };
}
