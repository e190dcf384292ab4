import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { TenantEntity } from './tenant.entity';

export interface Tenant {
  id: string;
  name: string;
  createdAt: Date;
}

@Injectable()
export class TenantsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async create(name: string): Promise<Tenant> {
    const saved = await this.dataSource.getRepository(TenantEntity).save({ name });
    return { id: saved.id, name: saved.name, createdAt: saved.createdAt };
  }
}
