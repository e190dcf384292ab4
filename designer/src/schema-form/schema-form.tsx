import {
  ActionIcon,
  Autocomplete,
  Button,
  Checkbox,
  Chip,
  Fieldset,
  Group,
  Input,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { createContext, useContext, type ReactNode } from 'react';
import { blankValue, newListItem } from './blank-value';
import type { Field, FieldSpec, ObjectSpec, VariantsSpec } from './field-spec';
import { joinPath } from './issues';

export interface SchemaFormProps {
  spec: FieldSpec;
  value: unknown;
  /** The whole new value, and the dotted path of the field that changed. */
  onChange(value: unknown, path: string): void;
  issues: ReadonlyMap<string, string[]>;
  /** Values to offer for a text field (directory entries a reference can name). */
  suggestions?: (path: string) => string[] | null;
}

interface FormContext {
  issues: ReadonlyMap<string, string[]>;
  suggestions: (path: string) => string[] | null;
}

const Context = createContext<FormContext>({ issues: new Map(), suggestions: () => null });

const errorAt = (context: FormContext, path: string): string | null => context.issues.get(path)?.join('; ') ?? null;

/** A form generated from a field spec (itself generated from a zod schema), with zod's messages inline. */
export function SchemaForm({ spec, value, onChange, issues, suggestions = () => null }: SchemaFormProps) {
  const rootError = issues.get('');
  return (
    <Context.Provider value={{ issues, suggestions }}>
      <Stack gap="sm">
        {rootError && <Text c="red" size="sm">{rootError.join('; ')}</Text>}
        <ValueEditor field={{ key: '', label: '', description: null, spec }} path="" value={value} onChange={onChange} />
      </Stack>
    </Context.Provider>
  );
}

interface EditorProps {
  field: Field;
  path: string;
  value: unknown;
  onChange(value: unknown, path: string): void;
}

function ValueEditor({ field, path, value, onChange }: EditorProps) {
  const context = useContext(Context);
  const { spec } = field;
  const error = errorAt(context, path);
  const common = { label: field.label || undefined, description: field.description ?? undefined, error };
  switch (spec.type) {
    case 'text':
      return <TextEditor {...common} format={spec.format} path={path} value={value} onChange={(next) => onChange(next, path)} />;
    case 'number':
      return (
        <NumberInput
          {...common}
          value={typeof value === 'number' ? value : ''}
          min={spec.min ?? undefined}
          max={spec.max ?? undefined}
          allowDecimal={!spec.integer}
          onChange={(next) => onChange(typeof next === 'number' ? next : undefined, path)}
        />
      );
    case 'boolean':
      return <Switch {...common} checked={value === true} onChange={(event) => onChange(event.currentTarget.checked, path)} />;
    case 'choice':
      return <Select {...common} data={spec.options} value={typeof value === 'string' ? value : null} allowDeselect={false} onChange={(next) => onChange(next, path)} />;
    case 'constant':
      return null;
    case 'nullable':
      return <NullableEditor field={field} inner={spec.inner} path={path} value={value} onChange={onChange} />;
    case 'object':
      return <ObjectEditor field={field} spec={spec} path={path} value={value} onChange={onChange} />;
    case 'variants':
      return <VariantsEditor field={field} spec={spec} path={path} value={value} onChange={onChange} />;
    case 'list':
      return <ListEditor field={field} item={spec.item} maxItems={spec.maxItems} path={path} value={value} onChange={onChange} />;
    case 'scalar':
      return <ScalarEditor {...common} kinds={spec.kinds} value={value} onChange={(next) => onChange(next, path)} />;
    case 'unsupported':
      return (
        <Input.Wrapper {...common}>
          <Text size="sm" c="dimmed">
            Edit this field in the flow file.
          </Text>
        </Input.Wrapper>
      );
  }
}

interface InputProps {
  label: string | undefined;
  description: string | undefined;
  error: string | null;
}

function TextEditor({ format, path, value, onChange, ...common }: InputProps & { format: Extract<FieldSpec, { type: 'text' }>['format']; path: string; value: unknown; onChange(value: string): void }) {
  const { suggestions } = useContext(Context);
  const text = typeof value === 'string' ? value : '';
  const offered = suggestions(path);
  if (offered) return <Autocomplete {...common} data={offered} value={text} onChange={onChange} />;
  if (format === 'template' || format === 'expression') {
    return (
      <Textarea
        {...common}
        autosize
        minRows={format === 'template' ? 2 : 1}
        value={text}
        styles={format === 'expression' ? { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } : undefined}
        placeholder={format === 'template' ? 'Text; {{ vars.name }} inserts a value' : 'e.g. caller.areaCode == "415"'}
        onChange={(event) => onChange(event.currentTarget.value)}
      />
    );
  }
  const placeholder = format === 'phone' ? '+14155550123' : format === 'url' ? 'https://' : format === 'email' ? 'name@example.com' : undefined;
  return <TextInput {...common} value={text} placeholder={placeholder} onChange={(event) => onChange(event.currentTarget.value)} />;
}

/** An empty field means "not set" (null) where the schema allows it: most nullable settings fall back to a default. */
function NullableEditor({ field, inner, path, value, onChange }: Omit<EditorProps, 'field'> & { field: Field; inner: FieldSpec }) {
  const context = useContext(Context);
  const common = { label: field.label || undefined, description: field.description ?? undefined, error: errorAt(context, path) };
  switch (inner.type) {
    case 'boolean':
      return (
        <Input.Wrapper {...common}>
          <Choices
            options={[
              { value: 'default', label: 'Default' },
              { value: 'yes', label: 'Yes' },
              { value: 'no', label: 'No' },
            ]}
            value={value === true ? 'yes' : value === false ? 'no' : 'default'}
            onChange={(next) => onChange(next === 'default' ? null : next === 'yes', path)}
          />
        </Input.Wrapper>
      );
    case 'number':
      return (
        <NumberInput
          {...common}
          placeholder="Default"
          value={typeof value === 'number' ? value : ''}
          min={inner.min ?? undefined}
          max={inner.max ?? undefined}
          allowDecimal={!inner.integer}
          onChange={(next) => onChange(typeof next === 'number' ? next : null, path)}
        />
      );
    case 'text':
      return <TextEditor {...common} format={inner.format} path={path} value={value ?? ''} onChange={(next) => onChange(next === '' ? null : next, path)} />;
    case 'choice':
      return <Select {...common} data={inner.options} value={typeof value === 'string' ? value : null} clearable placeholder="None" onChange={(next) => onChange(next, path)} />;
    default:
      return (
        <Stack gap={6}>
          <Checkbox
            label={field.label}
            description={field.description ?? undefined}
            checked={value !== null && value !== undefined}
            onChange={(event) => onChange(event.currentTarget.checked ? blankValue(inner) : null, path)}
          />
          {value !== null && value !== undefined && (
            <Paper withBorder p="sm" radius="sm">
              <ValueEditor field={{ ...field, label: '', description: null, spec: inner }} path={path} value={value} onChange={onChange} />
            </Paper>
          )}
          {common.error && (
            <Text c="red" size="xs">
              {common.error}
            </Text>
          )}
        </Stack>
      );
  }
}

const asRecord = (value: unknown): Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};

