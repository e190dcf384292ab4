import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths';

export const DESIGNER_DIST_DIR = path.join(REPO_ROOT, 'designer', 'dist');
/** What the designer bundle is built from: its own sources and the browser-safe packages it imports. */
const DESIGNER_SOURCES = ['designer/src', 'designer/index.html', 'designer/vite.config.ts', 'designer/package.json', 'schemas/src', 'engine/src'];

function newestModification(entry: string): number {
  const stats = statSync(entry);
  if (!stats.isDirectory()) return stats.mtimeMs;
  return readdirSync(entry).reduce((newest, child) => Math.max(newest, newestModification(path.join(entry, child))), stats.mtimeMs);
}

/** Why the designer must be (re)built, or null when designer/dist is newer than everything it is built from. */
export function designerBuildStaleReason(root = REPO_ROOT): string | null {
  const index = path.join(root, 'designer', 'dist', 'index.html');
  if (!existsSync(index)) return 'designer/dist is missing';
  const built = statSync(index).mtimeMs;
  const changed = DESIGNER_SOURCES.find((source) => {
    const full = path.join(root, source);
    return existsSync(full) && newestModification(full) > built;
  });
  return changed === undefined ? null : `${changed} changed since the last build`;
}

/** `vite build` of the designer (output shown); rejects on failure. */
export async function buildDesigner(): Promise<void> {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  // Test runners set NODE_ENV=test, which would make Vite build React's development bundle.
  const env = { ...process.env, NODE_ENV: 'production' };
  const child = spawn(npm, ['run', 'build', '-w', 'designer'], { cwd: REPO_ROOT, stdio: 'inherit', env });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('exit', resolve);
  });
  if (code !== 0) throw new Error(`Building the designer failed (exit code ${code ?? 'none'}); see its output above.`);
}
