import { performance } from 'node:perf_hooks';
import type { CallPage } from '@callflow/schemas';
import type { DataSource } from 'typeorm';
import { api, type ApiStack } from './api-stack';

export interface ListShape {
  name: string;
  query: Record<string, string>;
  /** Whose token: a supervisor sees the tenant, an agent its own calls. */
  as: 'supervisor' | 'agent';
  /** Follow nextCursor this many pages deep and time the last page. */
  pages?: number;
}

export interface QueryPlan {
  indexes: string[];
  executionMs: number;
}

const path = (query: Record<string, string>) => `/api/calls?${new URLSearchParams(query).toString()}`;

/** One GET /api/calls of the shape (following cursors for deep pages), timed; the rows it returned. */
async function listOnce(stack: ApiStack, tokens: Record<ListShape['as'], string>, shape: ListShape): Promise<{ ms: number; rows: number }> {
  let query = shape.query;
  for (let page = 1; page < (shape.pages ?? 1); page += 1) {
    const { nextCursor } = await api<CallPage>(stack, 'GET', path(query), { token: tokens[shape.as] });
    if (nextCursor === null) throw new Error(`${shape.name}: no page ${page + 1}`);
    query = { ...shape.query, cursor: nextCursor };
  }
  const started = performance.now();
  const page = await api<CallPage>(stack, 'GET', path(query), { token: tokens[shape.as] });
  return { ms: performance.now() - started, rows: page.calls.length };
}

/**
 * Round-robin over the shapes (so caches warm evenly), `rounds` timed requests each after a warm-up; and as often
 * GET /api/auth/me, the cost of any authenticated request on this machine (token check, routing, JSON), for scale.
 */
export async function measureListCalls(
  stack: ApiStack,
  tokens: Record<ListShape['as'], string>,
  shapes: ListShape[],
  rounds: number,
): Promise<{ byShape: Map<string, number[]>; floor: number[] }> {
  const byShape = new Map(shapes.map((shape) => [shape.name, [] as number[]]));
  const floor: number[] = [];
  for (let round = -3; round < rounds; round += 1) {
    for (const shape of shapes) {
      const { ms, rows } = await listOnce(stack, tokens, shape);
      if (rows === 0) throw new Error(`${shape.name} found no calls: the bench would measure nothing`);
      if (round >= 0) byShape.get(shape.name)!.push(ms);
    }
    const started = performance.now();
    await api(stack, 'GET', '/api/auth/me', { token: tokens.supervisor });
    if (round >= 0) floor.push(performance.now() - started);
  }
  return { byShape, floor };
}

interface PlanNode {
  'Index Name'?: string;
  Plans?: PlanNode[];
}

function indexesIn(node: PlanNode): string[] {
  return [...(node['Index Name'] ? [node['Index Name']] : []), ...(node.Plans ?? []).flatMap(indexesIn)];
}

/**
 * EXPLAIN ANALYZE of the SQL the API runs for each shape: the API's own query is captured from its DataSource while
 * one request of the shape is served, then explained.
 */
export async function explainListCalls(stack: ApiStack, dataSource: DataSource, tokens: Record<ListShape['as'], string>, shapes: ListShape[]): Promise<Map<string, QueryPlan>> {
  const plans = new Map<string, QueryPlan>();
  const query = dataSource.query.bind(dataSource);
  const captured: { search: { sql: string; params: unknown[] } | null } = { search: null };
  const lastSearch = () => captured.search;
  dataSource.query = (async (sql: string, params?: unknown[]) => {
    if (/ORDER BY (c|ca)\.started_at DESC/.test(sql)) captured.search = { sql, params: params ?? [] };
    return query(sql, params);
  }) as DataSource['query'];
  try {
    for (const shape of shapes) {
      captured.search = null;
      await listOnce(stack, tokens, shape);
      const search = lastSearch();
      if (search === null) throw new Error(`${shape.name}: the API ran no call search query`);
      const rows: Array<{ 'QUERY PLAN': Array<{ Plan: PlanNode; 'Execution Time': number }> }> = await query(`EXPLAIN (ANALYZE, FORMAT JSON) ${search.sql}`, search.params);
      const plan = rows[0]?.['QUERY PLAN'][0];
      if (!plan) throw new Error(`${shape.name}: EXPLAIN returned no plan`);
      plans.set(shape.name, { indexes: [...new Set(indexesIn(plan.Plan))], executionMs: Number(plan['Execution Time'].toFixed(3)) });
    }
  } finally {
    dataSource.query = query;
  }
  return plans;
}
