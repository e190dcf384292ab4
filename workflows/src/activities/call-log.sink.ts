import type { InjectedSinks } from '@temporalio/worker';
import type { Sinks } from '@temporalio/workflow';
import type { CallEventsBody } from '../internal-api';

/** The call log as callWorkflow writes it step by step: outside its history, so a step costs Temporal nothing more. */
export interface CallLogSinks extends Sinks {
  callLog: { append(callId: string, body: CallEventsBody): void };
}

type RecordCallEvents = (callId: string, body: CallEventsBody) => Promise<void>;

interface CallLedger {
  /** Writes of this call, one after the other (the API publishes each write's events live, in order). */
  queue: Promise<void>;
  /** Events `from`…`to` are in the call log, written by this worker (from null: none yet). */
  from: number | null;
  to: number;
}

const RETRY_DELAYS_MS = [200, 1000, 3000];
/** Calls whose ledger a worker keeps: a call that moved to another worker leaves its ledger here until this many newer. */
const MAX_LEDGERS = 20_000;

/**
 * The worker's side of the call log. Steps go out through the `callLog` sink as they happen (in order, retried a
 * few times, never during replay); at its end the call writes its whole record with the `recordCallEvents` activity,
 * which is the durable write (and what replays read): it waits for the steps still on their way and sends only what
 * this worker has not stored already, so nothing is published twice.
 */
export function createCallLog(recordCallEvents: RecordCallEvents, warn: (message: string) => void) {
  const ledgers = new Map<string, CallLedger>();

  function ledgerOf(callId: string): CallLedger {
    let ledger = ledgers.get(callId);
    if (!ledger) {
      ledger = { queue: Promise.resolve(), from: null, to: 0 };
      ledgers.set(callId, ledger);
      if (ledgers.size > MAX_LEDGERS) ledgers.delete(ledgers.keys().next().value as string);
    }
    return ledger;
  }

  async function withRetries(callId: string, body: CallEventsBody): Promise<boolean> {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await recordCallEvents(callId, body);
        return true;
      } catch (error) {
        const delay = RETRY_DELAYS_MS[attempt];
        if (delay === undefined) {
          warn(`call ${callId}: events from ${body.firstSeq} not written live (${error instanceof Error ? error.message : String(error)}); the call's final write stores them`);
          return false;
        }
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  const sinks: InjectedSinks<CallLogSinks> = {
    callLog: {
      append: {
        fn: (_info, callId, body) => {
          const ledger = ledgerOf(callId);
          ledger.queue = ledger.queue.then(async () => {
            if (!(await withRetries(callId, body))) return;
            const last = body.firstSeq + body.events.length - 1;
            if (ledger.from === null) [ledger.from, ledger.to] = [body.firstSeq, last];
            else if (body.firstSeq <= ledger.to + 1) ledger.to = Math.max(ledger.to, last);
          });
        },
        callDuringReplay: false,
      },
    },
  };

  return {
    sinks,
    /** The durable write of `body` (the final one carries the whole record): what this worker stored already is skipped. */
    async recordCallEvents(callId: string, body: CallEventsBody): Promise<void> {
      const ledger = ledgers.get(callId);
      if (ledger) await ledger.queue;
      // Only a record this worker holds from its start tells what the call log has (a call taken over after a crash does not).
      const stored = ledger?.from === 1 ? ledger.to : 0;
      const skip = Math.max(0, Math.min(body.events.length, stored - body.firstSeq + 1));
      if (skip < body.events.length) await recordCallEvents(callId, { firstSeq: body.firstSeq + skip, events: body.events.slice(skip) });
    },
    /** The call is over: its ledger goes. */
    forget(callId: string): void {
      ledgers.delete(callId);
    },
  };
}
