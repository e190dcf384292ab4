import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import { parse } from 'yaml';
import { REPO_ROOT } from '../src/paths';
import { interpolate, loadCompose, parseEnvFile, variableReferences, type ComposeFile } from './support/compose-file';
import { readDockerfile, instructionArgs } from './support/dockerfile';
import { composeSchemaValidator } from './support/schemas';

const COMPOSE_DIR = path.join(REPO_ROOT, 'deploy', 'compose');
const COMPOSE_FILE = path.join(COMPOSE_DIR, 'compose.yaml');
const composeText = readFileSync(COMPOSE_FILE, 'utf8');
const envExampleText = readFileSync(path.join(COMPOSE_DIR, '.env.example'), 'utf8');
const envExample = parseEnvFile(envExampleText);
const references = variableReferences(composeText);
const requiredNames = [...new Set(references.filter((reference) => reference.required).map((reference) => reference.name))];

/** .env.example with every required value filled in, as an operator would. */
const filledEnv = new Map([...envExample, ...requiredNames.map((name): [string, string] => [name, `test-${name.toLowerCase()}`])]);
const compose: ComposeFile = loadCompose(COMPOSE_FILE, filledEnv);
const services = compose.services;
const dockerStages = new Map(readDockerfile(path.join(REPO_ROOT, 'deploy', 'docker', 'Dockerfile')).map((stage) => [stage.name, stage]));

const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|PWD/;

