import { z } from 'zod';

/** How one value of a config is edited, read from the JSON Schema that zod generates for the node's config schema. */
export type FieldSpec =
  | { type: 'text'; format: TextFormat; minLength: number | null; maxLength: number | null; default?: unknown }
  | { type: 'number'; integer: boolean; min: number | null; max: number | null; default?: unknown }
  | { type: 'boolean'; default?: unknown }
  | { type: 'choice'; options: string[]; default?: unknown }
  | { type: 'constant'; value: string | number | boolean }
  | { type: 'nullable'; inner: FieldSpec; default?: unknown }
  | ObjectSpec
  | { type: 'list'; item: FieldSpec; minItems: number; maxItems: number | null; default?: unknown }
  | VariantsSpec
  /** A value that may be text, a number or yes/no (a literal assigned to a variable). */
  | { type: 'scalar'; kinds: ('text' | 'number' | 'boolean')[] }
  /** Something the schema does not describe in a way a form can edit. */
  | { type: 'unsupported' };

export type TextFormat = 'plain' | 'template' | 'expression' | 'email' | 'url' | 'phone';

export interface ObjectSpec {
  type: 'object';
  fields: Field[];
  default?: unknown;
}

/** A discriminated union: one object shape per value of the discriminator (a prompt is `tts` or `audio`). */
export interface VariantsSpec {
  type: 'variants';
  discriminator: string;
  variants: { value: string; label: string; spec: ObjectSpec }[];
  default?: unknown;
}

export interface Field {
  key: string;
  label: string;
  description: string | null;
  spec: FieldSpec;
}

type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  description?: string;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
};

const E164_PATTERN = '^\\+[1-9]\\d{6,14}$';
const ACRONYMS: Record<string, string> = { url: 'URL', sms: 'SMS', id: 'ID', ids: 'IDs', http: 'HTTP', tts: 'Text to speech' };

/** "timeoutSecs" → "Timeout (seconds)", "agentIds" → "Agent IDs", "tts" → "Text to speech". */
export function humanize(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/[-_]/g, ' ')
    .toLowerCase()
    .split(' ')
    .filter(Boolean);
  const seconds = words.at(-1) === 'secs';
  if (seconds) words.pop();
  const text = words.map((word) => ACRONYMS[word] ?? word).join(' ');
  const capitalised = text.charAt(0).toUpperCase() + text.slice(1);
  return seconds ? `${capitalised} (seconds)` : capitalised;
}

function withDefault<T extends FieldSpec>(spec: T, schema: JsonSchema): T {
  return 'default' in schema ? { ...spec, default: schema.default } : spec;
}

function textFormat(schema: JsonSchema): TextFormat {
  if (schema.format === 'callflow-template') return 'template';
  if (schema.format === 'callflow-expression') return 'expression';
  if (schema.format === 'email') return 'email';
  if (schema.format === 'uri') return 'url';
  if (schema.pattern === E164_PATTERN) return 'phone';
  return 'plain';
}

function isNull(schema: JsonSchema): boolean {
  return schema.type === 'null';
}

function objectSpec(schema: JsonSchema): ObjectSpec {
  const fields = Object.entries(schema.properties ?? {}).map(([key, property]) => ({
    key,
    label: humanize(key),
    description: property.description ?? null,
    spec: specOf(property),
  }));
  return withDefault({ type: 'object', fields }, schema);
}

function variantsSpec(schema: JsonSchema, members: JsonSchema[]): FieldSpec {
  const discriminator = Object.keys(members[0]?.properties ?? {}).find((key) =>
    members.every((member) => typeof member.properties?.[key]?.const === 'string'),
  );
  if (discriminator === undefined) return { type: 'unsupported' };
  const variants = members.map((member) => {
    const value = member.properties![discriminator]!.const as string;
    return { value, label: humanize(value), spec: objectSpec(member) };
  });
  return withDefault({ type: 'variants', discriminator, variants }, schema);
}

function specOf(schema: JsonSchema): FieldSpec {
  if (schema.anyOf) {
    const others = schema.anyOf.filter((member) => !isNull(member));
    if (others.length === 1 && others.length < schema.anyOf.length) {
      return withDefault({ type: 'nullable', inner: specOf(others[0]!) }, schema);
    }
    const kinds = others.map((member) => member.type);
    if (others.length === schema.anyOf.length && kinds.every((kind) => kind === 'string' || kind === 'number' || kind === 'boolean')) {
      return { type: 'scalar', kinds: kinds.map((kind) => (kind === 'string' ? 'text' : (kind as 'number' | 'boolean'))) };
    }
    return variantsSpec(schema, schema.anyOf);
  }
  if (schema.oneOf) return variantsSpec(schema, schema.oneOf);
  if (Array.isArray(schema.type)) {
    const [inner] = schema.type.filter((type) => type !== 'null');
    if (schema.type.length === 2 && inner !== undefined) {
      const { default: _nullableDefault, ...innerSchema } = schema;
      return withDefault({ type: 'nullable', inner: specOf({ ...innerSchema, type: inner }) }, schema);
    }
    return { type: 'unsupported' };
  }
  if (schema.const !== undefined) return { type: 'constant', value: schema.const as string | number | boolean };
  if (schema.enum) return withDefault({ type: 'choice', options: schema.enum.map(String) }, schema);
  switch (schema.type) {
    case 'string':
      return withDefault(
        { type: 'text', format: textFormat(schema), minLength: schema.minLength ?? null, maxLength: schema.maxLength ?? null },
        schema,
      );
    case 'integer':
    case 'number':
      return withDefault({ type: 'number', integer: schema.type === 'integer', min: schema.minimum ?? null, max: schema.maximum ?? null }, schema);
    case 'boolean':
      return withDefault({ type: 'boolean' }, schema);
    case 'object':
      return objectSpec(schema);
    case 'array':
      return schema.items
        ? withDefault({ type: 'list', item: specOf(schema.items), minItems: schema.minItems ?? 0, maxItems: schema.maxItems ?? null }, schema)
        : { type: 'unsupported' };
    default:
      return { type: 'unsupported' };
  }
}

const specCache = new WeakMap<z.ZodType, FieldSpec>();

/** The form of a zod schema (generated once per schema). */
export function fieldSpecOf(schema: z.ZodType): FieldSpec {
  let spec = specCache.get(schema);
  if (spec === undefined) {
    spec = specOf(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema);
    specCache.set(schema, spec);
  }
  return spec;
}
