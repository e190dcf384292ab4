import { randomBytes, randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import type { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { TraceEvent } from '@callflow/engine';
import { REALTIME_PATH, type AgentRing, type ClientToServerEvents, type ServerToClientEvents } from '@callflow/schemas';
import { INTERNAL_TOKEN_HEADER } from '@callflow/workflows';
import { io, type Socket } from 'socket.io-client';
import { dropDatabase, ensureDatabase, resolvePostgres, withDatabase } from '@callflow/deploy';
import { createApp } from '../../api/src/app';
import { CallsRepository } from '../../api/src/calls/calls.repository';
import { loadConfig, type AppConfig } from '../../api/src/config';
import { LiveEvents } from '../../api/src/realtime/live-events';
import { migrate } from '../../api/src/database/migrate';
import { agent, seedDirectory, seedNumberWithFlow, seedTenant } from '../../api/test/support/seed';
import { distribution, type Distribution } from '../calls/metrics';

export interface RingFanoutOptions {
  agents: number;
  rings: number;
  /** Set: the agents' sockets connect to a second API instance, sharing rooms with the first through this Redis. */
  redisUrl: string | null;
  log: (message: string) => void;
}

export interface RingFanoutResult {
  agents: number;
  rings: number;
  /** Through a second instance over Redis, or within one instance. */
  via: 'one-instance' | 'redis';
  /** From the worker's POST of the ring (agents.rung for every agent at once) to each agent's socket receiving its offer. */
  deliveryMs: Distribution;
  /** From the POST until the last of the agents received theirs, per ring. */
  allDeliveredMs: Distribution;
  /** The Socket.io part alone: from LiveEvents publishing the offers of a ring to each socket receiving its own. */
  publishOnlyMs: Distribution;
}

type AgentSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A ring group of `agents` agents rung at once, `rings` times: the ring is stored through the internal endpoint the
 * workers call (PostgreSQL write, call log read, publish), and each agent's socket — a real socket.io-client in this
 * process — must receive its own offer. Sockets and server share this process's CPU.
 */
export async function measureRingFanout(options: RingFanoutOptions): Promise<RingFanoutResult> {
  const postgres = await resolvePostgres({ log: options.log });
  const databaseUrl = withDatabase(postgres.url, `callflow_bench_${randomBytes(5).toString('hex')}`);
  const apps: INestApplication[] = [];
  const sockets: AgentSocket[] = [];
  try {
    await ensureDatabase(databaseUrl);
    await migrate(databaseUrl);
    const config: AppConfig = { ...loadConfig({}), databaseUrl, port: 0, redisUrl: options.redisUrl };
    const listening = async (): Promise<INestApplication> => {
      const app = await createApp(config, ['error', 'warn']);
      apps.push(app);
      await app.listen(0, '127.0.0.1');
      return app;
    };
    const publisher = await listening();
    const subscriberApp = options.redisUrl === null ? publisher : await listening();
    const urlOf = (app: INestApplication) => `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

    const tenantId = await seedTenant(publisher, 'Ring fan-out bench');
    const agentIds = Array.from({ length: options.agents }, (_, index) => `bench-${index + 1}`);
    await seedDirectory(publisher, tenantId, { agents: agentIds.map((id, index) => agent(id, String(1000 + index))) });
    const { flow, version } = await seedNumberWithFlow(publisher, tenantId);

    // Tokens as the login would issue them (logging 200 users in would only measure scrypt).
    const jwt = new JwtService({ secret: config.jwtSecret });
    const received = new Map<string, number>();
    for (const agentId of agentIds) {
      const token = jwt.sign({ sub: randomUUID(), tid: tenantId, role: 'agent', agt: agentId }, { algorithm: 'HS256', expiresIn: 3600 });
      const socket: AgentSocket = io(urlOf(subscriberApp), { path: REALTIME_PATH, transports: ['websocket'], reconnection: false, forceNew: true, auth: { token } });
      socket.on('agent.ring.v1', (offer: AgentRing) => received.set(offer.offerId, performance.now()));
      sockets.push(socket);
    }
    await Promise.all(sockets.map((socket) => new Promise((resolve, reject) => socket.once('connect', () => resolve(undefined)).once('connect_error', reject))));
    options.log(`${sockets.length} agent sockets connected to ${urlOf(subscriberApp)}${options.redisUrl ? ` (rings published by ${urlOf(publisher)}, Redis ${options.redisUrl})` : ''}`);

    const calls = publisher.get(CallsRepository);
    /** Latency of each agent's offer, or null when not all of them arrived within `timeoutMs`. */
    const postRing = async (timeoutMs: number): Promise<number[] | null> => {
      const callSessionId = randomUUID();
      const call = await calls.openCall({
        tenantId,
        callSessionId,
        workflowId: `call-${callSessionId}`,
        flowId: flow.id,
        flowVersionId: version.id,
        from: '+15125550143',
        to: '+18005550100',
        startedAt: new Date(),
      });
      const legs = agentIds.map((agentId, index) => ({ legId: `leg-${index + 1}`, agentId }));
      const ring: TraceEvent = { at: Date.now(), flowId: flow.id, node: 'ring', type: 'agents.rung', targets: agentIds, legs, timeoutSecs: 30 };
      const sentAt = performance.now();
      const response = await fetch(`${urlOf(publisher)}/api/internal/calls/${call.id}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [INTERNAL_TOKEN_HEADER]: config.internalApiToken },
        body: JSON.stringify({ firstSeq: 1, events: [ring] }),
      });
      if (response.status !== 204) throw new Error(`storing the ring answered ${response.status}: ${await response.text()}`);
      const offerIds = legs.map((leg) => `${call.id}/${leg.legId}`);
      const deadline = Date.now() + timeoutMs;
      while (!offerIds.every((offerId) => received.has(offerId))) {
        if (Date.now() > deadline) return null;
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      return offerIds.map((offerId) => (received.get(offerId) ?? sentAt) - sentAt);
    };

    // The first rings after start-up pay for JIT and, with Redis, wait for the adapters to read the shared stream
    // (a broadcast made before a fresh adapter's first read never reaches it).
    for (let warmed = 0, tries = 0; warmed < 5; tries += 1) {
      if (tries === 50) throw new Error('rings still do not reach the agent sockets after 50 tries');
      if ((await postRing(1000)) !== null) warmed += 1;
    }
    const deliveries: number[] = [];
    const allDelivered: number[] = [];
    for (let ring = 0; ring < options.rings; ring += 1) {
      const latencies = await postRing(10_000);
      if (latencies === null) throw new Error(`ring ${ring + 1}: not every agent received its offer within 10 s`);
      deliveries.push(...latencies);
      allDelivered.push(Math.max(...latencies));
    }
    const live = publisher.get(LiveEvents);
    const publishOnly: number[] = [];
    for (let ring = 0; ring < options.rings; ring += 1) {
      const callId = randomUUID();
      const now = new Date().toISOString();
      const sentAt = performance.now();
      for (const agentId of agentIds) {
        live.agentRing(tenantId, {
          offerId: `${callId}/${agentId}`,
          callId,
          agentId,
          caller: '+15125550143',
          flow: { id: flow.id, name: flow.name },
          queue: null,
          waitingSince: now,
          offeredAt: now,
          expiresAt: now,
        });
      }
      const offerIds = agentIds.map((agentId) => `${callId}/${agentId}`);
      const deadline = Date.now() + 10_000;
      while (!offerIds.every((offerId) => received.has(offerId))) {
        if (Date.now() > deadline) throw new Error('published offers did not all arrive within 10 s');
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      publishOnly.push(...offerIds.map((offerId) => (received.get(offerId) ?? sentAt) - sentAt));
    }
    return {
      agents: options.agents,
      rings: options.rings,
      via: options.redisUrl === null ? 'one-instance' : 'redis',
      deliveryMs: distribution(deliveries),
      allDeliveredMs: distribution(allDelivered),
      publishOnlyMs: distribution(publishOnly),
    };
  } finally {
    for (const socket of sockets) socket.close();
    for (const app of apps.reverse()) await app.close();
    await dropDatabase(databaseUrl).catch(() => undefined);
    await postgres.stop();
  }
}
