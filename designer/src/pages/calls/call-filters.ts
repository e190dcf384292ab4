import { CALL_RESULTS, type CallResult } from '@callflow/schemas';
import type { CallFilters } from '../../api/calls-client';

/** The search filters kept in the page address (so a search can be bookmarked and shared). */
export const FILTER_KEYS = ['since', 'until', 'called', 'caller', 'flowId', 'flowVersionId', 'outcome', 'status', 'agentId'] as const;
export type FilterKey = (typeof FILTER_KEYS)[number];
export type FilterValues = Record<FilterKey, string>;

export const emptyFilters = (): FilterValues => Object.fromEntries(FILTER_KEYS.map((key) => [key, ''])) as FilterValues;

export function filtersFromParams(params: URLSearchParams): FilterValues {
  const values = emptyFilters();
  for (const key of FILTER_KEYS) values[key] = params.get(key) ?? '';
  return values;
}

export function paramsFromFilters(values: FilterValues): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) if (values[key].trim() !== '') params.set(key, values[key].trim());
  return params;
}

const isResult = (value: string): value is CallResult => (CALL_RESULTS as readonly string[]).includes(value);

/** The API query of the filters; anything the API refuses comes back as a 400 naming the field. */
export function queryFromFilters(values: FilterValues): CallFilters {
  const text = (key: FilterKey) => (values[key].trim() === '' ? undefined : values[key].trim());
  const status = text('status');
  const outcome = text('outcome');
  return {
    since: text('since'),
    until: text('until'),
    called: text('called'),
    caller: text('caller'),
    flowId: text('flowId'),
    flowVersionId: text('flowVersionId'),
    outcome: outcome !== undefined && isResult(outcome) ? outcome : undefined,
    status: status === 'running' || status === 'ended' ? status : undefined,
    agentId: text('agentId'),
  };
}

/** An ISO instant as a `datetime-local` input shows it (the browser's time zone), and back. */
export function toLocalInput(iso: string): string {
  if (iso === '') return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

export function fromLocalInput(local: string): string {
  if (local === '') return '';
  const date = new Date(local);
  return Number.isNaN(date.getTime()) ? '' : date.toISOString();
}
