import { Controller, Delete, Get, HttpCode, Inject, NotFoundException, Param, Patch, Post, Put, StreamableFile } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import {
  CreateFlowBodySchema,
  DraftDocumentSchema,
  DraftValidationSchema,
  DuplicateFlowBodySchema,
  ExportFlowQuerySchema,
  FlowDetailSchema,
  FlowDiffResponseSchema,
  FlowSummarySchema,
  FlowVersionSchema,
  FlowVersionSummarySchema,
  PublishFlowBodySchema,
  PublishRefusalSchema,
  PublishedFlowVersionSchema,
  RenameFlowBodySchema,
  RollbackFlowBodySchema,
  SaveDraftBodySchema,
  SavedDraftSchema,
  type CreateFlowBody,
  type DraftDocument,
  type DraftValidation,
  type DuplicateFlowBody,
  type ExportFlowQuery,
  type FlowDetail,
  type FlowDiffResponse,
  type FlowSummary,
  type FlowVersion,
  type FlowVersionSummary,
  type PublishedFlowVersion,
  type PublishFlowBody,
  type RenameFlowBody,
  type RollbackFlowBody,
  type SavedDraft,
  type SaveDraftBody,
} from '@callflow/schemas';
import { z } from 'zod';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { UuidParam, ZodBody, ZodQuery, ZodResponse } from '../http/zod-validation';
import { FlowsService } from './flows.service';

/** A version number path parameter (1, 2, 3…); anything else is answered like a version that does not exist (404). */
function VersionParam(name: string): ParameterDecorator {
  return (target, key, index) => {
    Param(name, {
      transform(value: string): number {
        if (!/^[1-9]\d{0,8}$/.test(value)) throw new NotFoundException(`No version ${value}`);
        return Number(value);
      },
    })(target, key, index);
    if (key === undefined) throw new Error('VersionParam belongs on controller methods');
    const descriptor = Object.getOwnPropertyDescriptor(target, key);
    if (descriptor === undefined) throw new Error(`No method ${String(key)}`);
    ApiParam({ name, schema: { type: 'integer', minimum: 1 } })(target, key, descriptor);
  };
}

/**
 * Supervisors read flows, versions and diffs; admins edit drafts, create, import, duplicate, publish, roll back and
 * delete.
 */
@ApiTags('flows')
@Controller('flows')
@RequireRole('admin')
export class FlowsController {
  constructor(@Inject(FlowsService) private readonly flows: FlowsService) {}

  @Get()
  @RequireRole('supervisor')
  @ZodResponse(z.array(FlowSummarySchema))
  list(@Auth() caller: AuthContext): Promise<FlowSummary[]> {
    return this.flows.list(caller);
  }

  @Post()
  @ZodResponse(FlowDetailSchema, 201)
  create(@Auth() caller: AuthContext, @ZodBody(CreateFlowBodySchema) body: CreateFlowBody): Promise<FlowDetail> {
    return this.flows.create(caller, body);
  }

  /** The body is a flow file (`format: callflow.flow/v1`), as exported. */
  @Post('import')
  @ZodResponse(FlowDetailSchema, 201)
  importFile(@Auth() caller: AuthContext, @ZodBody(DraftDocumentSchema) document: DraftDocument): Promise<FlowDetail> {
    return this.flows.importFile(caller, document);
  }

