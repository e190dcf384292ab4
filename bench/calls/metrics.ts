import { legClientState } from '../../api/src/webhooks/call-event-router';
import type { CommandEntry, LegSummary, SandboxCarrier, TimelineEntryView, WebhookEntryView } from '../../api/src/sandbox';
import { callWorkflowId } from '@callflow/workflows';
import type { PlacedCall } from '../../api/test/e2e/call-load';
import { STEP_TRIGGERS } from './scenario';

/** A step's latency: the webhook went out (first delivery attempt) → the sandbox received the flow's next command. */
export interface StepSample {
  trigger: string;
  /** Epoch ms the webhook went out. */
  sentAt: number;
  ms: number;
  /**
   * From the event itself to the command: adds the time the webhook waited behind earlier deliveries of the same
   * call session (the sandbox, like Telnyx, delivers a session's webhooks one at a time, in order).
   */
  fromEventMs: number;
  /** The API's answer to that webhook (first attempt): verify, record, signal Temporal. The rest is Temporal and the worker. */
  apiMs: number;
}

export interface CallAnalysis {
  /** call.initiated went out → answer received; null if the call was never answered. */
  setup: StepSample | null;
  /** call.initiated went out → reject received (over MAX_ACTIVE_CALLS or MAX_CALLS_PER_SECOND), ms; null if the call was not rejected. */
  rejectedAfterMs: number | null;
  steps: StepSample[];
  /** Triggers followed by a command other than the expected one, or by none at all. */
  anomalies: string[];
  /** Webhook deliveries that needed more than one attempt (the API answered non-2xx or did not answer). */
  retriedDeliveries: number;
  commands: number;
  webhooks: number;
  bridged: boolean;
}

/** The legs each call workflow dialled, by workflow id (recognised by their client_state). */
export function dialledLegsByWorkflow(legs: LegSummary[]): Map<string, LegSummary[]> {
  const byWorkflow = new Map<string, LegSummary[]>();
  for (const leg of legs) {
    if (leg.direction !== 'outgoing') continue;
    const state = legClientState(leg.clientState);
    if (state === null) continue;
    const list = byWorkflow.get(state.w) ?? [];
    list.push(leg);
    byWorkflow.set(state.w, list);
  }
  return byWorkflow;
}

const isCommand = (entry: TimelineEntryView): entry is CommandEntry => entry.kind === 'command';
const isWebhook = (entry: TimelineEntryView): entry is WebhookEntryView => entry.kind === 'webhook';

