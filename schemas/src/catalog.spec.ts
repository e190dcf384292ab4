import { loadNodeFixtures } from '../test/fixtures/nodes/fixtures';
import { NODE_CATEGORIES, type NodeDefinition } from './define-node';
import { nodeCatalog, type NodeKind } from './nodes';

const entries = Object.entries(nodeCatalog) as [NodeKind, NodeDefinition][];

describe('node catalog', () => {
  it('has exactly one kind that nothing connects into: the entry', () => {
    expect(entries.filter(([, definition]) => !definition.acceptsInput).map(([key]) => key)).toEqual(['entry']);
  });

  it('has unique display names', () => {
    const names = entries.map(([, definition]) => definition.ui.displayName);
    expect(names).toEqual([...new Set(names)]);
  });

  describe.each(entries)('%s', (key, definition) => {
    it('is filed under its own kind, in kebab-case', () => {
      expect(definition.kind).toBe(key);
      expect(key).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    });

    it('has a config version of at least 1, and a migration for every older version', () => {
      expect(Number.isInteger(definition.version)).toBe(true);
      expect(definition.version).toBeGreaterThanOrEqual(1);
      for (let version = 1; version < definition.version; version += 1) {
        expect({ version, migration: typeof definition.migrations[version] }).toEqual({ version, migration: 'function' });
      }
    });

    it('has UI hints for the palette and the canvas', () => {
      const { displayName, category, icon, description } = definition.ui;
      expect(displayName.trim()).not.toBe('');
      expect(NODE_CATEGORIES).toContain(category);
      expect(icon).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(description.trim().length).toBeGreaterThan(10);
    });

    it.each(loadNodeFixtures(key).valid)('summarises the valid fixture “$name” in one line', ({ config }) => {
      const summary = definition.ui.summary(definition.config.parse(config));
      expect(typeof summary).toBe('string');
      expect(summary.trim()).not.toBe('');
      expect(summary).not.toMatch(/\n|undefined|\[object Object\]/);
    });
  });
});
