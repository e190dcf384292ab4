import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { REQUEST_AUTH, type AuthContext } from '../auth/auth-context';
import { annotate } from './telemetry-context';

/** Global: once the AuthGuard has identified the caller, the request's log lines and span name their tenant and user. */
@Injectable()
export class AuthLogContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() === 'http') {
      const auth = context.switchToHttp().getRequest<Partial<Record<typeof REQUEST_AUTH, AuthContext>>>()[REQUEST_AUTH];
      if (auth) annotate({ tenantId: auth.tenantId, userId: auth.userId });
    }
    return next.handle();
  }
}
