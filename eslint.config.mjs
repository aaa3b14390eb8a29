import tseslint from 'typescript-eslint';

/** The rules know no GraphQL: what the lower layers may not import (CONVENTIONS, "Layers"). */
export const LOWER_LAYERS = [
  'src/runtime',
  'src/services',
  'src/realtime',
  'src/channels',
  'src/ai',
  'src/jobs',
  'src/database',
  'src/demo',
  'src/auth',
];
const EDGE_IMPORTS = {
  paths: [
    { name: 'graphql', message: 'The rules know no GraphQL: throw a domain error and let the edge map it.' },
    { name: 'type-graphql', message: 'The rules know no GraphQL.' },
    { name: 'express', message: 'HTTP belongs to src/server.' },
  ],
  patterns: [
    {
      group: ['@apollo/*', '@as-integrations/*', 'graphql/*', 'graphql-ws', 'graphql-ws/*'],
      message: 'The edge lives in src/server.',
    },
    {
      group: ['**/server', '**/server/*', '**/schema', '**/schema/*', '**/resolvers', '**/resolvers/*'],
      message: 'Lower layers do not import the GraphQL/HTTP edge (src/server, src/schema, src/resolvers).',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      '.data/**',
      'coverage/**',
      'src/testing/generated/**',
      'examples/*/src/generated/**',
      'scripts/*.js',
    ],
  },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': ['error', { allow: ['error', 'warn'] }],
    },
  },
  {
    files: [
      'src/cli/**',
      'src/main.ts',
      'examples/*/src/main.ts',
      'bench/**',
      'scripts/**',
      'src/testing/**',
      '**/*.spec.ts',
    ],
    rules: { 'no-console': 'off' },
  },
  {
    // Tests read loosely typed GraphQL answers.
    files: ['**/*.spec.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Tests of a lower layer may drive it through the API; the code itself may not.
    files: LOWER_LAYERS.map((dir) => `${dir}/**/*.ts`),
    ignores: ['**/*.spec.ts'],
    rules: { 'no-restricted-imports': ['error', EDGE_IMPORTS] },
  },
);
