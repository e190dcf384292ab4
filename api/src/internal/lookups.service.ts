import { Inject, Injectable } from '@nestjs/common';
import { resolveLookup } from '@callflow/engine';
import type { LookupBody, LookupResponse } from '@callflow/workflows';
import { DirectoryRepository } from '../directory/directory.repository';

const EMPTY_MEMORY = { lastAgentIdByGroup: {} };

/** Answers the interpreter's directory questions from the tenant's tables. Null when the tenant does not exist. */
@Injectable()
export class LookupsService {
  constructor(@Inject(DirectoryRepository) private readonly directory: DirectoryRepository) {}

  async lookup({ tenantId, request, at, seed }: LookupBody): Promise<LookupResponse | null> {
    if (request.type === 'schedule' || request.type === 'mailbox') {
      // Never touch routing memory: no transaction, no lock.
      if (!(await this.directory.tenantExists(tenantId))) return null;
      const directory = await this.directory.snapshot(tenantId);
      return { result: resolveLookup(request, { directory, memory: EMPTY_MEMORY, at, seed }).result };
    }
    const result = await this.directory.withRoutingMemory(tenantId, (directory, memory) => {
      const resolved = resolveLookup(request, { directory, memory, at, seed });
      return { value: resolved.result, memory: resolved.memory };
    });
    return result === null ? null : { result };
  }
}
