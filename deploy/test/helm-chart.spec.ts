import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import { REPO_ROOT } from '../src/paths';
import { CALL_SEARCH_ATTRIBUTE_NAMES } from '../src/temporal-server';
import { HELM_SDK, KUBERNETES_VERSIONS, helmSdkPath, kubernetesValidator, type KubernetesValidator } from './support/schemas';

const CHART_DIR = path.join(REPO_ROOT, 'deploy', 'helm', 'callflow');
const RELEASE = 'cf';
const NAMESPACE = 'calls';

interface Manifest {
  apiVersion: string;
  kind: string;
  metadata: { name: string; annotations?: Record<string, string> };
  spec?: Record<string, unknown>;
  data?: Record<string, string>;
}

interface Container {
  name: string;
  image: string;
  command?: string[];
  env?: Array<{ name: string; value?: string; valueFrom?: { secretKeyRef?: { name: string; key: string } } }>;
  ports?: Array<{ name: string; containerPort: number }>;
  readinessProbe?: { httpGet?: { path: string; port: string } };
  livenessProbe?: { httpGet?: { path: string; port: string } };
  securityContext?: Record<string, unknown>;
}

interface PodSpec {
  securityContext?: Record<string, unknown>;
  containers: Container[];
}

interface Rendered {
  manifests: Manifest[];
  lint: { messages: Array<{ severity: number; error: string }>; errors: string[] };
}

