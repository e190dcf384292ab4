// API process entry. `npm start` runs it with deploy/bin/swc-register.cjs (decorator metadata).
import 'reflect-metadata';
import { createApp } from './app';
import { loadConfig } from './config';

async function main(): Promise<void> {
  const config = loadConfig();
  const app = await createApp(config);
  app.enableShutdownHooks();
  await app.listen(config.port);
  console.log(`API listening on ${await app.getUrl()}/api`);
}

main().catch((error: unknown) => {
  console.error('API failed to start:', error);
  process.exit(1);
});
