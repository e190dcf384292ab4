import { Inject, Injectable } from '@nestjs/common';
import type { AuditEntry, AuditQuery } from '@callflow/schemas';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import type { AuthContext } from '../auth/auth-context';
import { AuditEntryEntity } from './audit-entry.entity';

export interface AuditRecord {
  action: string;
  targetType: string;
  targetId: string;
  details?: Record<string, unknown>;
}

/** Who did what: publish, rollback, role changes, every recording or voicemail access. */
@Injectable()
export class AuditLogRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Pass the transaction's manager when the audited change is transactional, so both land or neither does. */
  async record(actor: AuthContext, record: AuditRecord, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.getRepository(AuditEntryEntity).insert({
      tenantId: actor.tenantId,
      userId: actor.userId,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId,
      details: record.details ?? {},
    });
  }

  async list(tenantId: string, query: AuditQuery): Promise<AuditEntry[]> {
    const entities = await this.dataSource.getRepository(AuditEntryEntity).find({
      where: {
        tenantId,
        ...(query.action === undefined ? {} : { action: query.action }),
        ...(query.before === undefined ? {} : { id: LessThan(String(query.before)) }),
      },
      order: { id: 'DESC' },
      take: query.limit,
    });
    return entities.map((entity) => ({
      id: entity.id,
      at: entity.at.toISOString(),
      userId: entity.userId,
      action: entity.action,
      targetType: entity.targetType,
      targetId: entity.targetId,
      details: entity.details as Record<string, unknown>,
    }));
  }
}
