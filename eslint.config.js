// ESLint for the whole project: TypeScript (typescript-eslint), Lit templates (eslint-plugin-lit)
// and custom-element rules (eslint-plugin-wc) for the elements. Formatting is Prettier's job
// (eslint-config-prettier turns off what would disagree with it).
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/', 'storybook-static/', 'public/', '**/.tmp/', '.test-results/', 'custom-elements.json', 'openapi.json', 'jsx.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // `interface HTMLElementEventMap extends PatEvents {}` is how a global map is augmented.
      '@typescript-eslint/no-empty-object-type': ['error', { allowInterfaces: 'with-single-extends' }],
    },
  },
  {
    files: ['components/**/*.ts', 'stories/**/*.ts', 'demo/**/*.ts', 'testing/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['components/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    // Tests read JSON answers of every shape, right and wrong, and check them at run time;
    // chai's property assertions (`expect(x).to.be.true`) are expressions.
    files: ['**/*.test.ts', 'server/test/**/*.ts', 'e2e/**/*.ts', 'testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-expressions': 'off',
    },
  },
  prettier,
);
