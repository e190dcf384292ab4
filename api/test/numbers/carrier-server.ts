import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Telnyx from 'telnyx';
import { createSandboxCarrier } from '../../src/sandbox';

/** A sandbox carrier on a port of its own, as Telnyx's API: what the API's number code talks to in these tests. */
export interface CarrierServer {
  /** Where `TELNYX_API_BASE_URL` points: `http://127.0.0.1:<port>/telnyx/v2`. */
  baseUrl: string;
  /** The official SDK against it, as a Telnyx portal user would act on the account. */
  telnyx: Telnyx;
  close(): Promise<void>;
}

export async function startCarrierServer(): Promise<CarrierServer> {
  const sandbox = createSandboxCarrier({ webhookUrl: 'http://127.0.0.1:9/no-webhooks-in-these-tests' });
  const server: Server = createServer(sandbox.router);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/telnyx/v2`;
  return {
    baseUrl,
    telnyx: new Telnyx({ apiKey: 'KEY_sandbox', baseURL: baseUrl, maxRetries: 0 }),
    async close() {
      sandbox.close();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}

/** The numbers on the carrier account (every page). */
export async function numbersOnAccount(carrier: CarrierServer): Promise<string[]> {
  const numbers: string[] = [];
  for await (const record of carrier.telnyx.phoneNumbers.list({ 'page[size]': 5 })) numbers.push(record.phone_number);
  return numbers.sort();
}
