import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';

/**
 * A connect-style handler: mountable in Express/NestJS (`app.use('/sandbox', handler)`, which strips the
 * mount path from `req.url`) or used directly as a `node:http` request listener.
 */
export type SandboxRequestHandler = (req: IncomingMessage, res: ServerResponse) => void;

export class InvalidJsonError extends Error {}

export interface RouteContext {
  params: Record<string, string>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** The JSON body; `{}` when empty. Throws InvalidJsonError on malformed JSON. */
  json(): Promise<unknown>;
}

export type RouteResult =
  | { status: number; json: unknown }
  | { status: number; bytes: Buffer; contentType: string }
  | { status: 204 };

type RouteHandler = (context: RouteContext) => RouteResult | Promise<RouteResult>;

interface Route {
  method: string;
  segments: string[];
  handler: RouteHandler;
}

export interface HttpRouterOptions {
  /** Answer for a path no route matches (per prefix, e.g. a Telnyx 404 body under /telnyx). */
  notFound: (pathname: string, method: string) => RouteResult;
  /** Answer for an exception a handler did not turn into a result. */
  onError: (error: unknown) => RouteResult;
}

/** A tiny method + path router (`/calls/:id`); path parameters are URL-decoded. */
export class HttpRouter {
  private readonly routes: Route[] = [];

  constructor(private readonly options: HttpRouterOptions) {}

  add(method: string, pattern: string, handler: RouteHandler): void {
    this.routes.push({ method, segments: pattern.split('/').filter(Boolean), handler });
  }

  readonly handle: SandboxRequestHandler = (req, res) => {
    void this.dispatch(req, res);
  };

  private async dispatch(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let result: RouteResult;
    try {
      const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
      const method = (req.method ?? 'GET').toUpperCase();
      const segments = url.pathname.split('/').filter(Boolean);
      const match = this.match(method, segments);
      if (match === null) {
        result = this.options.notFound(url.pathname, method);
      } else {
        let body: Promise<unknown> | null = null;
        result = await match.route.handler({
          params: match.params,
          query: url.searchParams,
          headers: req.headers,
          json: () => (body ??= readJson(req)),
        });
      }
    } catch (error) {
      result = this.options.onError(error);
    }
    send(res, result);
  }

  private match(method: string, segments: string[]): { route: Route; params: Record<string, string> } | null {
    for (const route of this.routes) {
      if (route.method !== method || route.segments.length !== segments.length) continue;
      const params: Record<string, string> = {};
      const matches = route.segments.every((part, index) => {
        const segment = segments[index] ?? '';
        if (part.startsWith(':')) {
          params[part.slice(1)] = safeDecode(segment);
          return true;
        }
        return part === segment;
      });
      if (matches) return { route, params };
    }
    return null;
  }
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** Reads the body, or takes what a body parser mounted before us (Express/NestJS json) already parsed. */
async function readJson(req: IncomingMessage): Promise<unknown> {
  const parsed = (req as IncomingMessage & { body?: unknown }).body;
  if (parsed !== undefined) {
    if (Buffer.isBuffer(parsed)) return parseJson(parsed.toString('utf8'));
    if (typeof parsed === 'string') return parseJson(parsed);
    return parsed;
  }
  if (req.readableEnded) return {};
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return parseJson(Buffer.concat(chunks).toString('utf8'));
}

function parseJson(text: string): unknown {
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InvalidJsonError(`The request body is not valid JSON: ${(error as Error).message}`);
  }
}

function send(res: ServerResponse, result: RouteResult): void {
  if (res.headersSent) return;
  if (!('json' in result) && !('bytes' in result)) {
    res.writeHead(result.status).end();
    return;
  }
  if ('bytes' in result) {
    res.writeHead(result.status, { 'content-type': result.contentType, 'content-length': result.bytes.length }).end(result.bytes);
    return;
  }
  const body = JSON.stringify(result.json);
  res
    .writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) })
    .end(body);
}
