module.exports = require('../jest.preset.js')({
  testEnvironment: 'jsdom',
  setupFilesAfterEnv: ['<rootDir>/test/setup-dom.ts'],
  // Stylesheets mean nothing to jsdom.
  moduleNameMapper: { '\\.css$': '<rootDir>/test/empty-stylesheet.js' },
});
