import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';
import { REPO_ROOT } from '../src/paths';
import { instructionArgs, readDockerfile, stageEnv, type DockerfileStage } from './support/dockerfile';

const DOCKERFILE = path.join(REPO_ROOT, 'deploy', 'docker', 'Dockerfile');
const HEALTHCHECK_SCRIPT = path.join(REPO_ROOT, 'deploy', 'docker', 'healthcheck.cjs');
const stages = new Map(readDockerfile(DOCKERFILE).map((stage) => [stage.name, stage]));
const dockerignore = readFileSync(path.join(REPO_ROOT, '.dockerignore'), 'utf8').split('\n').filter((line) => line !== '' && !line.startsWith('#'));

function stage(name: string): DockerfileStage {
  const found = stages.get(name);
  if (!found) throw new Error(`no stage ${name}`);
  return found;
}

/** `COPY [--from=x] <sources…> <destination>` of a stage. */
function copies(of: DockerfileStage): Array<{ from: string | null; sources: string[]; destination: string }> {
  return instructionArgs(of, 'COPY').map((args) => {
    const parts = args.split(/\s+/);
    const from = parts[0]?.startsWith('--from=') ? parts.shift()!.slice('--from='.length) : null;
    const destination = parts.pop()!;
    return { from, sources: parts, destination };
  });
}

describe('container images (deploy/docker/Dockerfile)', () => {
  it('builds in stages: everything for the build, production dependencies only in the two runtime images', () => {
    expect([...stages.keys()]).toEqual(['build', 'api', 'worker']);
    expect(instructionArgs(stage('build'), 'RUN')[0]).toBe('npm install --no-audit --no-fund');
    for (const runtime of ['api', 'worker']) {
      expect(instructionArgs(stage(runtime), 'RUN')).toEqual(['npm install --omit=dev --no-audit --no-fund && npm cache clean --force']);
      expect(stageEnv(stage(runtime)).get('NODE_ENV')).toBe('production');
    }
    const workerSources = copies(stage('worker')).flatMap((copy) => copy.sources);
    expect(workerSources.filter((source) => source.startsWith('api/') || source.startsWith('designer/'))).toEqual([]);
  });

  it.each(['api', 'worker'])('runs the %s as a numeric non-root user, with a health check', (name) => {
    const users = instructionArgs(stage(name), 'USER');
    expect(users).toEqual(['1000:1000']);
    const [healthcheck] = instructionArgs(stage(name), 'HEALTHCHECK');
    expect(healthcheck).toContain(`CMD ["node", "deploy/docker/healthcheck.cjs", "${name}"]`);
  });

  it('starts each process the way `npm start` does, through the SWC register', () => {
    expect(instructionArgs(stage('api'), 'CMD')).toEqual(['["node", "-r", "./deploy/bin/swc-register.cjs", "api/src/main.ts"]']);
    expect(instructionArgs(stage('worker'), 'CMD')).toEqual(['["node", "-r", "./deploy/bin/swc-register.cjs", "workflows/src/worker.ts"]']);
    for (const file of ['deploy/bin/swc-register.cjs', 'api/src/main.ts', 'workflows/src/worker.ts']) expect(existsSync(path.join(REPO_ROOT, file))).toBe(true);
  });

  it('gives the worker the workflow bundle built ahead of time, at the path WORKFLOW_BUNDLE_PATH names', () => {
    const bundlePath = stageEnv(stage('worker')).get('WORKFLOW_BUNDLE_PATH');
    expect(bundlePath).toBe('/app/build/workflow-bundle.js');
    expect(copies(stage('worker'))).toContainEqual({ from: 'build', sources: [bundlePath], destination: bundlePath });
    expect(instructionArgs(stage('build'), 'RUN').join(' ')).toContain(`node -r ./deploy/bin/swc-register.cjs deploy/src/workflow-bundle.ts ${bundlePath}`);
    expect(stageEnv(stage('worker')).get('WORKER_HEALTH_PORT')).toBe(instructionArgs(stage('worker'), 'EXPOSE')[0]);
  });

  it('gives the API the designer built in the same image build, at DESIGNER_DIST_DIR', () => {
    expect(copies(stage('api'))).toContainEqual({ from: 'build', sources: ['/app/designer/dist'], destination: 'designer/dist' });
    expect(stageEnv(stage('api')).get('DESIGNER_DIST_DIR')).toBe('/app/designer/dist');
    expect(instructionArgs(stage('build'), 'RUN').join(' ')).toContain('npm run build -w designer');
  });

  it('copies only files that exist and that .dockerignore lets into the build context', () => {
    const sources = [...stages.values()].flatMap(copies).filter((copy) => copy.from === null).flatMap((copy) => copy.sources);
    expect(sources.length).toBeGreaterThan(20);
    for (const source of sources) {
      expect([source, existsSync(path.join(REPO_ROOT, source))]).toEqual([source, true]);
      expect([source, dockerignore.filter((pattern) => source === pattern || source.startsWith(`${pattern}/`))]).toEqual([source, []]);
    }
  });

  it('keeps secrets, dependencies, caches and history out of the build context', () => {
    expect(dockerignore).toEqual(expect.arrayContaining(['**/node_modules', '**/dist', '.env', '.env.*', '.git', '.cache', '.data']));
  });
});

describe('deploy/docker/healthcheck.cjs', () => {
  let server: Server;
  let status = 200;

  beforeAll(async () => {
    server = createServer((request, response) => response.writeHead(request.url === '/healthz' ? status : 404).end());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => server.close());

  async function probe(target: string): Promise<number> {
    const port = String((server.address() as AddressInfo).port);
    try {
      await promisify(execFile)(process.execPath, [HEALTHCHECK_SCRIPT, target], { env: { ...process.env, WORKER_HEALTH_PORT: port } });
      return 0;
    } catch (error) {
      return (error as { code: number }).code;
    }
  }

  it('exits 0 while the endpoint answers 2xx and 1 once it answers 503', async () => {
    status = 200;
    expect(await probe('worker')).toBe(0);
    status = 503;
    expect(await probe('worker')).toBe(1);
  });

  it('refuses an unknown target', async () => {
    expect(await probe('database')).toBe(2);
  });
});
