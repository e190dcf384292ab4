module.exports = require('../jest.preset.js')({
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/test/setup-dom.ts'],
  // Stylesheets mean nothing to jsdom.
  moduleNameMapper: { '\\.css$': '<rootDir>/test/empty-stylesheet.js' },
  // Component tests render Mantine and React Flow in jsdom: slow on a busy machine, so allow more than 5 s.
  testTimeout: 20000,
});
