import type { IncomingMessage } from 'node:http';
import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { withLogContext, type LogFields } from '@callflow/workflows/src/observability/log-context';
import { Observable } from 'rxjs';
import { REQUEST_AUTH, type AuthContext } from '../auth/auth-context';
import { annotate } from './telemetry-context';

const LOG_FIELDS = Symbol('callflow:log-fields');

type RequestWithLogFields = IncomingMessage & { [LOG_FIELDS]?: LogFields };

/** The log context of an HTTP request (its id, and the ids learnt while handling it). */
export function requestLogFields(request: IncomingMessage): LogFields {
  const carrier = request as RequestWithLogFields;
  carrier[LOG_FIELDS] ??= {};
  return carrier[LOG_FIELDS];
}

/**
 * Global: runs each handler in its request's log context (body parsers, which read the request's stream, lose the
 * context the HTTP middleware opened), and adds the caller's tenant and user once the AuthGuard has identified them.
 */
@Injectable()
export class RequestLogContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<IncomingMessage & Partial<Record<typeof REQUEST_AUTH, AuthContext>>>();
    return new Observable((subscriber) =>
      withLogContext(requestLogFields(request), () => {
        const auth = request[REQUEST_AUTH];
        if (auth) annotate({ tenantId: auth.tenantId, userId: auth.userId });
        const subscription = next.handle().subscribe(subscriber);
        return () => subscription.unsubscribe();
      }),
    );
  }
}