function ObjectFields({ spec, path, value, onChange, skip }: { spec: ObjectSpec; path: string; value: unknown; onChange: EditorProps['onChange']; skip?: string }) {
  const record = asRecord(value);
  return (
    <Stack gap="sm">
      {spec.fields
        .filter((field) => field.key !== skip)
        .map((field) => (
          <ValueEditor
            key={field.key}
            field={field}
            path={joinPath(path, field.key)}
            value={record[field.key]}
            onChange={(next, changedPath) => onChange(withKey(record, field.key, next), changedPath)}
          />
        ))}
    </Stack>
  );
}

function withKey(record: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const next = { ...record };
  if (value === undefined) delete next[key];
  else next[key] = value;
  return next;
}

function Section({ field, error, children }: { field: Field; error: string | null; children: ReactNode }) {
  if (!field.label) return <>{children}</>;
  return (
    <Fieldset legend={field.label} variant="unstyled" styles={{ legend: { fontWeight: 600, fontSize: 'var(--mantine-font-size-sm)' } }}>
      {field.description && (
        <Text size="xs" c="dimmed" mb={6}>
          {field.description}
        </Text>
      )}
      {children}
      {error && (
        <Text c="red" size="xs" mt={4}>
          {error}
        </Text>
      )}
    </Fieldset>
  );
}

function ObjectEditor({ field, spec, path, value, onChange }: EditorProps & { spec: ObjectSpec }) {
  const context = useContext(Context);
  return (
    <Section field={field} error={field.label ? errorAt(context, path) : null}>
      <ObjectFields spec={spec} path={path} value={value} onChange={onChange} />
    </Section>
  );
}

