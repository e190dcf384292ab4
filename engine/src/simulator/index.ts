export { simulate, speakingTimeMs, type AgentBehaviour, type CallerAction, type SimulationOptions, type SimulationResult } from './simulate';
export { formatCallerScript, parseCallerScript, type CallerScriptParse } from './caller-script';
export { describeTraceEvent } from './describe-trace-event';
