import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Live queue waiting lists look at a tenant's running calls only. */
export class RunningCallsIndex1764400000000 implements MigrationInterface {
  name = 'RunningCallsIndex1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE INDEX calls_running_idx ON calls (tenant_id) WHERE ended_at IS NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX calls_running_idx');
  }
}
