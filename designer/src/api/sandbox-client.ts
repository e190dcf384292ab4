import { z } from 'zod';
import { createHttpClient, isApiError, type HttpClient } from './http';
import { sessionStore } from '../auth/session-store';

/** The sandbox carrier's control API: the API serves it only in sandbox mode (no Telnyx credentials). */
export const SANDBOX_CONTROL_BASE = '/sandbox/control';

/** The caller's leg of a placed call: the id the control API presses keys and hangs up on. */
const PlacedCallSchema = z.object({ callControlId: z.string() });
export type PlacedCall = z.infer<typeof PlacedCallSchema>;

/** GET /sandbox/control answers with the carrier's settings; only its presence matters here. */
const SandboxInfoSchema = z.object({ connectionId: z.string() });

/** Places simulated calls into the product's numbers (no authentication: the sandbox runs only locally). */
export function createSandboxClient(client: Pick<HttpClient, 'request'>) {
  const call = (callControlId: string) => `/calls/${encodeURIComponent(callControlId)}`;
  return {
    /** True when the API runs with the sandbox carrier; false with Telnyx (the control API is not there). */
    async available(): Promise<boolean> {
      try {
        await client.request('', { authenticated: false, schema: SandboxInfoSchema });
        return true;
      } catch (error) {
        if (isApiError(error)) return false;
        throw error;
      }
    },
    /** A simulated caller dials `to` (one of the tenant's numbers) from `from`. */
    placeCall: (from: string, to: string): Promise<PlacedCall> =>
      client.request('/calls', { method: 'POST', authenticated: false, body: { from, to }, schema: PlacedCallSchema }),
    /** The caller presses keys now. */
    async pressDigits(callControlId: string, digits: string): Promise<void> {
      await client.request(`${call(callControlId)}/dtmf`, { method: 'POST', authenticated: false, body: { digits } });
    },
    async hangUp(callControlId: string): Promise<void> {
      await client.request(`${call(callControlId)}/hangup`, { method: 'POST', authenticated: false });
    },
  };
}

const ControlErrorSchema = z.object({ error: z.string() });

/** What the control API said was wrong (its errors are `{ error, issues }`, not the REST API's shape). */
export function sandboxProblem(error: unknown): string {
  if (!isApiError(error)) return error instanceof Error ? error.message : String(error);
  const body = ControlErrorSchema.safeParse(error.body);
  return body.success ? body.data.error : error.message;
}

export type SandboxClient = ReturnType<typeof createSandboxClient>;

export const sandboxClient = createSandboxClient(createHttpClient({ sessions: sessionStore, baseUrl: SANDBOX_CONTROL_BASE }));
