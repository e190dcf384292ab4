import { Module, type DynamicModule } from '@nestjs/common';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallsRepository } from './calls/calls.repository';
import { RecordingsRepository } from './calls/recordings.repository';
import { APP_CONFIG, type AppConfig } from './config';
import { dataSourceOptions } from './database/data-source';
import { DirectoryRepository } from './directory/directory.repository';
import { FlowsRepository } from './flows/flows.repository';
import { PhoneNumbersRepository } from './flows/phone-numbers.repository';
import { TenantsRepository } from './tenants/tenants.repository';
import { VoicemailsRepository } from './voicemails/voicemails.repository';
import { WebhookEventsRepository } from './webhooks/webhook-events.repository';

const REPOSITORIES = [
  TenantsRepository,
  FlowsRepository,
  PhoneNumbersRepository,
  DirectoryRepository,
  CallsRepository,
  RecordingsRepository,
  VoicemailsRepository,
  WebhookEventsRepository,
];

/** The configuration, the database connection and every repository, available to all modules. */
@Module({})
export class CoreModule {
  static register(config: AppConfig): DynamicModule {
    return {
      module: CoreModule,
      global: true,
      imports: [
        TypeOrmModule.forRoot({ ...dataSourceOptions(config.databaseUrl), retryAttempts: 3, retryDelay: 1000 }),
        // Rate limits (global): login and signup allow 10 attempts a minute per address and e-mail (LoginThrottlerGuard);
        // the webhook guard sets its own per-second limit.
        ThrottlerModule.forRoot([{ ttl: 60_000, limit: 10 }]),
      ],
      providers: [{ provide: APP_CONFIG, useValue: config }, ...REPOSITORIES],
      exports: [APP_CONFIG, ...REPOSITORIES],
    };
  }
}
