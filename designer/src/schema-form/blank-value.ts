import type { FieldSpec } from './field-spec';

/** The value a new field starts with: its schema default, else an empty value of the right shape. */
export function blankValue(spec: FieldSpec): unknown {
  if ('default' in spec && spec.default !== undefined) return structuredClone(spec.default);
  switch (spec.type) {
    case 'text':
      return '';
    case 'number':
      return spec.min ?? 0;
    case 'boolean':
      return false;
    case 'choice':
      return spec.options[0];
    case 'constant':
      return spec.value;
    case 'nullable':
      return null;
    case 'object':
      return Object.fromEntries(spec.fields.map((field) => [field.key, blankValue(field.spec)]));
    case 'list':
      return [];
    case 'variants': {
      const [first] = spec.variants;
      return first ? blankValue(first.spec) : {};
    }
    case 'scalar':
      return '';
    case 'unsupported':
      return null;
  }
}

/**
 * A new list item. Choices take the first option no other item uses, so a menu's next option gets a free key.
 */
export function newListItem(item: FieldSpec, existing: readonly unknown[]): unknown {
  if (item.type === 'choice') return item.options.find((option) => !existing.includes(option)) ?? blankValue(item);
  const value = blankValue(item);
  if (item.type !== 'object') return value;
  const record = value as Record<string, unknown>;
  for (const field of item.fields) {
    if (field.spec.type !== 'choice') continue;
    const taken = existing.map((other) => (other as Record<string, unknown> | null)?.[field.key]);
    record[field.key] = field.spec.options.find((option) => !taken.includes(option)) ?? record[field.key];
  }
  return record;
}
