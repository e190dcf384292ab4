import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseScript, runCli } from './main';

const examples = join(__dirname, '../../examples');

function run(argv: string[], files: Record<string, string> = {}) {
  let stdout = '';
  let stderr = '';
  const io = {
    readFile: (path: string) => {
      if (path in files) return files[path]!;
      return readFileSync(path, 'utf8');
    },
    stdout: (text: string) => (stdout += text),
    stderr: (text: string) => (stderr += text),
  };
  return runCli(argv, io, () => Date.parse('2026-11-24T15:00:00Z')).then((code) => ({ code, stdout, stderr }));
}

const flow = join(examples, 'front-desk.flow.json');
const directory = join(examples, 'front-desk.directory.json');

describe('callflow validate', () => {
  it('accepts the example flow', async () => {
    const result = await run(['validate', flow, '--directory', directory]);
    expect(result.stdout).toContain('front-desk.flow.json: valid');
    expect(result.code).toBe(0);
  });

  it('lists every problem with its node and exits 1', async () => {
    const broken = JSON.parse(readFileSync(flow, 'utf8'));
    broken.nodes.find((node: { id: string }) => node.id === 'menu').config.options.push({ digit: '1', label: 'Again' });
    broken.edges = broken.edges.filter((edge: { id: string }) => edge.id !== 'e3');
    const result = await run(['validate', 'broken.json', '--directory', directory], { 'broken.json': JSON.stringify(broken) });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/invalid-config .*\[node menu, field options\.2\.digit\] .*key 1 is used twice/);
    expect(result.stdout).toMatch(/required-port-unconnected .*\[node hours, port closed\]/);
    expect(result.stdout).toMatch(/broken\.json: 2 error\(s\)/);
  });

  it('names unknown directory references when given a directory', async () => {
    const document = JSON.parse(readFileSync(flow, 'utf8'));
    document.nodes.find((node: { id: string }) => node.id === 'service').config.target.ringGroupId = 'night-crew';
    const result = await run(['validate', 'flow.json', '--directory', directory], { 'flow.json': JSON.stringify(document) });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/unknown-reference .*\[node service, field target\.ringGroupId\].*night-crew/);
  });

  it('reports a file that is not JSON in one line, without a stack trace', async () => {
    const result = await run(['validate', 'bad.json'], { 'bad.json': '{"format": ' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^callflow: bad\.json is not valid JSON: /);
    expect(result.stderr).not.toMatch(/\n\s+at /);
  });

  it('reports a missing file with exit code 2', async () => {
    const result = await run(['validate', '/nonexistent/flow.json']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('callflow: cannot read flow file /nonexistent/flow.json: ENOENT\n');
  });

  it('explains usage errors', async () => {
    expect((await run([])).code).toBe(2);
    expect((await run(['launch', flow])).stderr).toContain('unknown command "launch"');
    expect((await run(['validate', flow, '--bogus'])).stderr).toContain("Unknown option '--bogus'");
  });
});

describe('callflow simulate', () => {
  it('walks a caller through the menu to a vacation forward on a weekday morning', async () => {
    const result = await run(['simulate', flow, '--directory', directory, '--at', '2026-11-24T10:00', '--tz', 'America/New_York', '--digits', '2']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^2026-11-24 10:00:00 +entry +enter entry/);
    expect(result.stdout).toContain('schedule is open (weekly-hours)');
    expect(result.stdout).toContain('caller pressed 2 (accepted)');
    expect(result.stdout).toContain('ringing Ann Diaz (110)');
    expect(lines.at(-1)).toMatch(/call ended: answered/);
  });

  it('goes to voicemail on Thanksgiving', async () => {
    const result = await run(['simulate', flow, '--directory', directory, '--at', '2026-11-26T10:00', '--tz', 'America/New_York', '--script', 'hangup']);
    expect(result.stdout).toContain('schedule is holiday (Thanksgiving)');
    expect(result.stdout).toContain('say “We are closed right now.”');
    expect(result.stdout.trim().split('\n').at(-1)).toMatch(/call ended: voicemail/);
  });

  it('refuses an invalid flow with its diagnostics', async () => {
    const result = await run(['simulate', 'x.json'], { 'x.json': JSON.stringify({ format: 'callflow.flow/v1', metadata: { name: 'x' }, nodes: [], edges: [] }) });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('missing-entry');
  });

  it('rejects an unreadable --at or time zone', async () => {
    expect((await run(['simulate', flow, '--at', 'tomorrow-ish'])).stderr).toMatch(/cannot read --at tomorrow-ish/);
    expect((await run(['simulate', flow, '--tz', 'Mars/Olympus'])).stderr).toBe('callflow: unknown time zone Mars/Olympus\n');
  });
});

describe('parseScript', () => {
  it('reads digits with _ for silence, and full scripts', () => {
    expect(parseScript('1,_,42#', undefined)).toEqual([
      { type: 'press', digits: '1' },
      { type: 'silence' },
      { type: 'press', digits: '42#' },
    ]);
    expect(parseScript(undefined, 'press:9,silence,hangup')).toEqual([{ type: 'press', digits: '9' }, { type: 'silence' }, { type: 'hangup' }]);
    expect(() => parseScript(undefined, 'shout:loud')).toThrow('cannot read script step "shout:loud"');
  });
});
