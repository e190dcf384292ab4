// The compose file as `docker compose` reads it: YAML (merge keys on), variables interpolated from an env file.
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

/** `KEY=value` lines of an env file (comments and blank lines skipped). */
export function parseEnvFile(text: string): Map<string, string> {
  const entries = text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line): [string, string] => {
      const equals = line.indexOf('=');
      return [line.slice(0, equals), line.slice(equals + 1)];
    });
  return new Map(entries);
}

/** One `${…}` reference: its variable, and whether it must be set (`:?`) or has a default (`:-`). */
export interface VariableReference {
  name: string;
  required: boolean;
  fallback: string | null;
}

const REFERENCE = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g;

export function variableReferences(text: string): VariableReference[] {
  return [...text.matchAll(REFERENCE)].map(([, name, , operator, argument]) => ({
    name: name!,
    required: operator === '?',
    fallback: operator === '-' ? (argument ?? '') : null,
  }));
}

/** Compose's interpolation (`${VAR}`, `${VAR:-default}`, `${VAR:?message}`); a required variable left empty throws. */
export function interpolate(text: string, env: ReadonlyMap<string, string>): string {
  return text.replace(REFERENCE, (_match, name: string, colon: string, operator: string | undefined, argument: string | undefined) => {
    const value = env.get(name);
    const missing = value === undefined || (colon === ':' && value === '');
    if (!missing) return value;
    if (operator === '?') throw new Error(`${name}: ${argument || 'required'}`);
    return operator === '-' ? (argument ?? '') : '';
  });
}

export function loadCompose(file: string, env: ReadonlyMap<string, string>): ComposeFile {
  return parse(interpolate(readFileSync(file, 'utf8'), env), { merge: true }) as ComposeFile;
}

export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string; target?: string };
  command?: string[];
  entrypoint?: string[];
  environment?: Record<string, string>;
  restart?: string;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  deploy?: { replicas?: number };
  ports?: string[];
  volumes?: string[];
  user?: string;
}

export interface ComposeFile {
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}
