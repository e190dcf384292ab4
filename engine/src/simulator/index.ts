export { simulate, speakingTimeMs, type AgentBehaviour, type CallerAction, type SimulationOptions, type SimulationResult } from './simulate';
