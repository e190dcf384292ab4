import { z } from 'zod';
import { AudioPromptSchema, EntityIdSchema, PromptSchema } from './common.schema';
import { CalendarDateSchema, IsoInstantSchema, ScheduleSchema, TimeZoneSchema } from './schedule.schema';

export const E164Schema = z
  .string()
  .regex(/^\+[1-9]\d{6,14}$/, 'expected a phone number in E.164 format, e.g. "+14155550123"')
  .describe('Phone number in E.164 format');

export const ExtensionSchema = z
  .string()
  .regex(/^\d{2,6}$/, 'expected an extension of 2 to 6 digits')
  .describe('Internal extension dialled from menus and the Dial extension node');

export const PresenceSchema = z
  .enum(['available', 'busy', 'away', 'offline'])
  .describe('Agent-reported status; only "available" agents are offered calls');
export type Presence = z.infer<typeof PresenceSchema>;

export const AgentEndpointSchema = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('sandbox'), id: EntityIdSchema }).describe('Simulated endpoint of the sandbox carrier'),
    z.object({
      type: z.literal('sip'),
      uri: z.string().regex(/^sips?:[^@\s]+@[^@\s]+$/, 'expected a SIP URI such as "sip:alice@pbx.example.com"'),
    }),
    z
      .object({ type: z.literal('webrtc'), credentialId: EntityIdSchema })
      .describe('Browser softphone registered with this telephony credential'),
  ])
  .describe('Where the agent is rung');
export type AgentEndpoint = z.infer<typeof AgentEndpointSchema>;

export const SkillLevelSchema = z.number().int().min(1).max(10).describe('Proficiency, 1 (lowest) to 10');

export const ForwardTargetSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('agent'), agentId: EntityIdSchema }),
  z.object({ type: z.literal('number'), number: E164Schema }),
]);
export type ForwardTarget = z.infer<typeof ForwardTargetSchema>;

export const VacationSchema = z
  .object({
    from: CalendarDateSchema,
    to: CalendarDateSchema,
    message: z.string().max(500).optional(),
    forwardTo: ForwardTargetSchema.optional().describe(
      'Who takes the agent\'s calls meanwhile: another agent rings in their place (if available), a number is dialled instead',
    ),
  })
  .refine((vacation) => vacation.from <= vacation.to, { message: '"to" must not be before "from"', path: ['to'] })
  .describe('Away from `from` to `to`, both inclusive, as dates in the agent\'s time zone');
export type Vacation = z.infer<typeof VacationSchema>;

export const AgentSchema = z
  .object({
    id: EntityIdSchema,
    name: z.string().min(1, 'name must not be empty').max(200),
    extension: ExtensionSchema,
    directNumber: E164Schema.nullable().default(null).describe('Number that reaches this agent directly, if any'),
    endpoint: AgentEndpointSchema,
    skills: z
      .array(z.object({ skill: z.string().min(1).max(64), level: SkillLevelSchema }))
      .superRefine((skills, ctx) => {
        const seen = new Set<string>();
        skills.forEach((entry, index) => {
          if (seen.has(entry.skill)) {
            ctx.addIssue({ code: 'custom', message: `skill "${entry.skill}" is listed twice`, path: [index, 'skill'] });
          }
          seen.add(entry.skill);
        });
      }),
    maxConcurrentCalls: z.number().int().min(1).default(1),
    presence: PresenceSchema,
    activeCalls: z.number().int().min(0).describe('Calls the agent is on right now'),
    lastCallEndedAt: IsoInstantSchema.nullable().describe('End of the agent\'s last call, for longest-idle routing; null = never'),
    doNotDisturbUntil: IsoInstantSchema.nullable().describe('Not offered calls before this instant; a past instant has no effect'),
    vacation: VacationSchema.nullable(),
    callForwardingNumber: E164Schema.nullable().describe(
      'Calls dialled to this agent directly (extension or direct number) go to this number instead; ring groups and queues ignore it',
    ),
    ringTimeoutSecs: z.number().int().min(5).max(120).default(20).describe('How long a direct call rings this agent'),
    weight: z.number().int().min(1).max(100).default(1).describe('Relative share of calls under the weighted strategy'),
    timeZone: TimeZoneSchema.describe('The agent\'s time zone, in which vacation dates are read'),
  })
  .describe('A person who takes calls');
