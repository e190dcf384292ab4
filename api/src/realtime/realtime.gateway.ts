import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  CallSubscriptionSchema,
  OfferReplySchema,
  PresenceSetSchema,
  TransferBodySchema,
  type ClientToServerEvents,
  type RealtimeAck,
} from '@callflow/schemas';
import { z } from 'zod';
import { hasRole, type AuthContext } from '../auth/auth-context';
import { CallsRepository } from '../calls/calls.repository';
import { issuePath } from '../http/zod-validation';
import { AgentOffersService } from './agent-offers.service';
import { AgentPresenceService } from './agent-presence.service';
import { callLogState } from './call-log-state';
import { RealtimeServer, type RealtimeSocket } from './realtime-server';
import { agentRoom, callRoom, tenantRoom } from './rooms';

const OK: RealtimeAck = { ok: true };

/**
 * Who hears what, and what clients may ask. On connection supervisors and above join their company's room and a
 * user linked to an agent joins that agent's room; nobody joins another tenant's rooms. Every client request is
 * validated, answered through its acknowledgement, and never throws at the client.
 */
@Injectable()
export class RealtimeGateway {
  private readonly logger = new Logger('Realtime');

  constructor(
    @Inject(RealtimeServer) server: RealtimeServer,
    @Inject(AgentOffersService) private readonly offers: AgentOffersService,
    @Inject(AgentPresenceService) private readonly presence: AgentPresenceService,
    @Inject(CallsRepository) private readonly calls: CallsRepository,
  ) {
    server.onConnection((socket) => this.connected(socket));
  }

  private connected(socket: RealtimeSocket): void {
    const { caller } = socket.data;
    if (hasRole(caller.role, 'supervisor')) void socket.join(tenantRoom(caller.tenantId));
    if (caller.agentId !== null) void socket.join(agentRoom(caller.tenantId, caller.agentId));
    this.handle(socket, 'agent.accept', OfferReplySchema, (body) => this.offers.reply(caller, body.offerId, 'accept'));
    this.handle(socket, 'agent.decline', OfferReplySchema, (body) => this.offers.reply(caller, body.offerId, 'decline'));
    this.handle(socket, 'agent.hangup', OfferReplySchema, (body) => this.offers.hangUp(caller, body.offerId));
    this.handle(socket, 'agent.transfer', TransferBodySchema, (body) => this.offers.transfer(caller, body.offerId, body.extension));
    this.handle(socket, 'agent.presence.set', PresenceSetSchema, (body) => this.presence.set(caller, body.presence));
    this.handle(socket, 'call.subscribe', CallSubscriptionSchema, (body) => this.subscribe(socket, caller, body.callId));
    this.handle(socket, 'call.unsubscribe', CallSubscriptionSchema, async (body) => {
      await socket.leave(callRoom(body.callId));
      return OK;
    });
  }

  /**
   * Supervisors and above, to a call of their own company (another company's call is answered like a missing one);
   * an agent, to a call that rang them (the console follows the call it answered until it ends).
   */
  private async subscribe(socket: RealtimeSocket, caller: AuthContext, callId: string): Promise<RealtimeAck> {
    const supervisor = hasRole(caller.role, 'supervisor');
    if (!supervisor && caller.agentId === null) return { ok: false, error: 'Following a call needs the supervisor role or higher' };
    const call = await this.calls.findCall(callId);
    if (call === null || call.tenantId !== caller.tenantId) return { ok: false, error: `Call ${callId} does not exist` };
    if (!supervisor && !callLogState(callId, await this.calls.events(callId)).offers.some((offer) => offer.agentId === caller.agentId)) {
      return { ok: false, error: `Call ${callId} does not exist` };
    }
    await socket.join(callRoom(callId));
    return OK;
  }

  private handle<S extends z.ZodType>(
    socket: RealtimeSocket,
    event: keyof ClientToServerEvents,
    schema: S,
    run: (body: z.output<S>) => Promise<RealtimeAck>,
  ): void {
    const listener = async (body: unknown, ack: unknown): Promise<void> => {
      const respond = typeof ack === 'function' ? (ack as (result: RealtimeAck) => void) : () => undefined;
      const parsed = schema.safeParse(body);
      if (!parsed.success) {
        const issues = parsed.error.issues.map((issue) => ({ path: issuePath(issue.path), message: issue.message }));
        respond({ ok: false, error: `Invalid ${event}: ${issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ')}`, issues });
        return;
      }
      try {
        respond(await run(parsed.data));
      } catch (error) {
        this.logger.error(`${event} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        respond({ ok: false, error: `${event} failed on the server; try again` });
      }
    };
    socket.on(event, listener as never);
  }
}
