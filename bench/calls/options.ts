import { parseArgs } from 'node:util';

export const USAGE = `Usage: npm run bench:calls -- [--concurrency N] [--duration SECS] [--workers N] [--apis N] [--speed F] [--ramp SECS] [--talk SECS] [--drain SECS] [--max-active-calls N] [--max-calls-per-second R] [--redial SECS]
  --concurrency  calls kept in progress (default 200)
  --workers      worker processes on the call task queue (default 1)
  --apis         API instances behind the load balancer, sharing Socket.io rooms through Redis (default 2)
  --duration     seconds during which ended calls are replaced by new ones (default 60)
  --speed        sandbox time factor: 1 = realistic prompt, ring and talk durations (default 1)
  --ramp         seconds over which the first calls are placed (default: the smaller of 10 and duration / 3)
  --talk         simulated seconds an agent talks before hanging up (default 5)
  --drain        seconds the calls still up at the end may take to finish (default 120 + the talk time)
  --max-active-calls  MAX_ACTIVE_CALLS of the API instances: calls over it are rejected busy (default: no ceiling)
  --max-calls-per-second  MAX_CALLS_PER_SECOND of the API instances: calls started faster are rejected busy (default: no limit)
  --redial       seconds a caller who heard busy waits, on average, before calling again (default 30)
  --trace        also print one call (the first lost one, else the first) as the sandbox and Temporal saw it, and the processes' last output
Uses TEMPORAL_ADDRESS when set (a namespace of its own), else starts a Temporal dev server; PostgreSQL as npm start finds it;
Redis at REDIS_URL (default redis://127.0.0.1:6379) when there are several API instances.`;

export interface BenchOptions {
  concurrency: number;
  workers: number;
  apiInstances: number;
  durationSecs: number;
  speed: number;
  rampSecs: number;
  talkSecs: number;
  drainSecs: number;
  maxActiveCalls: number | null;
  maxCallsPerSecond: number | null;
  redialSecs: number;
  trace: boolean;
}

export class UsageError extends Error {}

function positive(name: string, raw: string | undefined, fallback: number, integer = false): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} must be a positive ${integer ? 'integer' : 'number'} (got "${raw}")`);
  }
  return value;
}

const OPTIONS = {
  concurrency: { type: 'string' },
  workers: { type: 'string' },
  apis: { type: 'string' },
  duration: { type: 'string' },
  speed: { type: 'string' },
  ramp: { type: 'string' },
  talk: { type: 'string' },
  drain: { type: 'string' },
  'max-active-calls': { type: 'string' },
  'max-calls-per-second': { type: 'string' },
  redial: { type: 'string' },
  trace: { type: 'boolean' },
} as const;

export function parseBenchOptions(argv: string[]): BenchOptions {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof OPTIONS; allowPositionals: false }>>['values'];
  try {
    ({ values } = parseArgs({ args: argv, options: OPTIONS, allowPositionals: false }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  const durationSecs = positive('duration', values.duration, 60);
  const rampSecs = values.ramp === '0' ? 0 : positive('ramp', values.ramp, Math.min(10, Math.round(durationSecs / 3)));
  if (rampSecs >= durationSecs) throw new UsageError(`--ramp (${rampSecs}) must be shorter than --duration (${durationSecs})`);
  const talkSecs = positive('talk', values.talk, 5);
  return {
    concurrency: positive('concurrency', values.concurrency, 200, true),
    workers: positive('workers', values.workers, 1, true),
    apiInstances: positive('apis', values.apis, 2, true),
    durationSecs,
    speed: positive('speed', values.speed, 1),
    rampSecs,
    talkSecs,
    drainSecs: positive('drain', values.drain, 120 + talkSecs),
    maxActiveCalls: values['max-active-calls'] === undefined ? null : positive('max-active-calls', values['max-active-calls'], 0, true),
    maxCallsPerSecond: values['max-calls-per-second'] === undefined ? null : positive('max-calls-per-second', values['max-calls-per-second'], 0),
    redialSecs: positive('redial', values.redial, 30),
    trace: values.trace === true,
  };
}
