import { existsSync } from 'node:fs';
import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';

/** Paths the API itself answers; everything else that is a GET for a page is the designer's single-page app. */
const API_PREFIXES = ['/api/', '/sandbox/', '/socket.io/'];

/**
 * Serves the built designer (`npm run build -w designer`) on the API's port: its files, and index.html for any other
 * page path so client-side routes survive a reload. Without a build, pages explain how to get one.
 */
export function serveDesigner(app: INestApplication, distDir: string): void {
  const express = app as NestExpressApplication;
  const indexHtml = path.join(distDir, 'index.html');
  if (existsSync(indexHtml)) {
    express.useStaticAssets(distDir, { index: false, maxAge: '1h', setHeaders: noCacheForHtml });
  }
  express.use((request: Request, response: Response, next: NextFunction) => {
    const isPage = request.method === 'GET' && !API_PREFIXES.some((prefix) => request.path.startsWith(prefix)) && request.path !== '/api';
    if (!isPage || !request.accepts('html')) return next();
    if (!existsSync(indexHtml)) {
      response.status(503).type('text').send(`The designer is not built (${indexHtml} is missing): run \`npm run build -w designer\`, or \`npm start\`, which builds it.`);
      return;
    }
    response.setHeader('cache-control', 'no-cache');
    response.sendFile(indexHtml);
  });
}

function noCacheForHtml(response: Response, file: string): void {
  if (file.endsWith('.html')) response.setHeader('cache-control', 'no-cache');
}