export type Agent = z.infer<typeof AgentSchema>;

export const RoutingStrategySchema = z
  .enum(['simultaneous', 'sequential', 'round-robin', 'longest-idle', 'fewest-calls', 'random', 'weighted', 'skills'])
  .describe(
    'simultaneous: ring everyone at once; sequential: one by one by priority; round-robin: one by one, starting after the agent rung last; ' +
      'longest-idle: longest since their last call first; fewest-calls: fewest active calls first; random; ' +
      'weighted: random, favouring higher weights; skills: best match of the required skills first',
  );
export type RoutingStrategy = z.infer<typeof RoutingStrategySchema>;

function uniqueBy<T>(key: (item: T) => string, what: string, field: string | null) {
  return (items: T[], ctx: z.RefinementCtx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      const value = key(item);
      if (seen.has(value)) {
        ctx.addIssue({ code: 'custom', message: `duplicate ${what} "${value}"`, path: field === null ? [index] : [index, field] });
      }
      seen.add(value);
    });
  };
}

export const RingGroupMemberSchema = z.object({
  agentId: EntityIdSchema,
  priority: z.number().int().describe('Order for the sequential strategy (and round-robin rotation): lower rings first'),
});
export type RingGroupMember = z.infer<typeof RingGroupMemberSchema>;

export const RingGroupSchema = z
  .object({
    id: EntityIdSchema,
    name: z.string().min(1, 'name must not be empty').max(200),
    extension: ExtensionSchema.nullable().optional(),
    members: z.array(RingGroupMemberSchema).superRefine(uniqueBy((member) => member.agentId, 'member', 'agentId')),
    strategy: RoutingStrategySchema,
    ringTimeoutSecs: z.number().int().min(5).max(300).describe('How long each ring attempt lasts before moving on'),
  })
  .describe('Agents rung together or in turn');
export type RingGroup = z.infer<typeof RingGroupSchema>;

export const RequiredSkillSchema = z.object({
  skill: z.string().min(1).max(64),
  minLevel: SkillLevelSchema,
});
export type RequiredSkill = z.infer<typeof RequiredSkillSchema>;

export const QueueSchema = z
  .object({
    id: EntityIdSchema,
    name: z.string().min(1, 'name must not be empty').max(200),
    strategy: RoutingStrategySchema,
    requiredSkills: z
      .array(RequiredSkillSchema)
      .superRefine(uniqueBy((entry) => entry.skill, 'required skill', 'skill'))
      .describe('Only agents with every one of these skills at or above the level are offered calls'),
    members: z.array(EntityIdSchema).superRefine(uniqueBy((id) => id, 'member', null)),
    maxWaitSecs: z
      .number()
      .int()
      .min(10)
      .max(86_400)
      .describe('Callers waiting longer leave the Queue node through its `timeout` port (overflow), to wherever the flow connects it'),
    maxSize: z
      .number()
      .int()
      .min(1)
      .max(10_000)
      .describe('Callers arriving when this many wait leave the Queue node through its `timeout` port (overflow) at once'),
    holdAudio: AudioPromptSchema.nullable()
      .default(null)
      .describe('Looped while callers wait, unless the Queue node names its own; null = the default hold music'),
    announcePosition: z.boolean(),
    announceExpectedWait: z.boolean(),
    announceIntervalSecs: z.number().int().min(10).max(3_600).describe('Time between position/expected-wait announcements'),
    agentRingTimeoutSecs: z.number().int().min(5).max(120).describe('How long one offer rings an agent'),
    wrapUpSecs: z.number().int().min(0).max(3_600).describe('Pause after a call before the agent is offered the next one'),
  })
  .describe('Callers wait in line until an agent answers');
export type Queue = z.infer<typeof QueueSchema>;

export const MailboxGreetingSchema = PromptSchema.nullable()
  .describe('Played before the beep; null = a default greeting');
export type MailboxGreeting = z.infer<typeof MailboxGreetingSchema>;

