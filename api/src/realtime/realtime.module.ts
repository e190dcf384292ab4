import { Module, type DynamicModule } from '@nestjs/common';
import { DirectoryModule } from '../directory/directory.module';
import { InternalModule } from '../internal/internal.module';
import { TemporalModule } from '../temporal/temporal.module';
import type { SandboxCarrier } from '../sandbox';
import { AgentOffersService } from './agent-offers.service';
import { AgentPhoneController } from './agent-phone.controller';
import { AgentPhoneSetupService } from './agent-phone-setup.service';
import { AGENT_PHONES, BrowserAgentPhones, SandboxAgentPhones } from './agent-phones';
import { AgentPresenceService } from './agent-presence.service';
import { CallLiveFeed } from './call-live-feed';
import { LiveCallsRepository } from './live-calls.repository';
import { LiveEvents } from './live-events';
import { LiveSnapshotController } from './live-snapshot.controller';
import { LiveSnapshotService } from './live-snapshot.service';
import { RealtimeGateway } from './realtime.gateway';
import { RealtimeServer } from './realtime-server';

/** Live state over Socket.io: the server, who hears what, and the live events other modules publish. */
@Module({})
export class RealtimeModule {
  /** With a sandbox carrier (sandbox mode), accepting a ring offer answers the agent's simulated phone. */
  static register(sandbox: SandboxCarrier | null): DynamicModule {
    return {
      module: RealtimeModule,
      global: true,
      imports: [DirectoryModule, InternalModule, TemporalModule],
      controllers: [LiveSnapshotController, AgentPhoneController],
      providers: [
        LiveSnapshotService,
        AgentPhoneSetupService,
        RealtimeServer,
        RealtimeGateway,
        LiveEvents,
        CallLiveFeed,
        LiveCallsRepository,
        AgentOffersService,
        AgentPresenceService,
        { provide: AGENT_PHONES, useValue: sandbox ? new SandboxAgentPhones(sandbox) : new BrowserAgentPhones() },
      ],
      exports: [LiveEvents, CallLiveFeed],
    };
  }
}
