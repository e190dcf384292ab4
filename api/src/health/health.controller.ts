import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { HealthService, type HealthReport } from './health.service';
import { Public } from '../auth/auth-context';

@Public()
@Controller('health')
export class HealthController {
  constructor(@Inject(HealthService) private readonly health: HealthService) {}

  /** 200 with the report when PostgreSQL and Temporal answer, 503 with the same report otherwise. */
  @Get()
  async get(): Promise<HealthReport> {
    const report = await this.health.check();
    if (report.status !== 'ok') throw new ServiceUnavailableException(report);
    return report;
  }
}
