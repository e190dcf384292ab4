// PostgreSQL text and jsonb cannot hold U+0000, and an unpaired UTF-16 surrogate is not text at all.
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
export const UNSTORABLE_TEXT_MESSAGE = 'contains a NUL character or an unpaired surrogate, which cannot be stored';
export const isStorableText = (text: string): boolean => !UNSTORABLE.test(text);

/** The path of the first string (value or key) in a JSON value that cannot be stored; null if there is none. */
export function unstorablePath(json: unknown): PropertyKey[] | null {
  const pending: Array<{ value: unknown; path: PropertyKey[] }> = [{ value: json, path: [] }];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (!isStorableText(value)) return path;
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => pending.push({ value: item, path: [...path, index] }));
    } else if (typeof value === 'object' && value !== null) {
      for (const [key, item] of Object.entries(value)) {
        if (!isStorableText(key)) return [...path, key];
        pending.push({ value: item, path: [...path, key] });
      }
    }
  }
  return null;
}
