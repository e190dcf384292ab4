import { Inject, Injectable } from '@nestjs/common';
import type { Role, User } from '@callflow/schemas';
import { DataSource, type EntityManager } from 'typeorm';
import { UserEntity } from './user.entity';

export interface UserWithPassword extends User {
  passwordHash: string;
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string;
  role: Role;
  agentId: string | null;
}

export type UserChanges = Partial<Pick<UserWithPassword, 'name' | 'role' | 'agentId' | 'passwordHash'>>;

function toUser(entity: UserEntity): UserWithPassword {
  return {
    id: entity.id,
    tenantId: entity.tenantId,
    email: entity.email,
    name: entity.name,
    role: entity.role,
    agentId: entity.agentId,
    createdAt: entity.createdAt.toISOString(),
    passwordHash: entity.passwordHash,
  };
}

export function withoutPassword({ passwordHash: _hash, ...user }: UserWithPassword): User {
  return user;
}

const UNIQUE_VIOLATION = '23505';

export class EmailTakenError extends Error {
  constructor(email: string) {
    super(`A user with e-mail ${email} already exists`);
  }
}

export class AgentTakenError extends Error {
  constructor(agentId: string) {
    super(`Agent ${agentId} is already linked to another user`);
  }
}

@Injectable()
export class UsersRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async findByEmail(email: string): Promise<UserWithPassword | null> {
    const entity = await this.dataSource.getRepository(UserEntity).findOneBy({ email });
    return entity && toUser(entity);
  }

  /** Only for the caller's own record (refreshing a session); everything else is looked up within a tenant. */
  async findById(id: string): Promise<UserWithPassword | null> {
    const entity = await this.dataSource.getRepository(UserEntity).findOneBy({ id });
    return entity && toUser(entity);
  }

  async find(tenantId: string, id: string): Promise<UserWithPassword | null> {
    const entity = await this.dataSource.getRepository(UserEntity).findOneBy({ tenantId, id });
    return entity && toUser(entity);
  }

  async list(tenantId: string): Promise<UserWithPassword[]> {
    const entities = await this.dataSource.getRepository(UserEntity).find({ where: { tenantId }, order: { createdAt: 'ASC' } });
    return entities.map(toUser);
  }

  async create(tenantId: string, user: NewUser, manager: EntityManager = this.dataSource.manager): Promise<UserWithPassword> {
    try {
      return toUser(await manager.getRepository(UserEntity).save({ tenantId, ...user }));
    } catch (error) {
      throw this.explain(error, user);
    }
  }

  async update(tenantId: string, id: string, changes: UserChanges): Promise<UserWithPassword | null> {
    try {
      const result = await this.dataSource.getRepository(UserEntity).update({ tenantId, id }, changes);
      return result.affected === 0 ? null : this.find(tenantId, id);
    } catch (error) {
      throw this.explain(error, changes);
    }
  }

  async countOwners(tenantId: string): Promise<number> {
    return this.dataSource.getRepository(UserEntity).countBy({ tenantId, role: 'owner' });
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const result = await this.dataSource.getRepository(UserEntity).delete({ tenantId, id });
    return (result.affected ?? 0) > 0;
  }

  private explain(error: unknown, user: { email?: string; agentId?: string | null }): unknown {
    const { code, constraint } = error as { code?: string; constraint?: string };
    if (code !== UNIQUE_VIOLATION) return error;
    if (constraint === 'users_agent_key') return new AgentTakenError(user.agentId ?? '');
    return new EmailTakenError(user.email ?? '');
  }
}
