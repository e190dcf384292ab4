import { setTimeout as sleep } from 'node:timers/promises';
import { startTemporalDevServer, type TemporalDevServer } from '../src/temporal-server';
import { TemporalStallWatch, type TemporalStall } from '../src/temporal-stall-watch';

describe('TemporalStallWatch', () => {
  let server: TemporalDevServer;

  beforeAll(async () => {
    server = await startTemporalDevServer();
  }, 90_000);

  afterAll(async () => {
    await server.stop();
  });

  /** A watch on the dev server (1 s threshold, a probe every 100 ms), the stalls it reports, and the server's pid. */
  async function watchServer(): Promise<{ watch: TemporalStallWatch; stalls: TemporalStall[]; pid: number }> {
    const stalls: TemporalStall[] = [];
    const watch = await TemporalStallWatch.start({
      address: server.address,
      namespace: server.namespace,
      thresholdMs: 1000,
      intervalMs: 100,
      onStall: (stall) => stalls.push(stall),
    });
    const pid = server.process.pid;
    if (pid === undefined) throw new Error('the dev server has no pid');
    return { watch, stalls, pid };
  }

  it('reports a frontend that stops answering, with how long the probe waited', async () => {
    const { watch, stalls, pid } = await watchServer();

    await sleep(500);
    const pausedAt = Date.now();
    process.kill(-pid, 'SIGSTOP');
    await sleep(2500);
    process.kill(-pid, 'SIGCONT');
    await sleep(1000);
    const { probes, slowestMs } = await watch.stop();

    const pauseStall = stalls.find((stall) => stall.startedAt.getTime() >= pausedAt - 100 && stall.startedAt.getTime() < pausedAt + 2500);
    expect(pauseStall).toMatchObject({ answeredAfterMs: expect.any(Number), loadAverage: expect.any(Number) });
    expect(pauseStall?.error).toBeUndefined();
    expect(pauseStall?.answeredAfterMs).toBeGreaterThanOrEqual(pausedAt + 2500 - (pauseStall?.startedAt.getTime() ?? 0) - 50);
    expect(slowestMs).toBeGreaterThanOrEqual(pauseStall?.answeredAfterMs ?? Infinity);
    expect(probes).toBeGreaterThan(3);
  }, 30_000);

  it('stops while the frontend is not answering, and reports the probe left unanswered', async () => {
    const { watch, stalls, pid } = await watchServer();
    await sleep(300);
    process.kill(-pid, 'SIGSTOP');
    try {
      await sleep(1500);
      // A probe's own deadline is 60 s: the watch must not wait for it.
      const outcome = await Promise.race([watch.stop().then(() => 'stopped'), sleep(10_000, 'still waiting', { ref: false })]);
      expect(outcome).toBe('stopped');
    } finally {
      process.kill(-pid, 'SIGCONT');
    }
    expect(stalls).toEqual([expect.objectContaining({ error: 'still unanswered when the watch stopped', answeredAfterMs: expect.any(Number) })]);
    expect(stalls[0]!.answeredAfterMs).toBeGreaterThanOrEqual(1400);
  }, 30_000);
});
