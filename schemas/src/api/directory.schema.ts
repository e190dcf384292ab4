import { z } from 'zod';
import { EntityIdSchema } from '../common.schema';
import { AgentSchema, ForwardTargetSchema, MailboxSchema, PresenceSchema, QueueSchema, RingGroupSchema } from '../directory.schema';
import { CalendarDateSchema, HolidaySchema, IsoInstantSchema, ScheduleSchema } from '../schedule.schema';
import { ApiErrorSchema } from './auth.schema';

type WithoutDefaults<Shape extends z.ZodRawShape> = {
  [Key in keyof Shape]: Shape[Key] extends z.ZodDefault<infer Inner> ? Inner : Shape[Key];
};

/** The fields without their defaults: a partial update must not reset the fields it leaves out. */
function withoutDefaults<Shape extends z.ZodRawShape>(shape: Shape): WithoutDefaults<Shape> {
  return Object.fromEntries(
    Object.entries(shape).map(([key, field]) => [key, field instanceof z.ZodDefault ? field.unwrap() : field]),
  ) as WithoutDefaults<Shape>;
}

/** PATCH body: any of the create body's fields, at least one; unknown fields (ids, runtime state) are refused. */
function updateBodyOf<Shape extends z.ZodRawShape>(create: z.ZodObject<Shape>) {
  return z
    .strictObject(withoutDefaults(create.shape))
    .partial()
    .refine((body) => Object.keys(body).length > 0, 'nothing to change');
}

// ── Agents ───────────────────────────────────────────────────────────────────────────────────────────────────

export const CreateAgentBodySchema = z
  .strictObject({
    ...AgentSchema.omit({ id: true, presence: true, doNotDisturbUntil: true, activeCalls: true, lastCallEndedAt: true }).shape,
    skills: AgentSchema.shape.skills.default([]),
    vacation: AgentSchema.shape.vacation.default(null),
    callForwardingNumber: AgentSchema.shape.callForwardingNumber.default(null),
  })
  .describe('A new agent: offline until they (or an admin) set their presence; the id is chosen by the server');
export type CreateAgentBody = z.infer<typeof CreateAgentBodySchema>;

export const UpdateAgentBodySchema = updateBodyOf(CreateAgentBodySchema).describe(
  'The fields to change; presence and do-not-disturb change through the presence routes',
);
export type UpdateAgentBody = z.infer<typeof UpdateAgentBodySchema>;

export const AgentPresenceBodySchema = z
  .strictObject({
    presence: PresenceSchema,
    doNotDisturbUntil: IsoInstantSchema.nullable().describe('Not offered calls before this instant; null ends do-not-disturb'),
  })
  .partial()
  .refine((body) => Object.keys(body).length > 0, 'nothing to change');
export type AgentPresenceBody = z.infer<typeof AgentPresenceBodySchema>;

export const AgentUnavailabilitySchema = z
  .enum(['offline', 'away', 'busy', 'do-not-disturb', 'vacation', 'at-call-limit'])
  .describe('Why the agent would not be offered a call');

export const AgentAvailabilityViewSchema = z
  .object({
    availableNow: z.boolean(),
    reason: AgentUnavailabilitySchema.nullable().describe('null when available'),
    forwardTo: ForwardTargetSchema.nullable().describe('Who takes the calls meanwhile (a vacation with a forward target)'),
    at: z.iso.datetime().describe('When this was computed; routing computes it again for every call'),
  })
  .describe('Computed from presence, do-not-disturb, vacation and active calls, by the same rule routing uses');
export type AgentAvailabilityView = z.infer<typeof AgentAvailabilityViewSchema>;

export const LinkedUserSchema = z.object({ id: z.uuid(), name: z.string(), email: z.string() });

export const AgentViewSchema = AgentSchema.extend({
  user: LinkedUserSchema.nullable().describe('The user who answers calls as this agent (linked on the user: PATCH /api/users/:id)'),
  availability: AgentAvailabilityViewSchema,
});
export type AgentView = z.infer<typeof AgentViewSchema>;

export const AgentPhoneSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('sandbox') }).describe("Sandbox mode: the console answers, declines and hangs up the agent's simulated phone over the live socket"),
    z
      .object({ type: z.literal('webrtc'), loginToken: z.string().describe('Logs the Telnyx WebRTC client in (valid 24 hours)') })
      .describe('The browser is the phone: the console answers through Telnyx WebRTC'),
    z.object({ type: z.literal('desk-phone'), address: z.string() }).describe('Another phone rings (a SIP address): the agent answers there'),
  ])
  .describe("How the signed-in agent's calls are answered (GET /api/agents/me/phone)");
export type AgentPhone = z.infer<typeof AgentPhoneSchema>;

// ── Ring groups, queues, mailboxes ───────────────────────────────────────────────────────────────────────────

export const CreateRingGroupBodySchema = z.strictObject({
  ...RingGroupSchema.omit({ id: true }).shape,
  extension: RingGroupSchema.shape.extension.unwrap().default(null),
});
export type CreateRingGroupBody = z.infer<typeof CreateRingGroupBodySchema>;
export const UpdateRingGroupBodySchema = updateBodyOf(CreateRingGroupBodySchema);
export type UpdateRingGroupBody = z.infer<typeof UpdateRingGroupBodySchema>;

