import type { DraftDocument } from '../document/draft-document';

/**
 * The flow endpoints of the REST API the editor will use (`/api/flows…`, bearer token from `POST /api/auth/login`).
 * Drafts are saved with the revision they were loaded at; a stale revision is refused (409) so that nobody
 * overwrites someone else's work unknowingly.
 */
export interface FlowsClient {
  /** `GET /api/flows/:id`: the draft and its revision. */
  getDraft(flowId: string): Promise<{ document: DraftDocument; revision: number }>;
  /** `PUT /api/flows/:id` with the revision the document was based on. */
  saveDraft(flowId: string, document: DraftDocument, baseRevision: number): Promise<SaveDraftResult>;
}

export type SaveDraftResult =
  | { status: 'saved'; revision: number }
  /** 409: someone else saved first; their revision is the current one. */
  | { status: 'conflict'; message: string };
