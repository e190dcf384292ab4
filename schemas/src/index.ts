export * from './common.schema';
export * from './define-node';
export * from './flow-document.schema';
export * from './nodes';
export * from './program.schema';
export * from './schedule.schema';
export * from './directory.schema';
export * from './telnyx';
