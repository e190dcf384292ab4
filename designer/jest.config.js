const preset = require('../jest.preset.js');

module.exports = {
  // Component tests render Mantine and React Flow in jsdom: slow on a busy machine, so allow more than 5 s.
  testTimeout: 20000,
  projects: [
    preset({
      displayName: 'unit',
      rootDir: __dirname,
      testEnvironment: 'jsdom',
      setupFilesAfterEnv: ['<rootDir>/test/setup-dom.ts'],
      // Stylesheets mean nothing to jsdom.
      moduleNameMapper: { '\\.css$': '<rootDir>/test/empty-stylesheet.js' },
    }),
    // The browser specs: Chromium against the whole stack (API, worker, Temporal, a fresh database), started once.
    preset({
      displayName: 'e2e',
      rootDir: __dirname,
      testMatch: ['<rootDir>/e2e/**/*.e2e.spec.ts'],
      globalSetup: '<rootDir>/e2e/support/global-setup.ts',
      globalTeardown: '<rootDir>/e2e/support/global-teardown.ts',
      setupFilesAfterEnv: ['<rootDir>/e2e/support/setup-e2e.ts'],
    }),
  ],
};
