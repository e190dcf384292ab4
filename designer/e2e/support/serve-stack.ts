// Development aid: the e2e stack kept running, to run the browser specs against it again and again
// (CALLFLOW_E2E_BASE_URL=<printed URL> npx jest --selectProjects e2e) or to look at the app. Ctrl-C stops it.
import { REUSE_VARIABLE, startE2eStack } from './stack';

void (async () => {
  const stack = await startE2eStack();
  process.stdout.write(`${REUSE_VARIABLE}=${stack.baseUrl}\n`);
  const stop = () => void stack.stop().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
})();