function VariantsEditor({ field, spec, path, value, onChange }: EditorProps & { spec: VariantsSpec }) {
  const context = useContext(Context);
  const record = asRecord(value);
  const current = spec.variants.find((variant) => variant.value === record[spec.discriminator]) ?? spec.variants[0];
  if (!current) return null;
  return (
    <Section field={field} error={field.label ? errorAt(context, path) : null}>
      <Stack gap="sm">
        <Choices
          options={spec.variants}
          value={current.value}
          onChange={(next) => {
            const variant = spec.variants.find((candidate) => candidate.value === next);
            if (variant) onChange(blankValue(variant.spec), joinPath(path, spec.discriminator));
          }}
        />
        <ObjectFields spec={current.spec} path={path} value={value} onChange={onChange} skip={spec.discriminator} />
      </Stack>
    </Section>
  );
}

function singular(label: string): string {
  return label.endsWith('s') ? label.slice(0, -1) : label;
}

function ListEditor({ field, item, maxItems, path, value, onChange }: EditorProps & { item: FieldSpec; maxItems: number | null }) {
  const context = useContext(Context);
  const items = Array.isArray(value) ? value : [];
  const itemName = singular(field.label || 'Item');
  const replace = (next: unknown[], changedPath: string) => onChange(next, changedPath);
  const inline = item.type === 'text' || item.type === 'number' || item.type === 'choice';
  return (
    <Section field={field} error={errorAt(context, path)}>
      <Stack gap="xs">
        {items.map((entry, index) => {
          const itemPath = joinPath(path, index);
          const editor = (
            <ValueEditor
              field={{ key: String(index), label: '', description: null, spec: item }}
              path={itemPath}
              value={entry}
              onChange={(next, changedPath) => replace(items.map((other, otherIndex) => (otherIndex === index ? next : other)), changedPath)}
            />
          );
          // The edit is keyed by the list's length, so that removing two items is two undo steps.
          const remove = (
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={`Remove ${itemName.toLowerCase()} ${index + 1}`}
              onClick={() => replace(items.filter((_, otherIndex) => otherIndex !== index), `${path}:${items.length}`)}
            >
              <IconTrash size={16} />
            </ActionIcon>
          );
          return inline ? (
            <Group key={index} gap={4} align="flex-start" wrap="nowrap">
              <div style={{ flex: 1 }}>{editor}</div>
              {remove}
            </Group>
          ) : (
            <Paper key={index} withBorder p="sm" radius="sm">
              <Group justify="space-between" mb={6}>
                <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                  {itemName} {index + 1}
                </Text>
                {remove}
              </Group>
              {editor}
            </Paper>
          );
        })}
        <Button
          variant="light"
          size="xs"
          leftSection={<IconPlus size={14} />}
          disabled={maxItems !== null && items.length >= maxItems}
          onClick={() => replace([...items, newListItem(item, items)], joinPath(path, items.length))}
          style={{ alignSelf: 'flex-start' }}
        >
          Add {itemName.toLowerCase()}
        </Button>
      </Stack>
    </Section>
  );
}

const SCALAR_LABELS = { text: 'Text', number: 'Number', boolean: 'Yes / no' } as const;

function ScalarEditor({ kinds, value, onChange, ...common }: InputProps & { kinds: ('text' | 'number' | 'boolean')[]; value: unknown; onChange(value: unknown): void }) {
  const current = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';
  const switchTo = (kind: string) => onChange(kind === 'number' ? 0 : kind === 'boolean' ? true : '');
  return (
    <Input.Wrapper {...common}>
      <Stack gap={6}>
        <Choices options={kinds.map((kind) => ({ value: kind, label: SCALAR_LABELS[kind] }))} value={current} onChange={switchTo} />
        {current === 'text' && <TextInput value={typeof value === 'string' ? value : ''} onChange={(event) => onChange(event.currentTarget.value)} />}
        {current === 'number' && <NumberInput value={typeof value === 'number' ? value : ''} onChange={(next) => onChange(typeof next === 'number' ? next : 0)} />}
        {current === 'boolean' && <Switch checked={value === true} label={value === true ? 'Yes' : 'No'} onChange={(event) => onChange(event.currentTarget.checked)} />}
      </Stack>
    </Input.Wrapper>
  );
}

/**
 * One of a few options, as chips. Not a SegmentedControl: its sliding indicator measures the page whenever something
 * resizes, and while a large flow's canvas was being laid out that forced a full layout of it again and again (11 times
 * as bench:designer's 500-node flow opened, with the flow settings' three variables on screen).
 */
function Choices({ options, value, onChange }: { options: readonly { value: string; label: string }[]; value: string; onChange(next: string): void }) {
  return (
    <Chip.Group multiple={false} value={value} onChange={onChange}>
      <Group gap={6}>
        {options.map((option) => (
          <Chip key={option.value} value={option.value} size="xs" radius="sm">
            {option.label}
          </Chip>
        ))}
      </Group>
    </Chip.Group>
  );
}