export const MailboxSchema = z
  .object({
    id: EntityIdSchema,
    name: z.string().min(1, 'name must not be empty').max(200),
    extension: ExtensionSchema.nullable().optional(),
    ownerAgentId: EntityIdSchema.nullable().describe('Agent whose messages these are; null = a shared mailbox'),
    greeting: MailboxGreetingSchema,
    notifyEmails: z.array(z.email({ message: 'expected an email address' })),
    notifySms: z.array(E164Schema),
    transcribe: z.boolean(),
    maxLengthSecs: z.number().int().min(5).max(600).describe('Recording stops after this many seconds'),
  })
  .describe('Voicemail box');
export type Mailbox = z.infer<typeof MailboxSchema>;

export const DirectorySnapshotSchema = z
  .object({
    agents: z.array(AgentSchema).superRefine(uniqueBy((agent) => agent.id, 'agent id', 'id')),
    ringGroups: z.array(RingGroupSchema).superRefine(uniqueBy((group) => group.id, 'ring group id', 'id')),
    queues: z.array(QueueSchema).superRefine(uniqueBy((queue) => queue.id, 'queue id', 'id')),
    mailboxes: z.array(MailboxSchema).superRefine(uniqueBy((mailbox) => mailbox.id, 'mailbox id', 'id')),
    schedules: z.array(ScheduleSchema).superRefine(uniqueBy((schedule) => schedule.id, 'schedule id', 'id')),
  })
  .superRefine((snapshot, ctx) => {
    const agentIds = new Set(snapshot.agents.map((agent) => agent.id));
    const missingAgent = (agentId: string, path: (string | number)[]) => {
      if (!agentIds.has(agentId)) ctx.addIssue({ code: 'custom', message: `unknown agent "${agentId}"`, path });
    };
    snapshot.agents.forEach((agent, index) => {
      const forward = agent.vacation?.forwardTo;
      if (forward?.type === 'agent') missingAgent(forward.agentId, ['agents', index, 'vacation', 'forwardTo', 'agentId']);
    });
    snapshot.ringGroups.forEach((group, index) =>
      group.members.forEach((member, memberIndex) =>
        missingAgent(member.agentId, ['ringGroups', index, 'members', memberIndex, 'agentId']),
      ),
    );
    snapshot.queues.forEach((queue, index) =>
      queue.members.forEach((agentId, memberIndex) => missingAgent(agentId, ['queues', index, 'members', memberIndex])),
    );
    snapshot.mailboxes.forEach((mailbox, index) => {
      if (mailbox.ownerAgentId !== null) missingAgent(mailbox.ownerAgentId, ['mailboxes', index, 'ownerAgentId']);
    });

    const extensionOwners = new Map<string, string>();
    const claimExtension = (extension: string | null | undefined, owner: string, path: (string | number)[]) => {
      if (extension === null || extension === undefined) return;
      const previous = extensionOwners.get(extension);
      if (previous !== undefined) {
        ctx.addIssue({ code: 'custom', message: `extension ${extension} is already used by ${previous}`, path });
      } else {
        extensionOwners.set(extension, owner);
      }
    };
    snapshot.agents.forEach((agent, index) => claimExtension(agent.extension, `agent "${agent.id}"`, ['agents', index, 'extension']));
    snapshot.ringGroups.forEach((group, index) =>
      claimExtension(group.extension, `ring group "${group.id}"`, ['ringGroups', index, 'extension']),
    );
    snapshot.mailboxes.forEach((mailbox, index) =>
      claimExtension(mailbox.extension, `mailbox "${mailbox.id}"`, ['mailboxes', index, 'extension']),
    );
  })
  .describe('Everything routing needs at one moment: agents, ring groups, queues, mailboxes and schedules');
export type DirectorySnapshot = z.infer<typeof DirectorySnapshotSchema>;

export const RoutingMemorySchema = z
  .object({
    lastAgentIdByGroup: z
      .record(EntityIdSchema, EntityIdSchema)
      .describe('Per ring group or queue id: the member whose turn it was last time (round-robin resumes after it)'),
  })
  .describe('Routing state that must survive restarts');
export type RoutingMemory = z.infer<typeof RoutingMemorySchema>;
