import type { CallStep, FlowEdge } from '@callflow/schemas';
import type { PathMark } from '../live/flow-overlay-canvas';

/** Where the replay stands: a position in call time (ms since the call started), playing or paused, how fast. */
export interface TimelineState {
  positionMs: number;
  playing: boolean;
  /** Call-time milliseconds per real millisecond. */
  speed: number;
}

export const REPLAY_SPEEDS = [1, 2, 4, 8, 16] as const;

export const initialTimeline = (): TimelineState => ({ positionMs: 0, playing: false, speed: 4 });

/** Where the timeline ends: the end of the last step (a running call: where its last step began). */
export function timelineEndMs(steps: readonly CallStep[]): number {
  const last = steps.at(-1);
  return last === undefined ? 0 : last.offsetMs + (last.durationMs ?? 0);
}

/** The step being shown at `positionMs`: the last one that began by then (the first before anything began). */
export function stepIndexAt(steps: readonly CallStep[], positionMs: number): number {
  let index = 0;
  steps.forEach((step, candidate) => {
    if (step.offsetMs <= positionMs) index = candidate;
  });
  return index;
}

export type TimelineAction =
  | { type: 'play' }
  | { type: 'pause' }
  /** Real time passed while playing. */
  | { type: 'tick'; elapsedMs: number }
  | { type: 'step-forward' }
  | { type: 'step-back' }
  | { type: 'seek'; positionMs: number }
  | { type: 'go-to-step'; index: number }
  | { type: 'speed'; speed: number };

export function timelineReducer(steps: readonly CallStep[], state: TimelineState, action: TimelineAction): TimelineState {
  const endMs = timelineEndMs(steps);
  const clamp = (positionMs: number) => Math.min(Math.max(positionMs, 0), endMs);
  const current = stepIndexAt(steps, state.positionMs);
  switch (action.type) {
    case 'play':
      // Playing from the end starts again.
      return { ...state, playing: steps.length > 0, positionMs: state.positionMs >= endMs ? 0 : state.positionMs };
    case 'pause':
      return { ...state, playing: false };
    case 'tick': {
      if (!state.playing) return state;
      const positionMs = clamp(state.positionMs + action.elapsedMs * state.speed);
      return { ...state, positionMs, playing: positionMs < endMs };
    }
    case 'step-forward': {
      const next = steps[current + 1];
      return { ...state, playing: false, positionMs: next ? next.offsetMs : endMs };
    }
    case 'step-back': {
      // Within a step, back goes to its start first (like a track in a music player); at its start, to the one before.
      const step = steps[current];
      const atStart = step === undefined || state.positionMs <= step.offsetMs;
      const target = atStart ? steps[Math.max(0, current - 1)] : step;
      return { ...state, playing: false, positionMs: target?.offsetMs ?? 0 };
    }
    case 'seek':
      return { ...state, positionMs: clamp(action.positionMs) };
    case 'go-to-step':
      return { ...state, playing: false, positionMs: clamp(steps[action.index]?.offsetMs ?? 0) };
    case 'speed':
      return { ...state, speed: action.speed };
  }
}

export interface LitPath {
  marks: Map<string, PathMark>;
  litEdgeIds: Set<string>;
}

/**
 * The call's path through `flowId` up to step `index`: the nodes it visited, the one it is at, and the edges it took
 * (left by a node's exit port to the next node entered). Steps in other flows (after a go-to) are not on this canvas.
 */
export function pathUpTo(steps: readonly CallStep[], index: number, flowId: string, edges: readonly FlowEdge[]): LitPath {
  const marks = new Map<string, PathMark>();
  const litEdgeIds = new Set<string>();
  const shown = steps.slice(0, index + 1);
  shown.forEach((step, position) => {
    if (step.node === null || step.flowId !== flowId) return;
    marks.set(step.node, position === shown.length - 1 ? 'current' : 'visited');
    const next = shown[position + 1];
    if (next === undefined || step.exitPort === null || next.flowId !== flowId) return;
    const edge = edges.find((candidate) => candidate.source === step.node && candidate.sourcePort === step.exitPort && candidate.target === next.node);
    if (edge) litEdgeIds.add(edge.id);
  });
  return { marks, litEdgeIds };
}
