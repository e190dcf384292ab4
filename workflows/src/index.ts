export * from './contracts';
export * from './internal-api';
