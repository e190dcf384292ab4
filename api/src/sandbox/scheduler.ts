export type Cancel = () => void;

/**
 * Timers of the simulation. Durations are simulated seconds, multiplied by the speed factor (1 is
 * realistic; 0.01 runs a 30-second call in 300 ms). Every timer is tracked so `clear()` stops the whole
 * simulation, and can also belong to a group (a leg, a gather…) cleared on its own.
 */
export class Scheduler {
  private readonly timers = new Set<NodeJS.Timeout>();

  constructor(
    readonly speed: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Runs `fn` after `secs` simulated seconds. */
  after(secs: number, fn: () => void, group?: TimerGroup): Cancel {
    return this.afterMs(secs * 1000 * this.speed, fn, group);
  }

  /** Runs `fn` after `ms` wall-clock milliseconds (not scaled). */
  afterMs(ms: number, fn: () => void, group?: TimerGroup): Cancel {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      group?.timers.delete(timer);
      try {
        fn();
      } catch (error) {
        this.onError(error);
      }
    }, Math.max(0, ms));
    this.timers.add(timer);
    group?.timers.add(timer);
    return () => {
      clearTimeout(timer);
      this.timers.delete(timer);
      group?.timers.delete(timer);
    };
  }

  /** A set of timers that can be cancelled together. */
  group(): TimerGroup {
    return new TimerGroup(this.timers);
  }

  clear(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }
}

/** Timers that end together (everything pending on a leg when it hangs up). */
export class TimerGroup {
  readonly timers = new Set<NodeJS.Timeout>();

  constructor(private readonly all: Set<NodeJS.Timeout>) {}

  clear(): void {
    for (const timer of this.timers) {
      clearTimeout(timer);
      this.all.delete(timer);
    }
    this.timers.clear();
  }
}
