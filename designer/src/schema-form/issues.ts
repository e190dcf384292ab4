import type { z } from 'zod';

/** zod's messages for a value, by dotted path ("" for the value itself): the inspector shows each beside its field. */
export function issuesByPath(schema: z.ZodType, value: unknown): ReadonlyMap<string, string[]> {
  const parsed = schema.safeParse(value);
  const issues = new Map<string, string[]>();
  if (parsed.success) return issues;
  for (const issue of parsed.error.issues) {
    const path = issue.path.map(String).join('.');
    issues.set(path, [...(issues.get(path) ?? []), issue.message]);
  }
  return issues;
}

export const joinPath = (path: string, key: string | number): string => (path === '' ? String(key) : `${path}.${key}`);
