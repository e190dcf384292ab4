import { describeThrown } from './structure';

export type MigrationOutcome =
  | { ok: true; config: unknown }
  | { ok: false; reason: 'missing'; fromVersion: number }
  | { ok: false; reason: 'failed'; fromVersion: number; message: string };

/** Runs `migrations[v]` for v = fromVersion … toVersion-1, turning a version-`fromVersion` config into the current one. */
export function migrateConfig(
  migrations: Readonly<Record<number, (config: unknown) => unknown>>,
  fromVersion: number,
  toVersion: number,
  config: unknown,
): MigrationOutcome {
  let current = config;
  for (let version = fromVersion; version < toVersion; version += 1) {
    const migration = Object.hasOwn(migrations, version) ? migrations[version] : undefined;
    if (migration === undefined) return { ok: false, reason: 'missing', fromVersion: version };
    try {
      current = migration(current);
    } catch (caught) {
      return { ok: false, reason: 'failed', fromVersion: version, message: describeThrown(caught) };
    }
  }
  return { ok: true, config: current };
}
