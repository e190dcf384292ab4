import type { ExprValue } from '../../expressions';
import { exit, wait, type Executor } from '../runtime';

/** Reads a dotted path (`customer.tier`, `items.0.id`) out of a JSON value; objects become JSON text. */
export function readJsonPath(body: unknown, path: string): ExprValue {
  let current: unknown = body;
  for (const key of path.split('.')) {
    if (current === null || typeof current !== 'object' || !Object.hasOwn(current, key)) return null;
    current = (current as Record<string, unknown>)[key];
  }
  if (current === null || typeof current === 'string' || typeof current === 'number' || typeof current === 'boolean') {
    return current;
  }
  return current === undefined ? null : JSON.stringify(current);
}

export const httpRequestExecutor: Executor<'http-request', { requestId: string }> = {
  enter(runtime, step) {
    const { config } = step;
    const requestId = runtime.nextId('http');
    runtime.emit({
      type: 'http-request',
      requestId,
      method: config.method,
      url: runtime.render(config.url),
      headers: Object.fromEntries(config.headers.map((header) => [header.name, runtime.render(header.value)])),
      body: config.body === null ? null : runtime.render(config.body),
      timeoutSecs: config.timeoutSecs,
    });
    return wait({ requestId });
  },
  resume(runtime, step, phase, input) {
    if (input.type !== 'http.completed' || input.requestId !== phase.requestId) return null;
    const { response } = input;
    const succeeded = response.ok && response.status >= 200 && response.status < 300;
    runtime.trace({
      type: 'http.completed',
      ok: succeeded,
      status: response.ok ? response.status : null,
      error: response.ok ? (succeeded ? null : `HTTP ${response.status}`) : response.error,
    });
    if (!succeeded || !response.ok) return exit('error');
    for (const mapping of step.config.responseMappings) {
      runtime.setVariable(mapping.variable, readJsonPath(response.body, mapping.path));
    }
    return exit('ok');
  },
};
