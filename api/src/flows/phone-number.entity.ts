import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity({ name: 'phone_numbers' })
export class PhoneNumberEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'tenant_id', type: 'uuid' })
  tenantId: string;

  /** E.164. */
  @Column({ type: 'text', unique: true })
  number: string;

  @Column({ name: 'flow_id', type: 'uuid', nullable: true })
  flowId: string | null;

  @Column({ type: 'text' })
  label: string;

  /** 'purchased': ordered through the carrier here, and released there when removed. */
  @Column({ type: 'text' })
  source: 'manual' | 'purchased';

  /** The carrier's number order (purchased numbers). */
  @Column({ name: 'carrier_order_id', type: 'text', nullable: true })
  carrierOrderId: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
