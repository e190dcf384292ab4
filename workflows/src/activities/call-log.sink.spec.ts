import type { TraceEvent } from '@callflow/engine';
import type { WorkflowInfo } from '@temporalio/workflow';
import type { CallEventsBody } from '../internal-api';
import { createCallLog } from './call-log.sink';

const event = (n: number) => ({ type: 'node.entered', node: `n${n}`, at: n }) as unknown as TraceEvent;
const events = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => event(from + index));
const info = {} as WorkflowInfo;

/** A call log that records each write it receives; `failing`: first position → how many of its attempts throw. */
function recorder(failing = new Map<number, number>()) {
  const writes: Array<{ callId: string; firstSeq: number; count: number }> = [];
  const record = async (callId: string, body: CallEventsBody) => {
    await new Promise((resolve) => setTimeout(resolve, 1));
    const failures = failing.get(body.firstSeq) ?? 0;
    if (failures > 0) {
      failing.set(body.firstSeq, failures - 1);
      throw new Error('API down');
    }
    writes.push({ callId, firstSeq: body.firstSeq, count: body.events.length });
  };
  return { writes, record };
}

describe('call log through the sink', () => {
  it('sends steps in order and the final write only what the live writes did not store', async () => {
    const { writes, record } = recorder();
    const log = createCallLog(record, () => undefined);
    const append = log.sinks.callLog.append.fn;
    await append(info, 'c1', { firstSeq: 1, events: events(1, 2) });
    await append(info, 'c1', { firstSeq: 3, events: events(3, 3) });
    await append(info, 'c1', { firstSeq: 4, events: events(4, 6) });
    await log.recordCallEvents('c1', { firstSeq: 1, events: events(1, 6) });
    expect(writes).toEqual([
      { callId: 'c1', firstSeq: 1, count: 2 },
      { callId: 'c1', firstSeq: 3, count: 1 },
      { callId: 'c1', firstSeq: 4, count: 3 },
    ]);
  });

  it('leaves what a live write could not store to the final write', async () => {
    // The live write of event 3 fails at each of its 4 attempts.
    const { writes, record } = recorder(new Map([[3, 4]]));
    const log = createCallLog(record, () => undefined);
    const append = log.sinks.callLog.append.fn;
    await append(info, 'c1', { firstSeq: 1, events: events(1, 2) });
    await append(info, 'c1', { firstSeq: 3, events: events(3, 3) });
    await append(info, 'c1', { firstSeq: 4, events: events(4, 4) });
    await log.recordCallEvents('c1', { firstSeq: 1, events: events(1, 4) });
    expect(writes.at(-1)).toEqual({ callId: 'c1', firstSeq: 3, count: 2 });
  }, 10_000);

  it('writes the whole record of a call this worker took over mid-call', async () => {
    const { writes, record } = recorder();
    const log = createCallLog(record, () => undefined);
    await log.sinks.callLog.append.fn(info, 'c2', { firstSeq: 5, events: events(5, 5) });
    await log.recordCallEvents('c2', { firstSeq: 1, events: events(1, 5) });
    expect(writes.at(-1)).toEqual({ callId: 'c2', firstSeq: 1, count: 5 });
  });
});
