import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound messages get a delivery state (attempts, next try, last error, when sent, the transport's message id,
 * the SMS sender number); webhook events get the time their processing was claimed, so a claim left by a crashed
 * API instance expires.
 */
export class OutboxDeliveryAndWebhookClaims1764000000000 implements MigrationInterface {
  name = 'OutboxDeliveryAndWebhookClaims1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE outbound_messages
        ADD COLUMN sender text,
        ADD COLUMN attempts integer NOT NULL DEFAULT 0,
        ADD COLUMN next_attempt_at timestamptz NOT NULL DEFAULT now(),
        ADD COLUMN last_error text,
        ADD COLUMN sent_at timestamptz,
        ADD COLUMN transport_message_id text,
        ADD CONSTRAINT outbound_messages_status_check CHECK (status IN ('outbox', 'sending', 'sent', 'failed'))
    `);
    await queryRunner.query(`CREATE INDEX outbound_messages_due ON outbound_messages (next_attempt_at) WHERE status IN ('outbox', 'sending')`);
    await queryRunner.query('ALTER TABLE webhook_events ADD COLUMN claimed_at timestamptz NOT NULL DEFAULT now()');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE webhook_events DROP COLUMN claimed_at');
    await queryRunner.query('DROP INDEX outbound_messages_due');
    await queryRunner.query(`
      ALTER TABLE outbound_messages
        DROP CONSTRAINT outbound_messages_status_check,
        DROP COLUMN transport_message_id,
        DROP COLUMN sent_at,
        DROP COLUMN last_error,
        DROP COLUMN next_attempt_at,
        DROP COLUMN attempts,
        DROP COLUMN sender
    `);
  }
}
