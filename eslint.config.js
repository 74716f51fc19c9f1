// ESLint: the recommended rules and typescript-eslint's type-checked recommended rules on src/ and test/.
// Rules switched off or narrowed below each say why.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'src/**/generated/', 'scripts/', 'bin/', '.ci/', 'eslint.config.js'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
  },
);
