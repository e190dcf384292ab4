import { AsyncLocalStorage } from 'node:async_hooks';

/** Ids that every log line written while handling one request, webhook or activity carries, where known. */
export interface LogFields {
  requestId?: string;
  tenantId?: string;
  userId?: string;
  callId?: string;
  callSessionId?: string;
  callControlId?: string;
  workflowId?: string;
  eventId?: string;
  eventType?: string;
}

const storage = new AsyncLocalStorage<LogFields>();

/**
 * Runs `fn` with `fields` as the log context of everything it does, awaited work included. The object itself is the
 * context: ids added later (addLogContext) are in it, also for whoever else holds it.
 */
export function withLogContext<T>(fields: LogFields, fn: () => T): T {
  return storage.run(fields, fn);
}

/** Adds ids learnt midway (the caller's tenant once authenticated, the call's workflow once routed) to the current context. */
export function addLogContext(fields: LogFields): void {
  const current = storage.getStore();
  if (current) Object.assign(current, fields);
}

export function currentLogContext(): Readonly<LogFields> {
  return storage.getStore() ?? {};
}
