// CLI: `npm run redrive -w api -- --id <dead letter id>` or `-- --all`: routes parked webhook deliveries again
// (after Temporal or the database came back). Reads DATABASE_URL, TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE.
import 'reflect-metadata';
import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { z } from 'zod';
import { loadConfig, type AppConfig } from '../config';
import { CoreModule } from '../core.module';
import { ObservabilityModule } from '../observability/observability.module';
import { WebhookIngestService, type RedriveResult } from './webhook-ingest.service';
import { WebhooksModule } from './webhooks.module';

export const REDRIVE_USAGE = 'usage: npm run redrive -w api -- --id <dead letter id> | --all';

@Module({})
class RedriveModule {
  static register(config: AppConfig): DynamicModule {
    return { module: RedriveModule, imports: [CoreModule.register(config), ObservabilityModule, WebhooksModule] };
  }
}

export function parseRedriveArgs(args: readonly string[]): { id: string } | 'all' {
  if (args.length === 1 && args[0] === '--all') return 'all';
  const id = args.length === 2 && args[0] === '--id' ? args[1] : undefined;
  if (id !== undefined && z.uuid().safeParse(id).success) return { id };
  throw new Error(id === undefined ? REDRIVE_USAGE : `"${id}" is not a dead letter id (a uuid). ${REDRIVE_USAGE}`);
}

export async function redrive(config: AppConfig, selection: { id: string } | 'all'): Promise<RedriveResult[]> {
  const context = await NestFactory.createApplicationContext(RedriveModule.register(config), { logger: ['error', 'warn'] });
  try {
    return await context.get(WebhookIngestService).redrive(selection);
  } finally {
    await context.close();
  }
}

export function describeRedrive(results: readonly RedriveResult[]): string {
  if (results.length === 0) return 'redrive: no pending dead letters matched';
  const lines = results.map((result) =>
    result.ok
      ? `  ok      ${result.deadLetterId} (event ${result.eventId}): ${result.outcome}`
      : `  failed  ${result.deadLetterId} (event ${result.eventId}): ${result.error}`,
  );
  const failed = results.filter((result) => !result.ok).length;
  return [`redrive: ${results.length - failed} re-driven, ${failed} failed`, ...lines].join('\n');
}

if (require.main === module) {
  (async () => {
    const selection = parseRedriveArgs(process.argv.slice(2));
    const results = await redrive(loadConfig(), selection);
    console.log(describeRedrive(results));
    if (results.some((result) => !result.ok)) process.exitCode = 1;
  })().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  });
}
