import { parseArgs } from 'node:util';
import { DirectorySnapshotSchema, type DirectorySnapshot } from '@callflow/schemas';
import { DateTime } from 'luxon';
import { compileFlow } from '../compile';
import { validateFlow } from '../validate';
import { parseCallerScript, simulate, type AgentBehaviour, type CallerAction } from '../simulator';
import { formatDiagnostics, formatTrace } from './format';

export interface CliIo {
  readFile(path: string): string;
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE = `Usage:
  callflow validate FILE [--directory DIRECTORY.json]
  callflow simulate FILE [--at ISO] [--tz ZONE] [--from NUMBER] [--to NUMBER]
                         [--digits 1,2,...] [--script press:1,silence,hangup] [--hang-up-at NODE]
                         [--directory DIRECTORY.json] [--agent AGENT_ID=answer|decline|no-answer] [--json]

  validate  lists every problem of a flow file, with its node; exits 1 when the flow has errors.
  simulate  runs the flow against a scripted caller and prints every step.
            --at is read in --tz when it has no offset (default: now, UTC).
            --digits: one entry per time the flow listens; "_" means the caller stays silent.
`;

/** A usage or input problem, reported as one line without a stack trace. */
class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

function readJson(io: CliIo, path: string, what: string): unknown {
  let text: string;
  try {
    text = io.readFile(path);
  } catch (error) {
    throw new CliError(`cannot read ${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`${path} is not valid JSON: ${(error as Error).message}`, 1);
  }
}

function readDirectory(io: CliIo, path: string | undefined): DirectorySnapshot | undefined {
  if (path === undefined) return undefined;
  const parsed = DirectorySnapshotSchema.safeParse(readJson(io, path, 'directory'));
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new CliError(`${path} is not a valid directory:\n${problems.join('\n')}`, 1);
  }
  return parsed.data;
}

export function parseScript(digits: string | undefined, script: string | undefined): CallerAction[] {
  if (digits !== undefined && script !== undefined) throw new CliError('use --digits or --script, not both');
  if (digits !== undefined) {
    return digits
      .split(',')
      .map((entry) => entry.trim())
      .filter((entry) => entry !== '')
      .map((entry) => (entry === '_' ? { type: 'silence' } : { type: 'press', digits: entry }));
  }
  if (script === undefined) return [];
  const parsed = parseCallerScript(script);
  if (!parsed.ok) throw new CliError(parsed.error);
  return parsed.actions;
}

function parseAgents(values: string[] | undefined): Record<string, AgentBehaviour> {
  const behaviours: Record<string, AgentBehaviour> = {};
  for (const value of values ?? []) {
    const [agentId, behaviour] = value.split('=');
    if (!agentId || (behaviour !== 'answer' && behaviour !== 'decline' && behaviour !== 'no-answer')) {
      throw new CliError(`cannot read --agent ${value}: use AGENT_ID=answer|decline|no-answer`);
    }
    behaviours[agentId] = behaviour;
  }
  return behaviours;
}

function parseStart(at: string | undefined, timeZone: string, now: () => number): number {
  if (at === undefined) return now();
  const parsed = DateTime.fromISO(at, { zone: timeZone, setZone: false });
  if (!parsed.isValid) throw new CliError(`cannot read --at ${at}: ${parsed.invalidExplanation ?? parsed.invalidReason}`);
  return parsed.toMillis();
}

function checkTimeZone(timeZone: string): void {
  if (!DateTime.local().setZone(timeZone).isValid) throw new CliError(`unknown time zone ${timeZone}`);
}

async function run(argv: string[], io: CliIo, now: () => number): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      directory: { type: 'string' },
      at: { type: 'string' },
      tz: { type: 'string', default: 'UTC' },
      from: { type: 'string', default: '+15555550100' },
      to: { type: 'string', default: '+15555550199' },
      digits: { type: 'string' },
      script: { type: 'string' },
      'hang-up-at': { type: 'string' },
      agent: { type: 'string', multiple: true },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  const [command, file, ...rest] = positionals;
  if (values.help || command === undefined) {
    io.stdout(USAGE);
    return values.help ? 0 : 2;
  }
  if (!file) throw new CliError(`${command}: name the flow file\n\n${USAGE}`);
  if (rest.length > 0) throw new CliError(`unexpected arguments: ${rest.join(' ')}`);
  const directory = readDirectory(io, values.directory);
  const document = readJson(io, file, 'flow file');

  if (command === 'validate') {
    const result = validateFlow(document, { directory });
    io.stdout(values.json ? JSON.stringify(result.diagnostics, null, 2) + '\n' : formatDiagnostics(file, result.diagnostics));
    return result.ok ? 0 : 1;
  }
  if (command === 'simulate') {
    checkTimeZone(values.tz);
    const compiled = compileFlow(document, { flowId: file, directory });
    if (!compiled.ok) {
      io.stderr(formatDiagnostics(file, compiled.diagnostics));
      return 1;
    }
    const result = simulate(compiled.program, {
      at: parseStart(values.at, values.tz, now),
      from: values.from,
      to: values.to,
      directory: directory ?? { agents: [], ringGroups: [], queues: [], mailboxes: [], schedules: [] },
      script: parseScript(values.digits, values.script),
      hangUpAtNode: values['hang-up-at'],
      agents: parseAgents(values.agent),
    });
    io.stdout(values.json ? JSON.stringify({ outcome: result.outcome, events: result.events }, null, 2) + '\n' : formatTrace(result, values.tz));
    return result.stalled ? 3 : 0;
  }
  throw new CliError(`unknown command "${command}"\n\n${USAGE}`);
}

/** Runs the CLI; returns the exit code. Problems with the input are printed as one message, never a stack trace. */
export async function runCli(argv: string[], io: CliIo, now: () => number = Date.now): Promise<number> {
  try {
    return await run(argv, io, now);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`callflow: ${error.message}\n`);
      return error.exitCode;
    }
    const code = (error as NodeJS.ErrnoException | null)?.code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS')) {
      io.stderr(`callflow: ${(error as Error).message}\n\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
