export * from './expressions';
export * from './calendar';
export * from './routing';
export * from './diagnostics';
export * from './validate';
export * from './compile';
export * from './interpreter';
export * from './simulator';
