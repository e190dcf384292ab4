import { Client, Connection } from '@temporalio/client';
import { temporal } from '@temporalio/proto';

const { EventType, WorkflowTaskFailedCause, TimeoutType, PendingWorkflowTaskState } = temporal.api.enums.v1;

/** What went wrong inside the workflows of some calls, read from their Temporal histories. */
export interface WorkflowTrouble {
  inspected: number;
  /** Workflow status name (RUNNING, COMPLETED…) → workflows. */
  statuses: Record<string, number>;
  /** Workflow tasks that timed out (by timeout type) or failed (by cause) → occurrences. */
  workflowTasks: Record<string, number>;
  /** Workflows with at least one timed-out or failed workflow task. */
  workflowsWithTrouble: number;
  /** Workflow tasks by the identity of the worker that picked them up (`<pid>@<host>`). */
  workflowTasksByIdentity: Record<string, number>;
  /** Mean per inspected workflow: what one call costs Temporal. */
  perCall: { historyEvents: number; signals: number; workflowTasks: number; activities: number; localActivities: number };
}

/** Reads the histories of `workflowIds` (at most `limit` of them) and counts workflow task timeouts and failures. */
export async function inspectWorkflows(address: string, namespace: string, workflowIds: string[], limit = 25): Promise<WorkflowTrouble> {
  const connection = await Connection.connect({ address });
  const client = new Client({ connection, namespace });
  const trouble: WorkflowTrouble = { inspected: 0, statuses: {}, workflowTasks: {}, workflowsWithTrouble: 0, workflowTasksByIdentity: {}, perCall: { historyEvents: 0, signals: 0, workflowTasks: 0, activities: 0, localActivities: 0 } };
  const totals = { historyEvents: 0, signals: 0, workflowTasks: 0, activities: 0, localActivities: 0 };
  const count = (record: Record<string, number>, key: string) => void (record[key] = (record[key] ?? 0) + 1);
  try {
    for (const workflowId of workflowIds.slice(0, limit)) {
      const handle = client.workflow.getHandle(workflowId);
      const [description, history] = await Promise.all([handle.describe(), handle.fetchHistory()]).catch(() => [null, null] as const);
      if (description === null || history === null) {
        count(trouble.statuses, 'NOT FOUND');
        continue;
      }
      trouble.inspected += 1;
      count(trouble.statuses, description.status.name);
      let troubled = false;
      const events = history.events ?? [];
      totals.historyEvents += events.length;
      for (const event of events) {
        if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED) totals.signals += 1;
        else if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED) totals.workflowTasks += 1;
        else if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED) count(trouble.workflowTasksByIdentity, event.workflowTaskStartedEventAttributes?.identity ?? 'unknown');
        else if (event.eventType === EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED) totals.activities += 1;
        // Local activities leave a marker each.
        else if (event.eventType === EventType.EVENT_TYPE_MARKER_RECORDED) totals.localActivities += 1;
        else if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT) {
          const type = event.workflowTaskTimedOutEventAttributes?.timeoutType ?? TimeoutType.TIMEOUT_TYPE_UNSPECIFIED;
          count(trouble.workflowTasks, `timed out (${TimeoutType[type] ?? type})`);
          troubled = true;
        } else if (event.eventType === EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED) {
          const cause = event.workflowTaskFailedEventAttributes?.cause ?? WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNSPECIFIED;
          // A signal (the caller's call.hangup) arrived while the workflow completed: Temporal hands the task back
          // with the new event at once. Normal, so not trouble.
          if (cause === WorkflowTaskFailedCause.WORKFLOW_TASK_FAILED_CAUSE_UNHANDLED_COMMAND) {
            count(trouble.workflowTasks, 'superseded by a signal at completion (UNHANDLED_COMMAND, benign)');
            continue;
          }
          count(trouble.workflowTasks, `failed (${WorkflowTaskFailedCause[cause] ?? cause})`);
          troubled = true;
        }
      }
      if (troubled) trouble.workflowsWithTrouble += 1;
    }
  } finally {
    await connection.close();
  }
  if (trouble.inspected > 0) {
    const mean = (total: number) => Number((total / trouble.inspected).toFixed(1));
    trouble.perCall = {
      historyEvents: mean(totals.historyEvents),
      signals: mean(totals.signals),
      workflowTasks: mean(totals.workflowTasks),
      activities: mean(totals.activities),
      localActivities: mean(totals.localActivities),
    };
  }
  return trouble;
}

/**
 * A workflow's history as one line per event (time from the first event, type, and the detail that matters), then the
 * workflow task still pending if there is one (its attempt count shows a task that keeps failing or timing out), for --trace.
 */
export async function historyLines(address: string, namespace: string, workflowId: string): Promise<string[]> {
  const connection = await Connection.connect({ address });
  try {
    const handle = new Client({ connection, namespace }).workflow.getHandle(workflowId);
    const [history, { raw }] = await Promise.all([handle.fetchHistory(), handle.describe()]);
    const pending = raw.pendingWorkflowTask;
    const events = history.events ?? [];
    const millis = (event: (typeof events)[number]) => Number(event.eventTime?.seconds ?? 0) * 1000 + Math.floor((event.eventTime?.nanos ?? 0) / 1e6);
    const origin = events[0] ? millis(events[0]) : 0;
    const describe = (event: (typeof events)[number]): string => {
      const type = (EventType[event.eventType ?? 0] ?? String(event.eventType)).replace(/^EVENT_TYPE_/, '');
      const detail =
        event.workflowExecutionSignaledEventAttributes?.signalName ??
        event.activityTaskScheduledEventAttributes?.activityType?.name ??
        event.markerRecordedEventAttributes?.markerName ??
        (event.workflowTaskTimedOutEventAttributes ? TimeoutType[event.workflowTaskTimedOutEventAttributes.timeoutType ?? 0] : undefined) ??
        (event.workflowTaskFailedEventAttributes ? WorkflowTaskFailedCause[event.workflowTaskFailedEventAttributes.cause ?? 0] : undefined) ??
        '';
      return `${String(millis(event) - origin).padStart(7)} ms  ${type}${detail ? ` ${detail}` : ''}`;
    };
    const lines = events.map(describe);
    if (pending) {
      const scheduled = Number(pending.originalScheduledTime?.seconds ?? 0) * 1000 + Math.floor((pending.originalScheduledTime?.nanos ?? 0) / 1e6);
      lines.push(`pending workflow task: attempt ${pending.attempt ?? '?'}, first scheduled ${scheduled - origin} ms, ${PendingWorkflowTaskState[pending.state ?? 0] ?? pending.state}`);
    }
    return lines;
  } finally {
    await connection.close();
  }
}
