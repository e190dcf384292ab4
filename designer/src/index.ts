export * from './canvas/flow-adapter';
