import { DataSource, type DataSourceOptions } from 'typeorm';
import { TenantEntity } from '../tenants/tenant.entity';
import { CreateTenants1763700000000 } from './migrations/1763700000000-create-tenants.migration';

// Listed explicitly, never discovered by glob: globs break under bundling and hide what is loaded.
export const ENTITIES = [TenantEntity];
export const MIGRATIONS = [CreateTenants1763700000000];

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    connectTimeoutMS: 5000,
  };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}
