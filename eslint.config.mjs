import { builtinModules } from 'node:module';
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];

/** Code that must run in the browser and inside the Temporal workflow sandbox: no I/O, no clock, no randomness. */
const pureCodeRules = {
  'no-restricted-imports': ['error', { paths: nodeBuiltins.map((name) => ({ name, message: 'Pure code: no Node built-ins (it runs in the browser and the Temporal sandbox).' })) }],
  'no-restricted-properties': [
    'error',
    { object: 'Math', property: 'random', message: 'Pure code: take randomness as an input (a seed).' },
    { object: 'Date', property: 'now', message: 'Pure code: take the time as an input.' },
  ],
  'no-restricted-syntax': [
    'error',
    { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Pure code: take the time as an input.' },
  ],
  'no-restricted-globals': ['error', { name: 'fetch', message: 'Pure code: no I/O.' }, { name: 'process', message: 'Pure code: no process access.' }],
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '**/coverage/**', '.nx/**', '.cache/**', '.data/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    plugins: { '@nx': nx },
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          depConstraints: [
            { sourceTag: 'scope:schemas', onlyDependOnLibsWithTags: ['scope:schemas'] },
            { sourceTag: 'scope:engine', onlyDependOnLibsWithTags: ['scope:schemas'] },
            { sourceTag: 'scope:workflows', onlyDependOnLibsWithTags: ['scope:engine', 'scope:schemas'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:engine', 'scope:schemas', 'scope:workflows'] },
            { sourceTag: 'scope:designer', onlyDependOnLibsWithTags: ['scope:engine', 'scope:schemas'] },
            { sourceTag: 'scope:deploy', onlyDependOnLibsWithTags: [] },
          ],
        },
      ],
    },
  },
  {
    // Test setup may use the local-stack helpers (a fresh database, the shared Temporal server).
    files: ['workflows/test/**', 'api/test/**', 'workflows/jest.*', 'api/jest.*', 'designer/e2e/**', 'designer/jest.*'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          depConstraints: [
            { sourceTag: 'scope:workflows', onlyDependOnLibsWithTags: ['scope:engine', 'scope:schemas', 'scope:deploy'] },
            { sourceTag: 'scope:api', onlyDependOnLibsWithTags: ['scope:engine', 'scope:schemas', 'scope:workflows', 'scope:deploy'] },
            { sourceTag: 'scope:designer', onlyDependOnLibsWithTags: ['scope:engine', 'scope:schemas', 'scope:deploy'] },
          ],
        },
      ],
    },
  },
  // Benchmarks drive the whole stack from outside, like a user: they start the API and workers from their sources.
  { files: ['bench/**'], rules: { '@nx/enforce-module-boundaries': 'off' } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
  { files: ['schemas/src/**/*.ts', 'engine/src/**/*.ts'], ignores: ['**/*.spec.ts', 'engine/src/cli/**'], rules: pureCodeRules },
  {
    // The Temporal workflow sandbox fence: no I/O, activities reached through proxies (type imports). Date.now and
    // Math.random are allowed here: the sandbox replaces them with deterministic versions.
    files: ['workflows/src/workflows/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-globals': pureCodeRules['no-restricted-globals'],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            ...nodeBuiltins.map((name) => ({ name, message: 'Workflow code runs in the Temporal sandbox: no Node built-ins.' })),
            ...['@temporalio/client', '@temporalio/worker', '@temporalio/activity', 'telnyx', 'pg', 'typeorm'].map((name) => ({
              name,
              message: 'Workflow code may not use clients, workers or activity implementations; call activities through proxyActivities.',
            })),
            // The sandbox evaluates the bundle's modules again for every new workflow: the packages' roots would bring the
            // zod schemas and the flow validation along (≈ 20 ms of CPU per call). Types from the roots are free.
            ...['@callflow/engine', '@callflow/schemas'].map((name) => ({
              name,
              allowTypeImports: true,
              message: `Import values from the module that defines them (${name}/src/…): the package root pulls zod and the validation into every workflow's start.`,
            })),
          ],
          patterns: [{ group: ['**/activities', '**/activities/**', '**/*.activities'], allowTypeImports: true, message: 'Import activity types only (import type).' }],
        },
      ],
    },
  },
);
