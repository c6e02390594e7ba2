import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'coverage/**',
      '**/custom-elements.json',
      'playground/public/mockServiceWorker.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Type-aware rules on the shipped sources (an async handler where a void callback is
  // expected, a floating promise, an unsafe any …); tests and scripts keep the syntactic ones.
  {
    files: ['packages/*/src/**/*.ts'],
    ignores: ['**/*.test.ts', '**/test/**', '**/testing.ts', '**/*.d.ts'],
    extends: [tseslint.configs.recommendedTypeCheckedOnly],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['packages/elements/**/*.ts', 'playground/**/*.ts'],
    plugins: { lit, wc },
    rules: {
      ...lit.configs.recommended.rules,
      ...wc.configs.recommended.rules,
      // STYLE.md §6: CSP- and Trusted-Types-clean by construction.
      'lit/no-template-bind': 'error',
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'lit/directives/unsafe-html.js',
              message: 'User content is text: no unsafeHTML (STYLE.md §6).',
            },
            {
              name: 'lit/directives/style-map.js',
              message:
                'No style= bindings (STYLE.md §6): use classes, :state() or setProperty in updated().',
            },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "AssignmentExpression[left.property.name='innerHTML']",
          message: 'No innerHTML (STYLE.md §6).',
        },
        {
          selector: "AssignmentExpression[left.property.name='outerHTML']",
          message: 'No outerHTML (STYLE.md §6).',
        },
        {
          selector: 'TemplateElement[value.raw=/\\bstyle=/]',
          message: 'No style= in templates (STYLE.md §6).',
        },
      ],
    },
  },
);
