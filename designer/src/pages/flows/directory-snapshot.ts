import { AgentSchema, DirectorySnapshotSchema, MailboxSchema, QueueSchema, RingGroupSchema, ScheduleSchema, type DirectorySnapshot } from '@callflow/schemas';
import { z } from 'zod';
import { http } from '../../api/http';

/**
 * The tenant's directory as the engine reads it (agents, ring groups, queues, mailboxes, schedules): the editor
 * checks references and simulates against it. The API's views carry more (availability, linked users); the
 * snapshot keeps what the engine needs.
 */
export async function loadDirectorySnapshot(): Promise<DirectorySnapshot> {
  const [agents, ringGroups, queues, mailboxes, schedules] = await Promise.all([
    http.request('/agents', { schema: z.array(AgentSchema) }),
    http.request('/ring-groups', { schema: z.array(RingGroupSchema) }),
    http.request('/queues', { schema: z.array(QueueSchema) }),
    http.request('/mailboxes', { schema: z.array(MailboxSchema) }),
    http.request('/schedules', { schema: z.array(ScheduleSchema) }),
  ]);
  return DirectorySnapshotSchema.parse({ agents, ringGroups, queues, mailboxes, schedules });
}
