import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { serveOpenApi } from './http/openapi';
import type { AppConfig } from './config';
import type { SandboxCarrier } from './sandbox';
import { rawBodyMiddleware } from './webhooks/raw-body.middleware';

/**
 * The configured Nest application, not yet listening (main.ts listens; tests use supertest). With a sandbox
 * carrier (sandbox mode), it is served under /sandbox and `config.telnyxPublicKey` must be its key.
 */
export async function createApp(
  config: AppConfig,
  logger: LogLevel[] | false = ['error', 'warn', 'log'],
  options: { sandbox?: SandboxCarrier } = {},
): Promise<INestApplication> {
  // Body parsers are registered by hand so the webhook route keeps its raw bytes (signatures cover them).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, options.sandbox ?? null), { logger, bodyParser: false });
  if (options.sandbox) app.use('/sandbox', options.sandbox.router);
  app.use('/api/webhooks/telnyx', rawBodyMiddleware());
  app.useBodyParser('json', { limit: '5mb' });
  app.useBodyParser('urlencoded', { extended: true });
  app.setGlobalPrefix('api');
  serveOpenApi(app);
  return app;
}
