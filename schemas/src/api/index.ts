export * from './auth.schema';
export * from './flows.schema';
export * from './numbers.schema';
export * from './directory.schema';
export * from './calls.schema';
export * from './analytics.schema';
export * from './realtime.schema';
export * from './storable-text';
