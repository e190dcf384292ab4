export { CALLS_TASK_QUEUE } from './contracts';
