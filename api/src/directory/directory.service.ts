import { randomUUID } from 'node:crypto';
import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { DirectoryConflict } from '@callflow/schemas';
import type { AuthContext } from '../auth/auth-context';
import { UsersRepository } from '../users/users.repository';
import { agentReferenceIssues, agentReferrers, describeEntity, extensionConflict, flowReferrers, KIND_RULES, type Conflict } from './directory-integrity';
import { DirectoryRepository, type DirectoryKind, type DirectoryRecord } from './directory.repository';

function conflict(message: string, conflicts: Conflict[]): ConflictException {
  const body: DirectoryConflict = { statusCode: 409, error: 'Conflict', message, conflicts };
  return new ConflictException(body);
}

function describeConflict({ type, id, name, detail }: Conflict): string {
  return `${type} "${name}" (${id}): ${detail}`;
}

/**
 * Agents, ring groups, queues, mailboxes and schedules of the caller's company. Writes check the rest of the
 * directory under the tenant's directory lock: agents they name must exist (400), an extension belongs to one
 * entity (409), and nothing referenced by another entity, a user or a flow (draft or active version) is deleted (409
 * listing the references: remove them first).
 */
@Injectable()
export class DirectoryService {
  constructor(
    @Inject(DirectoryRepository) private readonly directory: DirectoryRepository,
    @Inject(UsersRepository) private readonly users: UsersRepository,
  ) {}

  list<K extends DirectoryKind>(caller: AuthContext, kind: K): Promise<Array<DirectoryRecord<K>>> {
    return this.directory.list(caller.tenantId, kind);
  }

  async get<K extends DirectoryKind>(caller: AuthContext, kind: K, id: string): Promise<DirectoryRecord<K>> {
    const record = await this.directory.find(caller.tenantId, kind, id);
    if (record === null) throw this.notFound(kind, id);
    return record;
  }

  /** Stores a new entity under an id of the server's choosing. */
  create<K extends DirectoryKind>(caller: AuthContext, kind: K, fields: Omit<DirectoryRecord<K>, 'id'>): Promise<DirectoryRecord<K>> {
    return this.write(caller, kind, null, () => ({ ...fields, id: randomUUID() }) as DirectoryRecord<K>);
  }

  /** Replaces the given top-level fields of the entity. */
  update<K extends DirectoryKind>(caller: AuthContext, kind: K, id: string, changes: Partial<DirectoryRecord<K>>): Promise<DirectoryRecord<K>> {
    return this.write(caller, kind, id, (current) => ({ ...current, ...changes, id }) as DirectoryRecord<K>);
  }

  async remove(caller: AuthContext, kind: DirectoryKind, id: string): Promise<void> {
    await this.directory.edit(caller.tenantId, async (editor) => {
      const directory = await editor.snapshot();
      const record = (directory[kind] as Array<DirectoryRecord<DirectoryKind>>).find((candidate) => candidate.id === id);
      if (record === undefined) throw this.notFound(kind, id);
      const linkedUsers = kind === 'agents' ? (await this.users.list(caller.tenantId)).filter((user) => user.agentId === id) : [];
      const conflicts: Conflict[] = [
        ...(kind === 'agents' ? agentReferrers(directory, id) : []),
        ...linkedUsers.map((user) => ({ type: 'user' as const, id: user.id, name: user.name, detail: `signs in as ${user.email}` })),
        ...flowReferrers(await editor.flowDocumentsMentioning(id), directory, kind, id),
      ];
      if (conflicts.length > 0) {
        throw conflict(`The ${describeEntity(kind, record)} is still used by ${conflicts.map(describeConflict).join('; ')}. Remove those references first.`, conflicts);
      }
      await editor.remove(kind, id);
    });
  }

  private async write<K extends DirectoryKind>(
    caller: AuthContext,
    kind: K,
    id: string | null,
    build: (current: DirectoryRecord<K> | null) => DirectoryRecord<K>,
  ): Promise<DirectoryRecord<K>> {
    return this.directory.edit(caller.tenantId, async (editor) => {
      const directory = await editor.snapshot();
      const current = id === null ? null : ((directory[kind] as Array<DirectoryRecord<K>>).find((candidate) => candidate.id === id) ?? null);
      if (id !== null && current === null) throw this.notFound(kind, id);
      const record = build(current);
      const issues = agentReferenceIssues(directory, kind, record);
      if (issues.length > 0) {
        throw new BadRequestException({
          statusCode: 400,
          error: 'Bad Request',
          message: issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
          issues,
        });
      }
      const holder = extensionConflict(directory, kind, record);
      if (holder !== null) {
        throw conflict(`The ${holder.detail} is already used by ${holder.type} "${holder.name}" (${holder.id})`, [holder]);
      }
      if (current === null) return editor.insert(kind, record);
      const replaced = await editor.replace(kind, record);
      if (replaced === null) throw this.notFound(kind, record.id);
      return replaced;
    });
  }

  private notFound(kind: DirectoryKind, id: string): NotFoundException {
    return new NotFoundException(`No ${KIND_RULES[kind].noun} ${id}`);
  }
}
