import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The token bucket of MAX_CALLS_PER_SECOND, one row shared by every API instance: its tokens as of `refilled_at`, refilled
 * at the configured rate when a call takes one (CallsRepository.admitCall). It starts long since refilled, i.e. full.
 */
export class CallStartRate1764500000000 implements MigrationInterface {
  name = 'CallStartRate1764500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE call_start_rate (
        id smallint PRIMARY KEY CHECK (id = 1),
        tokens double precision NOT NULL,
        refilled_at timestamptz NOT NULL
      )
    `);
    await queryRunner.query("INSERT INTO call_start_rate (id, tokens, refilled_at) VALUES (1, 0, 'epoch')");
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE call_start_rate');
  }
}
