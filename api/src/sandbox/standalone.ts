import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SandboxCarrier, type SandboxCarrierOptions } from './sandbox-carrier';

/** A sandbox carrier on an HTTP server of its own, outside any API process. */
export interface StandaloneSandbox {
  carrier: SandboxCarrier;
  /** Where the router is mounted, e.g. `http://127.0.0.1:41234/sandbox`. */
  baseUrl: string;
  /** Call Control v2: what `TELNYX_API_BASE_URL` of the API instances and the workers points at. */
  telnyxApiBaseUrl: string;
  /** The speech-to-text hook (`TRANSCRIPTION_URL`). */
  transcriptionUrl: string;
  /** Hold music for the workers (`HOLD_MUSIC_URL`). */
  holdMusicUrl: string;
  close(): Promise<void>;
}

const MOUNT = '/sandbox';

/**
 * Serves a sandbox carrier at `/sandbox` on its own port, so that several API instances (in Telnyx mode:
 * `TELNYX_API_KEY` set to anything, `TELNYX_API_BASE_URL` and `TELNYX_PUBLIC_KEY` from here) and workers share one
 * carrier, whose webhooks go to `webhookUrl` (a load balancer in front of the instances). Inside a single API
 * (`npm start`) the carrier is mounted on the API's own port instead.
 */
export async function serveSandboxCarrier(options: Omit<SandboxCarrierOptions, 'publicBaseUrl'> & { host?: string; port?: number }): Promise<StandaloneSandbox> {
  const { host = '127.0.0.1', port = 0, ...carrierOptions } = options;
  let carrier: SandboxCarrier | null = null;
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (carrier === null || !(url === MOUNT || url.startsWith(`${MOUNT}/`) || url.startsWith(`${MOUNT}?`))) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: `Nothing at ${url}: the sandbox carrier is at ${MOUNT}.` }));
      return;
    }
    req.url = url.slice(MOUNT.length) || '/';
    carrier.router(req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  const baseUrl = `http://${host}:${(server.address() as AddressInfo).port}${MOUNT}`;
  carrier = new SandboxCarrier({ ...carrierOptions, publicBaseUrl: baseUrl });
  const running = carrier;
  return {
    carrier: running,
    baseUrl,
    telnyxApiBaseUrl: `${baseUrl}/telnyx/v2`,
    transcriptionUrl: `${baseUrl}/transcriptions`,
    holdMusicUrl: `${baseUrl}/hold-music.mp3`,
    close: async () => {
      running.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
