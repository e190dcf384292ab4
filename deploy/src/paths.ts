import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const CACHE_DIR = path.join(REPO_ROOT, '.cache');
export const DATA_DIR = path.join(REPO_ROOT, '.data');

/** The Temporal CLI installed by deploy/bin/bootstrap.cjs (overridable with TEMPORAL_CLI_PATH). */
export function temporalCliPath(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEMPORAL_CLI_PATH ?? path.join(CACHE_DIR, 'temporal-cli', 'bin', 'temporal');
}

/** Arguments for `node` to run a TypeScript file the way the API and its CLIs run (SWC, decorator metadata). */
export function nodeTypeScriptArgs(file: string): string[] {
  return ['-r', path.join(REPO_ROOT, 'deploy', 'bin', 'swc-register.cjs'), file];
}

/** For `node --import <this> file.ts`: tsx's loader (no decorator metadata; fine for the launcher's own code). */
export function tsxLoaderUrl(): string {
  return pathToFileURL(require.resolve('tsx', { paths: [REPO_ROOT] })).href;
}
