import type { IncomingMessage, ServerResponse } from 'node:http';

/** Webhook bodies are small JSON documents; anything bigger is not from the carrier. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/**
 * Keeps the request body as the exact bytes received (`req.body` = Buffer): a signature covers those bytes, and
 * the JSON parser must not refuse a malformed body before its signature is checked.
 */
export function rawBodyMiddleware(limitBytes = WEBHOOK_BODY_LIMIT_BYTES) {
  return (req: IncomingMessage & { body?: unknown }, res: ServerResponse, next: (error?: unknown) => void): void => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge) {
        res.statusCode = 413;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ statusCode: 413, message: `Webhook body larger than ${limitBytes} bytes` }));
        return;
      }
      req.body = Buffer.concat(chunks);
      next();
    });
    req.on('error', next);
  };
}
