import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Schedule } from '@callflow/schemas';
import { seedDirectory, seedNumberWithFlow, seedTenant, greetingFlow } from '../support/seed';
import { CallStack, eventsOfType, expectCommands, flowDocument, spoken, tts, visited, type CallResult } from './call-stack';

/*
 * One scenario per prompt and logic node kind, through the whole call path: a simulated caller dials a number,
 * the sandbox carrier sends signed webhooks, the API starts the call's workflow, the real worker runs the flow and
 * its commands come back to the sandbox. Routing kinds: node-kinds-routing.e2e.spec.ts; queues:
 * node-kinds-queue.e2e.spec.ts.
 */

const CALLER = '+12125550147';

/** Local calendar facts of `at` in `timeZone`. */
function localDay(timeZone: string, at: number): { date: string; weekday: keyof Schedule['weekly'] } {
  const date = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(at);
  const weekday = new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long' }).format(at).toLowerCase() as keyof Schedule['weekly'];
  return { date, weekday };
}

const DAY_MS = 24 * 60 * 60 * 1000;
const ALL_DAY = [{ open: '00:00', close: '24:00' }];
const WEEKDAYS: Array<keyof Schedule['weekly']> = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/**
 * Weekly hours where today and tomorrow (local to the zone) are `near` and every other day `far`: the answer for
 * "now" holds even if the call crosses midnight.
 */
function weeklyAroundToday(timeZone: string, near: Schedule['weekly']['monday'], far: Schedule['weekly']['monday']): Schedule['weekly'] {
  const now = Date.now();
  const nearDays = new Set([localDay(timeZone, now).weekday, localDay(timeZone, now + DAY_MS).weekday]);
  return Object.fromEntries(WEEKDAYS.map((day) => [day, nearDays.has(day) ? near : far])) as Schedule['weekly'];
}