/** Reads one call's latencies from the sandbox timelines of its caller leg and the agent legs its workflow dialled. */
export function analyseCall(sandbox: SandboxCarrier, call: PlacedCall, dialled: Map<string, LegSummary[]>): CallAnalysis {
  const callerLeg = call.ids.callControlId;
  const agentLegs = dialled.get(callWorkflowId(call.ids.callSessionId)) ?? [];
  const entries = [call.ids.callSessionId, ...agentLegs.map((leg) => leg.callControlId)]
    .flatMap((id) => sandbox.callTimeline(id)?.timeline ?? [])
    .sort((a, b) => a.seq - b.seq);
  const commands = entries.filter(isCommand);
  const webhooks = entries.filter(isWebhook);
  const anomalies: string[] = [];
  // A repeat of an earlier command (same command_id: a retried workflow task or activity) is not the next command.
  const firstCommandFrom = (at: number): CommandEntry | undefined => commands.find((command) => command.at >= at && command.result !== 'duplicate');

  let setup: StepSample | null = null;
  let rejectedAfterMs: number | null = null;
  const initiated = webhooks.find((webhook) => webhook.callControlId === callerLeg && webhook.type === 'call.initiated');
  const initiatedDelivery = initiated?.deliveries[0];
  if (initiated && initiatedDelivery) {
    const sentAt = initiatedDelivery.startedAt;
    const answer = firstCommandFrom(sentAt);
    if (answer?.action === 'answer') {
      setup = { trigger: 'call.initiated', sentAt, ms: answer.at - sentAt, fromEventMs: answer.at - initiated.at, apiMs: initiatedDelivery.finishedAt - sentAt };
    }
    // A call over MAX_ACTIVE_CALLS or MAX_CALLS_PER_SECOND is rejected: the bench counts those apart.
    else if (answer?.action === 'reject') rejectedAfterMs = answer.at - sentAt;
    else anomalies.push(`call.initiated → ${answer?.action ?? 'no command'}`);
  }

  const steps: StepSample[] = [];
  const seenByLeg = new Map<string | null, Set<string>>();
  for (const webhook of webhooks) {
    const role = webhook.callControlId === callerLeg ? 'caller' : 'agent';
    const seen = seenByLeg.get(webhook.callControlId) ?? new Set<string>();
    seenByLeg.set(webhook.callControlId, seen.add(webhook.type));
    const trigger = STEP_TRIGGERS.find(
      (candidate) => candidate.leg === role && candidate.type === webhook.type && (candidate.after === undefined || seen.has(candidate.after)),
    );
    const delivery = webhook.deliveries[0];
    if (trigger === undefined || delivery === undefined) continue;
    const sentAt = delivery.startedAt;
    const next = firstCommandFrom(sentAt);
    const name = `${role} ${webhook.type}`;
    if (next !== undefined && trigger.next.includes(next.action)) {
      steps.push({ trigger: name, sentAt, ms: next.at - sentAt, fromEventMs: next.at - webhook.at, apiMs: delivery.finishedAt - sentAt });
    }
    // A backup agent answering after the call was bridged, or an agent leg answering as the caller leaves, needs nothing.
    else if (!(role === 'agent' && next === undefined)) anomalies.push(`${name} → ${next?.action ?? 'no command'}`);
  }

  return {
    setup,
    rejectedAfterMs,
    steps,
    anomalies,
    retriedDeliveries: webhooks.filter((webhook) => webhook.attempts > 1).length,
    commands: commands.length,
    webhooks: webhooks.length,
    bridged: commands.some((command) => command.action === 'bridge' && command.result === 'ok'),
  };
}

/** The value at `fraction` (0..1) of sorted values: nearest rank. */
export function percentile(sorted: readonly number[], fraction: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(fraction * sorted.length) - 1))] ?? null;
}

export interface Distribution {
  samples: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
  max: number | null;
  mean: number | null;
}

export function distribution(values: readonly number[], places = 1): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  const round = (value: number | null) => (value === null ? null : Number(value.toFixed(places)));
  return {
    samples: sorted.length,
    p50: round(percentile(sorted, 0.5)),
    p95: round(percentile(sorted, 0.95)),
    p99: round(percentile(sorted, 0.99)),
    max: round(sorted.at(-1) ?? null),
    mean: round(sorted.length === 0 ? null : sorted.reduce((sum, value) => sum + value, 0) / sorted.length),
  };
}

/** One call's sandbox timeline (caller leg and dialled legs) as lines relative to its first entry, for --trace. */
export function traceLines(sandbox: SandboxCarrier, call: PlacedCall, dialled: Map<string, LegSummary[]>): string[] {
  const agentLegs = dialled.get(callWorkflowId(call.ids.callSessionId)) ?? [];
  const entries = [call.ids.callSessionId, ...agentLegs.map((leg) => leg.callControlId)]
    .flatMap((id) => sandbox.callTimeline(id)?.timeline ?? [])
    .sort((a, b) => a.seq - b.seq);
  const origin = entries[0]?.at ?? 0;
  const ms = (at: number) => `${String(at - origin).padStart(6)} ms`;
  return entries.map((entry) => {
    const leg = entry.callControlId === call.ids.callControlId ? 'caller' : 'agent ';
    if (entry.kind === 'command') return `${ms(entry.at)}  ${leg} ← ${entry.action} (${entry.result})`;
    if (entry.kind === 'party') return `${ms(entry.at)}  ${leg}   party ${entry.action}${entry.detail ? ` ${entry.detail}` : ''}`;
    const deliveries = entry.deliveries.map((delivery) => `sent ${ms(delivery.startedAt).trim()}, answered ${delivery.status ?? delivery.error} after ${delivery.finishedAt - delivery.startedAt} ms`);
    return `${ms(entry.at)}  ${leg} → ${entry.type} [${deliveries.join('; ') || 'not sent'}]`;
  });
}
