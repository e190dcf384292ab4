import { BadRequestException, ConflictException, ForbiddenException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CreateUserBody, UpdateUserBody, User } from '@callflow/schemas';
import { AuditLogRepository } from '../audit/audit-log.repository';
import type { AuthContext } from '../auth/auth-context';
import { AuthService } from '../auth/auth.service';
import { hashPassword } from '../auth/password-hasher';
import { DirectoryRepository } from '../directory/directory.repository';
import { AgentTakenError, EmailTakenError, UsersRepository, withoutPassword, type UserChanges } from './users.repository';

function conflictFor(error: unknown): unknown {
  return error instanceof EmailTakenError || error instanceof AgentTakenError ? new ConflictException(error.message) : error;
}

/** Users of the caller's company. Only owners create, change or remove owners; a company always keeps one owner. */
@Injectable()
export class UsersService {
  constructor(
    @Inject(UsersRepository) private readonly users: UsersRepository,
    @Inject(DirectoryRepository) private readonly directory: DirectoryRepository,
    @Inject(AuditLogRepository) private readonly audit: AuditLogRepository,
    @Inject(AuthService) private readonly auth: AuthService,
  ) {}

  async list(caller: AuthContext): Promise<User[]> {
    return (await this.users.list(caller.tenantId)).map(withoutPassword);
  }

  async get(caller: AuthContext, id: string): Promise<User> {
    const user = await this.users.find(caller.tenantId, id);
    if (user === null) throw new NotFoundException(`No user ${id}`);
    return withoutPassword(user);
  }

  async create(caller: AuthContext, body: CreateUserBody): Promise<User> {
    if (body.role === 'owner' && caller.role !== 'owner') throw new ForbiddenException('Only owners can add owners');
    if (body.agentId !== null) await this.assertAgentExists(caller.tenantId, body.agentId);
    const user = await this.users
      .create(caller.tenantId, { ...body, passwordHash: await hashPassword(body.password) })
      .catch((error: unknown) => Promise.reject(conflictFor(error)));
    await this.audit.record(caller, { action: 'user.created', targetType: 'user', targetId: user.id, details: { role: user.role } });
    return withoutPassword(user);
  }

  async update(caller: AuthContext, id: string, body: UpdateUserBody): Promise<User> {
    const current = await this.users.find(caller.tenantId, id);
    if (current === null) throw new NotFoundException(`No user ${id}`);
    const roleChanges = body.role !== undefined && body.role !== current.role;
    if ((current.role === 'owner' || body.role === 'owner') && roleChanges && caller.role !== 'owner') {
      throw new ForbiddenException('Only owners can change who is an owner');
    }
    if (current.role === 'owner' && roleChanges) await this.assertAnotherOwner(caller.tenantId);
    if (body.agentId !== undefined && body.agentId !== null) await this.assertAgentExists(caller.tenantId, body.agentId);
    const { password, ...rest } = body;
    const changes: UserChanges = { ...rest, ...(password === undefined ? {} : { passwordHash: await hashPassword(password) }) };
    const updated = await this.users.update(caller.tenantId, id, changes).catch((error: unknown) => Promise.reject(conflictFor(error)));
    if (updated === null) throw new NotFoundException(`No user ${id}`);
    if (roleChanges) {
      await this.audit.record(caller, { action: 'user.role_changed', targetType: 'user', targetId: id, details: { from: current.role, to: updated.role } });
    }
    // Tokens carry the role and agent: sessions restart so the change applies at once (access tokens live 15 minutes).
    if (roleChanges || password !== undefined || body.agentId !== undefined) await this.auth.revokeSessions(id);
    return withoutPassword(updated);
  }

  async remove(caller: AuthContext, id: string): Promise<void> {
    const current = await this.users.find(caller.tenantId, id);
    if (current === null) throw new NotFoundException(`No user ${id}`);
    if (current.role === 'owner') {
      if (caller.role !== 'owner') throw new ForbiddenException('Only owners can remove owners');
      await this.assertAnotherOwner(caller.tenantId);
    }
    await this.users.delete(caller.tenantId, id);
    await this.audit.record(caller, { action: 'user.deleted', targetType: 'user', targetId: id, details: { email: current.email, role: current.role } });
  }

  private async assertAnotherOwner(tenantId: string): Promise<void> {
    if ((await this.users.countOwners(tenantId)) <= 1) throw new ConflictException('The company must keep at least one owner');
  }

  private async assertAgentExists(tenantId: string, agentId: string): Promise<void> {
    const { agents } = await this.directory.snapshot(tenantId);
    if (!agents.some((agent) => agent.id === agentId)) {
      throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `agentId: no agent ${agentId}`, issues: [{ path: 'agentId', message: `no agent ${agentId}` }] });
    }
  }
}
