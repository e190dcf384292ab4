import { localTimeParts, type LocalTimeParts } from './local-time';
import { phoneNumberParts, type PhoneNumberParts } from './phone-number';
import { fromHost, type ExprValue } from './values';

export interface ExpressionContext {
  vars: Readonly<Record<string, ExprValue>>;
  /** Caller number: E.164 like "+14155550123", or a SIP URI. */
  caller: string;
  /** The dialled number. */
  called: string;
  /** Epoch milliseconds of "now" for this evaluation. */
  now: number;
  /** IANA zone used for time.* values. */
  timeZone: string;
}

/** One evaluation's view of the context; derived parts are computed once, on first use. */
export class EvaluationScope {
  private callerParts: PhoneNumberParts | undefined;
  private calledParts: PhoneNumberParts | undefined;
  private timeParts: LocalTimeParts | null | undefined;

  constructor(private readonly context: ExpressionContext) {}

  variable(name: string): ExprValue {
    const vars = this.context.vars;
    return vars !== null && typeof vars === 'object' && Object.hasOwn(vars, name) ? fromHost(vars[name]) : null;
  }

  caller(): PhoneNumberParts {
    this.callerParts ??= phoneNumberParts(asString(this.context.caller));
    return this.callerParts;
  }

  called(): PhoneNumberParts {
    this.calledParts ??= phoneNumberParts(asString(this.context.called));
    return this.calledParts;
  }

  time(): LocalTimeParts | null {
    if (this.timeParts === undefined) {
      this.timeParts = localTimeParts(this.context.now, asString(this.context.timeZone));
    }
    return this.timeParts;
  }
}

function asString(value: unknown): string {
  return typeof value === 'string' ? value : '';
}
