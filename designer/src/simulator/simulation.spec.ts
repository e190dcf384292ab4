import { exampleDirectory, exampleDocument } from '../document/examples';
import { removeElements } from '../store/document-ops';
import { initialSetup, runSimulation, type SimulationSetup } from './simulation';

const document = exampleDocument();
const directory = exampleDirectory();
const tuesdayMorning: SimulationSetup = {
  ...initialSetup(document, directory, Date.UTC(2026, 10, 24, 15, 0)),
  script: [],
};

describe('simulating the draft in the browser', () => {
  it('starts at the current local time in the flow’s time zone with the directory’s agents', () => {
    expect(tuesdayMorning).toMatchObject({
      date: '2026-11-24',
      time: '10:00',
      timeZone: 'America/New_York',
      agents: { ann: { available: true, behaviour: 'answer' }, bob: { available: true }, cara: { available: true } },
    });
  });

  it('waits at the menu for the caller’s key, with the prompt as text and the path so far', () => {
    const run = runSimulation(document, directory, tuesdayMorning);
    expect(run).toMatchObject({ status: 'ran', outcome: null, waiting: { nodeId: 'menu', maxDigits: 1 } });
    if (run.status !== 'ran') return;
    expect(run.transcript.map((line) => line.text)).toContain(
      'say “Thanks for calling Acme Plumbing. For service, press 1. For billing, press 2.”',
    );
    expect(run.path).toEqual({ visitedNodeIds: ['entry', 'hours', 'menu'], traversedEdgeIds: ['e1', 'e2'], lastNodeId: 'menu' });
  });

  it('follows a pressed key to the ring group and ends where the call ends', () => {
    const run = runSimulation(document, directory, { ...tuesdayMorning, script: [{ type: 'press', digits: '1' }] });
    expect(run).toMatchObject({ status: 'ran', waiting: null, outcome: { result: 'answered', node: 'bye' } });
    if (run.status !== 'ran') return;
    expect(run.path.traversedEdgeIds).toEqual(['e1', 'e2', 'e4', 'e9']);
    expect(run.transcript.map((line) => line.text)).toContain('Ann Diaz (110) answered');
    expect(run.transcript[0]?.time).toBe('10:00:00');
  });

  it('goes to voicemail when the agents who could answer are unavailable', () => {
    const run = runSimulation(document, directory, {
      ...tuesdayMorning,
      agents: { ...tuesdayMorning.agents, ann: { available: false, behaviour: 'answer' } },
      script: [{ type: 'press', digits: '1' }, { type: 'hangup' }],
    });
    expect(run).toMatchObject({ status: 'ran', outcome: { result: 'voicemail', node: 'voicemail' } });
  });

  it('takes the closed branch on a holiday at the chosen date', () => {
    const run = runSimulation(document, directory, { ...tuesdayMorning, date: '2026-11-26', script: [{ type: 'hangup' }] });
    expect(run.status === 'ran' && run.path.visitedNodeIds).toEqual(['entry', 'hours', 'closed', 'voicemail']);
  });

  it('refuses to run a flow with errors, or an unreadable date', () => {
    const broken = removeElements(document, [], ['e1']);
    expect(runSimulation(broken, directory, tuesdayMorning)).toEqual({ status: 'cannot-run', problem: 'the flow has 1 error: fix it to simulate' });
    expect(runSimulation(document, directory, { ...tuesdayMorning, time: '25:99' })).toMatchObject({ status: 'cannot-run' });
  });
});
