import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { isIP } from 'node:net';
import {
  Controller,
  ForbiddenException,
  Get,
  Header,
  Inject,
  Injectable,
  UnauthorizedException,
  UseGuards,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { Registry } from 'prom-client';
import { Public } from '../auth/auth-context';
import { APP_CONFIG, type AppConfig } from '../config';
import { MetricsRegistry } from './metrics-registry';

function isLoopback(address: string | undefined): boolean {
  if (address === undefined) return false;
  const ipv4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  return address === '::1' || (isIP(ipv4) === 4 && ipv4.startsWith('127.'));
}

/**
 * With METRICS_TOKEN: `Authorization: Bearer <token>` (what Prometheus's `authorization` scrape setting sends). Without
 * it: only requests from this machine that came through no proxy, so that a deployment that forgets the token does not
 * publish its metrics through its ingress.
 */
@Injectable()
export class MetricsAccessGuard implements CanActivate {
  private readonly token: Buffer | null;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.token = config.metricsToken === null ? null : Buffer.from(`Bearer ${config.metricsToken}`, 'utf8');
  }

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<IncomingMessage>();
    if (this.token === null) {
      if (isLoopback(request.socket.remoteAddress) && request.headers['x-forwarded-for'] === undefined) return true;
      throw new ForbiddenException('Metrics are served to this machine only; set METRICS_TOKEN to scrape them from elsewhere');
    }
    const given = Buffer.from(request.headers.authorization ?? '', 'utf8');
    if (given.length !== this.token.length || !timingSafeEqual(given, this.token)) {
      throw new UnauthorizedException('Scraping /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    return true;
  }
}

/** `GET /metrics` (outside the /api prefix, where Prometheus looks by default), in the Prometheus text format. */
@Public()
@ApiExcludeController()
@Controller('metrics')
@UseGuards(MetricsAccessGuard)
export class MetricsController {
  constructor(@Inject(MetricsRegistry) private readonly metrics: MetricsRegistry) {}

  @Get()
  @Header('content-type', Registry.PROMETHEUS_CONTENT_TYPE)
  @Header('cache-control', 'no-store')
  scrape(): Promise<string> {
    return this.metrics.registry.metrics();
  }
}
