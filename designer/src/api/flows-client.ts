import {
  DraftValidationSchema,
  FlowDetailSchema,
  FlowDiffResponseSchema,
  FlowSummarySchema,
  FlowVersionSchema,
  FlowVersionSummarySchema,
  PublishRefusalSchema,
  PublishedFlowVersionSchema,
  SavedDraftSchema,
  type DraftValidation,
  type FlowDetail,
  type FlowDiagnostic,
  type FlowDiffResponse,
  type FlowSummary,
  type FlowVersion,
  type FlowVersionSummary,
  type PublishedFlowVersion,
} from '@callflow/schemas';
import { z } from 'zod';
import type { DraftDocument } from '../document/draft-document';
import { http, isApiError, type HttpClient } from './http';

export type SaveDraftResult =
  | { status: 'saved'; revision: number }
  /** 409: someone else saved first; their revision is the current one. */
  | { status: 'conflict'; message: string };

export type PublishResult =
  | { status: 'published'; version: PublishedFlowVersion }
  /** 422: the draft has errors; each diagnostic names its node. */
  | { status: 'refused'; message: string; diagnostics: FlowDiagnostic[] };

/** A flow file as the API exports it, with the file name it suggests. */
export interface ExportedFlowFile {
  text: string;
  filename: string;
}

const ConflictBodySchema = z.object({ message: z.string(), currentRevision: z.number().int().optional() });

function filenameOf(disposition: string | null, fallback: string): string {
  return /filename="([^"]+)"/.exec(disposition ?? '')?.[1] ?? fallback;
}

/**
 * The flow endpoints (`/api/flows…`). Drafts are saved with the revision they were loaded at; a stale revision is
 * refused (409) so that nobody overwrites someone else's work unknowingly.
 */
export function createFlowsClient(client: Pick<HttpClient, 'request' | 'respond'>) {
  const flow = (id: string) => `/flows/${encodeURIComponent(id)}`;
  return {
    list: (): Promise<FlowSummary[]> => client.request('/flows', { schema: z.array(FlowSummarySchema) }),
    /** A new flow: `document` as its draft, or the API's starter flow. */
    create: (name: string, document?: DraftDocument): Promise<FlowDetail> =>
      client.request('/flows', { method: 'POST', body: { name, document }, schema: FlowDetailSchema }),
    /** A new flow from a flow file (`format: callflow.flow/v1`). */
    importFile: (file: unknown): Promise<FlowDetail> => client.request('/flows/import', { method: 'POST', body: file, schema: FlowDetailSchema }),
    get: (id: string): Promise<FlowDetail> => client.request(flow(id), { schema: FlowDetailSchema }),
    async saveDraft(id: string, document: DraftDocument, revision: number): Promise<SaveDraftResult> {
      try {
        const saved = await client.request(flow(id), { method: 'PUT', body: { revision, document }, schema: SavedDraftSchema });
        return { status: 'saved', revision: saved.revision };
      } catch (error) {
        if (!isApiError(error, 409)) throw error;
        const body = ConflictBodySchema.safeParse(error.body);
        return { status: 'conflict', message: body.success ? body.data.message : error.message };
      }
    },
    rename: (id: string, name: string): Promise<FlowSummary> => client.request(flow(id), { method: 'PATCH', body: { name }, schema: FlowSummarySchema }),
    /** 409 while numbers are assigned to it or another flow's active version goes to it. */
    remove: async (id: string): Promise<void> => {
      await client.request(flow(id), { method: 'DELETE' });
    },
    duplicate: (id: string, name?: string): Promise<FlowDetail> =>
      client.request(`${flow(id)}/duplicate`, { method: 'POST', body: name === undefined ? {} : { name }, schema: FlowDetailSchema }),
    /** The flow file of the draft, or of a published version. */
    async exportFile(id: string, version?: number): Promise<ExportedFlowFile> {
      const response = await client.respond(`${flow(id)}/export`, { query: { version } });
      return { text: await response.text(), filename: filenameOf(response.headers.get('content-disposition'), 'flow.flow.json') };
    },
    validate: (id: string): Promise<DraftValidation> => client.request(`${flow(id)}/validation`, { schema: DraftValidationSchema }),
    /** What publishing would change: the active version (or nothing yet) → the draft. */
    draftDiff: (id: string): Promise<FlowDiffResponse> => client.request(`${flow(id)}/draft/diff`, { schema: FlowDiffResponseSchema }),
    async publish(id: string, notes: string, revision: number): Promise<PublishResult> {
      try {
        const version = await client.request(`${flow(id)}/versions`, { method: 'POST', body: { notes, revision }, schema: PublishedFlowVersionSchema });
        return { status: 'published', version };
      } catch (error) {
        if (!isApiError(error, 422)) throw error;
        const refusal = PublishRefusalSchema.safeParse(error.body);
        return { status: 'refused', message: error.message, diagnostics: refusal.success ? refusal.data.diagnostics : [] };
      }
    },
    versions: (id: string): Promise<FlowVersionSummary[]> => client.request(`${flow(id)}/versions`, { schema: z.array(FlowVersionSummarySchema) }),
    version: (id: string, number: number): Promise<FlowVersion> => client.request(`${flow(id)}/versions/${number}`, { schema: FlowVersionSchema }),
    /** What changed from version `from` to version `to`. */
    diffVersions: (id: string, from: number, to: number): Promise<FlowDiffResponse> =>
      client.request(`${flow(id)}/versions/${from}/diff/${to}`, { schema: FlowDiffResponseSchema }),
    /** Makes `version` the active one again. */
    rollback: (id: string, version: number): Promise<FlowVersionSummary> =>
      client.request(`${flow(id)}/rollback`, { method: 'POST', body: { version }, schema: FlowVersionSummarySchema }),
  };
}

export type FlowsClient = ReturnType<typeof createFlowsClient>;

export const flowsClient = createFlowsClient(http);
