/** What the sandbox logs through; a NestJS `Logger` fits. */
export interface SandboxLogger {
  warn(message: string): void;
  error(message: string): void;
}

export const SILENT_LOGGER: SandboxLogger = { warn: () => undefined, error: () => undefined };
