import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import { AppModule } from './app.module';
import type { AppConfig } from './config';

/** The configured Nest application, not yet listening (main.ts listens; tests use supertest). */
export async function createApp(config: AppConfig, logger: LogLevel[] | false = ['error', 'warn', 'log']): Promise<INestApplication> {
  const app = await NestFactory.create(AppModule.register(config), { logger });
  app.setGlobalPrefix('api');
  return app;
}
