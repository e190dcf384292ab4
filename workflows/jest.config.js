// One Temporal dev server and one fresh PostgreSQL database for the whole jest run.
module.exports = require('../jest.preset.js')({
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
});
