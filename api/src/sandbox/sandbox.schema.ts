import { z } from 'zod';

/*
 * The sandbox carrier's own inputs: simulated callers, simulated endpoints, delivery faults. The same
 * schemas validate the programmatic API and the HTTP control API (`/sandbox/control/...`).
 */

export const E164_PATTERN = /^\+[1-9]\d{1,14}$/;
/** `sip:user@host` (or `sips:`), parameters allowed after `;`. */
export const SIP_URI_PATTERN = /^sips?:[^@\s;]+@[^\s;]+(;\S*)?$/i;

/** Where a call can come from or go to: an E.164 number or a SIP URI. */
export const CallAddressSchema = z
  .string()
  .refine((value) => E164_PATTERN.test(value) || SIP_URI_PATTERN.test(value), {
    message: 'must be an E.164 number (+14155550100) or a SIP URI (sip:alice@sandbox.callflow.test)',
  });

/**
 * One thing the simulated party does when the flow waits for it. A gather (each try of a prompt gather)
 * takes the next action; a recording takes the next action as what is said into it; queue hold music
 * takes the next action only if it is a `press`. A gather with no action left hears silence.
 */
export const CallerActionSchema = z.union([
  z.strictObject({ press: z.string().regex(/^[0-9A-D*#]+$/, 'digits are 0-9, A-D, * and #') }),
  z.strictObject({ silence: z.literal(true) }),
  z.strictObject({ say: z.string().trim().min(1) }),
  z.strictObject({ hangup: z.literal(true) }),
]);
export type CallerAction = z.infer<typeof CallerActionSchema>;

/** Hang up as soon as the sandbox emits the `occurrence`-th webhook of `type` for the caller's leg. */
export const HangUpAtEventSchema = z.union([
  z.string().min(1).transform((type) => ({ type, occurrence: 1, afterSecs: 0 })),
  z.strictObject({
    type: z.string().min(1),
    occurrence: z.int().min(1).default(1),
    afterSecs: z.number().min(0).default(0),
  }),
]);
export type HangUpAtEvent = z.output<typeof HangUpAtEventSchema>;

export const PlaceCallRequestSchema = z.strictObject({
  from: CallAddressSchema,
  /** The called number: one of the product's numbers. */
  to: CallAddressSchema,
  script: z.array(CallerActionSchema).default([]),
  /** The caller hangs up this many (simulated) seconds after dialing. */
  hangUpAfterSecs: z.number().positive().optional(),
  hangUpAtEvent: HangUpAtEventSchema.optional(),
});
export type PlaceCallRequest = z.input<typeof PlaceCallRequestSchema>;

/** How a dialed address (agent endpoint or outside number) behaves. Default: answer after 2 s, talk 20 s. */
export const EndpointBehaviourSchema = z.discriminatedUnion('answer', [
  z.strictObject({
    answer: z.literal('after'),
    afterSecs: z.number().min(0).default(2),
    /** Seconds after answering before the endpoint hangs up; `null` stays on until the other side hangs up. */
    talkSecs: z.number().positive().nullable().default(20),
    /** What the answering party does when the flow gathers digits from it or records it. */
    script: z.array(CallerActionSchema).default([]),
  }),
  z.strictObject({ answer: z.literal('decline'), afterSecs: z.number().min(0).default(1) }),
  z.strictObject({ answer: z.literal('busy'), afterSecs: z.number().min(0).default(1) }),
  z.strictObject({ answer: z.literal('never') }),
]);
export type EndpointBehaviourInput = z.input<typeof EndpointBehaviourSchema>;
export type EndpointBehaviour = z.output<typeof EndpointBehaviourSchema>;

export const DEFAULT_ENDPOINT_BEHAVIOUR: EndpointBehaviour = { answer: 'after', afterSecs: 2, talkSecs: 20, script: [] };

/** Webhook delivery faults. Delays are wall-clock milliseconds (not scaled by the speed factor). */
export const DeliveryFaultsSchema = z.strictObject({
  /** Probability (0..1) that an event is delivered one extra time, with the same `data.id`. */
  duplicate: z.number().min(0).max(1, 'is a probability from 0 to 1 (use copies for a fixed number of deliveries)').default(0),
  /** Every event is delivered exactly this many times (overrides `duplicate`). */
  copies: z.int().min(1).max(10).optional(),
  /**
   * Deliveries of one call session are collected for this long and sent in a shuffled order (never
   * the original order when two or more were collected).
   */
  reorderWithinMs: z.number().min(0).max(60_000).default(0),
  /** Extra latency before each delivery. */
  delayMs: z.number().min(0).max(60_000).default(0),
  /**
   * Share (0..1) of events that `delayMs` and `reorderWithinMs` apply to, drawn for each event and each of the two
   * faults: a picked event is held back while the call session's other events go ahead of it. Default: every event.
   */
  share: z.number().min(0).max(1).optional(),
  /** Seed of the pseudo-random choices (duplicates, shuffles), for repeatable runs. */
  seed: z.int().optional(),
});
export type DeliveryFaultsInput = z.input<typeof DeliveryFaultsSchema>;
export type DeliveryFaults = z.output<typeof DeliveryFaultsSchema>;

export const PressDigitsRequestSchema = z.strictObject({
  digits: z.string().regex(/^[0-9A-D*#]+$/, 'digits are 0-9, A-D, * and #'),
});
