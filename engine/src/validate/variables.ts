import type { FlowDocumentEnvelope } from '@callflow/schemas';
import { expressionFieldsOf, variableAssignmentsOf } from '../compile/expression-fields';
import { parseExpressionOnce, parseTemplateOnce } from '../expressions';
import type { DiagnosticList } from './diagnostic-list';
import { isTyped, type NodeInfo } from './flow-model';
import { RESERVED_NAME } from './nodes';

/** Checks the declared variables; returns their names. */
export function checkDeclaredVariables(envelope: FlowDocumentEnvelope, diagnostics: DiagnosticList): Set<string> {
  const declared = new Set<string>();
  envelope.variables.forEach((variable, index) => {
    const field = `variables.${index}`;
    if (variable.name === RESERVED_NAME) {
      diagnostics.error('reserved-name', `Variable "${RESERVED_NAME}": the name is reserved`, { field: `${field}.name` });
    }
    if (declared.has(variable.name)) {
      diagnostics.error('duplicate-variable', `Variable “${variable.name}” is declared more than once`, { field: `${field}.name` });
    }
    declared.add(variable.name);
    if (variable.initial !== null && typeof variable.initial !== variable.type) {
      diagnostics.error(
        'variable-type-mismatch',
        `Variable “${variable.name}” is a ${variable.type} but its initial value ${JSON.stringify(variable.initial)} is a ${typeof variable.initial}`,
        { field: `${field}.initial` },
      );
    }
  });
  return declared;
}

/**
 * Parses every expression and template of the nodes whose config is usable, and warns about variables read but
 * neither declared nor assigned by any node.
 */
export function checkExpressions(infos: readonly NodeInfo[], declared: ReadonlySet<string>, diagnostics: DiagnosticList): void {
  const known = new Set(declared);
  const reads: { info: NodeInfo; field: string; variable: string }[] = [];
  for (const info of infos) {
    if (!isTyped(info)) continue;
    for (const assignment of variableAssignmentsOf(info.kind, info.config)) {
      known.add(assignment.variable);
      if (assignment.variable === RESERVED_NAME) {
        diagnostics.error('reserved-name', `${info.name}: "${RESERVED_NAME}" cannot be used as a variable name`, {
          nodeId: info.envelope.id,
          field: assignment.field,
        });
      }
    }
    for (const { field, source, mode } of expressionFieldsOf(info.kind, info.config)) {
      const parsed = mode === 'expression' ? parseExpressionOnce(source) : parseTemplateOnce(source);
      if (!parsed.ok) {
        const { message, offset } = parsed.error;
        diagnostics.error(
          mode === 'expression' ? 'invalid-expression' : 'invalid-template',
          `${info.name}: ${field}: ${message} (at character ${offset + 1})`,
          { nodeId: info.envelope.id, field },
        );
        continue;
      }
      for (const variable of parsed.variables) {
        reads.push({ info, field, variable });
      }
    }
  }
  for (const { info, field, variable } of reads) {
    if (known.has(variable)) continue;
    diagnostics.warning(
      'unknown-variable',
      `${info.name}: ${field} reads vars.${variable}, which is neither declared nor set anywhere in the flow (it is empty)`,
      { nodeId: info.envelope.id, field },
    );
  }
}
