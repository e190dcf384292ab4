import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { diffFlows, validateFlow } from '@callflow/engine';
import {
  DraftDocumentSchema,
  type CreateFlowBody,
  type DiffSide,
  type DraftDocument,
  type DraftValidation,
  type DuplicateFlowBody,
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
import { DataSource } from 'typeorm';
import { AuditLogRepository } from '../audit/audit-log.repository';
import type { AuthContext } from '../auth/auth-context';
import {
  DraftConflictError,
  FlowInUseError,
  FlowNotFoundError,
  FlowsRepository,
  PublishRefusedError,
  VersionAlreadyActiveError,
  VersionNotFoundError,
  type StoredFlow,
} from './flows.repository';
import { starterDraft } from './starter-flow';

/** A flow file to download: the document, and the name to save it under. */
export interface FlowFile {
  filename: string;
  document: DraftDocument;
}

// Drafts are parsed when saved (and versions are drafts that compiled): this only gives the stored JSON its type back.
const asDraft = (json: unknown): DraftDocument => DraftDocumentSchema.parse(json);

function fileName(name: string, version?: number): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60) || 'flow';
  return `${slug}${version === undefined ? '' : `.v${version}`}.flow.json`;
}

/**
 * Flows and their versions: an editable draft saved with optimistic concurrency, publishing (compile, then an
 * immutable numbered version that becomes active), rollback, diffs, duplicate and the flow file.
 */
@Injectable()
export class FlowsService {
  constructor(
    @Inject(FlowsRepository) private readonly flows: FlowsRepository,
    @Inject(AuditLogRepository) private readonly audit: AuditLogRepository,
    @Inject(DataSource) private readonly dataSource: DataSource,
  ) {}

  list(caller: AuthContext): Promise<FlowSummary[]> {
    return this.flows.listFlows(caller.tenantId);
  }

  async create(caller: AuthContext, body: CreateFlowBody): Promise<FlowDetail> {
    const flow = await this.flows.createFlow(caller.tenantId, body.name, body.document ?? starterDraft(body.name));
    return this.get(caller, flow.id);
  }

  /** A new flow whose draft is the file (named after the file's metadata). */
  async importFile(caller: AuthContext, document: DraftDocument): Promise<FlowDetail> {
    const flow = await this.flows.createFlow(caller.tenantId, document.metadata.name, document);
    return this.get(caller, flow.id);
  }

  async get(caller: AuthContext, id: string): Promise<FlowDetail> {
    const [flow, summary] = await Promise.all([this.find(caller, id), this.flows.flowSummary(caller.tenantId, id)]);
    if (summary === null) throw new NotFoundException(`No flow ${id}`);
    return { ...summary, draft: asDraft(flow.draft) };
  }

  async saveDraft(caller: AuthContext, id: string, body: SaveDraftBody): Promise<SavedDraft> {
    try {
      return { revision: await this.flows.saveDraft(caller.tenantId, id, body.document, body.revision) };
    } catch (error) {
      throw this.explain(error, id);
    }
  }

  async rename(caller: AuthContext, id: string, body: RenameFlowBody): Promise<FlowSummary> {
    if (!(await this.flows.renameFlow(caller.tenantId, id, body.name))) throw new NotFoundException(`No flow ${id}`);
    return this.summary(caller, id);
  }

  async remove(caller: AuthContext, id: string): Promise<void> {
    const deleted = await this.flows.deleteFlow(caller.tenantId, id).catch((error: unknown) => Promise.reject(this.explain(error, id)));
    if (!deleted) throw new NotFoundException(`No flow ${id}`);
  }

  async duplicate(caller: AuthContext, id: string, body: DuplicateFlowBody): Promise<FlowDetail> {
    const original = await this.find(caller, id);
    const copy = await this.flows.createFlow(caller.tenantId, body.name ?? `Copy of ${original.name}`.slice(0, 120), original.draft);
    return this.get(caller, copy.id);
  }

  /** The draft, or a published version, as a flow file. */
  async exportFile(caller: AuthContext, id: string, versionNumber?: number): Promise<FlowFile> {
    const flow = await this.find(caller, id);
    if (versionNumber === undefined) return { filename: fileName(flow.name), document: asDraft(flow.draft) };
    const version = await this.findVersion(caller, id, versionNumber);
    return { filename: fileName(flow.name, versionNumber), document: version.document };
  }

  /** The draft checked as publishing would check it (the tenant's directory and flows included), without publishing. */
  async validate(caller: AuthContext, id: string): Promise<DraftValidation> {
    const flow = await this.find(caller, id);
    const { ok, diagnostics } = validateFlow(flow.draft, await this.flows.validationContext(caller.tenantId));
    return { revision: flow.draftRevision, ok, diagnostics };
  }

