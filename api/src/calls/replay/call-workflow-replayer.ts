import { Injectable, Logger } from '@nestjs/common';
import type { TraceEvent } from '@callflow/engine';
import type { CallEventsBody } from '@callflow/workflows';
import type { History } from '@temporalio/common/lib/proto-utils';
import { bundleWorkflowCode, DefaultLogger, Runtime, Worker, type InjectedSinks, type WorkflowBundle } from '@temporalio/worker';
import type { Sinks } from '@temporalio/workflow';
import type { CallLogCaptureSinks } from './call-log-capture.interceptor';

/** callWorkflow's live call-log sink (workflows/src/activities/call-log.sink.ts). */
interface LiveCallLogSinks extends Sinks {
  callLog: { append(callId: string, body: CallEventsBody): void };
}

/**
 * Replays a call's Temporal history through the current call workflow code, collecting the step record that the
 * workflow writes as it runs (its call-log writes are local activities: their arguments are not in the history,
 * the replay recreates them). The same history gives the same steps, whether it comes from Temporal or from the
 * copy kept in PostgreSQL. Replay-only: this worker polls no task queue and runs no activity.
 */
@Injectable()
export class CallWorkflowReplayer {
  private readonly logger = new Logger(CallWorkflowReplayer.name);
  private bundle: Promise<WorkflowBundle> | null = null;

  /** The step record the workflow wrote, in order. Throws when the workflow code cannot replay the history. */
  async trace(history: History, workflowId: string): Promise<TraceEvent[]> {
    const writes: CallEventsBody[] = [];
    const sinks: InjectedSinks<CallLogCaptureSinks & LiveCallLogSinks> = {
      callLogCapture: { write: { fn: (_info, body) => void writes.push(body), callDuringReplay: true } },
      // The steps the workflow sends live as they happen: a replay leaves them to its final write, which holds them all.
      callLog: { append: { fn: () => undefined } },
    };
    await Worker.runReplayHistory({ workflowBundle: await this.workflowBundle(), sinks, replayName: 'call-replay' }, history, workflowId);
    // Each write states where its events go in the record: a write the workflow retried is placed once.
    const record: TraceEvent[] = [];
    for (const write of writes) write.events.forEach((event, index) => (record[write.firstSeq - 1 + index] = event));
    return record.filter((event) => event !== undefined);
  }

  /** Bundled once, on the first replay (a few seconds of webpack), with the interceptor that collects the record. */
  private workflowBundle(): Promise<WorkflowBundle> {
    if (this.bundle === null) {
      installQuietRuntime();
      this.bundle = bundleWorkflowCode({
        workflowsPath: require.resolve('@callflow/workflows/src/workflows'),
        workflowInterceptorModules: [require.resolve('./call-log-capture.interceptor')],
        logger: new DefaultLogger('WARN'),
      }).catch((error: unknown) => {
        this.bundle = null;
        this.logger.error(`Could not bundle the call workflow for replay: ${String(error)}`);
        throw error;
      });
    }
    return this.bundle;
  }
}

/** Replay workers log each replay at INFO by default; a process that already set up the Temporal runtime keeps its own. */
function installQuietRuntime(): void {
  try {
    Runtime.install({ logger: new DefaultLogger('WARN') });
  } catch {
    // Already installed (e.g. by a worker in the same process).
  }
}
