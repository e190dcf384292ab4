import {
  NODE_CATEGORIES,
  NODE_KINDS,
  nodeCatalog,
  type EntityReference,
  type NodeCategory,
  type NodeDefinition,
  type NodeKind,
  type PortSpec,
} from '@callflow/schemas';
import type { z } from 'zod';
import type { DraftNode } from '../document/draft-document';
import { blankValue } from '../schema-form/blank-value';
import { fieldSpecOf } from '../schema-form/field-spec';

type AnyDefinition = NodeDefinition<NodeKind, z.ZodType>;

export function definitionOf(kind: NodeKind): AnyDefinition {
  return nodeCatalog[kind] as unknown as AnyDefinition;
}

/**
 * What a definition derives from a node's config (ports, summary, references). A draft config may not pass its
 * schema yet: the raw config is used then, and a config too broken for the definition yields the fallback.
 */
function deriveFromDraft<T>(node: Pick<DraftNode, 'kind' | 'config'>, derive: (definition: AnyDefinition, config: unknown) => T, fallback: T): T {
  const definition = definitionOf(node.kind);
  const parsed = definition.config.safeParse(node.config);
  try {
    return derive(definition, parsed.success ? parsed.data : node.config);
  } catch {
    return fallback;
  }
}

export function portsOf(node: Pick<DraftNode, 'kind' | 'config'>): PortSpec[] {
  return deriveFromDraft(node, (definition, config) => definition.ports(config), []);
}

export function summaryOf(node: Pick<DraftNode, 'kind' | 'config'>): string {
  return deriveFromDraft(node, (definition, config) => definition.ui.summary(config), '');
}

/** Config fields that name directory entities, by dotted path. */
export function referencesOf(node: Pick<DraftNode, 'kind' | 'config'>): EntityReference[] {
  return deriveFromDraft(node, (definition, config) => definition.references(config), []);
}

/** A new node's config: schema defaults, empty values elsewhere (validation then says what to fill in). */
export function blankConfig(kind: NodeKind): Record<string, unknown> {
  return blankValue(fieldSpecOf(definitionOf(kind).config)) as Record<string, unknown>;
}

/** Kinds nothing can connect into start a flow; a flow has exactly one. */
export const isStartKind = (kind: NodeKind): boolean => !definitionOf(kind).acceptsInput;

export interface PaletteGroup {
  category: NodeCategory;
  kinds: NodeKind[];
}

/** The palette: kinds by category, in catalog order, filtered by a search over names and descriptions. */
export function paletteGroups(search: string): PaletteGroup[] {
  const needle = search.trim().toLowerCase();
  const matches = (kind: NodeKind) => {
    const { ui } = definitionOf(kind);
    return needle === '' || [kind, ui.displayName, ui.description].some((text) => text.toLowerCase().includes(needle));
  };
  return NODE_CATEGORIES.map((category) => ({
    category,
    kinds: NODE_KINDS.filter((kind) => definitionOf(kind).ui.category === category && matches(kind)),
  })).filter((group) => group.kinds.length > 0);
}
