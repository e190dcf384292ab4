import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

@Injectable()
export class RunningCallsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  /** Calls not ended yet (answered from the partial index calls_running_idx). */
  async count(): Promise<number> {
    const [row]: Array<{ count: string }> = await this.dataSource.query('SELECT count(*) FROM calls WHERE ended_at IS NULL');
    return Number(row?.count ?? 0);
  }
}
