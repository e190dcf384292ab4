import { BadRequestException, Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, UseGuards } from '@nestjs/common';
import type { LookupResponse, QueueSnapshot, VoicemailResponse } from '@callflow/workflows';
import { z } from 'zod';
import { CallHistoryArchiver } from '../calls/call-history-archiver';
import { CallsRepository } from '../calls/calls.repository';
import { DirectoryRepository } from '../directory/directory.repository';
import { CallMetrics } from '../observability/call-metrics';
import { CallLiveFeed } from '../realtime/call-live-feed';
import { VoicemailService } from '../voicemails/voicemail.service';
import { WebhookMetrics, type WebhookCounter } from '../webhooks/webhook-metrics';
import { CallEndedBodySchema, LookupBodySchema, VoicemailBodySchema, parseCallEventsBody } from './internal-bodies.schema';
import { InternalTokenGuard } from './internal-token.guard';
import { LookupsService } from './lookups.service';
import { Public } from '../auth/auth-context';

function parse<T>(what: string, parseBody: (body: unknown) => T, body: unknown): T {
  try {
    return parseBody(body);
  } catch (error) {
    throw new BadRequestException(`Invalid ${what}: ${error instanceof z.ZodError ? z.prettifyError(error) : String(error)}`);
  }
}

const uuid = z.uuid();
function callIdParam(callId: string): string {
  // Not a uuid → no such call (rather than a database error).
  if (!uuid.safeParse(callId).success) throw new NotFoundException(`Call ${callId} does not exist`);
  return callId;
}

/** What the workers' activities call (see workflows/src/internal-api.ts). Every route needs the internal token. */
@Public()
@Controller('internal')
@UseGuards(InternalTokenGuard)
export class InternalController {
  constructor(
    @Inject(LookupsService) private readonly lookups: LookupsService,
    @Inject(CallsRepository) private readonly calls: CallsRepository,
    @Inject(DirectoryRepository) private readonly directory: DirectoryRepository,
    @Inject(VoicemailService) private readonly voicemails: VoicemailService,
    @Inject(WebhookMetrics) private readonly metrics: WebhookMetrics,
    @Inject(CallHistoryArchiver) private readonly archiver: CallHistoryArchiver,
    @Inject(CallLiveFeed) private readonly liveFeed: CallLiveFeed,
    @Inject(CallMetrics) private readonly callMetrics: CallMetrics,
  ) {}

  @Post('lookups')
  @HttpCode(200)
  async lookup(@Body() body: unknown): Promise<LookupResponse> {
    const lookup = parse('lookup', (value) => LookupBodySchema.parse(value), body);
    const response = await this.lookups.lookup(lookup);
    if (response === null) throw new NotFoundException(`Tenant ${lookup.tenantId} does not exist`);
    return response;
  }

  @Post('calls/:callId/events')
  @HttpCode(204)
  async appendEvents(@Param('callId') callId: string, @Body() body: unknown): Promise<void> {
    const { firstSeq, events } = parse('call events', parseCallEventsBody, body);
    const stored = this.calls.storeEvents(callIdParam(callId), firstSeq, events);
    // Live events are derived from the stored events, not from the search summary: a ring reaches the agents without
    // waiting for the summary. The worker's request waits for both.
    const published = this.liveFeed.eventsStored(callId, firstSeq, events, stored);
    try {
      if ((await stored) === null) throw new NotFoundException(`Call ${callId} does not exist`);
      await this.calls.summariseEvents(callId, firstSeq, events);
    } finally {
      await published;
    }
  }

  @Post('calls/:callId/end')
  @HttpCode(204)
  async endCall(@Param('callId') callId: string, @Body() body: unknown): Promise<void> {
    const { outcome, endedAt } = parse('call end', (value) => CallEndedBodySchema.parse(value), body);
    const id = callIdParam(callId);
    if (!(await this.calls.endCall(id, outcome, new Date(endedAt)))) throw new NotFoundException(`Call ${callId} does not exist`);
    const call = await this.calls.findCall(id);
    if (call) this.archiver.archiveWhenClosed(id, call.workflowId);
    await this.liveFeed.callEnded(id);
    await this.callMetrics.callEnded(id);
  }

  @Post('voicemails')
  @HttpCode(200)
  async saveVoicemail(@Body() body: unknown): Promise<VoicemailResponse> {
    return this.voicemails.save(parse('voicemail', (value) => VoicemailBodySchema.parse(value), body));
  }

  @Get('tenants/:tenantId/queues/:queueId')
  async queue(@Param('tenantId') tenantId: string, @Param('queueId') queueId: string): Promise<QueueSnapshot> {
    const snapshot = uuid.safeParse(tenantId).success ? await this.directory.queueWithMembers(tenantId, queueId) : null;
    if (snapshot === null) throw new NotFoundException(`Queue ${queueId} does not exist for tenant ${tenantId}`);
    return snapshot;
  }

  /** The webhook endpoint's counters since this process started. */
  @Get('metrics')
  async metricsSnapshot(): Promise<{ webhooks: Record<WebhookCounter, number> }> {
    return { webhooks: await this.metrics.snapshot() };
  }
}