export const CreateQueueBodySchema = z.strictObject({
  name: QueueSchema.shape.name,
  strategy: QueueSchema.shape.strategy.default('longest-idle'),
  requiredSkills: QueueSchema.shape.requiredSkills.default([]),
  members: QueueSchema.shape.members.default([]),
  maxWaitSecs: QueueSchema.shape.maxWaitSecs.default(600),
  maxSize: QueueSchema.shape.maxSize.default(50),
  announcePosition: QueueSchema.shape.announcePosition.default(true),
  announceExpectedWait: QueueSchema.shape.announceExpectedWait.default(true),
  announceIntervalSecs: QueueSchema.shape.announceIntervalSecs.default(60),
  agentRingTimeoutSecs: QueueSchema.shape.agentRingTimeoutSecs.default(20),
  wrapUpSecs: QueueSchema.shape.wrapUpSecs.default(0),
  holdAudio: QueueSchema.shape.holdAudio,
});
export type CreateQueueBody = z.infer<typeof CreateQueueBodySchema>;
export const UpdateQueueBodySchema = updateBodyOf(CreateQueueBodySchema);
export type UpdateQueueBody = z.infer<typeof UpdateQueueBodySchema>;

export const CreateMailboxBodySchema = z.strictObject({
  name: MailboxSchema.shape.name,
  extension: MailboxSchema.shape.extension.unwrap().default(null),
  ownerAgentId: MailboxSchema.shape.ownerAgentId.default(null),
  greeting: MailboxSchema.shape.greeting.default(null),
  notifyEmails: MailboxSchema.shape.notifyEmails.max(20).default([]).describe('E-mail addresses told about each new message'),
  notifySms: MailboxSchema.shape.notifySms.max(20).default([]).describe('Numbers texted about each new message'),
  transcribe: MailboxSchema.shape.transcribe.default(true),
  maxLengthSecs: MailboxSchema.shape.maxLengthSecs.default(120),
});
export type CreateMailboxBody = z.infer<typeof CreateMailboxBodySchema>;
export const UpdateMailboxBodySchema = updateBodyOf(CreateMailboxBodySchema);
export type UpdateMailboxBody = z.infer<typeof UpdateMailboxBodySchema>;

// ── Schedules and holiday calendars ─────────────────────────────────────────────────────────────────────────

export const CreateScheduleBodySchema = z.strictObject({
  ...ScheduleSchema.omit({ id: true }).shape,
  holidays: ScheduleSchema.shape.holidays.default([]),
  override: ScheduleSchema.shape.override.default(null),
});
export type CreateScheduleBody = z.infer<typeof CreateScheduleBodySchema>;
export const UpdateScheduleBodySchema = updateBodyOf(CreateScheduleBodySchema);
export type UpdateScheduleBody = z.infer<typeof UpdateScheduleBodySchema>;

export const ScheduleStatusViewSchema = z
  .object({
    state: z.enum(['open', 'closed', 'holiday']).describe('What a Business hours node would branch on'),
    reason: z.enum(['weekly-hours', 'holiday-hours', 'emergency', 'outside-hours', 'holiday']),
    holiday: z.object({ id: EntityIdSchema, name: z.string() }).nullable(),
    message: z.string().nullable().describe("The emergency override's reason"),
    nextOpeningAt: z.iso.datetime().nullable().describe('Now when open; null when it does not open within 400 days'),
    at: z.iso.datetime(),
  })
  .describe('Whether the schedule is open now, and why');
export type ScheduleStatusView = z.infer<typeof ScheduleStatusViewSchema>;

export const ScheduleViewSchema = ScheduleSchema.extend({ status: ScheduleStatusViewSchema });
export type ScheduleView = z.infer<typeof ScheduleViewSchema>;

export const HolidayDateSchema = z.object({
  date: CalendarDateSchema,
  holidayId: EntityIdSchema,
  name: z.string(),
  observed: z.boolean().describe('A weekday standing in for a holiday on a weekend'),
});
export type HolidayDate = z.infer<typeof HolidayDateSchema>;

export const YearQuerySchema = z.object({
  year: z.coerce.number().int().min(1900).max(2200).optional().describe('Defaults to the current year'),
});
export type YearQuery = z.infer<typeof YearQuerySchema>;

export const HolidayCalendarSchema = z.object({ year: z.number().int(), dates: z.array(HolidayDateSchema) });
export type HolidayCalendar = z.infer<typeof HolidayCalendarSchema>;

export const HolidayPresetSchema = z
  .object({
    country: z.string().describe('ISO 3166-1 alpha-2 code, e.g. "US", "GB"'),
    name: z.string(),
    holidays: z.array(HolidaySchema).describe("Ready to add to a schedule's holidays (ids are prefixed by the country)"),
  })
  .describe("A country's nationwide public holidays as schedule rules");
export type HolidayPreset = z.infer<typeof HolidayPresetSchema>;

export const HolidayPresetViewSchema = HolidayPresetSchema.extend(HolidayCalendarSchema.shape);
export type HolidayPresetView = z.infer<typeof HolidayPresetViewSchema>;

// ── Conflicts ───────────────────────────────────────────────────────────────────────────────────────────────

export const DirectoryConflictSchema = ApiErrorSchema.extend({
  conflicts: z
    .array(
      z.object({
        type: z.enum(['agent', 'ring-group', 'queue', 'mailbox', 'schedule', 'flow', 'user']),
        id: z.string(),
        name: z.string(),
        detail: z.string().describe('How it conflicts, e.g. "member", "extension 110", "active version 3, node menu"'),
      }),
    )
    .describe('What stands in the way: the entity holding the extension, or everything that references the one to delete'),
}).describe('409: an extension is taken, or the entity is still referenced');
export type DirectoryConflict = z.infer<typeof DirectoryConflictSchema>;
