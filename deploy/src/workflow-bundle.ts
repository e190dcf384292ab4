// The worker image's workflow bundle, built ahead of time: `node -r ./deploy/bin/swc-register.cjs
// deploy/src/workflow-bundle.ts <output file>`. The worker loads it with WORKFLOW_BUNDLE_PATH instead of bundling the
// workflow code with webpack at every start.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DefaultLogger, bundleWorkflowCode } from '@temporalio/worker';
import { REPO_ROOT } from './paths';

/** The workflows the call worker registers (workflows/src/workflows/index.ts). */
export const WORKFLOWS_PATH = path.join(REPO_ROOT, 'workflows', 'src', 'workflows', 'index.ts');
/** Their interceptors (tracing, log ids, step latency): the worker's WORKFLOW_INTERCEPTORS_PATH. */
export const WORKFLOW_INTERCEPTORS_PATH = path.join(REPO_ROOT, 'workflows', 'src', 'workflows', 'telemetry.interceptors.ts');

/** Bundles the call workflows into `outputFile` (source map inline); returns its size in bytes. */
export async function writeWorkflowBundle(outputFile: string): Promise<number> {
  const { code } = await bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    workflowInterceptorModules: [WORKFLOW_INTERCEPTORS_PATH],
    logger: new DefaultLogger('WARN'),
  });
  mkdirSync(path.dirname(outputFile), { recursive: true });
  writeFileSync(outputFile, code);
  return Buffer.byteLength(code);
}

if (require.main === module) {
  const [outputFile] = process.argv.slice(2);
  if (!outputFile) {
    console.error('usage: workflow-bundle.ts <output file>');
    process.exit(2);
  }
  writeWorkflowBundle(path.resolve(outputFile)).then(
    (bytes) => console.log(`workflow bundle: ${outputFile} (${(bytes / 1024).toFixed(0)} KiB)`),
    (error: unknown) => {
      console.error(`bundling the workflows failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
