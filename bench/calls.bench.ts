// `npm run bench:calls -- --concurrency 200 --duration 60 --workers 2`: simulated calls through the whole call path on
// the multi-instance setup (sandbox carrier → signed webhook → load balancer → API instances → Temporal → worker
// processes → carrier command back to the sandbox) on a menu + ring group flow. Prints a summary and, as its last line,
// one JSON object. Exit 1 when the stack cannot be set up.
import 'reflect-metadata';
import { availableParallelism, loadavg } from 'node:os';
import { DirectoryRepository } from '../api/src/directory/directory.repository';
import { seedDirectory, seedNumberWithFlow, seedTenant } from '../api/test/support/seed';
import { callWorkflowId } from '@callflow/workflows';
import { measureEngine, type EngineBaseline } from './calls/engine-baseline';
import { historyLines, inspectWorkflows } from './calls/histories';
import { LoadDriver, type PlacedCall } from '../api/test/e2e/call-load';
import { BenchStack, Cleanups } from './calls/local-stack';
import { analyseCall, dialledLegsByWorkflow, distribution, traceLines, type CallAnalysis, type StepSample } from './calls/metrics';
import { USAGE, UsageError, parseBenchOptions, type BenchOptions } from './calls/options';
import { ResourceSampler, pidsWithCommandLine, type ResourceSample } from './calls/process-stats';
import { agentEndpoints, benchDirectory, benchFlowDocument, callerDigit, callerRequest, expectedOutcome } from './calls/scenario';

const TARGETS = { stepP50Ms: 25, stepP99Ms: 100, lost: 0 };
const MIB = 1024 * 1024;

const log = (message: string): void => void process.stderr.write(`[bench:calls] ${message}\n`);

class SetupError extends Error {}

interface Outcome {
  outcome: string | null;
  node: string | null;
}

async function main(argv: string[]): Promise<number> {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n${USAGE}`);
    return 2;
  }

  const cleanups = new Cleanups(log);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping what this run started…`);
      void cleanups.run().finally(() => process.exit(130));
    });
  }

  let stack: BenchStack;
  try {
    stack = await BenchStack.start({
      speed: options.speed,
      apiInstances: options.apiInstances,
      workers: options.workers,
      maxActiveCalls: options.maxActiveCalls,
      maxCallsPerSecond: options.maxCallsPerSecond,
      log,
      cleanups,
    });
  } catch (error) {
    log(`setup failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  }
  try {
    return await run(stack, options);
  } catch (error) {
    log(`${error instanceof SetupError ? 'setup failed' : 'failed'}: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    return 1;
  } finally {
    log('stopping the workers, the API instances and the services this run started; dropping the database…');
    await stack.close();
  }
}

/** The admission ceilings set on the API instances ("MAX_ACTIVE_CALLS 40 or MAX_CALLS_PER_SECOND 2"), or null for none. */
function ceilings({ maxActiveCalls, maxCallsPerSecond }: Pick<BenchOptions, 'maxActiveCalls' | 'maxCallsPerSecond'>): string | null {
  const set = [maxActiveCalls === null ? null : `MAX_ACTIVE_CALLS ${maxActiveCalls}`, maxCallsPerSecond === null ? null : `MAX_CALLS_PER_SECOND ${maxCallsPerSecond}`];
  const named = set.filter((ceiling) => ceiling !== null);
  return named.length === 0 ? null : named.join(' or ');
}

