import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuditEntrySchema, AuditQuerySchema, type AuditEntry, type AuditQuery } from '@callflow/schemas';
import { z } from 'zod';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { ZodQuery, ZodResponse } from '../http/zod-validation';
import { AuditLogRepository } from './audit-log.repository';

@ApiTags('audit')
@Controller('audit')
@RequireRole('admin')
export class AuditController {
  constructor(@Inject(AuditLogRepository) private readonly audit: AuditLogRepository) {}

  @Get()
  @ZodResponse(z.array(AuditEntrySchema))
  list(@Auth() caller: AuthContext, @ZodQuery(AuditQuerySchema) query: AuditQuery): Promise<AuditEntry[]> {
    return this.audit.list(caller.tenantId, query);
  }
}
