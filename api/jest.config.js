module.exports = require('../jest.preset.js')({
  // One Temporal dev server and one fresh PostgreSQL database for the whole jest run.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  // NestJS 12 ships ES modules only, and jest on Node 20 cannot require them: compile them to CommonJS too.
  transformIgnorePatterns: ['/node_modules/(?!@nestjs/)'],
  // Every spec talks to real PostgreSQL, Temporal and HTTP servers (and hashes passwords with scrypt): seconds, not ms.
  testTimeout: 30_000,
});
