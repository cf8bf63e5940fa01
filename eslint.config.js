// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Import boundaries from docs: contract imports nothing of ours; bot and tab never reach into the server. */
const serverImport = {
  group: ['**/shared/server', '**/shared/server/**', '**/server/**'],
  message: 'Only the service itself and its tests may import shared/server.',
};
/** Patterns that keep `from` out of each of `names`. */
const outward = (from, ...names) =>
  names.map((name) => ({
    group: [`**/${name}`, `**/${name}/**`],
    message: `${from} must not import from ${name}.`,
  }));
const clientImport = {
  group: ['**/shared/client', '**/shared/client/**', '**/client/**'],
  message: 'The service imports only shared/contract; shared/client is for bot and tab.',
};

export default tseslint.config(
  {
    ignores: ['node_modules', 'dist', 'tab/dist', 'appPackage/build', 'data', 'tests/artifacts', 'coverage'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false, attributes: false } },
      ],
      // Route handlers are async by contract even when a body has nothing to await.
      '@typescript-eslint/require-await': 'off',
      '@typescript-eslint/restrict-template-expressions': [
        'error',
        { allowNumber: true, allowBoolean: true },
      ],
    },
  },
  {
    files: ['shared/contract/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [...outward('shared/contract', 'bot', 'tab', 'client'), serverImport] },
      ],
      'no-restricted-globals': ['error', 'process', 'Buffer', '__dirname'],
    },
  },
  {
    files: ['shared/client/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [serverImport, ...outward('shared/client', 'bot', 'tab')] },
      ],
    },
  },
  {
    files: ['bot/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: [serverImport, ...outward('bot', 'tab')] }] },
  },
  {
    files: ['tab/**/*.ts', 'tab/**/*.tsx'],
    rules: { 'no-restricted-imports': ['error', { patterns: [serverImport, ...outward('tab', 'bot')] }] },
  },
  {
    // The service's own code (its tests may drive it through the client, as bot and tab do).
    files: ['shared/server/**/*.ts'],
    ignores: ['shared/server/**/*.test.ts', 'shared/server/**/test/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [clientImport, ...outward('shared/server', 'bot', 'tab')] },
      ],
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
);
