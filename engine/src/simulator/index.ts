export { simulate, speakingTimeMs, type AgentBehaviour, type CallerAction, type SimulationOptions, type SimulationResult } from './simulate';
export { formatCallerScript, parseCallerScript, type CallerScriptParse } from './caller-script';
export { QUEUE_OVERFLOW_REASONS, describeTraceEvent } from './describe-trace-event';
