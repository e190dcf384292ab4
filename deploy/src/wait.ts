import net from 'node:net';

export interface WaitOptions {
  /** What is awaited, for the timeout message ("Temporal on 127.0.0.1:7233"). */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Checked before every attempt; a message aborts the wait (e.g. the process exited). */
  abortReason?: () => string | undefined;
}

/** Polls `attempt` until it resolves without throwing; rejects with the last error after the timeout. */
export async function waitUntil(attempt: () => Promise<void>, options: WaitOptions): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let lastError: unknown;
  for (;;) {
    const aborted = options.abortReason?.();
    if (aborted) throw new Error(`${options.what} did not become ready: ${aborted}`);
    try {
      await attempt();
      return;
    } catch (error) {
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const detail = lastError instanceof Error ? lastError.message : String(lastError);
      throw new Error(`${options.what} did not become ready within ${options.timeoutMs / 1000} s (last error: ${detail})`);
    }
    await new Promise((resolve) => setTimeout(resolve, options.intervalMs ?? 250));
  }
}

/** A TCP port on `host` that was free a moment ago (the OS picks it). */
export async function findFreePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not determine a free port'));
      });
    });
  });
}
