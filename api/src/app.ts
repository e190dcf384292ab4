import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import type { AppConfig } from './config';
import { rawBodyMiddleware } from './webhooks/raw-body.middleware';

/** The configured Nest application, not yet listening (main.ts listens; tests use supertest). */
export async function createApp(config: AppConfig, logger: LogLevel[] | false = ['error', 'warn', 'log']): Promise<INestApplication> {
  // Body parsers are registered by hand so the webhook route keeps its raw bytes (signatures cover them).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config), { logger, bodyParser: false });
  app.use('/api/webhooks/telnyx', rawBodyMiddleware());
  app.useBodyParser('json', { limit: '5mb' });
  app.useBodyParser('urlencoded', { extended: true });
  app.setGlobalPrefix('api');
  return app;
}