  @Get(':id')
  @RequireRole('supervisor')
  @ZodResponse(FlowDetailSchema)
  get(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<FlowDetail> {
    return this.flows.get(caller, id);
  }

  /** Saves the draft (checked for structure only; publishing validates it). 409 when `revision` is not the current one. */
  @Put(':id')
  @ZodResponse(SavedDraftSchema)
  saveDraft(@Auth() caller: AuthContext, @UuidParam('id') id: string, @ZodBody(SaveDraftBodySchema) body: SaveDraftBody): Promise<SavedDraft> {
    return this.flows.saveDraft(caller, id, body);
  }

  @Patch(':id')
  @ZodResponse(FlowSummarySchema)
  rename(@Auth() caller: AuthContext, @UuidParam('id') id: string, @ZodBody(RenameFlowBodySchema) body: RenameFlowBody): Promise<FlowSummary> {
    return this.flows.rename(caller, id, body);
  }

  /** 409 while numbers are assigned to the flow or another flow's active version goes to it. */
  @Delete(':id')
  @HttpCode(204)
  remove(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<void> {
    return this.flows.remove(caller, id);
  }

  @Post(':id/duplicate')
  @ZodResponse(FlowDetailSchema, 201)
  duplicate(@Auth() caller: AuthContext, @UuidParam('id') id: string, @ZodBody(DuplicateFlowBodySchema) body: DuplicateFlowBody): Promise<FlowDetail> {
    return this.flows.duplicate(caller, id, body);
  }

  /** The flow file of the draft (or of `?version=N`), as a download. */
  @Get(':id/export')
  @RequireRole('supervisor')
  @ApiProduces('application/json')
  @ZodResponse(DraftDocumentSchema)
  async exportFile(@Auth() caller: AuthContext, @UuidParam('id') id: string, @ZodQuery(ExportFlowQuerySchema) query: ExportFlowQuery): Promise<StreamableFile> {
    const file = await this.flows.exportFile(caller, id, query.version);
    return new StreamableFile(Buffer.from(JSON.stringify(file.document, null, 2)), {
      type: 'application/json; charset=utf-8',
      disposition: `attachment; filename="${file.filename}"`,
    });
  }

  /** The draft's diagnostics (node, port, field and message each), against the tenant's directory and flows. */
  @Get(':id/validation')
  @RequireRole('supervisor')
  @ZodResponse(DraftValidationSchema)
  validate(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<DraftValidation> {
    return this.flows.validate(caller, id);
  }

  /** What publishing would change: the active version (or nothing yet) → the draft. */
  @Get(':id/draft/diff')
  @RequireRole('supervisor')
  @ZodResponse(FlowDiffResponseSchema)
  diffDraft(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<FlowDiffResponse> {
    return this.flows.diffDraft(caller, id);
  }

  /** Publishes the draft as the next version, which becomes active; 422 with the diagnostics when it has errors. */
  @Post(':id/versions')
  @ZodResponse(PublishedFlowVersionSchema, 201)
  @ZodResponse(PublishRefusalSchema, 422)
  publish(@Auth() caller: AuthContext, @UuidParam('id') id: string, @ZodBody(PublishFlowBodySchema) body: PublishFlowBody): Promise<PublishedFlowVersion> {
    return this.flows.publish(caller, id, body);
  }

  @Get(':id/versions')
  @RequireRole('supervisor')
  @ZodResponse(z.array(FlowVersionSummarySchema))
  versions(@Auth() caller: AuthContext, @UuidParam('id') id: string): Promise<FlowVersionSummary[]> {
    return this.flows.versions(caller, id);
  }

  @Get(':id/versions/:number')
  @RequireRole('supervisor')
  @ZodResponse(FlowVersionSchema)
  version(@Auth() caller: AuthContext, @UuidParam('id') id: string, @VersionParam('number') versionNumber: number): Promise<FlowVersion> {
    return this.flows.version(caller, id, versionNumber);
  }

  /** What changed from version `from` to version `to`. */
  @Get(':id/versions/:from/diff/:to')
  @RequireRole('supervisor')
  @ZodResponse(FlowDiffResponseSchema)
  diffVersions(
    @Auth() caller: AuthContext,
    @UuidParam('id') id: string,
    @VersionParam('from') from: number,
    @VersionParam('to') to: number,
  ): Promise<FlowDiffResponse> {
    return this.flows.diffVersions(caller, id, from, to);
  }

  /** Makes another version active (rollback, or forward again); running calls keep theirs. */
  @Post(':id/rollback')
  @HttpCode(200)
  @ZodResponse(FlowVersionSummarySchema)
  rollback(@Auth() caller: AuthContext, @UuidParam('id') id: string, @ZodBody(RollbackFlowBodySchema) body: RollbackFlowBody): Promise<FlowVersionSummary> {
    return this.flows.rollback(caller, id, body);
  }
}
