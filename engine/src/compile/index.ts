export { compileFlow, type CompileOptions, type CompileResult } from './compile-flow';
export {
  expressionFields,
  expressionFieldsOf,
  variableAssignments,
  variableAssignmentsOf,
  type ExpressionField,
  type VariableAssignment,
} from './expression-fields';
export { portFallbacks } from './port-fallbacks';
