// @ts-check
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Modules that touch the browser, storage, DOM or UI: the pure core may not import them. */
const IMPURE = [
  'wxt',
  'wxt/*',
  'webextension-polyfill',
  'dexie',
  'preact',
  'preact/*',
  '**/storage/**',
  '**/dom/**',
  '**/ui/**',
  '**/entrypoints/**',
  '**/messaging/client*',
];

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      'tests/e2e/artifacts/**',
      'bench/.cache/**',
      'tmp/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      // Page and corpus text is rendered as text only: never as markup.
      'no-restricted-properties': [
        'error',
        {
          property: 'innerHTML',
          message: 'Render text with textContent or Preact; never as HTML.',
        },
        {
          property: 'outerHTML',
          message: 'Render text with textContent or Preact; never as HTML.',
        },
        {
          property: 'insertAdjacentHTML',
          message: 'Render text with textContent or Preact; never as HTML.',
        },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']",
          message: 'Render text as text; never as HTML.',
        },
      ],
    },
  },
  {
    // The pure matching core: strings and plain records in, plain data out. Testable in Node.
    files: ['lib/core/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: IMPURE, message: 'lib/core is pure: no browser, storage, DOM or UI imports.' },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        'document',
        'window',
        'chrome',
        'browser',
        'indexedDB',
        'localStorage',
      ],
    },
  },
  {
    files: ['lib/ui/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['dexie', '**/storage/**', 'wxt/browser'],
              message: 'UI components receive actions; they do not touch storage or the browser.',
            },
          ],
        },
      ],
    },
  },
);
