import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import request from 'supertest';
import { serveDesigner } from '../src/web/designer-assets';
import { startTestApp, type TestApp } from './support/test-app';

async function appServing(distDir: string): Promise<TestApp> {
  return startTestApp({}, undefined, (app) => serveDesigner(app, distDir));
}

describe('the designer on the API port', () => {
  let app: TestApp;
  const dist = mkdtempSync(path.join(tmpdir(), 'designer-dist-'));
  mkdirSync(path.join(dist, 'assets'));
  writeFileSync(path.join(dist, 'index.html'), '<!doctype html><title>Callflow</title>');
  writeFileSync(path.join(dist, 'assets', 'app.js'), 'console.log("app")');

  beforeAll(async () => {
    app = await appServing(dist);
  });
  afterAll(() => app.close());

  it('serves the built files and index.html for client-side routes', async () => {
    const server = app.app.getHttpServer();
    expect((await request(server).get('/').set('accept', 'text/html').expect(200)).text).toContain('<title>Callflow</title>');
    expect((await request(server).get('/flows/1234/edit').set('accept', 'text/html').expect(200)).text).toContain('<title>Callflow</title>');
    expect((await request(server).get('/assets/app.js').expect(200)).text).toBe('console.log("app")');
  });

  it('leaves the API alone', async () => {
    const server = app.app.getHttpServer();
    await request(server).get('/api/health').set('accept', 'text/html').expect((response) => expect(response.type).toBe('application/json'));
    await request(server).get('/api/no-such-route').set('accept', 'text/html').expect(404);
  });
});

describe('without a designer build', () => {
  it('says how to build it', async () => {
    const app = await appServing(path.join(tmpdir(), 'no-such-designer-dist'));
    try {
      const response = await request(app.app.getHttpServer()).get('/').set('accept', 'text/html').expect(503);
      expect(response.text).toContain('npm run build -w designer');
    } finally {
      await app.close();
    }
  });
});
