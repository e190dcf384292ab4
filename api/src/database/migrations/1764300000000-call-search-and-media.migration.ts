import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Call search and reports: each call gets the facts of its step record that searches and analytics filter on
 * (when it started waiting for an agent, who answered and when, when the conversation ended, its last queue, the
 * flow it ended in) and the agents it was offered to; keyset indexes (newest first, id as tie-break) per filter.
 * Call recordings get a table; audio of recordings and voicemails can be purged (the rows stay) after a
 * per-tenant retention period.
 */
export class CallSearchAndMedia1764300000000 implements MigrationInterface {
  name = 'CallSearchAndMedia1764300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE calls
        ADD COLUMN wait_started_at timestamptz,
        ADD COLUMN answered_at timestamptz,
        ADD COLUMN answered_agent_id text,
        ADD COLUMN conversation_ended_at timestamptz,
        ADD COLUMN queue_id text,
        ADD COLUMN outcome_flow_id text
    `);
    await queryRunner.query('DROP INDEX calls_tenant_started_idx');
    await queryRunner.query('CREATE INDEX calls_tenant_started_idx ON calls (tenant_id, started_at DESC, id DESC)');
    for (const column of ['to_number', 'from_number', 'flow_id', 'outcome']) {
      await queryRunner.query(`CREATE INDEX calls_tenant_${column}_idx ON calls (tenant_id, ${column}, started_at DESC, id DESC)`);
    }
    // Versions are unique across tenants: the tenant is checked on the rows found.
    await queryRunner.query('CREATE INDEX calls_flow_version_idx ON calls (flow_version_id, started_at DESC, id DESC)');
    await queryRunner.query(`
      CREATE TABLE call_agents (
        call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        agent_id text NOT NULL,
        tenant_id uuid NOT NULL,
        started_at timestamptz NOT NULL,
        answered boolean NOT NULL,
        PRIMARY KEY (call_id, agent_id)
      )
    `);
    await queryRunner.query('CREATE INDEX call_agents_agent_idx ON call_agents (tenant_id, agent_id, started_at DESC, call_id DESC)');
    await queryRunner.query(`
      CREATE TABLE call_recordings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        call_id uuid NOT NULL REFERENCES calls (id) ON DELETE CASCADE,
        recording_url text NOT NULL,
        started_at timestamptz,
        duration_secs integer NOT NULL CHECK (duration_secs >= 0),
        audio bytea,
        content_type text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        audio_purged_at timestamptz,
        CONSTRAINT call_recordings_call_recording_key UNIQUE (call_id, recording_url),
        CHECK ((audio IS NULL) = (audio_purged_at IS NOT NULL))
      )
    `);
    await queryRunner.query('CREATE INDEX call_recordings_tenant_idx ON call_recordings (tenant_id, created_at DESC, id DESC)');
    // Purged voicemail audio becomes empty (the column stays NOT NULL for the code that stores voicemails).
    await queryRunner.query('ALTER TABLE voicemails ADD COLUMN audio_purged_at timestamptz');
    await queryRunner.query('CREATE INDEX voicemails_tenant_idx ON voicemails (tenant_id, created_at DESC, id DESC)');
    await queryRunner.query(`
      CREATE TABLE tenant_settings (
        tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
        audio_retention_days integer CHECK (audio_retention_days BETWEEN 1 AND 36500),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE tenant_settings');
    await queryRunner.query('DROP INDEX voicemails_tenant_idx');
    await queryRunner.query('ALTER TABLE voicemails DROP COLUMN audio_purged_at');
    await queryRunner.query('DROP TABLE call_recordings');
    await queryRunner.query('DROP TABLE call_agents');
    await queryRunner.query('DROP INDEX calls_flow_version_idx');
    for (const column of ['to_number', 'from_number', 'flow_id', 'outcome']) await queryRunner.query(`DROP INDEX calls_tenant_${column}_idx`);
    await queryRunner.query('DROP INDEX calls_tenant_started_idx');
    await queryRunner.query('CREATE INDEX calls_tenant_started_idx ON calls (tenant_id, started_at DESC)');
    await queryRunner.query(`
      ALTER TABLE calls
        DROP COLUMN outcome_flow_id,
        DROP COLUMN queue_id,
        DROP COLUMN conversation_ended_at,
        DROP COLUMN answered_agent_id,
        DROP COLUMN answered_at,
        DROP COLUMN wait_started_at
    `);
  }
}
