import type { CallIds, PlaceCallRequest, SandboxCarrier } from '../../src/sandbox';

export interface PlacedCall {
  /** Order of placing, from 0. */
  n: number;
  ids: CallIds;
  /** Epoch ms. */
  placedAt: number;
  /** When the caller's leg ended (epoch ms); null while it is up. */
  endedAt: number | null;
  /** The call was rejected busy, never answered (over MAX_ACTIVE_CALLS). */
  rejectedBusy: boolean;
}

export interface LoadPlan {
  concurrency: number;
  /** The first `concurrency` calls are spread evenly over this long, so their steps do not all fall together. */
  rampMs: number;
  /** From the first call: no new call is placed after this (or after `stop()`). */
  durationMs: number;
  /** After the load window, how long calls still up may take to end. */
  drainTimeoutMs: number;
  /** No more calls than this are placed (default: no limit). */
  maxCalls?: number;
  /**
   * How long, on average, a caller who heard busy waits before calling again (default: at once). Each waits between
   * half and one and a half times this: callers turned away together do not all call back together.
   */
  busyRedialMs?: number;
}

const POLL_MS = 100;

/**
 * Keeps `concurrency` simulated calls up: a new call is placed as soon as one ends (`busyRedialMs` after a busy one),
 * until the load window closes; then waits for the calls still up to end. A call is up from placing until its caller
 * leg ends in the sandbox.
 * Used by the benchmark and by the tests that break things under load.
 */
export class LoadDriver {
  readonly calls: PlacedCall[] = [];
  startedAt = 0;
  loadEndsAt = 0;
  private readonly active = new Map<string, PlacedCall>();
  /** When each caller who heard busy calls again (epoch ms): their places stay taken until then. */
  private redials: number[] = [];
  private placeErrors = 0;
  private lastPlaceError: string | null = null;

  constructor(
    private readonly sandbox: SandboxCarrier,
    private readonly request: (n: number) => PlaceCallRequest,
    private readonly plan: LoadPlan,
  ) {}

  /** Closes the load window now: no more calls are placed; `run()` resolves once the calls up have ended. */
  stop(): void {
    this.loadEndsAt = Math.min(this.loadEndsAt, Date.now());
  }

  get activeCount(): number {
    return this.active.size;
  }

  get placeFailures(): { count: number; last: string | null } {
    return { count: this.placeErrors, last: this.lastPlaceError };
  }

  async run(onTick?: (driver: LoadDriver) => void): Promise<void> {
    const { concurrency, rampMs, durationMs, drainTimeoutMs } = this.plan;
    this.startedAt = Date.now();
    this.loadEndsAt = this.startedAt + durationMs;
    let rampPlaced = 0;
    for (;;) {
      const now = Date.now();
      this.reap();
      this.redials = this.redials.filter((at) => at > now);
      const loadOpen = now < this.loadEndsAt && this.calls.length < (this.plan.maxCalls ?? Infinity);
      if (loadOpen) {
        // During the ramp the target grows linearly to `concurrency`; afterwards every ended call is replaced.
        const target = rampMs > 0 ? Math.min(concurrency, Math.floor(((now - this.startedAt) / rampMs) * concurrency) + 1) : concurrency;
        const room = () => this.active.size + this.redials.length < concurrency && this.calls.length < (this.plan.maxCalls ?? Infinity);
        while (rampPlaced < target && room()) {
          this.place();
          rampPlaced += 1;
        }
        if (rampPlaced >= concurrency) while (room()) this.place();
      } else if (this.active.size === 0 || now > this.loadEndsAt + drainTimeoutMs) {
        return;
      }
      onTick?.(this);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
  }

  private place(): void {
    const n = this.calls.length;
    try {
      const ids = this.sandbox.placeCall(this.request(n));
      const call: PlacedCall = { n, ids, placedAt: Date.now(), endedAt: null, rejectedBusy: false };
      this.calls.push(call);
      this.active.set(ids.callControlId, call);
    } catch (error) {
      this.placeErrors += 1;
      this.lastPlaceError = error instanceof Error ? error.message : String(error);
      if (this.placeErrors > 100) throw new Error(`the sandbox refused 100 calls; the last: ${this.lastPlaceError}`);
    }
  }

  /** Marks the calls whose caller leg has ended. */
  private reap(): void {
    for (const [callControlId, call] of this.active) {
      const leg = this.sandbox.findCall(callControlId);
      if (!leg || leg.endedAt === null) continue;
      call.endedAt = leg.endedAt;
      call.rejectedBusy = leg.answeredAt === null && leg.hangup?.cause === 'user_busy';
      if (call.rejectedBusy) this.redials.push(leg.endedAt + (this.plan.busyRedialMs ?? 0) * (0.5 + Math.random()));
      this.active.delete(callControlId);
    }
  }
}
