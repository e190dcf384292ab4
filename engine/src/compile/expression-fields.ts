import type { NodeConfig, NodeKind, Prompt } from '@callflow/schemas';

/** A config field written in the expression language: a bare expression or a `{{ }}` template. */
export interface ExpressionField {
  /** Dotted path inside the node's config. */
  field: string;
  source: string;
  mode: 'expression' | 'template';
}

/** A config field that stores a value into a flow variable when the node runs. */
export interface VariableAssignment {
  field: string;
  variable: string;
}

type PerKind<Result> = { [K in NodeKind]: (config: NodeConfig<K>) => Result[] };

function promptFields(prompt: Prompt | null, field: string): ExpressionField[] {
  return prompt?.type === 'tts' ? [{ field: `${field}.text`, source: prompt.text, mode: 'template' }] : [];
}

const template = (field: string, source: string): ExpressionField => ({ field, source, mode: 'template' });
const expression = (field: string, source: string): ExpressionField => ({ field, source, mode: 'expression' });

/** Which config fields of each kind hold expressions or templates (checked by validate, parsed at run time). */
export const expressionFields = {
  entry: () => [],
  play: (config) => promptFields(config.prompt, 'prompt'),
  menu: (config) => [
    ...promptFields(config.prompt, 'prompt'),
    ...promptFields(config.invalidPrompt, 'invalidPrompt'),
    ...promptFields(config.timeoutPrompt, 'timeoutPrompt'),
  ],
  'collect-digits': (config) => [
    ...promptFields(config.prompt, 'prompt'),
    ...(config.validation === null ? [] : [expression('validation', config.validation)]),
    ...promptFields(config.invalidPrompt, 'invalidPrompt'),
  ],
  'business-hours': () => [],
  condition: (config) => config.rules.map((rule, index) => expression(`rules.${index}.when`, rule.when)),
  'set-variable': (config) =>
    config.assignments.flatMap((assignment, index) =>
      assignment.value.type === 'expression'
        ? [expression(`assignments.${index}.value.expression`, assignment.value.expression)]
        : [],
    ),
  'http-request': (config) => [
    template('url', config.url),
    ...config.headers.map((header, index) => template(`headers.${index}.value`, header.value)),
    ...(config.body === null ? [] : [template('body', config.body)]),
  ],
  'ring-group': (config) => promptFields(config.announce, 'announce'),
  queue: (config) => [
    ...promptFields(config.entryPrompt, 'entryPrompt'),
    ...promptFields(config.callback?.prompt ?? null, 'callback.prompt'),
  ],
  'dial-extension': (config) => [template('extension', config.extension)],
  transfer: (config) => [template('destination', config.destination)],
  voicemail: (config) => promptFields(config.greeting, 'greeting'),
  'send-sms': (config) => [template('to', config.to), template('text', config.text)],
  record: (config) => (config.action === 'start' ? promptFields(config.consentPrompt, 'consentPrompt') : []),
  'go-to': () => [],
  'hang-up': (config) => promptFields(config.goodbye, 'goodbye'),
} satisfies PerKind<ExpressionField>;

/** Which config fields of each kind write a flow variable. */
export const variableAssignments = {
  entry: () => [],
  play: () => [],
  menu: () => [],
  'collect-digits': (config) => [{ field: 'variable', variable: config.variable }],
  'business-hours': () => [],
  condition: () => [],
  'set-variable': (config) =>
    config.assignments.map((assignment, index) => ({ field: `assignments.${index}.variable`, variable: assignment.variable })),
  'http-request': (config) =>
    config.responseMappings.map((mapping, index) => ({ field: `responseMappings.${index}.variable`, variable: mapping.variable })),
  'ring-group': () => [],
  queue: () => [],
  'dial-extension': () => [],
  transfer: () => [],
  voicemail: () => [],
  'send-sms': () => [],
  record: () => [],
  'go-to': () => [],
  'hang-up': () => [],
} satisfies PerKind<VariableAssignment>;

/** The registries are typed per kind; this reads them for a node whose kind is only known at run time. */
export function expressionFieldsOf(kind: NodeKind, config: NodeConfig<NodeKind>): ExpressionField[] {
  return (expressionFields[kind] as (config: NodeConfig<NodeKind>) => ExpressionField[])(config);
}

export function variableAssignmentsOf(kind: NodeKind, config: NodeConfig<NodeKind>): VariableAssignment[] {
  return (variableAssignments[kind] as (config: NodeConfig<NodeKind>) => VariableAssignment[])(config);
}
