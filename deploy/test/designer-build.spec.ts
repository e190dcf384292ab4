import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { designerBuildStaleReason } from '../src/designer-build';

function workspace(): string {
  const root = mkdtempSync(path.join(tmpdir(), 'designer-build-'));
  for (const dir of ['designer/src', 'schemas/src', 'engine/src']) mkdirSync(path.join(root, dir), { recursive: true });
  writeFileSync(path.join(root, 'designer/src/main.tsx'), 'x');
  writeFileSync(path.join(root, 'engine/src/index.ts'), 'x');
  return root;
}

function touch(file: string, secondsAgo: number): void {
  const when = new Date(Date.now() - secondsAgo * 1000);
  utimesSync(file, when, when);
}

describe('designerBuildStaleReason', () => {
  it('asks for a build when there is none', () => {
    expect(designerBuildStaleReason(workspace())).toBe('designer/dist is missing');
  });

  it('is satisfied by a build newer than every source, and not by one older than an engine change', () => {
    const root = workspace();
    mkdirSync(path.join(root, 'designer/dist'));
    const index = path.join(root, 'designer/dist/index.html');
    writeFileSync(index, '<!doctype html>');
    for (const file of ['designer/src/main.tsx', 'designer/src', 'engine/src/index.ts', 'engine/src', 'schemas/src']) touch(path.join(root, file), 60);
    expect(designerBuildStaleReason(root)).toBeNull();

    touch(index, 120);
    expect(designerBuildStaleReason(root)).toBe('designer/src changed since the last build');
    touch(index, 0);
    writeFileSync(path.join(root, 'engine/src/index.ts'), 'changed');
    touch(index, 30);
    expect(designerBuildStaleReason(root)).toBe('engine/src changed since the last build');
  });
});
