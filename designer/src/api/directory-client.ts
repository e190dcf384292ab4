import {
  AgentPhoneSchema,
  AgentViewSchema,
  HolidayCalendarSchema,
  HolidayPresetViewSchema,
  MailboxSchema,
  QueueSchema,
  RingGroupSchema,
  ScheduleViewSchema,
  type AgentPresenceBody,
  type AgentView,
  type CreateAgentBody,
  type CreateMailboxBody,
  type CreateQueueBody,
  type CreateRingGroupBody,
  type CreateScheduleBody,
  type HolidayCalendar,
  type HolidayPresetView,
  type Mailbox,
  type Queue,
  type RingGroup,
  type ScheduleView,
  type UpdateAgentBody,
  type UpdateMailboxBody,
  type UpdateQueueBody,
  type UpdateRingGroupBody,
  type UpdateScheduleBody,
} from '@callflow/schemas';
import { z } from 'zod';
import { http, type HttpClient } from './http';

/** list/create/update/remove of one kind of directory entity under `/api/<path>` (list: supervisor and up; changes: admin and up). */
function entityRoutes<Record extends { id: string }, Create, Update>(client: Pick<HttpClient, 'request'>, path: string, schema: z.ZodType<Record>) {
  const one = (id: string) => `${path}/${encodeURIComponent(id)}`;
  return {
    list: () => client.request(path, { schema: z.array(schema) }),
    create: (body: Create) => client.request(path, { method: 'POST', body, schema }),
    update: (id: string, body: Update) => client.request(one(id), { method: 'PATCH', body, schema }),
    /** 409 with the entities still referring to it (`DirectoryConflict`). */
    remove: async (id: string): Promise<void> => {
      await client.request(one(id), { method: 'DELETE' });
    },
  };
}

/** Agents, ring groups, queues, voicemail boxes and schedules (`/api/agents`, `/api/ring-groups`…). */
export function createDirectoryClient(client: Pick<HttpClient, 'request'>) {
  return {
    agents: {
      ...entityRoutes<AgentView, CreateAgentBody, UpdateAgentBody>(client, '/agents', AgentViewSchema),
      setPresence: (id: string, body: AgentPresenceBody) =>
        client.request(`/agents/${encodeURIComponent(id)}/presence`, { method: 'PATCH', body, schema: AgentViewSchema }),
      /** The signed-in user's own agent (any role linked to an agent). */
      me: () => client.request('/agents/me', { schema: AgentViewSchema }),
      /** The signed-in agent's own presence or do-not-disturb. */
      setOwnPresence: (body: AgentPresenceBody) => client.request('/agents/me', { method: 'PATCH', body, schema: AgentViewSchema }),
      /** How the console answers the signed-in agent's calls (with Telnyx WebRTC: the login token). */
      phone: () => client.request('/agents/me/phone', { schema: AgentPhoneSchema }),
    },
    ringGroups: entityRoutes<RingGroup, CreateRingGroupBody, UpdateRingGroupBody>(client, '/ring-groups', RingGroupSchema),
    queues: entityRoutes<Queue, CreateQueueBody, UpdateQueueBody>(client, '/queues', QueueSchema),
    mailboxes: entityRoutes<Mailbox, CreateMailboxBody, UpdateMailboxBody>(client, '/mailboxes', MailboxSchema),
    schedules: {
      ...entityRoutes<ScheduleView, CreateScheduleBody, UpdateScheduleBody>(client, '/schedules', ScheduleViewSchema),
      /** The schedule's holiday dates in `year` (observed and substitute days included). */
      holidays: (id: string, year: number): Promise<HolidayCalendar> =>
        client.request(`/schedules/${encodeURIComponent(id)}/holidays`, { query: { year }, schema: HolidayCalendarSchema }),
      /** Nationwide public holidays per country, as schedule rules with their dates in `year`. */
      holidayPresets: (year: number): Promise<HolidayPresetView[]> =>
        client.request('/schedules/holiday-presets', { query: { year }, schema: z.array(HolidayPresetViewSchema) }),
    },
  };
}

export type DirectoryClient = ReturnType<typeof createDirectoryClient>;

export const directoryClient = createDirectoryClient(http);
