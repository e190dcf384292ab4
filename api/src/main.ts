// API process entry. `npm start` runs it with deploy/bin/swc-register.cjs (decorator metadata).
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { startTracing } from '@callflow/workflows/src/observability/tracing';
import { createApp } from './app';
import { loadConfig } from './config';
import { createSandboxCarrier } from './sandbox';
import { serveDesigner } from './web/designer-assets';

async function main(): Promise<void> {
  let config = loadConfig();
  // Before the first request: webhook spans, the Temporal client's and the carrier requests' (OTEL_EXPORTER_OTLP_ENDPOINT).
  const tracing = startTracing({ serviceName: 'callflow-api' });
  // Without Telnyx credentials the sandbox carrier stands in, inside this process; webhooks are signed with its key.
  const sandbox =
    config.telnyxApiKey === null
      ? createSandboxCarrier({
          webhookUrl: `http://127.0.0.1:${config.port}/api/webhooks/telnyx`,
          logger: new Logger('SandboxCarrier'),
          speed: Number(process.env.SANDBOX_SPEED || 1),
        })
      : undefined;
  if (sandbox) config = { ...config, telnyxPublicKey: sandbox.publicKey };
  const app = await createApp(config, undefined, { sandbox });
  serveDesigner(app, config.designerDistDir);
  app.enableShutdownHooks();
  await app.listen(config.port);
  process.once('SIGTERM', () => {
    sandbox?.close();
    void tracing.shutdown();
  });
  new Logger('Main').log(`API listening on ${await app.getUrl()}/api${sandbox ? ` (sandbox carrier at /sandbox)` : ''}${tracing.enabled ? '; traces exported over OTLP' : ''}`);
}

main().catch((error: unknown) => {
  console.error('API failed to start:', error);
  process.exit(1);
});
