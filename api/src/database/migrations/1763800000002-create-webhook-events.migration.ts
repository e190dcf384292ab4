import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateWebhookEvents1763800000002 implements MigrationInterface {
  name = 'CreateWebhookEvents1763800000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE webhook_events (
        event_id text PRIMARY KEY,
        event_type text NOT NULL,
        call_session_id text,
        status text NOT NULL CHECK (status IN ('received', 'processed', 'failed')),
        attempts integer NOT NULL DEFAULT 1,
        last_error text,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz
      )
    `);
    await queryRunner.query(`
      CREATE TABLE dead_letters (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id text NOT NULL UNIQUE REFERENCES webhook_events (event_id) ON DELETE CASCADE,
        payload jsonb NOT NULL,
        reason text NOT NULL,
        attempts integer NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        redriven_at timestamptz
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE dead_letters');
    await queryRunner.query('DROP TABLE webhook_events');
  }
}
