import type { IncomingMessage, ServerResponse } from 'node:http';
import { HttpException, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Observable } from 'rxjs';
import { withWebhookReceipt } from './telemetry-context';

/**
 * Each webhook delivery is the root span of its trace (`webhook POST /api/webhooks/telnyx`): the signal or workflow
 * start it leads to, the workflow, its activities and the carrier commands they send are its descendants. Carriers
 * send no trace context, and one sent anyway is not trusted.
 */
@Injectable()
export class WebhookTelemetryInterceptor implements NestInterceptor {
  private readonly tracer = trace.getTracer('callflow-api');

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<IncomingMessage & { originalUrl?: string }>();
    const response = http.getResponse<ServerResponse>();
    const path = request.originalUrl ?? request.url ?? '';
    const receivedAt = Date.now();
    const attributes = { 'http.request.method': request.method ?? '', 'url.path': path };
    return new Observable((subscriber) =>
      withWebhookReceipt(receivedAt, () =>
        this.tracer.startActiveSpan(`webhook ${request.method} ${path}`, { root: true, kind: SpanKind.SERVER, attributes }, (span) => {
          const subscription = next.handle().subscribe({
            next: (value) => subscriber.next(value),
            error: (error: unknown) => {
              const status = error instanceof HttpException ? error.getStatus() : 500;
              span.setAttribute('http.response.status_code', status);
              if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message: error instanceof Error ? error.message : String(error) });
              span.end();
              subscriber.error(error);
            },
            complete: () => {
              span.setAttribute('http.response.status_code', response.statusCode);
              span.end();
              subscriber.complete();
            },
          });
          return () => subscription.unsubscribe();
        }),
      ),
    );
  }
}
