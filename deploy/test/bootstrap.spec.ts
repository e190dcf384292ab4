import { chmodSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  TEMPORAL_CLI_VERSION,
  checkNodeVersion,
  dependenciesStaleReason,
  installedTemporalVersion,
  isLockfileOutOfSync,
  parseTemporalVersion,
} from '../bin/bootstrap.cjs';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'callflow-bootstrap-'));
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

function fakeTemporal(script: string): string {
  const binary = path.join(dir, 'temporal');
  writeFileSync(binary, `#!/bin/sh\n${script}\n`);
  chmodSync(binary, 0o755);
  return binary;
}

describe('checkNodeVersion', () => {
  it('accepts 20.19 and newer', () => {
    expect(checkNodeVersion('20.19.0')).toBeNull();
    expect(checkNodeVersion('22.1.0')).toBeNull();
  });

  it('explains what to do with an older Node', () => {
    expect(checkNodeVersion('20.18.3')).toBe(
      'Node.js 20.19.0 or newer is required (found 20.18.3). ' +
        'Install a current Node.js 20 LTS or newer (for example with nvm: `nvm install 20`) and retry.',
    );
    expect(checkNodeVersion('18.20.0')).toContain('found 18.20.0');
  });
});

describe('Temporal CLI version check', () => {
  it('pins 1.9.1', () => {
    expect(TEMPORAL_CLI_VERSION).toBe('1.9.1');
  });

  it('parses `temporal --version` output', () => {
    expect(parseTemporalVersion('temporal version 1.9.1 (Server 1.32.0, UI 2.54.1)\n')).toBe('1.9.1');
    expect(parseTemporalVersion('something else')).toBeNull();
  });

  it('reports the version of an installed binary', () => {
    expect(installedTemporalVersion(fakeTemporal('echo "temporal version 1.8.0 (Server 1.31.0, UI 2.40.0)"'))).toBe('1.8.0');
  });

  it('reports nothing for a missing or failing binary', () => {
    expect(installedTemporalVersion(path.join(dir, 'missing'))).toBeNull();
    expect(installedTemporalVersion(fakeTemporal('exit 3'))).toBeNull();
  });
});

describe('dependenciesStaleReason', () => {
  function project(files: Record<string, number>): string {
    for (const [file, mtimeSeconds] of Object.entries(files)) {
      const full = path.join(dir, file);
      mkdirSync(path.dirname(full), { recursive: true });
      writeFileSync(full, '{}');
      utimesSync(full, mtimeSeconds, mtimeSeconds);
    }
    return dir;
  }

  it('asks for an install when node_modules is missing or was not made by npm', () => {
    expect(dependenciesStaleReason(project({ 'package-lock.json': 1000 }))).toBe('node_modules is missing');
    mkdirSync(path.join(dir, 'node_modules'));
    expect(dependenciesStaleReason(dir)).toBe('node_modules was not installed by npm');
  });

  it('asks for an install when the lockfile changed after the last install', () => {
    const root = project({ 'node_modules/.package-lock.json': 1000, 'package-lock.json': 2000 });
    expect(dependenciesStaleReason(root)).toBe('package-lock.json changed since the last install');
  });

  it('accepts an install newer than the lockfile', () => {
    expect(dependenciesStaleReason(project({ 'package-lock.json': 1000, 'node_modules/.package-lock.json': 2000 }))).toBeNull();
  });
});

describe('isLockfileOutOfSync', () => {
  it('recognises npm ci refusing a lockfile that lacks optional packages', () => {
    const output = [
      'npm error code EUSAGE',
      'npm error',
      'npm error `npm ci` can only install packages when your package.json and package-lock.json or npm-shrinkwrap.json are in sync.',
      'npm error Missing: @swc/core-darwin-arm64@ from lock file',
    ].join('\n');
    expect(isLockfileOutOfSync(output)).toBe(true);
  });

  it('leaves other failures alone', () => {
    expect(isLockfileOutOfSync('npm error code ECONNREFUSED\nnpm error network request failed')).toBe(false);
  });
});
