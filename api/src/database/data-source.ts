import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { AuditEntryEntity } from '../audit/audit-entry.entity';
import { RefreshTokenEntity } from '../auth/refresh-token.entity';
import { CallEventEntity } from '../calls/call-event.entity';
import { CallEntity } from '../calls/call.entity';
import { AgentEntity, MailboxEntity, QueueEntity, RingGroupEntity, ScheduleEntity } from '../directory/directory-record.entity';
import { RoutingMemoryEntity } from '../directory/routing-memory.entity';
import { FlowVersionEntity } from '../flows/flow-version.entity';
import { FlowEntity } from '../flows/flow.entity';
import { PhoneNumberEntity } from '../flows/phone-number.entity';
import { TenantEntity } from '../tenants/tenant.entity';
import { OutboundMessageEntity } from '../voicemails/outbound-message.entity';
import { VoicemailEntity } from '../voicemails/voicemail.entity';
import { DeadLetterEntity } from '../webhooks/dead-letter.entity';
import { UserEntity } from '../users/user.entity';
import { WebhookEventEntity } from '../webhooks/webhook-event.entity';
import { CreateTenants1763700000000 } from './migrations/1763700000000-create-tenants.migration';
import { CreateFlowsAndDirectory1763800000000 } from './migrations/1763800000000-create-flows-and-directory.migration';
import { CreateCalls1763800000001 } from './migrations/1763800000001-create-calls.migration';
import { CreateWebhookEvents1763800000002 } from './migrations/1763800000002-create-webhook-events.migration';
import { CreateIdentity1763900000000 } from './migrations/1763900000000-create-identity.migration';
import { OutboxDeliveryAndWebhookClaims1764000000000 } from './migrations/1764000000000-outbox-delivery-and-webhook-claims.migration';
import { VersionPublishersAndNumberSources1764100000000 } from './migrations/1764100000000-version-publishers-and-number-sources.migration';
import { CallSearchAndMedia1764300000000 } from './migrations/1764300000000-call-search-and-media.migration';
import { RunningCallsIndex1764400000000 } from './migrations/1764400000000-running-calls-index.migration';
import { CallStartRate1764500000000 } from './migrations/1764500000000-call-start-rate.migration';

// Listed explicitly, never discovered by glob: globs break under bundling and hide what is loaded.
export const ENTITIES = [
  TenantEntity,
  UserEntity,
  RefreshTokenEntity,
  AuditEntryEntity,
  FlowEntity,
  FlowVersionEntity,
  PhoneNumberEntity,
  AgentEntity,
  RingGroupEntity,
  QueueEntity,
  MailboxEntity,
  ScheduleEntity,
  RoutingMemoryEntity,
  CallEntity,
  CallEventEntity,
  VoicemailEntity,
  OutboundMessageEntity,
  WebhookEventEntity,
  DeadLetterEntity,
];
export const MIGRATIONS = [
  CreateTenants1763700000000,
  CreateFlowsAndDirectory1763800000000,
  CreateCalls1763800000001,
  CreateWebhookEvents1763800000002,
  CreateIdentity1763900000000,
  OutboxDeliveryAndWebhookClaims1764000000000,
  VersionPublishersAndNumberSources1764100000000,
  CallSearchAndMedia1764300000000,
  RunningCallsIndex1764400000000,
  CallStartRate1764500000000,
];

const logger = new Logger('Database');

/**
 * pg-pool listens for a client's errors only while the client is idle, and TypeORM only while a query runner holds it.
 * A connection the server ends in between (PostgreSQL restarted, a database dropped) would raise an 'error' event
 * nobody handles, which ends the process. The statement in flight still fails, and the pool discards the
 * client when it is released.
 */
class ErrorListeningClient extends Client {
  constructor(config?: string | ClientConfig) {
    super(config);
    this.on('error', (error) => logger.warn(`A database connection failed: ${error.message}`));
  }
}

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    connectTimeoutMS: 5000,
    extra: { Client: ErrorListeningClient },
  };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}
