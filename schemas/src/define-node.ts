import type { z } from 'zod';

export const NODE_CATEGORIES = ['start', 'prompts', 'logic', 'routing', 'actions', 'end'] as const;
export type NodeCategory = (typeof NODE_CATEGORIES)[number];

/** An outgoing connection point of a node. Edges name the port they leave from. */
export interface PortSpec {
  name: string;
  label: string;
  /** A required port must be connected; an unconnected optional port hangs the call up. */
  required: boolean;
}

/** Something a node config points at outside the flow: checked against the directory by `validate`. */
export interface EntityReference {
  type: 'schedule' | 'queue' | 'agent' | 'ring-group' | 'mailbox' | 'flow';
  id: string;
  /** Dotted path of the config field holding the reference, for diagnostics and the inspector. */
  field: string;
}

export interface NodeUiHints<Config> {
  displayName: string;
  category: NodeCategory;
  /** Icon name from the designer's icon set. */
  icon: string;
  description: string;
  /** One line shown on the canvas node. */
  summary: (config: Config) => string;
}

export interface NodeDefinition<Kind extends string = string, Schema extends z.ZodType = z.ZodType> {
  kind: Kind;
  /** Current config version; older documents are migrated up to it before validation. */
  version: number;
  config: Schema;
  /** Whether other nodes can connect into this node (false only for the entry). */
  acceptsInput: boolean;
  /** True when running the node waits for the caller or the clock, so a loop through it cannot spin. */
  waitsForCaller: boolean;
  ports: (config: z.output<Schema>) => PortSpec[];
  references: (config: z.output<Schema>) => EntityReference[];
  ui: NodeUiHints<z.output<Schema>>;
  /** `migrations[n]` turns a version-n config into a version-(n+1) config. */
  migrations: Readonly<Record<number, (config: unknown) => unknown>>;
}

export type NodeConfigOf<D> = D extends NodeDefinition<string, infer S> ? z.output<S> : never;

type DefinitionInput<Kind extends string, Schema extends z.ZodType> = Omit<
  NodeDefinition<Kind, Schema>,
  'acceptsInput' | 'waitsForCaller' | 'references' | 'migrations'
> &
  Partial<Pick<NodeDefinition<Kind, Schema>, 'acceptsInput' | 'waitsForCaller' | 'references' | 'migrations'>>;

export function defineNode<Kind extends string, Schema extends z.ZodType>(
  definition: DefinitionInput<Kind, Schema>,
): NodeDefinition<Kind, Schema> {
  return {
    acceptsInput: true,
    waitsForCaller: false,
    references: () => [],
    migrations: {},
    ...definition,
  };
}

export const port = (name: string, label: string, required = true): PortSpec => ({ name, label, required });
