import type { CallStep, FlowEdge } from '@callflow/schemas';
import { initialTimeline, pathUpTo, stepIndexAt, timelineEndMs, timelineReducer, type TimelineAction, type TimelineState } from './replay-timeline';

const FLOW = 'flow-1';

function step(index: number, node: string, offsetMs: number, durationMs: number | null, exitPort: string | null, flowId = FLOW): CallStep {
  return {
    index,
    flowId,
    node,
    kind: 'menu',
    label: node,
    enteredAt: new Date(Date.UTC(2026, 10, 21, 10) + offsetMs).toISOString(),
    offsetMs,
    durationMs,
    exitPort,
    events: [],
    voicemailIds: [],
  };
}

// start (0–1 s) → menu (1–6 s) → ring (6–16 s), ended there.
const STEPS = [step(0, 'start', 0, 1000, 'next'), step(1, 'menu', 1000, 5000, '1'), step(2, 'ring', 6000, 10_000, null)];
const EDGES: FlowEdge[] = [
  { id: 'e1', source: 'start', sourcePort: 'next', target: 'menu' },
  { id: 'e2', source: 'menu', sourcePort: '1', target: 'ring' },
  { id: 'e3', source: 'menu', sourcePort: '2', target: 'voicemail' },
];

const run = (state: TimelineState, ...actions: TimelineAction[]) => actions.reduce((current, action) => timelineReducer(STEPS, current, action), state);

describe('replay timeline', () => {
  it('finds the step shown at a position in call time', () => {
    expect(timelineEndMs(STEPS)).toBe(16_000);
    expect(stepIndexAt(STEPS, 0)).toBe(0);
    expect(stepIndexAt(STEPS, 999)).toBe(0);
    expect(stepIndexAt(STEPS, 1000)).toBe(1);
    expect(stepIndexAt(STEPS, 15_000)).toBe(2);
  });

  it('steps forward and back one step at a time, pausing playback', () => {
    const playing = run(initialTimeline(), { type: 'play' });
    const forward = run(playing, { type: 'step-forward' });
    expect(forward).toMatchObject({ positionMs: 1000, playing: false });
    expect(run(forward, { type: 'step-forward' }).positionMs).toBe(6000);
    // Past the last step: the end of the call.
    expect(run(forward, { type: 'step-forward' }, { type: 'step-forward' }).positionMs).toBe(16_000);

    // Within a step, back goes to its start; from its start, to the step before.
    const inMenu = run(initialTimeline(), { type: 'seek', positionMs: 3500 });
    expect(run(inMenu, { type: 'step-back' }).positionMs).toBe(1000);
    expect(run(inMenu, { type: 'step-back' }, { type: 'step-back' }).positionMs).toBe(0);
    expect(run(inMenu, { type: 'step-back' }, { type: 'step-back' }, { type: 'step-back' }).positionMs).toBe(0);
  });

  it('plays at the chosen speed and stops at the end; playing again starts over', () => {
    const fast = run(initialTimeline(), { type: 'speed', speed: 4 }, { type: 'play' }, { type: 'tick', elapsedMs: 500 });
    expect(fast).toMatchObject({ positionMs: 2000, playing: true });
    expect(stepIndexAt(STEPS, fast.positionMs)).toBe(1);

    const atEnd = run(fast, { type: 'tick', elapsedMs: 10_000 });
    expect(atEnd).toMatchObject({ positionMs: 16_000, playing: false });
    expect(run(atEnd, { type: 'tick', elapsedMs: 100 }).positionMs).toBe(16_000);
    expect(run(atEnd, { type: 'play' })).toMatchObject({ positionMs: 0, playing: true });
    // Paused, time does not move it.
    expect(run(fast, { type: 'pause' }, { type: 'tick', elapsedMs: 1000 }).positionMs).toBe(2000);
  });

  it('lights the path taken up to the step shown: visited nodes, the current one, and the edges between them', () => {
    const atMenu = pathUpTo(STEPS, 1, FLOW, EDGES);
    expect(Object.fromEntries(atMenu.marks)).toEqual({ start: 'visited', menu: 'current' });
    expect([...atMenu.litEdgeIds]).toEqual(['e1']);

    const atRing = pathUpTo(STEPS, 2, FLOW, EDGES);
    expect(Object.fromEntries(atRing.marks)).toEqual({ start: 'visited', menu: 'visited', ring: 'current' });
    expect([...atRing.litEdgeIds]).toEqual(['e1', 'e2']);
  });

  it('leaves steps of another flow (after a go-to) off the canvas', () => {
    const steps = [step(0, 'start', 0, 1000, 'next'), step(1, 'elsewhere', 1000, null, null, 'flow-2')];
    const path = pathUpTo(steps, 1, FLOW, [{ id: 'e1', source: 'start', sourcePort: 'next', target: 'elsewhere' }]);
    expect(Object.fromEntries(path.marks)).toEqual({ start: 'visited' });
    expect(path.litEdgeIds.size).toBe(0);
  });
});
