// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Browser and non-deterministic globals the pure core must never touch. */
const forbiddenInCore = [
  'window', 'document', 'navigator', 'location', 'localStorage', 'sessionStorage', 'indexedDB',
  'history', 'screen', 'crypto', 'performance', 'fetch', 'XMLHttpRequest', 'setTimeout', 'setInterval',
  'requestAnimationFrame', 'globalThis', 'self', 'console',
].map((name) => ({ name, message: `src/core is pure: pass ${name} in from the edge instead.` }));

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'test-results/', 'examples/**/dist/', '.candor-demo/'] },
  js.configs.recommended,
  {
    files: ['**/*.ts'],
    extends: [...tseslint.configs.strictTypeChecked, ...tseslint.configs.stylisticTypeChecked],
    languageOptions: {
      parserOptions: { project: ['./test/tsconfig.json'], tsconfigRootDir: import.meta.dirname },
      globals: { ...globals.browser, ...globals.node },
    },
    rules: {
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true, allowBoolean: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...forbiddenInCore],
      'no-restricted-properties': [
        'error',
        { object: 'Date', property: 'now', message: 'src/core is pure: take `now` as an argument.' },
        { object: 'Math', property: 'random', message: 'src/core is pure: take randomness as an argument.' },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'src/core is pure: take `now` as an argument.' },
      ],
    },
  },
  // Layers: the core imports nothing outside src/core (one block per folder depth, as the imports are relative).
  ...['src/core/*.ts', 'src/core/*/*.ts', 'src/core/*/*/*.ts'].map((files, depth) => ({
    files: [files],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: [`${'../'.repeat(depth + 1)}*`], message: 'src/core imports nothing outside src/core: pass it in from the edge.' }] },
      ],
    },
  })),
  // The widget and the DOM code take from other layers only the core's types (and the constants of core/types.ts).
  {
    files: ['src/widget/**/*.ts', 'src/dom/**/*.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '!../core', '../core/*', '!../core/types.js', '../../*'],
              allowTypeImports: true,
              message: 'src/widget and src/dom import only types (and src/core/types.ts) from other layers: take behaviour through a parameter.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['**/*.js'],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
  },
);