async function run(stack: BenchStack, options: BenchOptions): Promise<number> {
  for (const line of stack.description) log(line);
  const { multi } = stack;
  const app = multi.admin;
  const { dataSource } = multi.admin;
  const tenantId = await seedTenant(app, 'Benchmark Plumbing');
  await seedDirectory(app, tenantId, benchDirectory());
  const { number, version } = await seedNumberWithFlow(app, tenantId, benchFlowDocument());
  for (const [address, behaviour] of agentEndpoints(options.talkSecs)) multi.sandbox.setEndpoint(address, behaviour);
  log(`seeded the flow (version ${version.number}) on ${number}`);

  const outcomes = async (): Promise<Map<string, Outcome>> => {
    const rows: Array<{ call_session_id: string; outcome: string | null; outcome_node: string | null }> = await dataSource.query(
      'SELECT call_session_id, outcome, outcome_node FROM calls WHERE tenant_id = $1',
      [tenantId],
    );
    return new Map(rows.map((row) => [row.call_session_id, { outcome: row.outcome, node: row.outcome_node }]));
  };

  // One call end to end before the load: the path works (else this is a setup failure) and everything is warm.
  const warmUpIds = multi.sandbox.placeCall(callerRequest(0, number));
  // The warm-up call talks --talk seconds like every call, on top of the rest of the scenario.
  const warmUpDeadline = Date.now() + (120 + options.talkSecs) * 1000 * Math.max(1, options.speed);
  for (;;) {
    const outcome = (await outcomes()).get(warmUpIds.callSessionId);
    if (outcome?.outcome) {
      const expected = expectedOutcome(0);
      if (outcome.outcome !== expected.result || outcome.node !== expected.node) {
        throw new SetupError(`the warm-up call ended ${outcome.outcome} at ${outcome.node}; expected ${expected.result} at ${expected.node}`);
      }
      break;
    }
    const exited = [...multi.apis, ...multi.workers].find((instance) => instance.hasExited);
    if (exited) throw new SetupError(exited.describeExit());
    if (Date.now() > warmUpDeadline) {
      const timeline = multi.sandbox.callTimeline(warmUpIds.callSessionId)?.timeline.slice(-6);
      throw new SetupError(`the warm-up call did not end with an outcome; its last timeline entries: ${JSON.stringify(timeline)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  log('warm-up call went through');

  const directory = await app.get(DirectoryRepository).snapshot(tenantId);
  const engine = measureEngine(version.program, directory, [0, 1].map((n) => ({ digit: callerDigit(n), expectedNode: expectedOutcome(n).node })));
  log(`engine in-process: ${engine.stepsPerSecond} steps/s, step p50 ${engine.stepLatencyUs.p50} µs`);

  // The load: call n = 1, 2, … (0 was the warm-up).
  const driver = new LoadDriver(multi.sandbox, (n) => callerRequest(n + 1, number), {
    concurrency: options.concurrency,
    rampMs: options.rampSecs * 1000,
    durationMs: options.durationSecs * 1000,
    drainTimeoutMs: options.drainSecs * 1000,
    busyRedialMs: options.redialSecs * 1000 * options.speed,
  });
  const pids = (instances: Array<{ pid: number | undefined; hasExited: boolean }>) => instances.flatMap((instance) => (instance.pid === undefined || instance.hasExited ? [] : [instance.pid]));
  const temporalPid = stack.temporalPid;
  const sampler = new ResourceSampler(
    { workers: () => pids(multi.workers), 'API instances': () => pids(multi.apis) },
    {
      'sandbox + load balancer': () => [process.pid],
      'API instances': () => pids(multi.apis),
      workers: () => pids(multi.workers),
      ...(temporalPid === undefined ? {} : { Temporal: () => [temporalPid] }),
      // The server's backends for this run's database (when PostgreSQL runs on this machine).
      PostgreSQL: () => pidsWithCommandLine(` ${stack.databaseName} `),
    },
    () => driver.activeCount,
  );
  const idle = sampler.sample();
  sampler.start();
  let nextProgress = Date.now() + 5_000;
  log(
    `load: ${options.concurrency} calls kept up for ${options.durationSecs} s (ramp ${options.rampSecs} s), speed ${options.speed}` +
      (ceilings(options) === null ? '' : `; calls over ${ceilings(options)} rejected busy, callers redial ${options.redialSecs} s after one`),
  );
  await driver.run((current) => {
    if (Date.now() < nextProgress) return;
    nextProgress += 5_000;
    const elapsed = ((Date.now() - current.startedAt) / 1000).toFixed(0);
    const ended = current.calls.filter((call) => call.endedAt !== null).length;
    const rejected = current.calls.filter((call) => call.rejectedBusy).length;
    const exited = [...multi.apis, ...multi.workers].filter((instance) => instance.hasExited).length;
    log(`${elapsed} s: ${current.activeCount} up, ${current.calls.length} placed, ${ended} ended${rejected > 0 ? ` (${rejected} busy)` : ''}${exited > 0 ? ` — ${exited} PROCESS(ES) EXITED` : ''}`);
  });
  sampler.stop();
  for (const instance of [...multi.apis, ...multi.workers]) {
    if (instance.hasExited) log(`a process exited during the run: ${instance.describeExit()}`);
  }

  // Workflows record their outcome just after the caller's leg ends: give the last ones a moment.
  const settleDeadline = Date.now() + 20_000;
  let recorded = await outcomes();
  while (Date.now() < settleDeadline && driver.calls.some((call) => call.endedAt !== null && !recorded.get(call.ids.callSessionId)?.outcome)) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    recorded = await outcomes();
  }

  const report = await buildReport(stack, options, driver, recorded, sampler.samples, idle, engine);
  if (options.trace) await printTrace(stack, report.firstLost ?? driver.calls[0]);
  printSummary(report, stack);
  console.log(JSON.stringify(report.json));
  return 0;
}

/** --trace: one call's sandbox timeline and Temporal history (the first lost call, else the first call), and what each process printed last. */
async function printTrace(stack: BenchStack, call: PlacedCall | undefined): Promise<void> {
  const { sandbox, workers } = stack.multi;
  if (call) {
    const timeline = traceLines(sandbox, call, dialledLegsByWorkflow(sandbox.listCalls()));
    const history = await historyLines(stack.temporal.address, stack.temporal.namespace, callWorkflowId(call.ids.callSessionId)).catch((error: unknown) => [String(error)]);
    console.log(['', `Timeline of call ${call.n + 1} (session ${call.ids.callSessionId}) in the sandbox:`, ...timeline, '', 'Its Temporal history:', ...history].join('\n'));
  }
  for (const [index, worker] of workers.entries()) console.log(['', `Last lines worker-${index + 1} printed:`, worker.outputTail() || '(none)'].join('\n'));
  for (const api of stack.multi.apis) console.log(['', `Last lines ${api.name} printed:`, api.outputTail() || '(none)'].join('\n'));
}

async function buildReport(
  stack: BenchStack,
  options: BenchOptions,
  driver: LoadDriver,
  recorded: Map<string, Outcome>,
  samples: ResourceSample[],
  idle: ResourceSample,
  engine: EngineBaseline,
) {
  const { sandbox, workers, balancer } = stack.multi;
  const legs = sandbox.listCalls();
  const dialled = dialledLegsByWorkflow(legs);
  const callerLegs = new Map(legs.map((leg) => [leg.callControlId, leg]));
  const steadyFrom = driver.startedAt + options.rampSecs * 1000;
  const steadyTo = driver.loadEndsAt;
  const inSteadyWindow = (sample: StepSample) => sample.sentAt >= steadyFrom && sample.sentAt <= steadyTo;

  const lostReasons: Record<string, number> = {};
  const lost = (reason: string) => void (lostReasons[reason] = (lostReasons[reason] ?? 0) + 1);
  let completed = 0;
  let rejected = 0;
  const lostWorkflows: string[] = [];
  let firstLost: PlacedCall | undefined;
  const completedWorkflows: string[] = [];
  const analyses: Array<{ call: PlacedCall; analysis: CallAnalysis }> = [];
  for (const call of driver.calls) {
    const analysis = analyseCall(sandbox, call, dialled);
    analyses.push({ call, analysis });
    const outcome = recorded.get(call.ids.callSessionId);
    const expected = expectedOutcome(call.n + 1);
    if (call.rejectedBusy && !outcome) {
      rejected += 1;
      continue;
    }
    const before = completed;
    if (call.endedAt === null) {
      lost(outcome?.outcome ? `caller left on the line after the workflow ended (${outcome.outcome} at ${outcome.node})` : 'still up after the drain, workflow not ended');
    }
    else if (!outcome?.outcome) lost(`no outcome recorded (caller leg: ${callerLegs.get(call.ids.callControlId)?.hangup?.cause ?? 'unknown'})`);
    else if (outcome.outcome !== expected.result || outcome.node !== expected.node) lost(`ended ${outcome.outcome} at ${outcome.node}`);
    else if (!analysis.bridged) lost('an agent answered but the caller was never bridged to them');
    else completed += 1;
    (completed > before ? completedWorkflows : lostWorkflows).push(callWorkflowId(call.ids.callSessionId));
    if (completed === before) firstLost ??= call;
  }
  // Why calls were lost, or what the completed ones went through: workflow task timeouts and failures.
  const { address, namespace } = stack.temporal;
  const troubleOfLost = lostWorkflows.length > 0 ? await inspectWorkflows(address, namespace, lostWorkflows) : null;
  const troubleOfCompleted = completedWorkflows.length > 0 ? await inspectWorkflows(address, namespace, completedWorkflows, 50) : null;
  // A worker's identity is `<pid>@<host>`: the workflow tasks of the inspected completed calls, by worker.
  const workflowTasksByWorker = Object.fromEntries(
    workers.map((worker, index) => [
      `worker-${index + 1}`,
      Object.entries(troubleOfCompleted?.workflowTasksByIdentity ?? {}).reduce((sum, [identity, tasks]) => sum + (identity.startsWith(`${worker.pid}@`) ? tasks : 0), 0),
    ]),
  );
  const webhooksByInstance = Object.fromEntries(
    stack.multi.apis.map((api) => {
      const answered = balancer.served(api.name, '/api/webhooks/telnyx');
      const byStatus: Record<string, number> = {};
      for (const request of answered) byStatus[String(request.status)] = (byStatus[String(request.status)] ?? 0) + 1;
      return [api.name, byStatus];
    }),
  );

  const steps = analyses.flatMap(({ analysis }) => analysis.steps).filter(inSteadyWindow);
  // Calls are placed mostly during the ramp when they outlast the load window: setups count from the first call.
  const setups = analyses.flatMap(({ analysis }) => (analysis.setup ? [analysis.setup] : [])).filter((sample) => sample.sentAt <= steadyTo);
  const anomalies = new Map<string, number>();
  for (const { analysis } of analyses) for (const anomaly of analysis.anomalies) anomalies.set(anomaly, (anomalies.get(anomaly) ?? 0) + 1);
  const byTrigger = new Map<string, StepSample[]>();
  for (const sample of [...setups, ...steps]) byTrigger.set(sample.trigger, [...(byTrigger.get(sample.trigger) ?? []), sample]);

  const steady = samples.filter((sample) => sample.at >= steadyFrom && sample.at <= steadyTo);
  // Memory of all workers together (and of all API instances together).
  const rssOf = (sample: ResourceSample, group = 'workers') => sample.rssBytes[group] ?? 0;
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
  const medianRss = median(steady.map((sample) => rssOf(sample)));
  const activeSteady = steady.length === 0 ? 0 : steady.reduce((sum, sample) => sum + sample.activeCalls, 0) / steady.length;
  const idleRss = rssOf(idle);
  const peakRss = Math.max(...samples.map((sample) => rssOf(sample)));
  const apiRss = { idle: rssOf(idle, 'API instances'), steady: median(steady.map((sample) => rssOf(sample, 'API instances'))), peak: Math.max(...samples.map((sample) => rssOf(sample, 'API instances'))) };
  const cpu = steady.length >= 2 ? ResourceSampler.cpuBetween(steady[0]!, steady.at(-1)!) : null;
  const windowSecs = (steadyTo - steadyFrom) / 1000;
  // Throughput and what each call costs in CPU, from the calls that ended during the steady window.
  const endedInWindow = driver.calls.filter((call) => call.endedAt !== null && call.endedAt >= steadyFrom && call.endedAt <= steadyTo);
  const rejectedInWindow = endedInWindow.filter((call) => call.rejectedBusy).length;
  // CPU per call answered: turning callers away costs something too, and is counted in.
  const answeredInWindow = endedInWindow.length - rejectedInWindow;
  const completedSet = new Set(completedWorkflows);
  const completedDurations = driver.calls.flatMap((call) =>
    call.endedAt !== null && completedSet.has(callWorkflowId(call.ids.callSessionId)) ? [(call.endedAt - call.placedAt) / 1000] : [],
  );
  const cpuMsPerCall =
    cpu && answeredInWindow > 0
      ? Object.fromEntries(Object.entries(cpu.groups).map(([name, cores]) => [name, Math.round((cores * windowSecs * 1000) / answeredInWindow)]))
      : null;

  const step = distribution(steps.map((sample) => sample.ms));
  const setup = distribution(setups.map((sample) => sample.ms));
  const rejection = distribution(analyses.flatMap(({ analysis }) => (analysis.rejectedAfterMs === null ? [] : [analysis.rejectedAfterMs])));
  const stepFromEvent = distribution(steps.map((sample) => sample.fromEventMs));
  const callsLost = driver.calls.length - completed - rejected;
  const mb = (bytes: number) => Number((bytes / MIB).toFixed(1));
  const stackStepsPerSecond = windowSecs > 0 ? Number(((steps.length + setups.filter(inSteadyWindow).length) / windowSecs).toFixed(1)) : null;
  const json = {
    bench: 'calls',
    concurrency: options.concurrency,
    workers: options.workers,
    apiInstances: options.apiInstances,
    durationSecs: options.durationSecs,
    speed: options.speed,
    rampSecs: options.rampSecs,
    maxActiveCalls: options.maxActiveCalls,
    maxCallsPerSecond: options.maxCallsPerSecond,
    callsStarted: driver.calls.length,
    callsCompleted: completed,
    callsRejectedBusy: rejected,
    callsLost,
    lostReasons,
    lostCallWorkflowTasks: troubleOfLost?.workflowTasks ?? {},
    temporalPerCompletedCall: troubleOfCompleted?.perCall ?? null,
    stepLatencyMs: { samples: step.samples, p50: step.p50, p95: step.p95, p99: step.p99, max: step.max },
    stepLatencyFromEventMs: { p50: stepFromEvent.p50, p95: stepFromEvent.p95, p99: stepFromEvent.p99 },
    setupLatencyMs: { samples: setup.samples, p50: setup.p50, p99: setup.p99, max: setup.max },
    rejectLatencyMs: { samples: rejection.samples, p50: rejection.p50, p99: rejection.p99, max: rejection.max },
    workerMemoryPerActiveCallMb: activeSteady > 0 ? Number(((medianRss - idleRss) / activeSteady / MIB).toFixed(3)) : null,
    workerRssPerActiveCallMb: activeSteady > 0 ? Number((medianRss / activeSteady / MIB).toFixed(2)) : null,
    workerMemoryPerActiveCallAtPeakMb: activeSteady > 0 ? Number(((peakRss - idleRss) / activeSteady / MIB).toFixed(3)) : null,
    workerRssMb: { idle: mb(idleRss), steady: mb(medianRss), peak: mb(peakRss) },
    apiRssMb: { idle: mb(apiRss.idle), steady: mb(apiRss.steady), peak: mb(apiRss.peak) },
    workflowTasksByWorker,
    webhooksByInstance,
    activeCallsSteady: Number(activeSteady.toFixed(1)),
    stackStepsPerSecond,
    engineInProcess: { stepsPerSecond: engine.stepsPerSecond, stepLatencyUs: { p50: engine.stepLatencyUs.p50, p99: engine.stepLatencyUs.p99 }, stepsPerCall: engine.stepsPerCall },
    ratio: {
      stepLatencyP50StackOverEngine: step.p50 !== null && engine.stepLatencyUs.p50 ? Math.round((step.p50 * 1000) / engine.stepLatencyUs.p50) : null,
      stepsPerSecondEngineOverStack: stackStepsPerSecond ? Math.round(engine.stepsPerSecond / stackStepsPerSecond) : null,
    },
    cpuCores: cpu ? Object.fromEntries(Object.entries({ ...cpu.groups, 'other processes': cpu.otherCores }).map(([name, cores]) => [name, Number(cores.toFixed(2))])) : null,
    machineBusyCores: cpu ? Number(cpu.machineBusyCores.toFixed(2)) : null,
    callsEndedPerSecond: windowSecs > 0 ? Number((answeredInWindow / windowSecs).toFixed(2)) : null,
    callsRejectedPerSecond: windowSecs > 0 ? Number((rejectedInWindow / windowSecs).toFixed(2)) : null,
    meanCompletedCallSecs: completedDurations.length > 0 ? Number((completedDurations.reduce((sum, secs) => sum + secs, 0) / completedDurations.length).toFixed(1)) : null,
    cpuMsPerCall,
    cpus: availableParallelism(),
    loadAverage1m: Number((loadavg()[0] ?? 0).toFixed(2)),
    targets: {
      ...TARGETS,
      // A caller turned away busy was not served either.
      met: step.p50 !== null && step.p99 !== null && step.p50 <= TARGETS.stepP50Ms && step.p99 <= TARGETS.stepP99Ms && callsLost + rejected <= TARGETS.lost,
    },
  };
  return { json, firstLost, byTrigger, anomalies, troubleOfLost, troubleOfCompleted, windowSecs, placeFailures: driver.placeFailures, retried: analyses.reduce((sum, { analysis }) => sum + analysis.retriedDeliveries, 0) };
}

function printSummary(report: Awaited<ReturnType<typeof buildReport>>, stack: BenchStack): void {
  const { json } = report;
  const lines = [
    '',
    `Calls through ${json.apiInstances} API instance(s) and ${json.workers} worker(s): ${json.concurrency} concurrent for ${json.durationSecs} s (speed ${json.speed}, ramp ${json.rampSecs} s), ${json.cpus} CPUs`,
    `  calls: ${json.callsStarted} started, ${json.callsCompleted} completed, ${
      ceilings(json) === null ? '' : `${json.callsRejectedBusy} rejected busy (over ${ceilings(json)}, ${json.callsRejectedPerSecond}/s), `
    }${json.callsLost} lost${
      json.callsLost > 0 ? ` (${Object.entries(json.lostReasons).map(([reason, count]) => `${count} ${reason}`).join('; ')})` : ''
    }`,
    `  measured over the steady window (after the ramp, until the load stopped): ${report.windowSecs.toFixed(0)} s`,
    `  step latency (webhook sent → next command received): p50 ${json.stepLatencyMs.p50} ms, p95 ${json.stepLatencyMs.p95} ms, p99 ${json.stepLatencyMs.p99} ms, max ${json.stepLatencyMs.max} ms (${json.stepLatencyMs.samples} steps)`,
    '    by step (whole step, then the part spent waiting for the API to answer the webhook: verify, record, signal Temporal):',
    ...[...report.byTrigger].map(([trigger, samples]) => {
      const whole = distribution(samples.map((sample) => sample.ms));
      const api = distribution(samples.map((sample) => sample.apiMs));
      const ms = (value: number | null) => `${String(value).padStart(6)} ms`;
      return `      ${trigger.padEnd(24)} p50 ${ms(whole.p50)}  p99 ${ms(whole.p99)}   API p50 ${ms(api.p50)}  p99 ${ms(api.p99)}   (${whole.samples})`;
    }),
    `  the same steps from the event (includes waiting behind the session's earlier webhooks): p50 ${json.stepLatencyFromEventMs.p50} ms, p95 ${json.stepLatencyFromEventMs.p95} ms, p99 ${json.stepLatencyFromEventMs.p99} ms`,
    `  setup latency (call.initiated sent → answer received, every call placed while the load ran, ramp included): p50 ${json.setupLatencyMs.p50} ms, p99 ${json.setupLatencyMs.p99} ms (${json.setupLatencyMs.samples} calls)`,
    ...(json.rejectLatencyMs.samples > 0
      ? [`  busy latency (call.initiated sent → reject received): p50 ${json.rejectLatencyMs.p50} ms, p99 ${json.rejectLatencyMs.p99} ms (${json.rejectLatencyMs.samples} calls)`]
      : []),
    `  worker memory (all workers): ${json.workerRssMb.idle} MB idle, ${json.workerRssMb.steady} MB median under load (peak ${json.workerRssMb.peak} MB) with ${json.activeCallsSteady} calls up: ` +
      `${json.workerMemoryPerActiveCallMb} MB per active call above idle (${json.workerMemoryPerActiveCallAtPeakMb} MB at the peak; ${json.workerRssPerActiveCallMb} MB of total RSS per call)`,
    `  API memory (all instances): ${json.apiRssMb.idle} MB idle, ${json.apiRssMb.steady} MB median under load, peak ${json.apiRssMb.peak} MB`,
    `  spread: workflow tasks of ${report.troubleOfCompleted?.inspected ?? 0} completed calls by worker: ${Object.entries(json.workflowTasksByWorker).map(([name, tasks]) => `${name} ${tasks}`).join(', ')}; ` +
      `webhooks answered by instance: ${Object.entries(json.webhooksByInstance).map(([name, statuses]) => `${name} ${Object.entries(statuses).map(([status, count]) => `${count}× ${status}`).join(' ')}`).join(', ')}`,
    `  CPU (cores used, steady window): ${json.cpuCores ? Object.entries(json.cpuCores).map(([name, cores]) => `${name} ${cores}`).join(', ') : 'n/a'}; ` +
      `machine ${json.machineBusyCores} of ${json.cpus} cores busy; load average ${json.loadAverage1m}`,
    ...(json.cpuMsPerCall && json.meanCompletedCallSecs
      ? (() => {
          const perCall = Object.values(json.cpuMsPerCall).reduce((sum, ms) => sum + ms, 0);
          const callsPerSecond = (json.cpus * 1000) / perCall;
          // Abandoned and stuck calls cost little and last long: extrapolate only from a run where calls went through.
          const healthy = json.callsRejectedBusy === 0 && json.callsCompleted >= 0.9 * json.callsStarted;
          return [
            `  CPU per call (steady window, ${json.callsEndedPerSecond} answered calls ended per second): ${Object.entries(json.cpuMsPerCall).map(([name, ms]) => `${name} ${ms} ms`).join(', ')} — ${perCall} ms in all; ` +
              (healthy
                ? `${json.cpus} cores could carry about ${callsPerSecond.toFixed(1)} calls/s, i.e. ${Math.round(callsPerSecond * json.meanCompletedCallSecs)} concurrent calls of ${json.meanCompletedCallSecs} s`
                : 'not extrapolated to a capacity: calls were lost or rejected, so the cost per call means little'),
          ];
        })()
      : []),
    `  engine in-process, same program and scenario: ${json.engineInProcess.stepsPerSecond} steps/s, step p50 ${json.engineInProcess.stepLatencyUs.p50} µs, p99 ${json.engineInProcess.stepLatencyUs.p99} µs (${json.engineInProcess.stepsPerCall} steps per call)`,
    `  ratio: the stack's step p50 is ${json.ratio.stepLatencyP50StackOverEngine}× the engine's; the engine alone runs ${json.ratio.stepsPerSecondEngineOverStack}× the stack's step rate (${json.stackStepsPerSecond} steps/s)`,
    `  targets (p50 ≤ ${TARGETS.stepP50Ms} ms, p99 ≤ ${TARGETS.stepP99Ms} ms, ${TARGETS.lost} lost or rejected): ${json.targets.met ? 'met' : 'NOT met'}`,
  ];
  for (const [which, trouble] of [['lost', report.troubleOfLost], ['completed', report.troubleOfCompleted]] as const) {
    if (trouble === null) continue;
    const tasks = Object.entries(trouble.workflowTasks).map(([what, count]) => `${count} ${what}`).join(', ') || 'none';
    const statuses = Object.entries(trouble.statuses).map(([status, count]) => `${count} ${status}`).join(', ');
    lines.push(`  workflows of ${which} calls (${trouble.inspected} inspected: ${statuses}): ${trouble.workflowsWithTrouble} with workflow task trouble — ${tasks}`);
    const cost = trouble.perCall;
    if (which === 'completed') {
      lines.push(`    Temporal work per call: ${cost.historyEvents} history events, ${cost.signals} signals, ${cost.workflowTasks} workflow tasks, ${cost.activities} activities, ${cost.localActivities} local activities`);
    }
  }
  if (report.anomalies.size > 0) lines.push(`  unexpected sequences: ${[...report.anomalies].map(([what, count]) => `${count}× ${what}`).join('; ')}`);
  if (report.retried > 0) lines.push(`  webhook deliveries retried (API answered non-2xx or timed out): ${report.retried}`);
  if (report.placeFailures.count > 0) lines.push(`  calls the sandbox refused to place: ${report.placeFailures.count} (last: ${report.placeFailures.last})`);
  if (stack.sandboxProblems.count > 0) lines.push(`  sandbox problems: ${stack.sandboxProblems.count} (first: ${stack.sandboxProblems.first.join(' | ')})`);
  console.log(lines.join('\n'));
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
