import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { INTERNAL_TOKEN_HEADER } from '@callflow/workflows';
import { APP_CONFIG, type AppConfig } from '../config';

/** Lets through only requests carrying the shared INTERNAL_API_TOKEN (the workers). */
@Injectable()
export class InternalTokenGuard implements CanActivate {
  private readonly token: Buffer;

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.token = Buffer.from(config.internalApiToken, 'utf8');
  }

  canActivate(context: ExecutionContext): boolean {
    const header = context.switchToHttp().getRequest<IncomingMessage>().headers[INTERNAL_TOKEN_HEADER];
    if (typeof header !== 'string') throw new UnauthorizedException(`Missing ${INTERNAL_TOKEN_HEADER} header`);
    const given = Buffer.from(header, 'utf8');
    if (given.length !== this.token.length || !timingSafeEqual(given, this.token)) {
      throw new UnauthorizedException(`Wrong ${INTERNAL_TOKEN_HEADER}`);
    }
    return true;
  }
}
