import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCalls1763800000001 implements MigrationInterface {
  name = 'CreateCalls1763800000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    // flow_id / flow_version_id keep no foreign key: the call log outlives flows deleted later.
    await queryRunner.query(`
      CREATE TABLE calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        call_session_id text NOT NULL UNIQUE,
        workflow_id text NOT NULL,
        flow_id uuid NOT NULL,
        flow_version_id uuid NOT NULL,
        from_number text NOT NULL,
        to_number text NOT NULL,
        started_at timestamptz NOT NULL,
        ended_at timestamptz,
        outcome text,
        outcome_node text,
        outcome_reason text
      )
    `);
    await queryRunner.query('CREATE INDEX calls_tenant_started_idx ON calls (tenant_id, started_at DESC)');
    await queryRunner.query(`
      CREATE TABLE call_events (
        call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        seq integer NOT NULL CHECK (seq >= 1),
        at timestamptz NOT NULL,
        type text NOT NULL,
        node text,
        detail jsonb NOT NULL,
        PRIMARY KEY (call_id, seq)
      )
    `);
    await queryRunner.query(`
      CREATE TABLE call_histories (
        call_id uuid PRIMARY KEY REFERENCES calls (id) ON DELETE CASCADE,
        history jsonb NOT NULL,
        archived_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query(`
      CREATE TABLE voicemails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        mailbox_id text NOT NULL,
        caller_number text NOT NULL,
        duration_secs integer NOT NULL CHECK (duration_secs >= 0),
        recording_url text NOT NULL,
        audio bytea NOT NULL,
        content_type text NOT NULL,
        transcription text,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        CONSTRAINT voicemails_call_recording_key UNIQUE (call_id, recording_url)
      )
    `);
    await queryRunner.query('CREATE INDEX voicemails_mailbox_idx ON voicemails (tenant_id, mailbox_id, created_at DESC)');
    await queryRunner.query(`
      CREATE TABLE outbound_messages (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        channel text NOT NULL CHECK (channel IN ('email', 'sms')),
        recipient text NOT NULL,
        subject text,
        body text NOT NULL,
        status text NOT NULL,
        voicemail_id uuid REFERENCES voicemails (id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['outbound_messages', 'voicemails', 'call_histories', 'call_events', 'calls']) {
      await queryRunner.query(`DROP TABLE ${table}`);
    }
  }
}
