import { Inject, Injectable } from '@nestjs/common';
import type { LiveSnapshot } from '@callflow/schemas';
import type { AuthContext } from '../auth/auth-context';
import { LiveCallsRepository, type Waiter } from './live-calls.repository';
import { queueView } from './queue-view';

/** What a live monitor shows when it opens, in the shapes of the live events that keep it current afterwards. */
@Injectable()
export class LiveSnapshotService {
  constructor(@Inject(LiveCallsRepository) private readonly liveCalls: LiveCallsRepository) {}

  async snapshot(caller: AuthContext): Promise<LiveSnapshot> {
    const [calls, waiting] = await Promise.all([this.liveCalls.running(caller.tenantId), this.liveCalls.waitingEverywhere(caller.tenantId)]);
    const byQueue = new Map<string, Waiter[]>();
    for (const waiter of waiting) byQueue.set(waiter.queueId, [...(byQueue.get(waiter.queueId) ?? []), waiter]);
    const now = Date.now();
    const queues = await Promise.all(
      [...byQueue].map(async ([queueId, waiters]) => queueView(queueId, await this.liveCalls.queueName(caller.tenantId, queueId), waiters, now)),
    );
    return { calls: calls.map((call) => call.view), queues };
  }
}
