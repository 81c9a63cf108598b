// Lint: typescript-eslint's recommended rules over the project's TypeScript,
// plus the few rules that keep the code reading the way we want (no `export *`,
// no empty catch, no floating promises where types are known).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'coverage/', 'test-artifacts/', 'devTools/', 'appPackage/build/', 'data/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    // The tab's browser code.
    files: ['src/tab/app/**'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'Export names, not everything (no `export *`).' }],
      'no-empty': ['error', { allowEmptyCatch: false }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Test doubles read loosely typed JSON on purpose (see tests/support/fake-connector.ts).
      '@typescript-eslint/no-explicit-any': 'off',
      // Node's CommonJS require is how the UMD build of adaptivecards is loaded (src/cards/validate.ts).
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
);
