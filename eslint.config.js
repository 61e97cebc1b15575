import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { configs as litConfigs } from 'eslint-plugin-lit';
import importX from 'eslint-plugin-import-x';
import { coreImportRule, partImportRule, PART_FOLDERS } from './scripts/boundaries.mjs';

export default tseslint.config(
  { ignores: ['dist/', 'dist-demo/', 'node_modules/', 'public/mockServiceWorker.js', 'test-results/', 'playwright-report/', 'coverage/', 'test/bench-results/', '.tmp/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  litConfigs['flat/recommended'],
  {
    languageOptions: {
      globals: {
        window: 'readonly', document: 'readonly', console: 'readonly', process: 'readonly',
        setTimeout: 'readonly', clearTimeout: 'readonly', fetch: 'readonly', URL: 'readonly',
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'lit/no-template-arrow': 'off',
    },
  },
  // The load units' boundaries (scripts/boundaries.mjs) and no import cycles in the shipped code.
  {
    files: ['src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [importX.createNodeResolver({ extensions: ['.ts', '.js', '.mjs'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  { files: ['src/core/**/*.ts', 'src/embed/parts.ts', 'src/embed/index.ts'], rules: { 'no-restricted-imports': coreImportRule() } },
  { files: PART_FOLDERS.map((folder) => `src/${folder}/**/*.ts`), rules: { 'no-restricted-imports': partImportRule() } },
);
