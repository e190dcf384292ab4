import { DirectoryConflictSchema } from '@callflow/schemas';
import type { z } from 'zod';
import { isApiError } from '../../api/http';

/** Error messages by field path ("vacation.from", "skills.0.level"), as Mantine's form keeps them. */
export type FieldErrors = Record<string, string>;

/** What went wrong that no single field shows: a conflict, a refusal, a field the form has no input for. */
export interface FormProblem {
  title: string;
  message: string;
  details: string[];
}

interface Issue {
  path: string;
  message: string;
}

const CONFLICT_TYPES: Record<string, string> = {
  agent: 'Agent',
  'ring-group': 'Ring group',
  queue: 'Queue',
  mailbox: 'Voicemail box',
  schedule: 'Schedule',
  flow: 'Flow',
  user: 'User',
};

/** zod speaks to developers about missing values; people filling a form read this instead. */
function readable(message: string): string {
  if (/^Invalid input: expected number, received (undefined|NaN)/.test(message)) return 'enter a number';
  if (/^Invalid input: expected \w+, received (undefined|null)/.test(message)) return 'required';
  if (/^Invalid option: expected one of/.test(message)) return 'choose one';
  return message;
}

/**
 * The form field an issue path belongs to: the path itself when the values have it, or the input holding a value the
 * path goes inside of (an issue at "hours.0.close" belongs to a text input "hours"); null when the form has no such field.
 */
function fieldOf(values: unknown, path: string): string | null {
  if (path === '') return null;
  const keys = path.split('.');
  let current: unknown = values;
  for (const [index, key] of keys.entries()) {
    if (typeof current !== 'object' || current === null) return index === 0 ? null : keys.slice(0, index).join('.');
    if (!(key in current)) return null;
    current = (current as Record<string, unknown>)[key];
  }
  return path;
}

/** Issues of fields in the form go next to them (first message per field); the others are listed in `rest`. */
export function placeIssues(issues: readonly Issue[], values: unknown): { fieldErrors: FieldErrors; rest: Issue[] } {
  const fieldErrors: FieldErrors = {};
  const rest: Issue[] = [];
  for (const issue of issues) {
    const message = readable(issue.message);
    const field = fieldOf(values, issue.path);
    if (field === null) rest.push({ path: issue.path, message });
    else fieldErrors[field] ??= message;
  }
  return { fieldErrors, rest };
}

const describeRest = (rest: Issue[]) => rest.map((issue) => (issue.path === '' || issue.path === '(body)' ? issue.message : `${issue.path}: ${issue.message}`));

/**
 * The form's own check: `toBody(values)` against the schema the API validates the body with, its issues placed on
 * the fields. Issues of fields without an input (should the form and the schema drift apart) go under `''`.
 */
export function validateWith<Values>(schema: z.ZodType, toBody: (values: Values) => unknown) {
  return (values: Values): FieldErrors => {
    const result = schema.safeParse(toBody(values));
    if (result.success) return {};
    const issues = result.error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
    const { fieldErrors, rest } = placeIssues(issues, values);
    return rest.length > 0 ? { ...fieldErrors, '': describeRest(rest).join('; ') } : fieldErrors;
  };
}

/** An API refusal as errors next to the fields it names, plus what no field can show. */
export function feedbackOf(error: unknown, values: unknown): { fieldErrors: FieldErrors; problem: FormProblem | null } {
  if (!isApiError(error)) {
    return { fieldErrors: {}, problem: { title: 'Not saved', message: error instanceof Error ? error.message : String(error), details: [] } };
  }
  if (error.status === 400 && error.issues.length > 0) {
    const { fieldErrors, rest } = placeIssues(error.issues, values);
    const problem = rest.length > 0 ? { title: 'Not saved', message: 'The server refused some values.', details: describeRest(rest) } : null;
    return { fieldErrors, problem };
  }
  if (error.status === 409) {
    const conflict = DirectoryConflictSchema.safeParse(error.body);
    const conflicts = conflict.success ? conflict.data.conflicts : [];
    const extension = conflicts.find((entry) => entry.detail.startsWith('extension'));
    const fieldErrors: FieldErrors = extension && fieldOf(values, 'extension') !== null ? { extension: `taken by ${CONFLICT_TYPES[extension.type] ?? extension.type} “${extension.name}”` } : {};
    const details = conflicts.map((entry) => `${CONFLICT_TYPES[entry.type] ?? entry.type} “${entry.name}”: ${entry.detail}`);
    return { fieldErrors, problem: { title: 'Conflict', message: error.message, details } };
  }
  if (error.status === 403) return { fieldErrors: {}, problem: { title: 'Not allowed', message: error.message, details: [] } };
  return { fieldErrors: {}, problem: { title: 'Not saved', message: error.message, details: [] } };
}

/** The first error of a field or of anything inside it: for one input holding a list (tags, multi-select). */
export function errorUnder(errors: Record<string, React.ReactNode>, path: string): React.ReactNode {
  const key = Object.keys(errors).find((candidate) => candidate === path || candidate.startsWith(`${path}.`));
  return key === undefined ? null : errors[key];
}
