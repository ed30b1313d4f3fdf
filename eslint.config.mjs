// Lint rules for the whole repository (flat config). The boundaries between the layers
// (docs/architecture.md, "Rules the linter proves") are proved by tests/lint/boundaries.test.ts.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import local from './lint-rules/index.mjs';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'dist/',
      'coverage/',
      'cloudfunctions/*/index.js',
      '.data/',
      'test-results/',
      'bench/results/',
    ],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-console': 'off',
      eqeqeq: ['error', 'always'],
    },
  },
  {
    // A feature never reaches into another feature (what two features share lives in src/shared).
    files: ['src/features/**/*.{ts,tsx}'],
    plugins: { local },
    rules: { 'local/feature-imports': 'error' },
  },
  {
    // A server area imports only its own files, _shared and types/; _shared imports no area.
    // Server code reads the time only from the injected clock, ctx.now().
    files: ['cloudfunctions/**/*.ts'],
    plugins: { local },
    rules: { 'local/area-imports': 'error', 'local/server-clock': 'error' },
  },
  {
    // No floating promises: a promise is awaited, returned, or explicitly discarded with `void`
    // where fire-and-forget is meant. Type-aware, so limited to the code that runs (the app, the
    // functions, the local server, the schemas): with it `eslint .` takes ~36 s of CPU instead
    // of ~20 s; over the whole tree (tests, scripts, bench too) it took ~42-47 s.
    files: ['src/**/*.{ts,tsx}', 'cloudfunctions/**/*.ts', 'emulator/**/*.ts', 'types/**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: { '@typescript-eslint/no-floating-promises': 'error' },
  },
  {
    // Shared code never reaches into a feature.
    files: ['src/shared/**/*.{ts,tsx}', 'src/services/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@/features/*', '**/features/*'], message: 'Shared code must not import a feature.' }] },
      ],
    },
  },
  {
    // The app ships no zod (docs/adr/0021-build-for-the-base-library.md): it imports only types
    // from the schema modules of types/; enum values and labels come from the zod-free modules.
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'zod', message: 'The app ships no zod: validation runs in the cloud functions.' }],
          patterns: [
            { group: ['zod/*'], message: 'The app ships no zod: validation runs in the cloud functions.' },
            {
              group: [
                '~types/*',
                '!~types/labels',
                '!~types/errors',
                '!~types/time',
                '!~types/notifications',
                '!~types/subscriptions',
                '!~types/import-file',
              ],
              allowTypeImports: true,
              message: 'This module builds zod schemas: import only types from it (values: ~types/labels/*).',
            },
          ],
        },
      ],
    },
  },
  {
    // Tests read loosely typed JSON replies and load compiled bundles with require().
    files: ['tests/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['**/*.{js,mjs,cjs}'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
