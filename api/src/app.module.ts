import { Module, type DynamicModule } from '@nestjs/common';
import { AnalyticsModule } from './analytics/analytics.module';
import { AuthModule } from './auth/auth.module';
import { CallsModule } from './calls/calls.module';
import type { AppConfig } from './config';
import { CoreModule } from './core.module';
import { DirectoryModule } from './directory/directory.module';
import { FlowsModule } from './flows/flows.module';
import { HealthModule } from './health/health.module';
import { InternalModule } from './internal/internal.module';
import { RealtimeModule } from './realtime/realtime.module';
import type { SandboxCarrier } from './sandbox';
import { NumbersModule } from './numbers/numbers.module';
import { ObservabilityModule } from './observability/observability.module';
import { NotificationsModule } from './voicemails/notifications.module';
import { VoicemailsModule } from './voicemails/voicemails.module';
import { WebhooksModule } from './webhooks/webhooks.module';

@Module({})
export class AppModule {
  /** The application for a given configuration (tests pass their own; main.ts passes loadConfig()). */
  static register(config: AppConfig, sandbox: SandboxCarrier | null = null): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.register(config), AuthModule.register(config), ObservabilityModule, HealthModule, WebhooksModule, InternalModule, NotificationsModule, FlowsModule, NumbersModule, DirectoryModule, RealtimeModule.register(sandbox), CallsModule, VoicemailsModule, AnalyticsModule],
    };
  }
}
