export { diffFlows } from './flow-diff';
