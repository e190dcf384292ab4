export { AppModule } from './app.module';
export { createApp } from './app';
export { APP_CONFIG, CONFIG_DEFAULTS, loadConfig, type AppConfig } from './config';
export { ENTITIES, MIGRATIONS, createDataSource, dataSourceOptions } from './database/data-source';
export { migrate } from './database/migrate';
