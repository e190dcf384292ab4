export * from './known-values';
export * from './payload.schema';
export * from './webhook.schema';
export * from './parse-webhook';
export * from './client-state';
