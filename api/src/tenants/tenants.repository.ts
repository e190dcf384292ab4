import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { TenantEntity } from './tenant.entity';

export interface Tenant {
  id: string;
  name: string;
  createdAt: Date;
}

@Injectable()
export class TenantsRepository {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async create(name: string, manager: EntityManager = this.dataSource.manager): Promise<Tenant> {
    const saved = await manager.getRepository(TenantEntity).save({ name });
    return { id: saved.id, name: saved.name, createdAt: saved.createdAt };
  }

  async find(id: string): Promise<Tenant | null> {
    const entity = await this.dataSource.getRepository(TenantEntity).findOneBy({ id });
    return entity && { id: entity.id, name: entity.name, createdAt: entity.createdAt };
  }
}
