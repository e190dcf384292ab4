import type { MigrationInterface, QueryRunner } from 'typeorm';

const DIRECTORY_TABLES = ['agents', 'ring_groups', 'queues', 'mailboxes', 'schedules'] as const;

export class CreateFlowsAndDirectory1763800000000 implements MigrationInterface {
  name = 'CreateFlowsAndDirectory1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE flows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        name text NOT NULL,
        draft jsonb NOT NULL,
        draft_revision integer NOT NULL DEFAULT 1,
        active_version_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    await queryRunner.query('CREATE INDEX flows_tenant_idx ON flows (tenant_id)');
    await queryRunner.query(`
      CREATE TABLE flow_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        flow_id uuid NOT NULL REFERENCES flows (id) ON DELETE CASCADE,
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        number integer NOT NULL CHECK (number >= 1),
        document jsonb NOT NULL,
        program jsonb NOT NULL,
        notes text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT flow_versions_flow_number_key UNIQUE (flow_id, number)
      )
    `);
    await queryRunner.query(`
      ALTER TABLE flows ADD CONSTRAINT flows_active_version_fkey
        FOREIGN KEY (active_version_id) REFERENCES flow_versions (id) ON DELETE SET NULL
    `);
    await queryRunner.query(`
      CREATE TABLE phone_numbers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        number text NOT NULL UNIQUE CHECK (number ~ '^\\+[1-9][0-9]{6,14}$'),
        flow_id uuid REFERENCES flows (id) ON DELETE SET NULL,
        label text NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now()
      )
    `);
    for (const table of DIRECTORY_TABLES) {
      // data is the entity as its zod schema (AgentSchema, RingGroupSchema…) parses it; id is copied out of it.
      await queryRunner.query(`
        CREATE TABLE ${table} (
          tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
          id text NOT NULL CHECK (id = data ->> 'id'),
          data jsonb NOT NULL,
          created_at timestamptz NOT NULL DEFAULT now(),
          updated_at timestamptz NOT NULL DEFAULT now(),
          PRIMARY KEY (tenant_id, id)
        )
      `);
    }
    await queryRunner.query(`
      CREATE TABLE routing_memory (
        tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
        group_id text NOT NULL,
        last_agent_id text NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, group_id)
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE routing_memory');
    for (const table of [...DIRECTORY_TABLES].reverse()) await queryRunner.query(`DROP TABLE ${table}`);
    await queryRunner.query('DROP TABLE phone_numbers');
    await queryRunner.query('ALTER TABLE flows DROP CONSTRAINT flows_active_version_fkey');
    await queryRunner.query('DROP TABLE flow_versions');
    await queryRunner.query('DROP TABLE flows');
  }
}
