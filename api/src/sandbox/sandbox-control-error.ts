import type { z } from 'zod';

/** A refused control request (programmatic or `/control/...`): HTTP status, message, zod issues if any. */
export class SandboxControlError extends Error {
  constructor(
    readonly status: 400 | 404 | 409,
    message: string,
    readonly issues: { path: string; message: string }[] = [],
  ) {
    super(issues.length === 0 ? message : `${message}: ${issues.map((issue) => `${issue.path || '(root)'}: ${issue.message}`).join('; ')}`);
  }

  static invalid(message: string, error: z.ZodError): SandboxControlError {
    return new SandboxControlError(
      400,
      message,
      error.issues.map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message })),
    );
  }

  static notFound(message: string): SandboxControlError {
    return new SandboxControlError(404, message);
  }

  static conflict(message: string): SandboxControlError {
    return new SandboxControlError(409, message);
  }
}