describe('compose file', () => {
  let validate: ValidateFunction;

  beforeAll(() => {
    validate = composeSchemaValidator();
  }, 600_000);

  it('is valid against the Compose Specification schema once interpolated', () => {
    expect(validate(compose) ? [] : validate.errors).toEqual([]);
  });

  it('would be refused by the schema with a misspelt or mistyped key (the validation is not vacuous)', () => {
    const broken = parse(interpolate(composeText, filledEnv), { merge: true }) as { services: Record<string, Record<string, unknown>> };
    broken.services.postgres!.healthchek = broken.services.postgres!.healthcheck;
    broken.services.worker!.deploy = { replicas: 'two' };
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toEqual(expect.arrayContaining(['/services/postgres', '/services/worker/deploy/replicas']));
  });

  it('documents in .env.example exactly the variables it reads, the required ones marked and left empty', () => {
    expect([...envExample.keys()].sort()).toEqual([...new Set(references.map((reference) => reference.name))].sort());
    for (const name of requiredNames) {
      expect(envExample.get(name)).toBe('');
      expect(envExampleText).toMatch(new RegExp(`# REQUIRED\\.[^\\n]*\\n(#[^\\n]*\\n)*${name}=\\n`));
    }
    const optionalNames = [...envExample.keys()].filter((name) => !requiredNames.includes(name));
    for (const name of optionalNames) expect(envExampleText).toMatch(new RegExp(`# Optional\\.[^\\n]*\\n(#[^\\n]*\\n)*${name}=`));
  });

  it('takes every secret from the environment and refuses to start without it', () => {
    const raw = parse(composeText, { merge: true }) as ComposeFile;
    const secretValues = Object.values(raw.services).flatMap((service) =>
      Object.entries(service.environment ?? {}).filter(([name]) => SECRET_NAME.test(name)),
    );
    expect(secretValues.length).toBeGreaterThan(0);
    for (const [name, value] of secretValues) {
      expect([name, variableReferences(String(value)).every((reference) => reference.required)]).toEqual([name, true]);
      expect([name, variableReferences(String(value)).length]).toEqual([name, 1]);
    }
    expect(() => loadCompose(COMPOSE_FILE, envExample)).toThrow(/POSTGRES_PASSWORD|TELNYX_|INTERNAL_API_TOKEN|JWT_SECRET|HOLD_MUSIC_URL/);
    expect(requiredNames).toEqual(expect.arrayContaining(['POSTGRES_PASSWORD', 'TELNYX_API_KEY', 'TELNYX_PUBLIC_KEY', 'INTERNAL_API_TOKEN', 'JWT_SECRET']));
  });

  it('restarts every service, health-checks every long-running one, and lets one-shot jobs retry only on failure', () => {
    for (const [name, service] of Object.entries(services)) {
      expect([name, service.restart]).toEqual([name, expect.stringMatching(/^(unless-stopped|on-failure:\d+)$/)]);
      if (service.restart !== 'unless-stopped') continue;
      const imageHealthcheck = service.build?.target ? instructionArgs(dockerStages.get(service.build.target)!, 'HEALTHCHECK') : [];
      expect([name, service.healthcheck !== undefined || imageHealthcheck.length > 0]).toEqual([name, true]);
    }
  });

  it('starts the API instances only after the migrations and the Temporal namespace job have completed', () => {
    const apis = Object.keys(services).filter((name) => services[name]!.build?.target === 'api' && name !== 'migrations');
    expect(apis).toEqual(['api-1', 'api-2']);
    for (const name of apis) {
      expect(services[name]!.depends_on).toMatchObject({
        migrations: { condition: 'service_completed_successfully' },
        'temporal-namespace': { condition: 'service_completed_successfully' },
      });
      expect(services[name]!.ports).toBeUndefined();
    }
  });

  it('migrates with the command of `npm run migrate -w api`, from the API image', () => {
    const migrateScript = (JSON.parse(readFileSync(path.join(REPO_ROOT, 'api', 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.migrate;
    const migrations = services.migrations!;
    expect(migrations.build?.target).toBe('api');
    expect(migrations.command?.join(' ')).toBe(migrateScript!.replace('../deploy/', './deploy/').replace('src/', 'api/src/'));
    expect(Object.keys(migrations.environment ?? {})).toEqual(['DATABASE_URL']);
  });

  it('runs Temporal on the compose PostgreSQL with its schema job first, its UI, and the shared namespace script', () => {
    expect(services.temporal!.environment).toMatchObject({ DB: 'postgres12', POSTGRES_SEEDS: 'postgres' });
    expect(services.temporal!.depends_on).toEqual({ 'temporal-schema': { condition: 'service_completed_successfully' } });
    expect(services['temporal-ui']!.environment?.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(services['temporal-namespace']!.volumes).toEqual(['../helm/callflow/files/temporal-namespace.sh:/scripts/temporal-namespace.sh:ro']);
    const versions = ['temporal-schema', 'temporal', 'temporal-namespace'].map((name) => services[name]!.image!.split(':')[1]);
    expect(new Set(versions).size).toBe(1);
  });

  it('runs two workers from the worker image, sharing the API configuration', () => {
    expect(services.worker!.build?.target).toBe('worker');
    expect(services.worker!.deploy?.replicas).toBe(2);
    expect(services.worker!.environment).toEqual(services['api-1']!.environment);
    expect(services.worker!.environment?.REDIS_URL).toBe('redis://redis:6379');
  });
});

describe('HAProxy in front of the API instances', () => {
  const config = readFileSync(path.join(COMPOSE_DIR, 'haproxy.cfg'), 'utf8');
  const backend = config.slice(config.indexOf('backend api'));

  it('balances over exactly the API services of the compose file, health-checked on /api/health', () => {
    const servers = [...backend.matchAll(/^\s*server (\S+) (\S+):3000 cookie (\S+)$/gm)].map(([, name, host, cookie]) => ({ name, host, cookie }));
    expect(servers).toEqual([
      { name: 'api-1', host: 'api-1', cookie: 'api-1' },
      { name: 'api-2', host: 'api-2', cookie: 'api-2' },
    ]);
    expect(backend).toMatch(/^\s*option httpchk GET \/api\/health$/m);
    expect(backend).toMatch(/^\s*default-server check /m);
  });

  it('keeps a browser on one instance with an inserted cookie (Socket.io long-polling and upgrade)', () => {
    expect(backend).toMatch(/^\s*cookie CALLFLOW_API insert indirect nocache/m);
  });

  it('carries websockets: HTTP mode forwards the upgrade, and upgraded tunnels outlive the request timeouts', () => {
    expect(config).toMatch(/^\s*mode http$/m);
    expect(config).toMatch(/^\s*timeout tunnel 1h$/m);
    expect(config).not.toMatch(/option (httpclose|http-server-close|forceclose)/);
  });

  it('is the only published entry to the API, with its own health endpoint for the container check', () => {
    expect(services.proxy!.ports).toEqual([`${filledEnv.get('CALLFLOW_HTTP_PORT')}:8080`]);
    expect(config).toMatch(/^\s*monitor-uri \/haproxy-health$/m);
    expect(services.proxy!.healthcheck?.test.join(' ')).toContain('/haproxy-health');
    expect(services['api-1']!.environment?.CALLFLOW_API_URL).toBe('http://proxy:8080');
  });
});