describe('node kinds end to end: prompts and logic', () => {
  let stack: CallStack;
  let tenantId: string;

  beforeAll(async () => {
    stack = await CallStack.start();
    tenantId = await seedTenant(stack.asTestApp(), 'Node kinds — prompts and logic');
  }, 120_000);

  afterAll(async () => {
    await stack?.close();
  }, 60_000);

  const publish = async (document: unknown) => (await seedNumberWithFlow(stack.asTestApp(), tenantId, document)).number;

  describe('play and hang-up', () => {
    it('answers, speaks the prompt, says goodbye and hangs up', async () => {
      const number = await publish(
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            { id: 'greet', kind: 'play', config: { prompt: tts('Thanks for calling Rapid Rooter.') } },
            { id: 'bye', kind: 'hang-up', config: { goodbye: tts('Goodbye.') } },
          ],
          ['start.next -> greet', 'greet.next -> bye'],
        ),
      );

      const result = await stack.call({ from: CALLER, to: number });

      expect(result.call.outcome).toEqual({ result: 'completed', node: 'bye', reason: 'hang-up node' });
      expectCommands(result, ['answer', 'speak', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['Thanks for calling Rapid Rooter.', 'Goodbye.']);
      expect(visited(result)).toEqual(['start', 'greet', 'bye']);
      expect(eventsOfType(result, 'prompt.played').map((event) => event.text)).toEqual(['Thanks for calling Rapid Rooter.', 'Goodbye.']);
      expect(result.events.at(-1)).toMatchObject({ type: 'call.ended', outcome: { result: 'completed', node: 'bye' } });
      expect(result.call.endedAt).not.toBeNull();
      // The caller's leg was hung up by us, after the goodbye finished.
      expect(result.timeline.legs[0]?.hangup).toMatchObject({ cause: 'normal_clearing' });
    }, 60_000);
  });

  describe('menu', () => {
    let number: string;

    beforeAll(async () => {
      number = await publish(
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            {
              id: 'menu',
              kind: 'menu',
              config: {
                prompt: tts('For service press 1, for billing press 2.'),
                options: [
                  { digit: '1', label: 'Service' },
                  { digit: '2', label: 'Billing' },
                ],
                // Twice the simulated caller's think time (1 s) before a key press.
                timeoutSecs: 2,
                maxAttempts: 2,
                invalidPrompt: tts('That is not an option.'),
              },
            },
            { id: 'service', kind: 'play', config: { prompt: tts('Connecting you to service.') } },
            { id: 'billing', kind: 'play', config: { prompt: tts('Billing is closed today.') } },
            { id: 'no-input', kind: 'play', config: { prompt: tts('We did not hear a choice.') } },
            { id: 'bye', kind: 'hang-up' },
          ],
          ['start.next -> menu', 'menu.1 -> service', 'menu.2 -> billing', 'menu.timeout -> no-input', 'service.next -> bye', 'billing.next -> bye', 'no-input.next -> bye'],
        ),
      );
    }, 30_000);

    it('follows a valid key', async () => {
      const result = await stack.call({ from: CALLER, to: number, script: [{ press: '1' }] });

      expect(result.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
      const commands = expectCommands(result, ['answer', 'gather_using_speak', 'speak', 'hangup']);
      expect(commands[1]?.body).toMatchObject({ valid_digits: '12', maximum_digits: 1, maximum_tries: 1, timeout_millis: 2000 });
      expect(spoken(result)).toEqual(['For service press 1, for billing press 2.', 'Connecting you to service.']);
      expect(visited(result)).toEqual(['start', 'menu', 'service', 'bye']);
      expect(eventsOfType(result, 'digits.received')).toEqual([expect.objectContaining({ node: 'menu', digits: '1', accepted: true })]);
      expect(eventsOfType(result, 'node.exited')).toContainEqual(expect.objectContaining({ node: 'menu', port: '1', target: 'service' }));
    }, 60_000);

    it('plays the invalid-input prompt after a wrong key, then follows the valid one', async () => {
      const result = await stack.call({ from: CALLER, to: number, script: [{ press: '9' }, { press: '2' }] });

      expect(result.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
      expectCommands(result, ['answer', 'gather_using_speak', 'speak', 'gather_using_speak', 'speak', 'hangup']);
      expect(spoken(result)).toEqual([
        'For service press 1, for billing press 2.',
        'That is not an option.',
        'For service press 1, for billing press 2.',
        'Billing is closed today.',
      ]);
      expect(eventsOfType(result, 'digits.received').map(({ digits, accepted }) => ({ digits, accepted }))).toEqual([
        { digits: '9', accepted: false },
        { digits: '2', accepted: true },
      ]);
      expect(visited(result)).toEqual(['start', 'menu', 'billing', 'bye']);
    }, 60_000);

    it('leaves through the timeout port when the caller stays silent on every attempt', async () => {
      const result = await stack.call({ from: CALLER, to: number, script: [{ silence: true }, { silence: true }] });

      expect(result.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
      expectCommands(result, ['answer', 'gather_using_speak', 'gather_using_speak', 'speak', 'hangup']);
      expect(spoken(result).at(-1)).toBe('We did not hear a choice.');
      expect(eventsOfType(result, 'input.timeout').map((event) => event.attempt)).toEqual([1, 2]);
      expect(eventsOfType(result, 'node.exited')).toContainEqual(expect.objectContaining({ node: 'menu', port: 'timeout', target: 'no-input' }));
      expect(eventsOfType(result, 'digits.received')).toEqual([]);
    }, 60_000);
  });

  describe('collect digits', () => {
    it('collects digits up to the terminator into a variable that a later prompt reads back', async () => {
      const number = await publish(
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            {
              id: 'ticket',
              kind: 'collect-digits',
              config: { prompt: tts('Enter your ticket number, then press pound.'), variable: 'ticket', minDigits: 4, maxDigits: 8, terminator: '#', timeoutSecs: 2 },
            },
            { id: 'status', kind: 'play', config: { prompt: tts('Ticket {{ vars.ticket }} is scheduled for tomorrow.') } },
            { id: 'bye', kind: 'hang-up' },
          ],
          ['start.next -> ticket', 'ticket.next -> status', 'status.next -> bye'],
        ),
      );

      const result = await stack.call({ from: CALLER, to: number, script: [{ press: '4829#' }] });

      expect(result.call.outcome).toMatchObject({ result: 'completed', node: 'bye' });
      const commands = expectCommands(result, ['answer', 'gather_using_speak', 'speak', 'hangup']);
      expect(commands[1]?.body).toMatchObject({ terminating_digit: '#', minimum_digits: 4, maximum_digits: 8 });
      expect(spoken(result)[1]).toBe('Ticket 4829 is scheduled for tomorrow.');
      expect(eventsOfType(result, 'digits.received')).toEqual([expect.objectContaining({ digits: '4829', accepted: true })]);
      expect(eventsOfType(result, 'variable.set')).toEqual([expect.objectContaining({ node: 'ticket', name: 'ticket', value: '4829' })]);
    }, 60_000);
  });

  describe('business hours', () => {
    const timeZone = 'America/Los_Angeles';

    async function callWithSchedule(schedule: Omit<Schedule, 'timeZone' | 'override' | 'name'>): Promise<CallResult> {
      await seedDirectory(stack.asTestApp(), tenantId, { schedules: [{ name: schedule.id, timeZone, override: null, ...schedule }] });
      const number = await publish(
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            { id: 'hours', kind: 'business-hours', config: { scheduleId: schedule.id } },
            { id: 'open', kind: 'play', config: { prompt: tts('We are open.') } },
            { id: 'closed', kind: 'play', config: { prompt: tts('We are closed.') } },
            { id: 'holiday', kind: 'play', config: { prompt: tts('Happy holidays, we are closed today.') } },
            { id: 'bye', kind: 'hang-up' },
          ],
          ['start.next -> hours', 'hours.open -> open', 'hours.closed -> closed', 'hours.holiday -> holiday', 'open.next -> bye', 'closed.next -> bye', 'holiday.next -> bye'],
          timeZone,
        ),
      );
      return stack.call({ from: CALLER, to: number });
    }

    it('takes the open branch when the schedule is open now in its zone', async () => {
      const result = await callWithSchedule({ id: 'open-now', weekly: weeklyAroundToday(timeZone, ALL_DAY, []), holidays: [] });

      expectCommands(result, ['answer', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['We are open.']);
      expect(eventsOfType(result, 'schedule.checked')).toEqual([expect.objectContaining({ node: 'hours', state: 'open' })]);
      expect(visited(result)).toEqual(['start', 'hours', 'open', 'bye']);
    }, 60_000);

    it('takes the closed branch when the schedule is closed now in its zone', async () => {
      const result = await callWithSchedule({ id: 'closed-now', weekly: weeklyAroundToday(timeZone, [], ALL_DAY), holidays: [] });

      expectCommands(result, ['answer', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['We are closed.']);
      expect(eventsOfType(result, 'schedule.checked')).toEqual([expect.objectContaining({ state: 'closed' })]);
    }, 60_000);

    it('takes the holiday branch on a holiday, even within weekly hours', async () => {
      const now = Date.now();
      const result = await callWithSchedule({
        id: 'holiday-today',
        weekly: weeklyAroundToday(timeZone, ALL_DAY, ALL_DAY),
        holidays: [{ id: 'founders-day', name: 'Founders Day', rule: { type: 'range', from: localDay(timeZone, now - DAY_MS).date, to: localDay(timeZone, now + DAY_MS).date } }],
      });

      expectCommands(result, ['answer', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['Happy holidays, we are closed today.']);
      expect(eventsOfType(result, 'schedule.checked')).toEqual([expect.objectContaining({ state: 'holiday', detail: 'Founders Day' })]);
    }, 60_000);
  });

  describe('condition', () => {
    let number: string;

    beforeAll(async () => {
      number = await publish(
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            { id: 'where', kind: 'condition', config: { rules: [{ id: 'nyc', label: 'New York', when: 'caller.areaCode == "212"' }] } },
            { id: 'local', kind: 'play', config: { prompt: tts('Hello New York.') } },
            { id: 'elsewhere', kind: 'play', config: { prompt: tts('Hello from afar, area {{ caller.areaCode }}.') } },
            { id: 'bye', kind: 'hang-up' },
          ],
          ['start.next -> where', 'where.nyc -> local', 'where.else -> elsewhere', 'local.next -> bye', 'elsewhere.next -> bye'],
        ),
      );
    }, 30_000);

    it('takes the rule matching the caller’s area code', async () => {
      const result = await stack.call({ from: '+12125550199', to: number });

      expectCommands(result, ['answer', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['Hello New York.']);
      expect(eventsOfType(result, 'node.exited')).toContainEqual(expect.objectContaining({ node: 'where', port: 'nyc', target: 'local' }));
    }, 60_000);

    it('takes the else branch for another area code', async () => {
      const result = await stack.call({ from: '+14155550199', to: number });

      expectCommands(result, ['answer', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['Hello from afar, area 415.']);
      expect(eventsOfType(result, 'node.exited')).toContainEqual(expect.objectContaining({ node: 'where', port: 'else', target: 'elsewhere' }));
    }, 60_000);
  });

  describe('set variable', () => {
    it('stores literals and expressions that a template renders', async () => {
      const number = await publish(
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            {
              id: 'prices',
              kind: 'set-variable',
              config: {
                assignments: [
                  { variable: 'company', value: { type: 'literal', value: 'Rapid Rooter' } },
                  { variable: 'visitFee', value: { type: 'literal', value: 90 } },
                  { variable: 'afterHoursFee', value: { type: 'expression', expression: 'vars.visitFee * 1.5' } },
                ],
              },
            },
            { id: 'quote', kind: 'play', config: { prompt: tts('{{ vars.company }} charges {{ vars.visitFee }} dollars, or {{ vars.afterHoursFee }} after hours.') } },
            { id: 'bye', kind: 'hang-up' },
          ],
          ['start.next -> prices', 'prices.next -> quote', 'quote.next -> bye'],
        ),
      );

      const result = await stack.call({ from: CALLER, to: number });

      expectCommands(result, ['answer', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['Rapid Rooter charges 90 dollars, or 135 after hours.']);
      expect(eventsOfType(result, 'variable.set').map(({ name, value }) => ({ name, value }))).toEqual([
        { name: 'company', value: 'Rapid Rooter' },
        { name: 'visitFee', value: 90 },
        { name: 'afterHoursFee', value: 135 },
      ]);
    }, 60_000);
  });

  describe('HTTP request', () => {
    let server: Server;
    let baseUrl: string;
    const requests: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }> = [];

    beforeAll(async () => {
      server = createServer((req, res) => {
        requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
        const path = new URL(req.url ?? '/', 'http://localhost').pathname;
        if (path === '/customers') {
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ customer: { name: 'Dana', tier: 'gold' }, openTickets: 2 }));
        } else if (path === '/slow') {
          const timer = setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{"late":true}'), 4000);
          res.on('close', () => clearTimeout(timer));
        } else {
          res.writeHead(500, { 'content-type': 'application/json' }).end('{"error":"database unavailable"}');
        }
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });

    afterAll(async () => {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    });

    function lookupFlow(url: string): unknown {
      return flowDocument(
        [
          { id: 'start', kind: 'entry' },
          {
            id: 'crm',
            kind: 'http-request',
            config: {
              url,
              headers: [{ name: 'X-Caller', value: '{{ caller.number }}' }],
              timeoutSecs: 1,
              responseMappings: [
                { variable: 'customerName', path: 'customer.name' },
                { variable: 'tier', path: 'customer.tier' },
              ],
            },
          },
          { id: 'welcome', kind: 'play', config: { prompt: tts('Welcome back {{ vars.customerName }}, our {{ vars.tier }} customer.') } },
          { id: 'fallback', kind: 'play', config: { prompt: tts('Welcome to Rapid Rooter.') } },
          { id: 'bye', kind: 'hang-up' },
        ],
        ['start.next -> crm', 'crm.ok -> welcome', 'crm.error -> fallback', 'welcome.next -> bye', 'fallback.next -> bye'],
      );
    }

    it('maps the JSON answer into variables that the next prompt speaks', async () => {
      const number = await publish(lookupFlow(`${baseUrl}/customers?phone={{ caller.number }}`));
      requests.length = 0;

      const result = await stack.call({ from: CALLER, to: number });

      expectCommands(result, ['answer', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['Welcome back Dana, our gold customer.']);
      expect(requests).toEqual([expect.objectContaining({ method: 'GET', url: `/customers?phone=${CALLER}` })]);
      expect(requests[0]?.headers['x-caller']).toBe(CALLER);
      expect(eventsOfType(result, 'http.completed')).toEqual([expect.objectContaining({ node: 'crm', ok: true, status: 200, error: null })]);
      expect(eventsOfType(result, 'variable.set').map(({ name, value }) => ({ name, value }))).toEqual([
        { name: 'customerName', value: 'Dana' },
        { name: 'tier', value: 'gold' },
      ]);
    }, 60_000);

    it('takes the error port when the server does not answer within the node’s timeout', async () => {
      const number = await publish(lookupFlow(`${baseUrl}/slow`));

      const result = await stack.call({ from: CALLER, to: number });

      expectCommands(result, ['answer', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['Welcome to Rapid Rooter.']);
      expect(eventsOfType(result, 'http.completed')).toEqual([expect.objectContaining({ ok: false, status: null, error: 'no answer within 1 s' })]);
      expect(eventsOfType(result, 'node.exited')).toContainEqual(expect.objectContaining({ node: 'crm', port: 'error', target: 'fallback' }));
      expect(eventsOfType(result, 'variable.set')).toEqual([]);
    }, 60_000);

    it('takes the error port on a 500', async () => {
      const number = await publish(lookupFlow(`${baseUrl}/broken`));

      const result = await stack.call({ from: CALLER, to: number });

      expectCommands(result, ['answer', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['Welcome to Rapid Rooter.']);
      expect(eventsOfType(result, 'http.completed')).toEqual([expect.objectContaining({ ok: false, status: 500, error: 'HTTP 500' })]);
    }, 60_000);
  });

  describe('send SMS', () => {
    it('texts the caller from the called number, with the template rendered', async () => {
      const number = await publish(
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            { id: 'text', kind: 'send-sms', config: { text: 'Book your visit at https://rapidrooter.example/book?area={{ caller.areaCode }}' } },
            { id: 'sent', kind: 'play', config: { prompt: tts('We just texted you a booking link.') } },
            { id: 'failed', kind: 'play', config: { prompt: tts('We could not text you.') } },
            { id: 'bye', kind: 'hang-up' },
          ],
          ['start.next -> text', 'text.next -> sent', 'text.error -> failed', 'sent.next -> bye', 'failed.next -> bye'],
        ),
      );

      const result = await stack.call({ from: CALLER, to: number });

      expectCommands(result, ['answer', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['We just texted you a booking link.']);
      expect(stack.sandbox.messages().filter((message) => message.from === number)).toEqual([
        expect.objectContaining({ to: CALLER, text: 'Book your visit at https://rapidrooter.example/book?area=212' }),
      ]);
      expect(eventsOfType(result, 'sms.sent')).toEqual([expect.objectContaining({ node: 'text', to: CALLER, ok: true })]);
    }, 60_000);
  });

  describe('record', () => {
    it('announces consent, records, and stops recording', async () => {
      const number = await publish(
        flowDocument(
          [
            { id: 'start', kind: 'entry' },
            { id: 'rec', kind: 'record', config: { action: 'start', consentPrompt: tts('This call may be recorded.'), channels: 'dual', format: 'wav' } },
            { id: 'talk', kind: 'play', config: { prompt: tts('Your plumber arrives at noon.') } },
            { id: 'unrec', kind: 'record', config: { action: 'stop' } },
            { id: 'bye', kind: 'hang-up' },
          ],
          ['start.next -> rec', 'rec.next -> talk', 'talk.next -> unrec', 'unrec.next -> bye'],
        ),
      );

      const result = await stack.call({ from: CALLER, to: number });

      const commands = expectCommands(result, ['answer', 'speak', 'record_start', 'speak', 'record_stop', 'hangup']);
      expect(spoken(result)).toEqual(['This call may be recorded.', 'Your plumber arrives at noon.']);
      expect(commands[2]?.body).toMatchObject({ channels: 'dual', format: 'wav', play_beep: false });
      expect(result.events.filter((event) => event.type === 'recording.started' || event.type === 'recording.stopped').map((event) => [event.type, event.node])).toEqual([
        ['recording.started', 'rec'],
        ['recording.stopped', 'unrec'],
      ]);
      expect(result.timeline.timeline).toContainEqual(expect.objectContaining({ kind: 'webhook', type: 'call.recording.saved' }));
    }, 60_000);
  });

  describe('go to another flow', () => {
    it('hands the call to the sub-flow, whose prompt is spoken', async () => {
      const { flow: subFlow } = await seedNumberWithFlow(stack.asTestApp(), tenantId, greetingFlow('You reached the after-hours desk.'));
      const { number, version } = await seedNumberWithFlow(stack.asTestApp(), tenantId, greetingFlow('Transferring you to after hours.', subFlow.id));

      const result = await stack.call({ from: CALLER, to: number });

      expect(result.call.flowVersionId).toBe(version.id);
      expect(result.call.outcome).toMatchObject({ result: 'completed', node: 'end' });
      expectCommands(result, ['answer', 'speak', 'speak', 'hangup']);
      expect(spoken(result)).toEqual(['Transferring you to after hours.', 'You reached the after-hours desk.']);
      expect(eventsOfType(result, 'flow.switched')).toEqual([expect.objectContaining({ node: 'end', toFlowId: subFlow.id })]);
      // The sub-flow's own nodes ran, under its flow id.
      expect(result.events.filter((event) => event.type === 'node.entered' && event.flowId === subFlow.id).map((event) => event.node)).toEqual(['start', 'greet', 'end']);
    }, 60_000);
  });
});
