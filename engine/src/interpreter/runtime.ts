import type { NodeKind, Prompt } from '@callflow/schemas';
import {
  evaluateExpression,
  parseExpressionOnce,
  parseTemplateOnce,
  renderTemplate,
  type ExpressionContext,
  type ExprValue,
} from '../expressions';
import type {
  CallResult,
  CallState,
  Command,
  EngineInput,
  RenderedPrompt,
  RunnableProgram,
  StepResult,
  TraceEvent,
} from './types';

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type TraceDetail = DistributiveOmit<TraceEvent, 'at' | 'flowId' | 'node'>;

/** What an executor tells the interpreter to do next. */
export type Transition<Phase extends object = Record<string, unknown>> =
  | { kind: 'wait'; phase: Phase }
  | { kind: 'exit'; port: string }
  | { kind: 'switch-flow'; flowId: string }
  | { kind: 'end'; reason: string; hangup: boolean; result?: CallResult };

export const wait = <Phase extends object>(phase: Phase): Transition<Phase> => ({ kind: 'wait', phase });
export const exit = (port: string): Transition<never> => ({ kind: 'exit', port });
export const end = (reason: string, options: { hangup: boolean; result?: CallResult }): Transition<never> => ({
  kind: 'end',
  reason,
  ...options,
});

/** The services one `step` call offers to executors: command and trace output, ids, variables, expressions. */
export class Runtime {
  readonly commands: Command[] = [];
  readonly events: TraceEvent[] = [];

  constructor(
    readonly program: RunnableProgram,
    readonly state: CallState,
    readonly input: EngineInput,
  ) {}

  get at(): number {
    return this.input.at;
  }

  emit(command: Command): void {
    this.commands.push(command);
  }

  trace(detail: TraceDetail): void {
    this.events.push({ at: this.at, flowId: this.state.flowId, node: this.state.stepId, ...detail } as TraceEvent);
  }

  /** A call-unique, deterministic id for a prompt, gather, timer, leg or request. */
  nextId(prefix: string): string {
    this.state.seq += 1;
    return `${prefix}-${this.state.seq}`;
  }

  expressionContext(): ExpressionContext {
    return {
      vars: this.state.vars,
      caller: this.state.call?.from ?? '',
      called: this.state.call?.to ?? '',
      now: this.at,
      timeZone: this.currentProgram().timeZone,
    };
  }

  /** Compile checked every expression and template, so a parse failure here means a hand-made program. */
  evaluate(source: string): ExprValue {
    const parsed = parseExpressionOnce(source);
    return parsed.ok ? evaluateExpression(parsed.value, this.expressionContext()) : null;
  }

  render(source: string): string {
    const parsed = parseTemplateOnce(source);
    return parsed.ok ? renderTemplate(parsed.value, this.expressionContext()) : source;
  }

  renderPrompt(prompt: Prompt): RenderedPrompt {
    return prompt.type === 'tts'
      ? { type: 'tts', text: this.render(prompt.text), voice: prompt.voice, language: prompt.language }
      : { type: 'audio', url: prompt.url };
  }

  /** Plays a prompt and returns the id its `prompt.ended` will carry. */
  play(prompt: Prompt): string {
    return this.playRendered(this.renderPrompt(prompt));
  }

  playRendered(prompt: RenderedPrompt): string {
    const promptId = this.nextId('prompt');
    this.emit({ type: 'play', promptId, prompt });
    this.tracePrompt(prompt);
    return promptId;
  }

  tracePrompt(prompt: RenderedPrompt): void {
    this.trace({
      type: 'prompt.played',
      text: prompt.type === 'tts' ? prompt.text : null,
      url: prompt.type === 'audio' ? prompt.url : null,
    });
  }

  startTimer(seconds: number): string {
    const timerId = this.nextId('timer');
    this.emit({ type: 'start-timer', timerId, seconds });
    return timerId;
  }

  setVariable(name: string, value: ExprValue): void {
    this.state.vars[name] = value;
    this.trace({ type: 'variable.set', name, value });
  }

  currentProgram() {
    const { program, state } = this;
    return state.flowId === program.flowId ? program : program.subflows?.[state.flowId] ?? program;
  }

  result(): StepResult {
    return { state: this.state, commands: this.commands, events: this.events };
  }
}

export type StepOfKind<K extends NodeKind> = Extract<import('@callflow/schemas').ProgramStep, { kind: K }>;

/** How one node kind runs. `resume` returns null for inputs that are not meant for it. */
export interface Executor<K extends NodeKind, Phase extends object = Record<string, unknown>> {
  enter(runtime: Runtime, step: StepOfKind<K>): Transition<Phase>;
  resume(runtime: Runtime, step: StepOfKind<K>, phase: Phase, input: EngineInput): Transition<Phase> | null;
  /** Lets go of what the call holds here (agent legs, a place in a queue) when the caller hangs up or the call fails. */
  release?(runtime: Runtime, step: StepOfKind<K>, phase: Phase): void;
  /** What follows the caller hanging up here (after `release`); the default ends the call. May keep waiting (a voicemail being saved). */
  hangup?(runtime: Runtime, step: StepOfKind<K>, phase: Phase): Transition<Phase>;
}
