export * from './types';
export { step, initialCallState, MAX_STEPS_WITHOUT_WAITING } from './step';
export { readJsonPath } from './nodes/http-request.executor';
export { DEFAULT_VOICEMAIL_GREETING } from './nodes/voicemail.executor';
export { resolveLookup, effectiveQueueSettings, DEFAULT_RING_TIMEOUT_SECS, type LookupContext } from './lookups';
