import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { serveDesigner } from '../../src/web/designer-assets';
import { startTestApp, type TestApp } from '../support/test-app';

describe('security headers', () => {
  let api: TestApp;
  let distDir: string;

  beforeAll(async () => {
    distDir = mkdtempSync(path.join(os.tmpdir(), 'callflow-designer-'));
    writeFileSync(path.join(distDir, 'index.html'), '<!doctype html><div id="root"></div><script type="module" src="/assets/index.js"></script>');
    api = await startTestApp({}, undefined, (app) => serveDesigner(app, distDir));
  });

  afterAll(async () => {
    await api.close();
    rmSync(distDir, { recursive: true, force: true });
  });

  it.each(['/', '/flows/123', '/api/health', '/api/docs', '/metrics'])('sends a strict policy with %s', async (url) => {
    const response = await request(api.app.getHttpServer()).get(url).set('accept', 'text/html');
    const csp = String(response.headers['content-security-policy']);
    expect(csp.split(';')).toEqual(
      expect.arrayContaining([
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "connect-src 'self' wss://rtc.telnyx.com",
        "media-src 'self' blob:",
        "object-src 'none'",
        "frame-ancestors 'none'",
      ]),
    );
    expect(response.headers).toMatchObject({
      'x-content-type-options': 'nosniff',
      'x-frame-options': 'SAMEORIGIN',
      'referrer-policy': 'no-referrer',
      'strict-transport-security': expect.stringMatching(/^max-age=\d+/),
      'cross-origin-opener-policy': 'same-origin',
    });
    expect(response.headers['x-powered-by']).toBeUndefined();
  });
});

describe('CORS', () => {
  it('answers no other origin by default: only the designer the API serves (same origin) calls it', async () => {
    const api = await startTestApp();
    try {
      const preflight = await request(api.app.getHttpServer())
        .options('/api/auth/login')
        .set('origin', 'https://evil.example.com')
        .set('access-control-request-method', 'POST');
      expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
      const simple = await request(api.app.getHttpServer()).get('/api/health').set('origin', 'https://evil.example.com');
      expect(simple.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await api.close();
    }
  });

  it('lets the configured origins call the API with a bearer token, and no others', async () => {
    const api = await startTestApp({ corsOrigins: ['https://designer.example.com'] });
    try {
      const server = api.app.getHttpServer();
      const preflight = await request(server)
        .options('/api/flows')
        .set('origin', 'https://designer.example.com')
        .set('access-control-request-method', 'PUT')
        .set('access-control-request-headers', 'authorization,content-type');
      expect(preflight.status).toBe(204);
      expect(preflight.headers).toMatchObject({
        'access-control-allow-origin': 'https://designer.example.com',
        'access-control-allow-headers': 'authorization,content-type,x-request-id',
        'access-control-allow-methods': expect.stringContaining('PUT'),
      });
      const simple = await request(server).get('/api/health').set('origin', 'https://designer.example.com');
      expect(simple.headers['access-control-allow-origin']).toBe('https://designer.example.com');
      expect(simple.headers['access-control-expose-headers']).toContain('x-request-id');
      const other = await request(server).options('/api/flows').set('origin', 'https://designer.example.com.evil.io').set('access-control-request-method', 'PUT');
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
    } finally {
      await api.close();
    }
  });
});
