import { describeTraceEvent, type TraceEvent } from '@callflow/engine';
import type { CallUpdated, LiveCallStep } from '@callflow/schemas';
import type { DraftDocument } from '../document/draft-document';
import type { SimulationPath } from '../store/editor-state';
import { pathOf } from './simulation';

/** A call placed through the sandbox carrier, followed on the live socket. */
export interface TestCall {
  from: string;
  to: string;
  /** The caller's leg at the sandbox carrier: where key presses and the hang-up go. */
  callControlId: string;
  /** The product's call, once a `call.updated.v1` from `from` to `to` named it. */
  call: CallUpdated | null;
  /**
   * Steps per call id, in `seq` order without repeats. Steps can land before the update that names the call,
   * so those of every call are kept until it is named; from then on only its own.
   */
  steps: Record<string, LiveCallStep[]>;
}

export function placedTestCall(from: string, to: string, callControlId: string): TestCall {
  return { from, to, callControlId, call: null, steps: {} };
}

export function withCallUpdate(test: TestCall, update: CallUpdated): TestCall {
  if (test.call === null) {
    const ours = update.status === 'running' && update.caller === test.from && update.called === test.to;
    return ours ? { ...test, call: update, steps: { [update.callId]: test.steps[update.callId] ?? [] } } : test;
  }
  return update.callId === test.call.callId ? { ...test, call: update } : test;
}

export function withCallStep(test: TestCall, step: LiveCallStep): TestCall {
  if (test.call !== null && step.callId !== test.call.callId) return test;
  const known = test.steps[step.callId] ?? [];
  if (known.some((candidate) => candidate.seq === step.seq)) return test;
  const steps = [...known, step].sort((a, b) => a.seq - b.seq);
  return { ...test, steps: { ...test.steps, [step.callId]: steps } };
}

/** The call's steps as the engine traced them (the live feed sends the engine's trace events as they are). */
function traceOf(test: TestCall): TraceEvent[] {
  if (test.call === null) return [];
  return (test.steps[test.call.callId] ?? []).map((entry) => entry.step as unknown as TraceEvent);
}

export interface TestCallLine {
  seq: number;
  /** Epoch ms. */
  at: number;
  nodeId: string | null;
  type: string;
  text: string;
}

export function testCallLines(test: TestCall): TestCallLine[] {
  if (test.call === null) return [];
  return (test.steps[test.call.callId] ?? []).map(({ seq, step }) => ({
    seq,
    at: step.at,
    nodeId: step.node,
    type: step.type,
    text: describeTraceEvent(step as unknown as TraceEvent),
  }));
}

/**
 * What the canvas lights: the path of the call's steps, ending where the call is now (or ended). The node the call
 * updates name is lit too, in case its steps are still on their way.
 */
export function testCallPath(document: DraftDocument, test: TestCall): SimulationPath | null {
  if (test.call === null) return null;
  const events = traceOf(test);
  const current = test.call.currentNode?.id ?? events.findLast((event) => event.node !== null)?.node ?? null;
  const path = pathOf(document, events, current);
  if (current === null || path.visitedNodeIds.includes(current)) return path;
  return { ...path, visitedNodeIds: [...path.visitedNodeIds, current] };
}
