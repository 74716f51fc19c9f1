// ESLint: the recommended rules and typescript-eslint's type-checked recommended rules on src/ and test/.
// Every rule switched off or narrowed below says why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/**/generated/', 'src/**/*.generated.ts', 'scripts/', 'bin/', '.ci/', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      // ocppctl escapes and masks control characters on purpose (terminal safety, log lines, JSON scanning)
      'no-control-regex': 'off',
      // `_` marks a parameter or binding that a signature needs but the body does not use
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // node:test's test() returns a promise the runner itself tracks; awaiting each call would only serialise files
      '@typescript-eslint/no-floating-promises': 'off',
      // tests read the CLI's JSON output with JSON.parse and check its shape with assertions, which are the type check
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      // helpers keep the async signature of the test callbacks they stand in for
      '@typescript-eslint/require-await': 'off',
      // the same JSON output, typed `any` where a test walks it freely
      '@typescript-eslint/no-explicit-any': 'off',
    },
  },
  {
    files: ['src/cli/launch.cts'],
    rules: {
      // the start-up launcher stays CommonJS (no ES module loader before the code cache is used); its
      // `import x = require()` compiles to the plain require() calls that keeps
      '@typescript-eslint/no-require-imports': 'off',
    },
  },
  {
    // plain JavaScript helpers outside tsconfig (test/secrets/scan-log.mjs, run by CI on the test log): no type information
    files: ['**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: {
      ...tseslint.configs.disableTypeChecked.languageOptions,
      globals: { process: 'readonly', console: 'readonly', URL: 'readonly' },
    },
  },
);
