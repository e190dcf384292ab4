import { readdirSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Resident set size of a process in bytes (VmRSS of /proc/<pid>/status); null if it is gone. */
export function residentBytes(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB$/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : null;
  } catch {
    return null;
  }
}

/** CPU time (user + system) a process has used, in clock ticks (/proc/<pid>/stat); null if it is gone. */
function cpuTicks(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name, which is in parentheses and may contain spaces.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[11]) + Number(fields[12]);
  } catch {
    return null;
  }
}

/** Busy and total ticks of the whole machine (/proc/stat, all CPUs). */
function machineTicks(): { busy: number; total: number } {
  const line = readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '';
  const values = line.trim().split(/\s+/).slice(1).map(Number);
  const total = values.reduce((sum, value) => sum + value, 0);
  const idle = (values[3] ?? 0) + (values[4] ?? 0);
  return { busy: total - idle, total };
}

/** Processes whose command line contains `text` (e.g. the PostgreSQL backends serving one database). */
export function pidsWithCommandLine(text: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(text)) pids.push(Number(entry));
    } catch {
      // Gone meanwhile.
    }
  }
  return pids;
}

export interface ResourceSample {
  at: number;
  activeCalls: number;
  /** Resident memory of each watched group (all its processes together); null when none of them is alive. */
  rssBytes: Record<string, number | null>;
  /** Cumulative CPU ticks per process, by watched group. */
  cpu: Record<string, Map<number, number>>;
  machine: { busy: number; total: number };
}

/**
 * Samples the memory of some groups of processes (the workers, the API instances), the CPU time of the stack's
 * processes (by group: a group's pids are looked up at every sample) and of the whole machine, once a second.
 */
export class ResourceSampler {
  readonly samples: ResourceSample[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly memoryGroups: Record<string, () => number[]>,
    private readonly cpuGroups: Record<string, () => number[]>,
    private readonly activeCalls: () => number,
  ) {}

  start(intervalMs = 1000): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  sample(): ResourceSample {
    const cpu: ResourceSample['cpu'] = {};
    for (const [name, pids] of Object.entries(this.cpuGroups)) {
      cpu[name] = new Map(pids().flatMap((pid) => {
        const ticks = cpuTicks(pid);
        return ticks === null ? [] : [[pid, ticks] as const];
      }));
    }
    const rssBytes: ResourceSample['rssBytes'] = {};
    for (const [name, pids] of Object.entries(this.memoryGroups)) {
      const each = pids().flatMap((pid) => residentBytes(pid) ?? []);
      rssBytes[name] = each.length === 0 ? null : each.reduce((sum, bytes) => sum + bytes, 0);
    }
    const sample: ResourceSample = { at: Date.now(), activeCalls: this.activeCalls(), rssBytes, cpu, machine: machineTicks() };
    this.samples.push(sample);
    return sample;
  }

  /**
   * Cores each group used between two samples (1 = one full core; only processes alive at both), the machine's busy
   * cores, and what the rest of the machine used (other processes).
   */
  static cpuBetween(from: ResourceSample, to: ResourceSample): { groups: Record<string, number>; machineBusyCores: number; otherCores: number } {
    const seconds = (to.at - from.at) / 1000;
    const groups: Record<string, number> = {};
    for (const [name, end] of Object.entries(to.cpu)) {
      const start = from.cpu[name] ?? new Map<number, number>();
      let ticks = 0;
      for (const [pid, endTicks] of end) {
        const startTicks = start.get(pid);
        if (startTicks !== undefined) ticks += endTicks - startTicks;
      }
      // Linux reports /proc times in USER_HZ = 100 ticks per second.
      groups[name] = seconds > 0 ? ticks / 100 / seconds : 0;
    }
    const total = to.machine.total - from.machine.total;
    const machineBusyCores = total > 0 ? ((to.machine.busy - from.machine.busy) / total) * availableParallelism() : 0;
    const ours = Object.values(groups).reduce((sum, cores) => sum + cores, 0);
    return { groups, machineBusyCores, otherCores: Math.max(0, machineBusyCores - ours) };
  }
}
