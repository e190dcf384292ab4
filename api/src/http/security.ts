import type { CorsOptions } from '@nestjs/common/interfaces/external/cors-options.interface';
import helmet from 'helmet';

/**
 * Security headers for everything the API serves, the designer included (a Vite build: module scripts from /assets;
 * Mantine and React Flow style elements and attributes; Socket.io and audio from the same origin; the agent console's
 * Telnyx WebRTC client connects to Telnyx). No inline script is allowed anywhere.
 */
export function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:', 'blob:'],
        fontSrc: ["'self'", 'data:'],
        mediaSrc: ["'self'", 'blob:'],
        connectSrc: ["'self'", 'wss://rtc.telnyx.com'],
        workerSrc: ["'self'", 'blob:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
    },
  });
}

/**
 * CORS from CORS_ORIGINS: those origins' pages may call the API with a bearer token (no cookies are used). None
 * configured: no CORS headers at all, so only the designer the API serves itself (same origin) can.
 */
export function corsOptions(origins: readonly string[]): CorsOptions {
  return {
    origin: origins.length === 0 ? false : [...origins],
    methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
    allowedHeaders: ['authorization', 'content-type', 'x-request-id'],
    exposedHeaders: ['x-request-id', 'retry-after', 'content-disposition'],
    maxAge: 600,
  };
}

/** TRUST_PROXY as Express takes it: a hop count, `true`, or addresses and names (`loopback, 10.0.0.0/8`). */
export function trustProxySetting(value: string | false): boolean | number | string {
  if (value === false) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value === 'true' ? true : value;
}
