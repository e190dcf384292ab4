import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import {
  compileFlow,
  initialCallState,
  step,
  type CallState,
  type Command,
  type EngineEvent,
  type RunnableProgram,
} from '@callflow/engine';
import type { Program } from '@callflow/schemas';
import { benchDirectory, generateFlow } from './flow-generator';

/** Flow sizes with the compile runs measured after the warm-up runs. */
const COMPILE_PLAN = [
  { size: 100, warmUp: 20, runs: 200 },
  { size: 1_000, warmUp: 5, runs: 40 },
  { size: 5_000, warmUp: 2, runs: 10 },
] as const;
const TARGET_1000_MEDIAN_MS = 20;
const THROUGHPUT_FLOW_SIZE = 1_000;
const THROUGHPUT_DURATION_MS = 2_000;
const CALL_STARTED_AT = Date.UTC(2026, 2, 10, 15, 0, 0);

function compileOrExit(size: number): Program {
  const result = compileFlow(generateFlow(size), { flowId: `bench-${size}`, directory: benchDirectory });
  if (!result.ok) {
    const errors = result.diagnostics.filter((diagnostic) => diagnostic.severity === 'error');
    console.error(`The generated ${size}-node flow does not compile (${errors.length} errors):`);
    for (const error of errors.slice(0, 20)) console.error(`  ${error.code}: ${error.message}`);
    process.exit(1);
  }
  const reachable = Object.keys(result.program.steps).length;
  if (reachable !== size) {
    console.error(`The generated ${size}-node flow compiled to ${reachable} steps; every node should be reachable`);
    process.exit(1);
  }
  return result.program;
}

function percentile(sorted: readonly number[], fraction: number): number {
  return sorted[Math.max(0, Math.ceil(fraction * sorted.length) - 1)]!;
}

function median(sorted: readonly number[]): number {
  const middle = sorted.length / 2;
  return Number.isInteger(middle) ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[Math.floor(middle)]!;
}

const round = (value: number, places: number) => Number(value.toFixed(places));

function measureCompile(size: number, warmUp: number, runs: number) {
  const document = generateFlow(size);
  const options = { flowId: `bench-${size}`, directory: benchDirectory };
  for (let run = 0; run < warmUp; run += 1) compileFlow(document, options);
  const times: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const started = performance.now();
    compileFlow(document, options);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return { size, runs, medianMs: round(median(times), 3), p90Ms: round(percentile(times, 0.9), 3), minMs: round(times[0]!, 3) };
}

/** The scripted caller and carrier: answers, ends every prompt, presses 1 at every menu. */
function reply(command: Command): EngineEvent | null {
  switch (command.type) {
    case 'answer':
      return { type: 'call.answered' };
    case 'play':
      return { type: 'prompt.ended', promptId: command.promptId, status: 'completed' };
    case 'gather':
      return { type: 'gather.ended', gatherId: command.gatherId, digits: '1', status: 'valid' };
    default:
      return null;
  }
}

/** Drives one call through the chain; returns the `step` calls made and the final state. */
function runCall(program: RunnableProgram, firstCall: number): { steps: number; state: CallState } {
  let at = firstCall;
  let result = step(program, initialCallState(program), {
    type: 'call.started',
    at,
    call: { callId: `bench-${firstCall}`, from: '+12125550123', to: '+14155550100' },
  });
  let steps = 1;
  while (result.state.status === 'running') {
    const event = result.commands.map(reply).find((candidate) => candidate !== null);
    if (event === undefined) break;
    at += 1_000;
    result = step(program, result.state, { ...event, at } as Parameters<typeof step>[2]);
    steps += 1;
  }
  return { steps, state: result.state };
}

function measureThroughput(program: Program) {
  const probe = runCall(program, CALL_STARTED_AT);
  if (probe.state.status !== 'ended' || probe.state.outcome?.node !== 'goodbye' || probe.state.outcome.result !== 'completed') {
    console.error(`The scripted call did not run through the flow: it stopped at ${probe.state.stepId} (${JSON.stringify(probe.state.outcome)})`);
    process.exit(1);
  }
  for (let warmUp = 0; warmUp < 3; warmUp += 1) runCall(program, CALL_STARTED_AT);
  let steps = 0;
  let calls = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < THROUGHPUT_DURATION_MS) {
    steps += runCall(program, CALL_STARTED_AT + calls * 3_600_000).steps;
    calls += 1;
    elapsed = performance.now() - started;
  }
  return { stepsPerCall: probe.steps, calls, steps, elapsedMs: elapsed, stepsPerSecond: Math.round((steps / elapsed) * 1000) };
}

const loadBefore = loadavg()[0]!;
for (const { size } of COMPILE_PLAN) compileOrExit(size);
const compiled = COMPILE_PLAN.map(({ size, warmUp, runs }) => measureCompile(size, warmUp, runs));
const throughput = measureThroughput(compileOrExit(THROUGHPUT_FLOW_SIZE));

console.log(`Engine benchmark (Node ${process.version}, ${process.platform}/${process.arch}, ${availableParallelism()} CPUs)`);
// Other processes competing for the CPUs inflate the medians; the minimum is the least disturbed figure.
console.log(`load average: ${loadBefore.toFixed(2)} before, ${loadavg()[0]!.toFixed(2)} after`);
console.log('');
console.log('compileFlow (validate + compile) on generated flows, all nodes reachable, zero errors');
console.log('  nodes  runs   median ms   p90 ms   min ms');
for (const row of compiled) {
  console.log(
    `  ${String(row.size).padStart(5)}  ${String(row.runs).padStart(4)}  ${row.medianMs.toFixed(2).padStart(10)}  ${row.p90Ms
      .toFixed(2)
      .padStart(7)}  ${row.minMs.toFixed(2).padStart(7)}`,
  );
}
const median1000 = compiled.find((row) => row.size === 1_000)!.medianMs;
console.log(
  `  target: 1,000 nodes ≤ ${TARGET_1000_MEDIAN_MS} ms median — ${median1000 <= TARGET_1000_MEDIAN_MS ? 'met' : `MISSED (${median1000} ms)`}`,
);
console.log('');
console.log(`step() throughput through a ${THROUGHPUT_FLOW_SIZE}-node flow (press 1 at every menu, end every prompt)`);
console.log(
  `  ${throughput.stepsPerCall} steps per call, ${throughput.calls} calls, ${throughput.steps} steps in ${throughput.elapsedMs.toFixed(0)} ms: ` +
    `${throughput.stepsPerSecond} steps/s`,
);
console.log(
  JSON.stringify({
    compileValidateMedianMs: Object.fromEntries(compiled.map((row) => [row.size, row.medianMs])),
    compileValidateP90Ms: Object.fromEntries(compiled.map((row) => [row.size, row.p90Ms])),
    stepsPerSecond: throughput.stepsPerSecond,
    node: process.version,
  }),
);
