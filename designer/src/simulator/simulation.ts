import {
  compileFlow,
  describeTraceEvent,
  simulate,
  type AgentBehaviour,
  type CallerAction,
  type CallOutcome,
  type CommandOf,
  type ExprValue,
  type TraceEvent,
} from '@callflow/engine';
import type { DirectorySnapshot } from '@callflow/schemas';
import { DateTime } from 'luxon';
import type { DraftDocument } from '../document/draft-document';
import type { SimulationPath } from '../store/editor-state';

export interface AgentSetup {
  available: boolean;
  /** What the agent's phone does when it rings. */
  behaviour: AgentBehaviour;
}

export interface SimulationSetup {
  /** Local date and time of the call, `yyyy-MM-dd` and `HH:mm`, in `timeZone`. */
  date: string;
  time: string;
  timeZone: string;
  from: string;
  /** Per agent id; agents not listed keep their directory presence and answer. */
  agents: Record<string, AgentSetup>;
  script: CallerAction[];
}

export interface TranscriptLine {
  /** Local time of the call, `HH:mm:ss`. */
  time: string;
  nodeId: string | null;
  type: TraceEvent['type'];
  text: string;
}

export type SimulationRun =
  | { status: 'cannot-run'; problem: string }
  | {
      status: 'ran';
      transcript: TranscriptLine[];
      variables: Record<string, ExprValue>;
      /** How the call ended; null while it waits for the caller. */
      outcome: CallOutcome | null;
      /** The caller's next move is needed here (the script ran out where the flow listens for keys). */
      waiting: { nodeId: string; maxDigits: number; terminator: string | null } | null;
      /** Set when the call neither ended nor waited for the caller. */
      stalled: string | null;
      path: SimulationPath;
    };

const FALLBACK_CALLED_NUMBER = '+15555550199';

/** The directory as the simulated call sees it: agents marked unavailable are offline. */
function directoryFor(directory: DirectorySnapshot, agents: Record<string, AgentSetup>): DirectorySnapshot {
  return {
    ...directory,
    agents: directory.agents.map((agent) => {
      const setup = agents[agent.id];
      if (setup === undefined) return agent;
      return { ...agent, presence: setup.available ? 'available' : 'offline' };
    }),
  };
}

/** The nodes a call visited and the edges it took, from its trace (a simulated call's, or a real call's steps). */
export function pathOf(document: DraftDocument, events: readonly TraceEvent[], lastNodeId: string | null): SimulationPath {
  const visited: string[] = [];
  const traversed: string[] = [];
  for (const event of events) {
    if (event.type === 'node.entered' && event.node !== null && !visited.includes(event.node)) visited.push(event.node);
    if (event.type === 'node.exited' && event.node !== null && event.target !== null) {
      const candidates = document.edges.filter((edge) => edge.source === event.node && edge.target === event.target);
      // A port may fall back to another one's edge (no-input to invalid-input): prefer the port that was taken.
      const edge = candidates.find((candidate) => candidate.sourcePort === event.port) ?? candidates[0];
      if (edge && !traversed.includes(edge.id)) traversed.push(edge.id);
    }
  }
  return { visitedNodeIds: visited, traversedEdgeIds: traversed, lastNodeId };
}

/** Runs the draft in the browser with the engine's simulator, as the caller in `setup` would experience it. */
export function runSimulation(document: DraftDocument, directory: DirectorySnapshot, setup: SimulationSetup): SimulationRun {
  const start = DateTime.fromISO(`${setup.date}T${setup.time}`, { zone: setup.timeZone });
  if (!start.isValid) return { status: 'cannot-run', problem: `cannot read the date and time: ${start.invalidExplanation ?? start.invalidReason}` };
  const simulatedDirectory = directoryFor(directory, setup.agents);
  const compiled = compileFlow(document, { flowId: 'draft', directory: simulatedDirectory });
  if (!compiled.ok) {
    const errors = compiled.diagnostics.filter((diagnostic) => diagnostic.severity === 'error').length;
    return { status: 'cannot-run', problem: `the flow has ${errors} error${errors === 1 ? '' : 's'}: fix ${errors === 1 ? 'it' : 'them'} to simulate` };
  }
  const entry = document.nodes.find((node) => node.kind === 'entry');
  const calledNumber = typeof entry?.config.number === 'string' ? entry.config.number : FALLBACK_CALLED_NUMBER;
  const result = simulate(compiled.program, {
    at: start.toMillis(),
    from: setup.from,
    to: calledNumber,
    directory: simulatedDirectory,
    script: setup.script,
    agents: Object.fromEntries(Object.entries(setup.agents).map(([id, agent]) => [id, agent.behaviour])),
  });

  // The simulated caller hangs up when the script runs out where the flow listens; without a scripted hang-up,
  // that is where the flow waits for the user's next key.
  const ranOut = result.state.callerHungUp && !setup.script.some((action) => action.type === 'hangup');
  const lastGather = result.commands.map((entry) => entry.command).filter((command): command is CommandOf<'gather'> => command.type === 'gather').at(-1);
  const waitingNode = ranOut ? result.outcome?.node ?? null : null;
  const events = waitingNode === null ? result.events : result.events.filter((event) => event.type !== 'call.ended');
  const transcript = events.map((event) => ({
    time: DateTime.fromMillis(event.at, { zone: setup.timeZone }).toFormat('HH:mm:ss'),
    nodeId: event.node,
    type: event.type,
    text: describeTraceEvent(event),
  }));
  return {
    status: 'ran',
    transcript,
    variables: result.state.vars,
    outcome: waitingNode === null ? result.outcome : null,
    waiting: waitingNode === null ? null : { nodeId: waitingNode, maxDigits: lastGather?.maxDigits ?? 1, terminator: lastGather?.terminator ?? null },
    stalled: result.stalled,
    path: pathOf(document, events, waitingNode ?? result.outcome?.node ?? result.state.stepId),
  };
}

/** A fresh setup: now in the flow's time zone, every directory agent as the directory has them. */
export function initialSetup(document: DraftDocument, directory: DirectorySnapshot, now: number): SimulationSetup {
  const timeZone = document.metadata.timeZone;
  const local = DateTime.fromMillis(now, { zone: timeZone });
  return {
    date: local.toFormat('yyyy-MM-dd'),
    time: local.toFormat('HH:mm'),
    timeZone,
    from: '+14155550123',
    agents: Object.fromEntries(directory.agents.map((agent) => [agent.id, { available: agent.presence === 'available', behaviour: 'answer' }])),
    script: [],
  };
}
