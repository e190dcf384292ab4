import { ForbiddenException, Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Role } from '@callflow/schemas';
import { MINIMUM_ROLE, PUBLIC_ROUTE, REQUEST_AUTH, hasRole, type AuthContext } from './auth-context';
import { AuthService } from './auth.service';

/** Global: a route is public, or needs a valid bearer access token of at least the role it declares. */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const minimum = this.reflector.getAllAndOverride<Role | undefined>(MINIMUM_ROLE, targets);
    if (minimum === undefined) {
      throw new Error(`${context.getClass().name}.${context.getHandler().name} declares neither @Public() nor @RequireRole()`);
    }
    const request = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> } & Record<string, unknown>>();
    const [scheme, token] = (request.headers.authorization ?? '').split(' ');
    const caller = scheme === 'Bearer' && token ? this.auth.verifyAccessToken(token) : null;
    if (caller === null) throw new UnauthorizedException('Missing, invalid or expired access token');
    if (!hasRole(caller.role, minimum)) throw new ForbiddenException(`This needs the ${minimum} role or higher`);
    request[REQUEST_AUTH] = caller satisfies AuthContext;
    return true;
  }
}
