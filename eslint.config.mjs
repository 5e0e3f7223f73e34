import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX } from 'eslint-plugin-import-x';
import reactHooks from 'eslint-plugin-react-hooks';

const nodeBuiltins = [
  'fs',
  'path',
  'os',
  'child_process',
  'net',
  'http',
  'https',
  'crypto',
  'stream',
  'events',
  'util',
  'url',
  'dns',
  'tls',
  'zlib',
  'worker_threads',
  'process',
  'buffer',
  'timers',
  'readline',
];
const builtinPatterns = nodeBuiltins.flatMap((name) => [name, `node:${name}`, `${name}/*`, `node:${name}/*`]);

export default tseslint.config(
  {
    ignores: [
      'node_modules',
      'dist',
      'data',
      'coverage',
      'editor/dist',
      '**/*.generated.ts',
      '*.config.js',
      '*.config.mjs',
      'editor/vite.config.mts',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    plugins: { 'import-x': importX },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/only-throw-error': 'off',
      'import-x/no-cycle': 'error',
    },
  },
  {
    // The deterministic core runs inside the Temporal workflow sandbox and in the browser:
    // no Node built-ins, no database, no HTTP framework, no React and no Temporal SDK.
    files: ['workflows/**/*.ts'],
    ignores: ['workflows/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: builtinPatterns, message: 'workflows/ is pure: no Node built-ins.' },
            {
              group: ['mongodb', 'express', 'react', 'react-dom', '@temporalio/*'],
              message: 'workflows/ is pure.',
            },
          ],
        },
      ],
    },
  },
  {
    // The Temporal workflow file is bundled into the sandbox; it may use @temporalio/workflow only.
    files: ['worker/workflows/**/*.ts', 'test/bench/workflows/**/*.ts'],
    ignores: ['worker/workflows/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: builtinPatterns, message: 'Workflow code runs in the deterministic sandbox.' },
            {
              group: [
                'mongodb',
                'express',
                '@temporalio/client',
                '@temporalio/worker',
                '@temporalio/activity',
              ],
              message: 'Workflow code runs in the deterministic sandbox.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['editor/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { parserOptions: { projectService: false, project: './editor/tsconfig.json' } },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['**/*.test.ts', 'test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Layers: the runtime base (platform/*.ts), the domain, the schemas and the API server never
    // reach up into the worker or the launcher; only platform/launcher/ starts and builds them.
    files: ['platform/*.ts', 'domain/**/*.ts', 'schemas/**/*.ts', 'server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/worker', '**/worker/**', '**/launcher', '**/launcher/**'],
              message: 'Only platform/launcher/ may import the worker or the launcher.',
            },
          ],
        },
      ],
    },
  },
);
