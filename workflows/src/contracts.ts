// What the API and other clients need to talk to the workflows: names and input types only.
/** The task queue polled by call workers. */
export const CALLS_TASK_QUEUE = 'calls';
