import { Inject, Injectable } from '@nestjs/common';
import { E164Schema, type NumberSource, type PhoneNumber as PhoneNumberListing } from '@callflow/schemas';
import { DataSource } from 'typeorm';
import { FlowNotFoundError } from './flows.repository';

export interface PhoneNumber {
  id: string;
  tenantId: string;
  number: string;
  flowId: string | null;
  label: string;
}

export interface NewPhoneNumber {
  number: string;
  label: string;
  flowId: string | null;
  source: NumberSource;
}

/** What removing a number needs to know: whether it goes back to the carrier. */
export interface NumberOwnership {
  id: string;
  number: string;
  source: NumberSource;
}

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

/** Numbers are unique across tenants: another company (or this one) already has it. */
export class NumberTakenError extends Error {
  constructor(number: string) {
    super(`${number} is already in use`);
  }
}

interface ListingRow {
  id: string;
  number: string;
  label: string;
  source: NumberSource;
  created_at: Date;
  flow_id: string | null;
  flow_name: string | null;
  last_call_at: Date | null;
  calls_today: string;
}

@Injectable()
export class PhoneNumbersRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Adds the number to the tenant (or updates it) and points it at a flow; null leaves it unassigned. */
  async assign(tenantId: string, number: string, flowId: string | null, label = ''): Promise<PhoneNumber> {
    const parsed = E164Schema.safeParse(number);
    if (!parsed.success) throw new Error(`"${number}" is not a phone number in E.164 format (e.g. +14155550123).`);
    if (flowId !== null) {
      const flows: unknown[] = await this.dataSource.query('SELECT 1 FROM flows WHERE id = $1 AND tenant_id = $2', [flowId, tenantId]);
      if (flows.length === 0) throw new Error(`Flow ${flowId} does not exist for this tenant.`);
    }
    const [row]: Array<{ id: string; tenant_id: string; number: string; flow_id: string | null; label: string }> = await this.dataSource.query(
      `INSERT INTO phone_numbers (tenant_id, number, flow_id, label) VALUES ($1, $2, $3, $4)
       ON CONFLICT (number) DO UPDATE SET flow_id = EXCLUDED.flow_id, label = EXCLUDED.label
       WHERE phone_numbers.tenant_id = EXCLUDED.tenant_id
       RETURNING id, tenant_id, number, flow_id, label`,
      [tenantId, parsed.data, flowId, label],
    );
    if (!row) throw new Error(`${number} belongs to another tenant.`);
    return { id: row.id, tenantId: row.tenant_id, number: row.number, flowId: row.flow_id, label: row.label };
  }

  /**
   * Adds a number to the tenant; NumberTakenError if any tenant has it, FlowNotFoundError if `flowId` is not one of
   * the tenant's flows. Returns its id.
   */
  async add(tenantId: string, number: NewPhoneNumber): Promise<string> {
    const rows: Array<{ id: string }> = await this.dataSource
      .query(
        `INSERT INTO phone_numbers (tenant_id, number, flow_id, label, source)
         SELECT $1, $2, $3, $4, $5
         WHERE $3::uuid IS NULL OR EXISTS (SELECT 1 FROM flows WHERE id = $3 AND tenant_id = $1)
         RETURNING id`,
        [tenantId, number.number, number.flowId, number.label, number.source],
      )
      .catch((error: unknown) => Promise.reject(explain(error, number.number, number.flowId)));
    const [row] = rows;
    if (!row) throw new FlowNotFoundError(number.flowId ?? '');
    return row.id;
  }

  /** Changes the label and/or the flow (null unassigns); false if the tenant has no such number. */
  async update(tenantId: string, id: string, changes: { label?: string; flowId?: string | null }): Promise<boolean> {
    const { flowId } = changes;
    if (flowId !== undefined && flowId !== null) {
      const flows: unknown[] = await this.dataSource.query('SELECT 1 FROM flows WHERE id = $1 AND tenant_id = $2', [flowId, tenantId]);
      if (flows.length === 0) throw new FlowNotFoundError(flowId);
    }
    const [, affected]: [unknown, number] = await this.dataSource
      .query(
        `UPDATE phone_numbers SET label = COALESCE($3, label), flow_id = CASE WHEN $4 THEN $5::uuid ELSE flow_id END
         WHERE tenant_id = $1 AND id = $2`,
        [tenantId, id, changes.label ?? null, flowId !== undefined, flowId ?? null],
      )
      .catch((error: unknown) => Promise.reject(explain(error, '', flowId ?? null)));
    return affected > 0;
  }

  async recordCarrierOrder(tenantId: string, id: string, orderId: string): Promise<void> {
    await this.dataSource.query('UPDATE phone_numbers SET carrier_order_id = $3 WHERE tenant_id = $1 AND id = $2', [tenantId, id, orderId]);
  }

  async ownership(tenantId: string, id: string): Promise<NumberOwnership | null> {
    const [row]: NumberOwnership[] = await this.dataSource.query('SELECT id, number, source FROM phone_numbers WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return row ?? null;
  }

  async delete(tenantId: string, id: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.dataSource.query('DELETE FROM phone_numbers WHERE tenant_id = $1 AND id = $2', [tenantId, id]);
    return affected > 0;
  }

  /** The tenant's numbers with their flow, last call and calls since midnight in `timeZone` (from the call log). */
  async list(tenantId: string, timeZone: string): Promise<PhoneNumberListing[]> {
    return this.listings(tenantId, null, timeZone);
  }

  async find(tenantId: string, id: string, timeZone: string): Promise<PhoneNumberListing | null> {
    return (await this.listings(tenantId, id, timeZone))[0] ?? null;
  }

  private async listings(tenantId: string, id: string | null, timeZone: string): Promise<PhoneNumberListing[]> {
    const rows: ListingRow[] = await this.dataSource.query(
      `SELECT pn.id, pn.number, pn.label, pn.source, pn.created_at, pn.flow_id, f.name AS flow_name,
              (SELECT c.started_at FROM calls c WHERE c.tenant_id = pn.tenant_id AND c.to_number = pn.number
               ORDER BY c.started_at DESC LIMIT 1) AS last_call_at,
              (SELECT count(*) FROM calls c WHERE c.tenant_id = pn.tenant_id AND c.to_number = pn.number
               AND c.started_at >= date_trunc('day', now(), $3)) AS calls_today
       FROM phone_numbers pn LEFT JOIN flows f ON f.id = pn.flow_id
       WHERE pn.tenant_id = $1 AND ($2::uuid IS NULL OR pn.id = $2)
       ORDER BY pn.number`,
      [tenantId, id, timeZone],
    );
    return rows.map((row) => ({
      id: row.id,
      number: row.number,
      label: row.label,
      flow: row.flow_id === null ? null : { id: row.flow_id, name: row.flow_name ?? '' },
      source: row.source,
      lastCallAt: row.last_call_at?.toISOString() ?? null,
      callsToday: Number(row.calls_today),
      createdAt: row.created_at.toISOString(),
    }));
  }
}

function explain(error: unknown, number: string, flowId: string | null): unknown {
  const { code } = error as { code?: string };
  if (code === UNIQUE_VIOLATION) return new NumberTakenError(number);
  // The flow was deleted between the check and the write.
  if (code === FOREIGN_KEY_VIOLATION) return new FlowNotFoundError(flowId ?? '');
  return error;
}
