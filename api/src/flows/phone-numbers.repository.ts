import { Inject, Injectable } from '@nestjs/common';
import { E164Schema } from '@callflow/schemas';
import { DataSource } from 'typeorm';

export interface PhoneNumber {
  id: string;
  tenantId: string;
  number: string;
  flowId: string | null;
  label: string;
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
}
