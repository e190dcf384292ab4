export { agentAvailability, type AgentAvailability, type Unavailability } from './availability';
export { planRing, type ExclusionReason, type RingAttempt, type RingForward, type RingPlan, type RingPlanInput } from './ring-plan';
export { assignQueueAgents, expectedWaitSecs, type QueueAssignmentInput, type QueueWaiter } from './queue-assignment';