  /** Compiles the draft into the next version and makes it active, audited in the same transaction. */
  async publish(caller: AuthContext, id: string, body: PublishFlowBody): Promise<PublishedFlowVersion> {
    const published = await this.dataSource
      .transaction(async (manager) => {
        const version = await this.flows.publishVersion(caller.tenantId, id, body.notes, {
          publishedBy: caller.userId,
          expectedRevision: body.revision,
          manager,
        });
        await this.audit.record(
          caller,
          { action: 'flow.published', targetType: 'flow', targetId: id, details: { version: version.number, versionId: version.id, notes: version.notes } },
          manager,
        );
        return version;
      })
      .catch((error: unknown) => Promise.reject(this.explain(error, id)));
    const summary = await this.versionSummary(caller, id, published.number);
    return { ...summary, diagnostics: published.diagnostics };
  }

  async versions(caller: AuthContext, id: string): Promise<FlowVersionSummary[]> {
    const versions = await this.flows.listVersions(caller.tenantId, id);
    if (versions === null) throw new NotFoundException(`No flow ${id}`);
    return versions;
  }

  async version(caller: AuthContext, id: string, versionNumber: number): Promise<FlowVersion> {
    return this.findVersion(caller, id, versionNumber);
  }

  /** Makes an older (or newer) version active again, atomically and audited; calls in progress keep their version. */
  async rollback(caller: AuthContext, id: string, body: RollbackFlowBody): Promise<FlowVersionSummary> {
    await this.dataSource
      .transaction(async (manager) => {
        const { from, to } = await this.flows.activateVersion(caller.tenantId, id, body.version, manager);
        await this.audit.record(caller, { action: 'flow.rolled_back', targetType: 'flow', targetId: id, details: { from, to } }, manager);
      })
      .catch((error: unknown) => {
        if (error instanceof VersionNotFoundError) {
          const message = `no version ${body.version}`;
          throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message: `version: ${message}`, issues: [{ path: 'version', message }] });
        }
        throw this.explain(error, id);
      });
    return this.versionSummary(caller, id, body.version);
  }

  /** What changed from version `from` to version `to`. */
  async diffVersions(caller: AuthContext, id: string, from: number, to: number): Promise<FlowDiffResponse> {
    const [before, after] = await Promise.all([this.findVersion(caller, id, from), this.findVersion(caller, id, to)]);
    return { from: { kind: 'version', number: from }, to: { kind: 'version', number: to }, diff: diffFlows(before.document, after.document) };
  }

  /** What publishing the draft would change: from the active version (or nothing, before the first publish) to the draft. */
  async diffDraft(caller: AuthContext, id: string): Promise<FlowDiffResponse> {
    const [flow, summary] = await Promise.all([this.find(caller, id), this.summary(caller, id)]);
    const draft = asDraft(flow.draft);
    const to: DiffSide = { kind: 'draft', revision: flow.draftRevision };
    if (summary.activeVersion === null) {
      const empty: DraftDocument = { ...draft, variables: [], nodes: [], edges: [] };
      return { from: { kind: 'empty' }, to, diff: diffFlows(empty, draft) };
    }
    const active = await this.findVersion(caller, id, summary.activeVersion.number);
    return { from: { kind: 'version', number: active.number }, to, diff: diffFlows(active.document, draft) };
  }

  private async find(caller: AuthContext, id: string): Promise<StoredFlow> {
    const flow = await this.flows.findFlow(caller.tenantId, id);
    if (flow === null) throw new NotFoundException(`No flow ${id}`);
    return flow;
  }

  private async summary(caller: AuthContext, id: string): Promise<FlowSummary> {
    const summary = await this.flows.flowSummary(caller.tenantId, id);
    if (summary === null) throw new NotFoundException(`No flow ${id}`);
    return summary;
  }

  private async findVersion(caller: AuthContext, id: string, versionNumber: number): Promise<FlowVersion> {
    const version = await this.flows.findVersion(caller.tenantId, id, versionNumber);
    if (version === null) throw new NotFoundException(`Flow ${id} has no version ${versionNumber}`);
    return { ...version, document: asDraft(version.document) };
  }

  private async versionSummary(caller: AuthContext, id: string, versionNumber: number): Promise<FlowVersionSummary> {
    const { document: _document, program: _program, ...summary } = await this.findVersion(caller, id, versionNumber);
    return summary;
  }

  private explain(error: unknown, id: string): unknown {
    if (error instanceof FlowNotFoundError) return new NotFoundException(`No flow ${id}`);
    if (error instanceof DraftConflictError) {
      return new ConflictException({ statusCode: 409, error: 'Conflict', message: error.message, currentRevision: error.currentRevision });
    }
    if (error instanceof PublishRefusedError) {
      return new UnprocessableEntityException({ statusCode: 422, error: 'Unprocessable Entity', message: error.message, diagnostics: error.diagnostics });
    }
    if (error instanceof VersionAlreadyActiveError || error instanceof FlowInUseError) return new ConflictException(error.message);
    return error;
  }
}
