import type { DirectorySnapshot, NodeKind } from '@callflow/schemas';
import type { EdgeChange, NodeChange } from '@xyflow/react';
import type { SaveDraftResult } from '../api/flows-client';
import type { CanvasEdge, CanvasNode } from '../canvas/flow-adapter';
import type { DraftDocument, NodeConfigDraft } from '../document/draft-document';
import type { ConnectionCheck, ConnectionRequest } from './connection-rules';
import type { Fragment, XY } from './document-ops';

/** The flow being edited, with its undo history (the only undoable state). */
export interface DocumentSlice {
  document: DraftDocument;
  history: { past: DraftDocument[]; future: DraftDocument[]; lastEdit: string | null };
  addNode(kind: NodeKind, position: XY): string;
  moveNodes(positions: Readonly<Record<string, XY>>): void;
  updateNodeLabel(nodeId: string, label: string): void;
  /** `field` names the edited field: consecutive edits of one field are one undo step. */
  updateNodeConfig(nodeId: string, config: NodeConfigDraft, field?: string): void;
  updateMetadata(metadata: DraftDocument['metadata'], field?: string): void;
  updateVariables(variables: DraftDocument['variables'], field?: string): void;
  connect(request: ConnectionRequest): ConnectionCheck;
  deleteSelection(): void;
  paste(): void;
  undo(): void;
  redo(): void;
  /** Opens another document (at `revision` when it is a stored draft): history and selection start afresh. */
  replaceDocument(document: DraftDocument, source: DocumentSource, revision?: number | null): void;
  /** Replaces the content of the document being edited (a flow file read into it): one undo step, saved like any edit. */
  replaceContent(document: DraftDocument): void;
}

/** What the user sees and selects: never undone, never saved. */
export interface ViewSlice {
  selection: { nodeIds: string[]; edgeIds: string[] };
  clipboard: Fragment | null;
  pasteCount: number;
  /** The path of the last simulated call, lit on the canvas. */
  simulation: SimulationPath | null;
  /** Tenant directory used to check references and to simulate. */
  directory: DirectorySnapshot;
  select(nodeIds: string[], edgeIds?: string[]): void;
  selectAll(): void;
  copy(): void;
  /**
   * What the canvas reports that the document and the selection need: selection, and positions where a drag ended
   * (one undo step). Sizes and positions during a drag stay with React Flow.
   */
  onNodesChange(changes: NodeChange<CanvasNode>[]): void;
  onEdgesChange(changes: EdgeChange<CanvasEdge>[]): void;
  showSimulation(path: SimulationPath | null): void;
  setDirectory(directory: DirectorySnapshot): void;
}

export interface SimulationPath {
  visitedNodeIds: string[];
  traversedEdgeIds: string[];
  /** Where the call is (waiting for the caller) or ended. */
  lastNodeId: string | null;
}

export type DocumentSource =
  | { type: 'file'; name: string }
  | { type: 'example'; name: string }
  | { type: 'new' }
  /** The draft of a stored flow, saved to the API as it is edited. */
  | { type: 'flow'; flowId: string };

/** Where the document came from and whether it has changes not yet exported or saved. */
export interface DraftSlice {
  source: DocumentSource;
  /** Revision of the stored draft this document is based on; null until the draft comes from the API. */
  revision: number | null;
  /** The document as last opened or saved: changes since are unsaved. */
  savedDocument: DraftDocument;
  /** Why the last save was refused (someone else saved first), until the next successful save. */
  saveConflict: string | null;
  /** A save is on its way to the API. */
  saving: boolean;
  /** Why the last save failed (the API could not be reached…), until the next save succeeds. */
  saveError: string | null;
  markSaved(document: DraftDocument): void;
  startSave(): void;
  /** Takes the API's answer to saving `document`. */
  applySaveResult(document: DraftDocument, result: SaveDraftResult): void;
  applySaveFailure(message: string): void;
  /** Bases the document on `revision` (the draft someone else saved): the next save overwrites theirs. */
  rebase(revision: number): void;
}

export type EditorState = DocumentSlice & ViewSlice & DraftSlice;
