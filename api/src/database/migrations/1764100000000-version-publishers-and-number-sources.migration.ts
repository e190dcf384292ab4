import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Flow versions record who published them; phone numbers record whether they were bought through the carrier (and
 * are released when removed) and the order that bought them.
 */
export class VersionPublishersAndNumberSources1764100000000 implements MigrationInterface {
  name = 'VersionPublishersAndNumberSources1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE flow_versions ADD COLUMN published_by uuid REFERENCES users (id) ON DELETE SET NULL');
    await queryRunner.query(`
      ALTER TABLE phone_numbers
        ADD COLUMN source text NOT NULL DEFAULT 'manual' CHECK (source IN ('manual', 'purchased')),
        ADD COLUMN carrier_order_id text
    `);
    await queryRunner.query('CREATE INDEX phone_numbers_flow_idx ON phone_numbers (flow_id)');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP INDEX phone_numbers_flow_idx');
    await queryRunner.query('ALTER TABLE phone_numbers DROP COLUMN carrier_order_id, DROP COLUMN source');
    await queryRunner.query('ALTER TABLE flow_versions DROP COLUMN published_by');
  }
}