/** The chart rendered by Helm's engine (as `helm template` would), with `values` over values.yaml. */
function render(values: Record<string, unknown>, kubernetesVersion: string): Rendered {
  const output = execFileSync(
    process.env.PYTHON ?? 'python3',
    [path.join(__dirname, 'support', 'render-chart.py'), CHART_DIR, JSON.stringify(values), RELEASE, NAMESPACE, `v${kubernetesVersion}`],
    { env: { ...process.env, PYTHONPATH: helmSdkPath() }, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const { manifests, lint } = JSON.parse(output) as { manifests: Record<string, string>; lint: Rendered['lint'] };
  const documents = Object.values(manifests).flatMap((text) => parseAllDocuments(text).map((document) => document.toJS() as Manifest | null));
  return { manifests: documents.filter((document): document is Manifest => document !== null), lint };
}

function podSpec(manifest: Manifest): PodSpec {
  return (manifest.spec as { template: { spec: PodSpec } }).template.spec;
}

function find(manifests: Manifest[], kind: string, name: string): Manifest {
  const found = manifests.find((manifest) => manifest.kind === kind && manifest.metadata.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${manifests.map((manifest) => `${manifest.kind}/${manifest.metadata.name}`).join(', ')}`);
  return found;
}

const ALL_OPTIONS = { api: { autoscaling: { enabled: true }, ingress: { enabled: true, tlsSecretName: 'callflow-tls' } }, worker: { autoscaling: { enabled: true } } };
const SECRET_NAME = /KEY|TOKEN|SECRET|PASSWORD|DATABASE_URL|REDIS_URL|SMTP_URL/;

describe(`Helm chart deploy/helm/callflow (rendered by the Helm SDK of ${HELM_SDK.package} ${HELM_SDK.version})`, () => {
  let defaults: Rendered;
  let everything: Rendered;
  const validators = new Map<string, KubernetesValidator>();

  beforeAll(() => {
    defaults = render({}, KUBERNETES_VERSIONS[0]!);
    everything = render(ALL_OPTIONS, KUBERNETES_VERSIONS[0]!);
    for (const version of KUBERNETES_VERSIONS) validators.set(version, kubernetesValidator(version));
  }, 900_000);

  it.each(KUBERNETES_VERSIONS)('renders manifests that are valid against the strict Kubernetes %s schemas', (version) => {
    const validator = validators.get(version)!;
    for (const rendered of [defaults, everything]) {
      const errors = rendered.manifests.flatMap((manifest) => validator.validate(manifest).map((error) => `${manifest.kind}/${manifest.metadata.name}: ${error}`));
      expect(errors).toEqual([]);
    }
    expect(everything.manifests.map((manifest) => manifest.kind).sort()).toEqual(
      ['ConfigMap', 'ConfigMap', 'Deployment', 'Deployment', 'HorizontalPodAutoscaler', 'HorizontalPodAutoscaler', 'Ingress', 'Job', 'Job', 'Service'].sort(),
    );
  });

  it('would be refused by those schemas with a misspelt or mistyped field (the validation is not vacuous)', () => {
    const deployment = structuredClone(find(defaults.manifests, 'Deployment', `${RELEASE}-callflow-api`));
    (deployment.spec as Record<string, unknown>).replicas = 'two';
    podSpec(deployment).containers[0]!.securityContext = { runAsNonRoot: 'yes', readOnlyRootFilesytem: true };
    const errors = validators.get(KUBERNETES_VERSIONS[0]!)!.validate(deployment);
    expect(errors).toEqual(expect.arrayContaining([expect.stringContaining('/spec/replicas'), expect.stringContaining('/spec/template/spec/containers/0/securityContext')]));
  });

  it('lints clean apart from the Temporal chart that `helm dependency update` fetches', () => {
    expect(defaults.lint.errors).toEqual(['chart directory is missing these dependencies: temporal']);
    expect(defaults.lint.messages.filter((message) => message.severity >= 2).map((message) => message.error)).toEqual(defaults.lint.errors);
  });

  it('depends on the official Temporal chart for the server, configured for PostgreSQL with a Secret reference', () => {
    const chart = parse(readFileSync(path.join(CHART_DIR, 'Chart.yaml'), 'utf8')) as { dependencies: Array<Record<string, string>> };
    expect(chart.dependencies).toEqual([{ name: 'temporal', version: expect.stringMatching(/^\d+\.\d+\.\d+$/), repository: 'https://go.temporal.io/helm-charts', condition: 'temporal.enabled' }]);
    const values = parse(readFileSync(path.join(CHART_DIR, 'values.yaml'), 'utf8')) as { temporal: { server: { config: { persistence: { datastores: Record<string, { sql: Record<string, unknown> }> } } } } };
    for (const store of Object.values(values.temporal.server.config.persistence.datastores)) {
      expect(store.sql).toMatchObject({ pluginName: 'postgres12', existingSecret: 'temporal-postgres', secretKey: 'password' });
      expect(store.sql).not.toHaveProperty('password');
    }
    const config = find(defaults.manifests, 'ConfigMap', `${RELEASE}-callflow`);
    expect(config.data?.TEMPORAL_ADDRESS).toBe(`${RELEASE}-temporal-frontend:7233`);
  });

  it('runs migrations as a pre-install/pre-upgrade hook, so API pods start on a migrated database', () => {
    const job = find(defaults.manifests, 'Job', `${RELEASE}-callflow-migrations`);
    expect(job.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'pre-install,pre-upgrade' });
    const [container] = podSpec(job).containers;
    expect(container!.image).toBe(podSpec(find(defaults.manifests, 'Deployment', `${RELEASE}-callflow-api`)).containers[0]!.image);
    expect(container!.command).toEqual(['node', '-r', './deploy/bin/swc-register.cjs', 'api/src/database/migrate.ts']);
  });

  it('registers the call search attributes after install and upgrade, with the script the compose stack runs', () => {
    const script = find(defaults.manifests, 'ConfigMap', `${RELEASE}-callflow-temporal-namespace`).data?.['temporal-namespace.sh'];
    expect(script).toBe(readFileSync(path.join(CHART_DIR, 'files', 'temporal-namespace.sh'), 'utf8'));
    expect(script?.match(/^attributes="(.*)"$/m)?.[1]?.split(' ')).toEqual(CALL_SEARCH_ATTRIBUTE_NAMES);
    const job = find(defaults.manifests, 'Job', `${RELEASE}-callflow-temporal-namespace`);
    expect(job.metadata.annotations).toMatchObject({ 'helm.sh/hook': 'post-install,post-upgrade' });
  });

  it('probes the API on /api/health and the worker on its /healthz port', () => {
    const api = podSpec(find(defaults.manifests, 'Deployment', `${RELEASE}-callflow-api`)).containers[0]!;
    expect(api.readinessProbe?.httpGet).toEqual({ path: '/api/health', port: 'http' });
    expect(api.livenessProbe?.httpGet).toEqual({ path: '/api/health', port: 'http' });
    const worker = podSpec(find(defaults.manifests, 'Deployment', `${RELEASE}-callflow-worker`)).containers[0]!;
    expect(worker.readinessProbe?.httpGet).toEqual({ path: '/healthz', port: 'health' });
    const healthPort = worker.ports?.find((port) => port.name === 'health')?.containerPort;
    expect(worker.env?.find((variable) => variable.name === 'WORKER_HEALTH_PORT')?.value).toBe(String(healthPort));
  });

  it('runs every pod as a non-root user with a read-only root filesystem and no privileges', () => {
    const pods = everything.manifests.filter((manifest) => manifest.kind === 'Deployment' || manifest.kind === 'Job').map(podSpec);
    expect(pods).toHaveLength(4);
    for (const pod of pods) {
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000 });
      for (const container of pod.containers) {
        expect(container.securityContext).toEqual({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, capabilities: { drop: ['ALL'] } });
      }
    }
  });

  it('takes secrets only by reference to an existing Secret, never as values', () => {
    expect(everything.manifests.filter((manifest) => manifest.kind === 'Secret')).toEqual([]);
    const variables = everything.manifests
      .filter((manifest) => manifest.kind === 'Deployment' || manifest.kind === 'Job')
      .flatMap((manifest) => podSpec(manifest).containers.flatMap((container) => container.env ?? []));
    const secrets = variables.filter((variable) => SECRET_NAME.test(variable.name));
    expect(secrets.length).toBeGreaterThanOrEqual(15);
    for (const variable of secrets) {
      expect([variable.name, variable.value, variable.valueFrom?.secretKeyRef]).toEqual([variable.name, undefined, { name: 'callflow', key: variable.name, ...(/REDIS|SMTP/.test(variable.name) ? { optional: true } : {}) }]);
    }
    const configMaps = everything.manifests.filter((manifest) => manifest.kind === 'ConfigMap');
    for (const key of configMaps.flatMap((manifest) => Object.keys(manifest.data ?? {}))) expect(key).not.toMatch(SECRET_NAME);
  });

  it('keeps browsers on one API pod (Service affinity, cookie affinity at the ingress) and scales both tiers when asked', () => {
    expect(find(everything.manifests, 'Service', `${RELEASE}-callflow-api`).spec).toMatchObject({ sessionAffinity: 'ClientIP' });
    expect(find(everything.manifests, 'Ingress', `${RELEASE}-callflow-api`).metadata.annotations).toMatchObject({ 'nginx.ingress.kubernetes.io/affinity': 'cookie' });
    for (const component of ['api', 'worker']) {
      expect(find(everything.manifests, 'HorizontalPodAutoscaler', `${RELEASE}-callflow-${component}`).spec).toMatchObject({
        scaleTargetRef: { kind: 'Deployment', name: `${RELEASE}-callflow-${component}` },
      });
      expect(find(everything.manifests, 'Deployment', `${RELEASE}-callflow-${component}`).spec).not.toHaveProperty('replicas');
      expect(find(defaults.manifests, 'Deployment', `${RELEASE}-callflow-${component}`).spec).toMatchObject({ replicas: 2 });
    }
  });
});
