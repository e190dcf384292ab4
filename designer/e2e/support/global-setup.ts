import { REUSE_VARIABLE, publishStackInfo, startE2eStack, type E2eStack } from './stack';

// jest loads globalSetup and globalTeardown as separate modules; globalThis is what they share.
const STACK_KEY = Symbol.for('callflow.designer.e2eStack');
type GlobalWithStack = typeof globalThis & { [STACK_KEY]?: E2eStack };

/** One stack for every browser spec of the run. */
export default async function globalSetup(): Promise<void> {
  const running = process.env[REUSE_VARIABLE];
  if (running) {
    publishStackInfo({ baseUrl: running });
    return;
  }
  const stack = await startE2eStack();
  (globalThis as GlobalWithStack)[STACK_KEY] = stack;
  publishStackInfo({ baseUrl: stack.baseUrl });
}

export async function stopGlobalStack(): Promise<void> {
  const stack = (globalThis as GlobalWithStack)[STACK_KEY];
  delete (globalThis as GlobalWithStack)[STACK_KEY];
  await stack?.stop();
}
