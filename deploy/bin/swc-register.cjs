// `node -r deploy/bin/swc-register.cjs app.ts`: compiles TypeScript with SWC on require, with the
// same options as jest.preset.js. The API runs through this rather than tsx because NestJS and
// TypeORM need decorator metadata (`design:paramtypes`, `design:type`), which tsx (esbuild) never
// emits: code that passes its jest tests would otherwise fail at `npm start`.
'use strict';

const fs = require('node:fs');
const { transformSync } = require('@swc/core');

const options = {
  jsc: {
    target: 'es2022',
    parser: { syntax: 'typescript', decorators: true, tsx: false },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    keepClassNames: true,
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

process.setSourceMapsEnabled(true);

require.extensions['.ts'] = (module, filename) => {
  const source = fs.readFileSync(filename, 'utf8');
  const { code } = transformSync(source, { ...options, filename });
  module._compile(code, filename);
};
