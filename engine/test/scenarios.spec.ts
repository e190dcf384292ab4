/**
 * Golden scenarios: every folder under test/scenarios/ is one scripted call through one small flow.
 *
 *   flow.json       the flow document
 *   directory.json  the directory snapshot (agents, ring groups, queues, mailboxes, schedules)
 *   script.json     the simulation: start time, caller, what the caller does, how agents and services answer
 *   program.json    expected compiled program
 *   trace.json      expected call: trace events and host commands (`t` = seconds since the call started),
 *                   the outcome and the routing memory afterwards
 *
 * `UPDATE_GOLDEN=1 npx jest test/scenarios.spec.ts` rewrites program.json and trace.json from the current engine.
 * Read every rewritten trace before committing it: it must be what a caller should get, not merely what the
 * engine does today.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DirectorySnapshotSchema, E164Schema, NODE_KINDS, RoutingMemorySchema } from '@callflow/schemas';
import { DateTime } from 'luxon';
import { z } from 'zod';
import { compileFlow } from '../src/compile';
import type { CommandOf, HttpResponse } from '../src/interpreter';
import { simulate, type SimulationOptions, type SimulationResult } from '../src/simulator';

const SCENARIOS_DIR = join(__dirname, 'scenarios');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const HttpResponseSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), status: z.number().int().min(100).max(599), body: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.string().min(1) }),
]);

/** script.json: the simulator's options in JSON, with the start as a local time in a zone. */
const ScenarioScriptSchema = z.strictObject({
  description: z.string().min(1).describe('What the caller does and should get, in one or two sentences'),
  at: z.iso.datetime({ local: true }).describe('Local start time, read in `timeZone`'),
  timeZone: z.string().min(1),
  from: E164Schema,
  to: E164Schema,
  script: z.array(
    z.discriminatedUnion('type', [
      z.strictObject({ type: z.literal('press'), digits: z.string().regex(/^[0-9*#]+$/) }),
      z.strictObject({ type: z.literal('silence') }),
      z.strictObject({ type: z.literal('hangup') }),
    ]),
  ),
  agents: z.record(z.string(), z.enum(['answer', 'decline', 'no-answer'])).optional(),
  hangUpAtNode: z.string().optional(),
  queueAgentAfterSecs: z.number().int().min(0).nullable().optional(),
  transferAnswered: z.boolean().optional(),
  conversationSecs: z.number().int().min(1).optional(),
  memory: RoutingMemorySchema.optional(),
  http: z
    .array(z.strictObject({ match: z.string().min(1).describe('Substring of the request URL'), response: HttpResponseSchema }))
    .optional(),
});
type ScenarioScript = z.infer<typeof ScenarioScriptSchema>;

function readJson(folder: string, file: string): unknown {
  return JSON.parse(readFileSync(join(SCENARIOS_DIR, folder, file), 'utf8'));
}

function scriptedHttp(entries: NonNullable<ScenarioScript['http']>) {
  return (request: CommandOf<'http-request'>): HttpResponse =>
    entries.find((entry) => request.url.includes(entry.match))?.response ?? {
      ok: false,
      error: `no scripted response matches ${request.url}`,
    };
}

function simulationOptions(script: ScenarioScript, directory: SimulationOptions['directory']): SimulationOptions {
  const start = DateTime.fromISO(script.at, { zone: script.timeZone });
  if (!start.isValid) throw new Error(`cannot read "at" ${script.at} in ${script.timeZone}: ${start.invalidExplanation ?? ''}`);
  const { description: _description, at: _at, timeZone: _timeZone, http, ...rest } = script;
  return { ...rest, at: start.toMillis(), directory, ...(http ? { http: scriptedHttp(http) } : {}) };
}

/** The simulation as stored in trace.json: times relative to the call start; flow ids dropped (checked separately). */
function traceOf(result: SimulationResult, start: number) {
  const seconds = (at: number) => (at - start) / 1000;
  return {
    outcome: result.outcome,
    stalled: result.stalled,
    events: result.events.map(({ at, flowId: _flowId, ...event }) => ({ t: seconds(at), ...event })),
    commands: result.commands.map(({ at, command }) => ({ t: seconds(at), ...command })),
    memory: result.memory,
  };
}

/** JSON with one array item per line, so a changed step shows as one changed line. */
function formatTrace(trace: ReturnType<typeof traceOf>): string {
  const lines = Object.entries(trace).map(([key, value]) => {
    if (!Array.isArray(value)) return `  ${JSON.stringify(key)}: ${JSON.stringify(value)}`;
    const items = value.map((item) => `    ${JSON.stringify(item)}`).join(',\n');
    return `  ${JSON.stringify(key)}: [\n${items}\n  ]`;
  });
  return `{\n${lines.join(',\n')}\n}\n`;
}

function golden(folder: string, file: string, actual: unknown, text: string): void {
  const path = join(SCENARIOS_DIR, folder, file);
  if (UPDATE) {
    writeFileSync(path, text);
    return;
  }
  if (!existsSync(path)) throw new Error(`${folder}/${file} is missing: run with UPDATE_GOLDEN=1, then read it`);
  expect(JSON.parse(JSON.stringify(actual))).toEqual(JSON.parse(readFileSync(path, 'utf8')));
}

const folders = readdirSync(SCENARIOS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

describe('golden scenarios', () => {
  it('has a scenario for every node kind', () => {
    const covered = new Set(
      folders.flatMap((folder) => (readJson(folder, 'flow.json') as { nodes: { kind: string }[] }).nodes.map((node) => node.kind)),
    );
    expect(NODE_KINDS.filter((kind) => !covered.has(kind))).toEqual([]);
  });

  describe.each(folders)('%s', (folder) => {
    it('compiles to the expected program and runs the expected call', () => {
      const directory = DirectorySnapshotSchema.parse(readJson(folder, 'directory.json'));
      const script = ScenarioScriptSchema.parse(readJson(folder, 'script.json'));

      const compiled = compileFlow(readJson(folder, 'flow.json'), { flowId: folder, directory });
      if (!compiled.ok) throw new Error(`${folder}/flow.json does not compile:\n${JSON.stringify(compiled.diagnostics, null, 2)}`);
      // Scenario flows are examples to copy: no warnings (infos about deliberately unconnected optional ports are fine).
      expect(compiled.diagnostics.filter((diagnostic) => diagnostic.severity !== 'info')).toEqual([]);
      golden(folder, 'program.json', compiled.program, `${JSON.stringify(compiled.program, null, 2)}\n`);

      const options = simulationOptions(script, directory);
      const result = simulate(compiled.program, options);
      expect(result.stalled).toBeNull();
      expect(result.outcome).not.toBeNull();
      expect(result.events.filter((event) => event.flowId !== folder)).toEqual([]);
      const trace = traceOf(result, options.at);
      golden(folder, 'trace.json', trace, formatTrace(trace));
    });
  });
});
