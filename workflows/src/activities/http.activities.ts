import type { HttpResponse } from '@callflow/engine';

/** Response bodies larger than this are refused: a lookup should answer with a small JSON document. */
const MAX_BODY_BYTES = 1024 * 1024;

/** The HTTP request node: a real request, with the node's timeout, never retried (it may not be idempotent). */
export function createHttpActivities(fetchImpl: typeof fetch = fetch) {
  return {
    async httpRequest(input: {
      method: string;
      url: string;
      headers: Record<string, string>;
      body: string | null;
      timeoutSecs: number;
    }): Promise<HttpResponse> {
      let url: URL;
      try {
        url = new URL(input.url);
      } catch {
        return { ok: false, error: `not a URL: ${input.url}` };
      }
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return { ok: false, error: `only http(s) URLs are allowed: ${input.url}` };
      try {
        const response = await fetchImpl(url, {
          method: input.method,
          headers: input.headers,
          body: input.method === 'GET' || input.method === 'DELETE' ? undefined : input.body ?? undefined,
          signal: AbortSignal.timeout(input.timeoutSecs * 1000),
          redirect: 'follow',
        });
        const text = await response.text();
        if (text.length > MAX_BODY_BYTES) return { ok: false, error: `response larger than ${MAX_BODY_BYTES} bytes` };
        let body: unknown = text;
        if ((response.headers.get('content-type') ?? '').includes('json') && text !== '') {
          try {
            body = JSON.parse(text);
          } catch {
            return { ok: false, error: 'response is not valid JSON' };
          }
        }
        return { ok: true, status: response.status, body };
      } catch (error) {
        const name = (error as Error).name;
        return { ok: false, error: name === 'TimeoutError' ? `no answer within ${input.timeoutSecs} s` : (error as Error).message };
      }
    },
  };
}

export type HttpActivities = ReturnType<typeof createHttpActivities>;
