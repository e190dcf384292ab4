// `npm run call -- --to NUMBER [--from NUMBER] [--press 1] [--silence] [--say TEXT] [--hangup] [--hang-up-after SECS]`
// places a simulated call through the running local stack's sandbox carrier and prints what happens, step by step.
import { parseArgs } from 'node:util';
import type { CallTimeline, CallerAction, TimelineEntryView } from './index';

const USAGE = `Usage: npm run call -- --to NUMBER [--from NUMBER] [--press DIGITS]... [--silence]... [--say TEXT]... [--hangup]
                     [--hang-up-after SECS] [--api URL] [--timeout SECS]
  --press/--silence/--say/--hangup form the caller's script, in the order given: each gather takes the next
  --press or --silence, a recording takes the next --say, and --hangup hangs up at that point.`;

/** The command line: options, and the caller's script in the order its flags were given. */
export function parseCallArgs(argv: string[]) {
  const { values, tokens } = parseArgs({
    args: argv,
    tokens: true,
    allowPositionals: false,
    options: {
      to: { type: 'string' },
      from: { type: 'string' },
      press: { type: 'string', multiple: true },
      silence: { type: 'boolean', multiple: true },
      say: { type: 'string', multiple: true },
      hangup: { type: 'boolean', multiple: true },
      'hang-up-after': { type: 'string' },
      api: { type: 'string' },
      timeout: { type: 'string' },
    },
  });
  const script = tokens.flatMap((token): CallerAction[] => {
    if (token.kind !== 'option') return [];
    switch (token.name) {
      case 'press':
        if (!token.value || !/^[0-9*#A-D]+$/.test(token.value)) throw new Error(`--press takes keypad digits, got "${token.value ?? ''}"`);
        return [{ press: token.value }];
      case 'silence':
        return [{ silence: true }];
      case 'say':
        return [{ say: token.value ?? '' }];
      case 'hangup':
        return [{ hangup: true }];
      default:
        return [];
    }
  });
  return { values, script };
}

function describe(entry: TimelineEntryView, mainLeg: string): string | null {
  const leg = entry.callControlId === mainLeg ? 'caller' : 'agent leg';
  if (entry.kind === 'party') return `${leg} ${entry.action}${entry.detail ? `: ${entry.detail}` : ''}`;
  if (entry.kind === 'webhook') return entry.type === 'call.hangup' || entry.type === 'call.bridged' ? `${leg} ${entry.type.slice(5)}` : null;
  const body = (entry.body ?? {}) as Record<string, unknown>;
  const result = entry.result === 'ok' ? '' : ` (${entry.result}${entry.error ? `: ${entry.error}` : ''})`;
  switch (entry.action) {
    case 'speak':
    case 'gather_using_speak':
      return `flow says “${String(body.payload)}”${entry.action === 'gather_using_speak' ? ' and listens for keys' : ''}${result}`;
    case 'playback_start':
    case 'gather_using_audio':
      return `flow plays ${String(body.audio_url)}${body.loop ? ' (looping)' : ''}${result}`;
    case 'dial':
      return `flow dials ${String(body.to)}${result}`;
    case 'transfer':
      return `flow transfers to ${String(body.to)}${result}`;
    default:
      return `flow ${entry.action.replace(/_/g, ' ')} (${leg})${result}`;
  }
}

async function main(argv: string[]): Promise<number> {
  const { values, script } = parseCallArgs(argv);
  const { to } = values;
  if (!to) {
    console.error(USAGE);
    return 2;
  }
  const api = values.api ?? (process.env.CALLFLOW_API_URL || 'http://127.0.0.1:3000');
  const timeoutMs = Number(values.timeout ?? 300) * 1000;
  const hangUpAfter = values['hang-up-after'] === undefined ? undefined : Number(values['hang-up-after']);
  const request = {
    from: values.from ?? '+15555550123',
    to,
    script,
    ...(hangUpAfter !== undefined ? { hangUpAfterSecs: hangUpAfter } : {}),
  };
  const placed = await fetch(`${api}/sandbox/control/calls`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(request) }).catch(
    (error: unknown) => {
      throw new Error(`cannot reach the sandbox carrier at ${api}/sandbox (is \`npm start\` running without TELNYX_API_KEY?): ${String(error)}`);
    },
  );
  if (!placed.ok) throw new Error(`the sandbox refused the call: ${placed.status} ${await placed.text()}`);
  const { callControlId, callSessionId } = (await placed.json()) as { callControlId: string; callSessionId: string };
  console.log(`calling ${to} from ${request.from} (session ${callSessionId})`);
  const started = Date.now();
  let printed = 0;
  for (;;) {
    const response = await fetch(`${api}/sandbox/control/calls/${encodeURIComponent(callSessionId)}`);
    const timeline = (await response.json()) as CallTimeline;
    for (const entry of timeline.timeline.slice(printed)) {
      const line = describe(entry, callControlId);
      if (line) console.log(`${((entry.at - started) / 1000).toFixed(1).padStart(6)} s  ${line}`);
    }
    printed = timeline.timeline.length;
    if (timeline.legs.every((leg) => leg.endedAt !== null)) {
      const main = timeline.legs.find((leg) => leg.callControlId === callControlId);
      console.log(`call ended: ${main?.hangup ? `${main.hangup.cause} (${main.hangup.source})` : 'ended'}`);
      return 0;
    }
    if (Date.now() - started > timeoutMs) {
      console.error(`the call was still running after ${timeoutMs / 1000} s`);
      return 1;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(`call: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
