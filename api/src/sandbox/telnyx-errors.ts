import type { z } from 'zod';

/** One entry of a Telnyx error body: `{ errors: [{ code, title, detail, source? }] }` (codes are strings). */
export interface TelnyxErrorItem {
  code: string;
  title: string;
  detail: string;
  source?: { pointer: string };
}

/** A request the sandbox refuses the way Telnyx would: HTTP status plus the Telnyx error body. */
export class TelnyxApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: TelnyxErrorItem[],
  ) {
    super(errors.map((error) => `${error.code} ${error.title}: ${error.detail}`).join('; '));
  }

  get code(): string {
    return this.errors[0]?.code ?? '';
  }

  body(): { errors: TelnyxErrorItem[] } {
    return { errors: this.errors };
  }
}

function single(status: number, code: string, title: string, detail: string, pointer?: string): TelnyxApiError {
  return new TelnyxApiError(status, [{ code, title, detail, ...(pointer === undefined ? {} : { source: { pointer } }) }]);
}

export const telnyxErrors = {
  authentication: () =>
    single(401, '10009', 'Authentication failed', 'The required authentication headers were either invalid or not included in the request.'),
  notFound: (detail: string) => single(404, '10005', 'Resource not found', detail),
  badRequest: (detail: string) => single(400, '10015', 'Bad Request', detail),
  callEnded: () => single(422, '90018', 'Call has already ended', "This call is no longer active and can't receive commands."),
  invalidCallControlId: (pointer?: string) =>
    single(422, '90015', 'Invalid Call Control ID', 'The call_control_id provided was not valid.', pointer),
  notAnswered: () => single(422, '90034', 'Call not answered yet', 'This command can only be sent to an answered call.'),
  invalidState: (detail: string) => single(422, '10015', 'Bad Request', detail),
};

function isMissing(issue: z.core.$ZodIssue): boolean {
  return issue.code === 'invalid_type' && issue.input === undefined;
}

/** zod issues of a command body → Telnyx validation errors (HTTP 422), one per issue. */
export function validationError(error: z.ZodError): TelnyxApiError {
  const errors = error.issues.map((issue): TelnyxErrorItem => {
    const parameter = issue.path.map(String).join('.');
    const source = { pointer: `/${issue.path.map(String).join('/')}` };
    if (isMissing(issue)) {
      return { code: '10004', title: 'Missing required parameter', detail: `The '${parameter}' parameter is required.`, source };
    }
    const custom = issue.code === 'custom' ? (issue.params as { telnyxCode?: string } | undefined)?.telnyxCode : undefined;
    if (custom === '10016') {
      return { code: '10016', title: 'Phone number must be in +E.164 format', detail: `'${parameter}' ${issue.message}.`, source };
    }
    if (custom === '10004') {
      return { code: '10004', title: 'Missing required parameter', detail: issue.message, source };
    }
    if (issue.code === 'invalid_value') {
      return { code: '10032', title: 'Invalid enumerated value', detail: `'${parameter}': ${issue.message}.`, source };
    }
    if (issue.code === 'too_small' || issue.code === 'too_big') {
      return { code: '10033', title: 'Value outside of range', detail: `'${parameter}': ${issue.message}.`, source };
    }
    return { code: '10015', title: 'Bad Request', detail: `'${parameter || 'body'}': ${issue.message}.`, source };
  });
  return new TelnyxApiError(422, errors);
}
