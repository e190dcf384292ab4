import { BadRequestException } from '@nestjs/common';

/** A position in a newest-first listing: the row's timestamp in microseconds (PostgreSQL's precision) and its id. */
export interface KeysetPosition {
  micros: string;
  id: string;
}

const POSITION = /^(\d{1,17})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

function encodeCursor(position: KeysetPosition): string {
  return Buffer.from(`${position.micros}|${position.id}`).toString('base64url');
}

/** The position a `cursor` query parameter names; 400 naming the field when it is not one this API handed out. */
function decodeCursor(cursor: string): KeysetPosition {
  const match = POSITION.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!match) {
    const message = 'cursor: expected the nextCursor of a previous page';
    throw new BadRequestException({ statusCode: 400, error: 'Bad Request', message, issues: [{ path: 'cursor', message: 'expected the nextCursor of a previous page' }] });
  }
  return { micros: match[1]!, id: match[2]! };
}

/** SQL for "strictly older than the position" over (timestamp column, id column); $n and $n+1 are micros and id. */
function olderThan(timestampColumn: string, idColumn: string, firstParam: number): string {
  return `(${timestampColumn}, ${idColumn}) < ('epoch'::timestamptz + $${firstParam}::bigint * interval '1 microsecond', $${firstParam + 1}::uuid)`;
}

/** SQL selecting a timestamp column as the micros of a KeysetPosition. */
export function microsOf(timestampColumn: string): string {
  return `(extract(epoch FROM ${timestampColumn}) * 1000000)::bigint::text`;
}

/**
 * "Strictly older than the position `cursor` names" over (timestamp column, id column), its two values appended to
 * `params`; 400 when the cursor is not one this API handed out.
 */
export function olderThanCursor(cursor: string, timestampColumn: string, idColumn: string, params: unknown[]): string {
  const position = decodeCursor(cursor);
  params.push(position.micros, position.id);
  return olderThan(timestampColumn, idColumn, params.length - 1);
}

/** A newest-first listing's page from rows fetched with LIMIT `limit` + 1: its rows, and the next page's cursor if any. */
export function keysetPage<Row extends { cursor_micros: string; id: string }>(rows: Row[], limit: number): { rows: Row[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { rows: page, nextCursor: rows.length > limit && last ? encodeCursor({ micros: last.cursor_micros, id: last.id }) : null };
}
