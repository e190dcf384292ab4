import { NestFactory } from '@nestjs/core';
import type { INestApplication, LogLevel } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { DestinationStream } from 'pino';
import { createLogger } from '@callflow/workflows/src/observability/logger';
import { AppModule } from './app.module';
import { serveOpenApi } from './http/openapi';
import { corsOptions, securityHeaders, trustProxySetting } from './http/security';
import type { AppConfig } from './config';
import { httpLogging } from './observability/http-logging';
import { PinoNestLogger, pinoLevelFor } from './observability/nest-logger';
import type { SandboxCarrier } from './sandbox';
import { rawBodyMiddleware } from './webhooks/raw-body.middleware';

/**
 * The configured Nest application, not yet listening (main.ts listens; tests use supertest). With a sandbox
 * carrier (sandbox mode), it is served under /sandbox and `config.telnyxPublicKey` must be its key.
 * `logLevels`: the Nest levels to log (tests quieten the API with them); default LOG_LEVEL's. `logDestination`: where
 * the JSON log lines go instead of stdout.
 */
export async function createApp(
  config: AppConfig,
  logLevels?: LogLevel[] | false,
  options: { sandbox?: SandboxCarrier; logDestination?: DestinationStream } = {},
): Promise<INestApplication> {
  const logger = createLogger({
    service: 'callflow-api',
    level: logLevels === undefined ? config.logLevel : pinoLevelFor(logLevels || []),
    destination: options.logDestination,
  });
  // Body parsers are registered by hand so the webhook route keeps its raw bytes (signatures cover them).
  const app = await NestFactory.create<NestExpressApplication>(AppModule.register(config, options.sandbox ?? null), {
    logger: new PinoNestLogger(logger),
    bodyParser: false,
  });
  app.set('trust proxy', trustProxySetting(config.trustProxy));
  app.use(httpLogging(logger));
  app.use(securityHeaders());
  app.enableCors(corsOptions(config.corsOrigins));
  if (options.sandbox) app.use('/sandbox', options.sandbox.router);
  app.use('/api/webhooks/telnyx', rawBodyMiddleware());
  app.useBodyParser('json', { limit: '5mb' });
  app.useBodyParser('urlencoded', { extended: true });
  app.setGlobalPrefix('api', { exclude: ['metrics'] });
  serveOpenApi(app);
  return app;
}
