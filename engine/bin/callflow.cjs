#!/usr/bin/env node
// The engine is consumed as TypeScript source; tsx compiles it on the fly.
require('tsx/cjs/api').register();
const { runCli } = require('../src/cli/main.ts');
const fs = require('node:fs');

runCli(process.argv.slice(2), {
  readFile: (path) => fs.readFileSync(path, 'utf8'),
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
}).then((code) => {
  process.exitCode = code;
});
