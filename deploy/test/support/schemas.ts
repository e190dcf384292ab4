// The published JSON Schemas the compose file and the Kubernetes manifests are validated against, pinned.
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { pythonPackage, wheelMembers } from './pypi-cache';

/**
 * The Compose Specification schema as shipped by docker-compose 1.29.2 (compose/config/compose_spec.json, Apache-2.0),
 * the newest copy on a package registry. It predates a few later additions (`name`, `develop`,
 * `depends_on.required`…), which the compose file therefore does not use.
 */
export const COMPOSE_SPEC = { package: 'docker-compose', version: '1.29.2', file: 'compose/config/compose_spec.json' };

/** Per-version Kubernetes schemas (standalone, strict: unknown fields are errors) from kubernetes-validate (Apache-2.0). */
export const KUBERNETES_SCHEMAS = { package: 'kubernetes-validate', version: '1.37.0' };
/** The oldest Kubernetes the chart supports (Chart.yaml kubeVersion) and the newest the schemas know. */
export const KUBERNETES_VERSIONS = ['1.29.0', '1.37.0'];

/** Helm's own Go SDK through ctypes (Apache-2.0): renders charts offline without a helm binary. */
export const HELM_SDK = { package: 'helm-python-sdk', version: '0.2.2' };

export function composeSchemaValidator(): ValidateFunction {
  const dir = wheelMembers(COMPOSE_SPEC.package, COMPOSE_SPEC.version, [COMPOSE_SPEC.file]);
  const schema = JSON.parse(readFileSync(path.join(dir, COMPOSE_SPEC.file), 'utf8')) as Record<string, unknown>;
  // Draft 2019-09 by its $schema, with draft-04 style `id`s that only repeat each subschema's JSON pointer.
  const ajv = new Ajv2019({ allErrors: true, strict: false });
  addFormats(ajv);
  // The custom formats docker-compose checked in code: Go durations, port mappings, exposed ports, subnets.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat('ports', /^((\[[0-9a-fA-F:]+\]|[\w.-]+):)?((\d+(-\d+)?)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^[0-9a-fA-F.:]+\/\d{1,3}$/);
  return ajv.compile(schemaWithoutDraftDeclarations(schema) as object);
}

function schemaWithoutDraftDeclarations(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(schemaWithoutDraftDeclarations);
  if (schema === null || typeof schema !== 'object') return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([key, value]) => key !== '$schema' && !(key === 'id' && typeof value === 'string'))
      .map(([key, value]) => [key, schemaWithoutDraftDeclarations(value)]),
  );
}

export interface KubernetesValidator {
  kubernetesVersion: string;
  /** Errors for one manifest against the schema of its apiVersion and kind; throws when the version has no such kind. */
  validate(manifest: { apiVersion: string; kind: string }): string[];
}

/** Validates manifests against the strict schemas of one Kubernetes release (JSON Schema 2020-12). */
export function kubernetesValidator(kubernetesVersion: string): KubernetesValidator {
  const folder = `kubernetes_validate/kubernetes-json-schema/v${kubernetesVersion}-local-strict/`;
  const dir = path.join(wheelMembers(KUBERNETES_SCHEMAS.package, KUBERNETES_SCHEMAS.version, KUBERNETES_VERSIONS.map((v) => `kubernetes_validate/kubernetes-json-schema/v${v}-local-strict/`)), folder);
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  // OpenAPI number formats the schemas carry.
  for (const format of ['int32', 'int64', 'double']) ajv.addFormat(format, { type: 'number', validate: () => true });
  ajv.addFormat('byte', /^[A-Za-z0-9+/]*={0,2}$/);
  ajv.addSchema(JSON.parse(readFileSync(path.join(dir, '_definitions.json'), 'utf8')) as object);
  const files = new Set(readdirSync(dir));
  const compiled = new Map<string, ValidateFunction>();
  return {
    kubernetesVersion,
    validate(manifest) {
      // kubernetes-validate's file naming: <kind>-<group without domain>-<version>.json, core group omitted.
      const group = manifest.apiVersion.replace(/^([^./]*)(?:\.[^/]*)?\//, '$1-');
      const file = `${manifest.kind.toLowerCase()}-${group}.json`;
      if (!files.has(file)) throw new Error(`Kubernetes ${kubernetesVersion} has no schema for ${manifest.apiVersion} ${manifest.kind}`);
      let validate = compiled.get(file);
      if (!validate) {
        validate = ajv.compile(JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as object);
        compiled.set(file, validate);
      }
      return validate(manifest) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message ?? ''}`);
    },
  };
}

/** PYTHONPATH entry holding helm_python, its native library kept once (the wheel ships three copies). */
export function helmSdkPath(): string {
  return pythonPackage(HELM_SDK.package, HELM_SDK.version, (installed) => {
    const lib = path.join(installed, 'helm_python', 'lib');
    for (const file of readdirSync(lib)) if (file !== 'libhelm_c.so') rmSync(path.join(lib, file));
  });
}
