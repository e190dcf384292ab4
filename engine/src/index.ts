export * from './expressions';
export * from './calendar';
export * from './routing';
