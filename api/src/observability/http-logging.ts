import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { LevelWithSilent, Logger } from 'pino';
import { pinoHttp } from 'pino-http';
import { withLogContext } from '@callflow/workflows/src/observability/log-context';
import { requestLogFields } from './request-log-context';

const REQUEST_ID_HEADER = 'x-request-id';
/** Machine traffic (carrier webhooks, workers' internal calls): logged at debug when it succeeds, not to drown the rest. */
const MACHINE_ROUTES = ['/api/webhooks/', '/api/internal/'];
const UNLOGGED_ROUTES = ['/api/health', '/metrics'];

type Request = IncomingMessage & { id?: unknown; originalUrl?: string };

function pathOf(request: Request): string {
  return (request.originalUrl ?? request.url ?? '').split('?')[0] ?? '';
}

/**
 * One log line per HTTP request (method, path, status, duration, and the ids learnt while handling it: the caller's
 * tenant and user, a webhook's call and workflow), and the request's log context: every line written while handling
 * it carries its `requestId` (the caller's `x-request-id` when it is a sane one, echoed in the answer) and those ids.
 */
export function httpLogging(logger: Logger) {
  const logRequest = pinoHttp<Request, ServerResponse>({
    logger,
    genReqId: (request, response) => {
      const given = request.headers[REQUEST_ID_HEADER];
      const id = typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
      response.setHeader(REQUEST_ID_HEADER, id);
      return id;
    },
    customAttributeKeys: { reqId: 'requestId' },
    // Headers (tokens, signatures) are never logged.
    quietReqLogger: true,
    serializers: {
      req: (request: { method: string; url: string; remoteAddress?: string }) => ({ method: request.method, url: request.url, remoteAddress: request.remoteAddress }),
      res: (response: { statusCode: number }) => ({ statusCode: response.statusCode }),
    },
    customProps: (request) => {
      const { requestId: _requestId, ...learnt } = requestLogFields(request);
      return learnt;
    },
    // A 5xx answer is logged with its exception where it happened; pino-http's stand-in error would only add noise.
    customErrorObject: (_request, _response, _error, value: Record<string, unknown>) => {
      const { err: _err, ...line } = value;
      return line;
    },
    autoLogging: { ignore: (request) => UNLOGGED_ROUTES.includes(pathOf(request)) },
    customLogLevel: (request, response, error): LevelWithSilent => {
      if (error || response.statusCode >= 500) return 'error';
      if (response.statusCode >= 400) return 'warn';
      return MACHINE_ROUTES.some((prefix) => pathOf(request).startsWith(prefix)) ? 'debug' : 'info';
    },
  });
  return (request: Request, response: ServerResponse, next: () => void): void => {
    logRequest(request, response);
    const fields = requestLogFields(request);
    fields.requestId = String(request.id);
    withLogContext(fields, next);
  };
}
