export type { ValidationContext } from './references';
export { validateFlow, type ValidationResult } from './validate-flow';
