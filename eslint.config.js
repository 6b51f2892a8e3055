// Lint configuration: typescript-eslint's recommended rules over src/ and test/, and no Node globals in
// the core layers (which bundle for a browser; .dependency-cruiser.cjs forbids their node: imports).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Node's globals, which the core layers must not use: files and threads are adapters in src/node/. */
const NODE_GLOBALS = ['Buffer', 'process', 'global', 'require', 'module', '__dirname', '__filename', 'setImmediate', 'clearImmediate'];

export default tseslint.config(
  { ignores: ['dist/**', 'output/**', 'node_modules/**', 'test-output/**', 'coverage/**', 'docs/reference/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  // CommonJS configuration files (.dependency-cruiser.cjs) assign module.exports.
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } } },
  {
    // CommonJS configuration files (.dependency-cruiser.cjs).
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    files: ['src/{engine,scenario,model,run,stats,calibrate}/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...NODE_GLOBALS.map((name) => ({ name, message: `${name} is Node's: the core layers run in a browser too (Node adapters live in src/node/)` }))],
      'no-restricted-syntax': ['error', { selector: "TSQualifiedName[left.name='NodeJS']", message: "NodeJS types are Node's: the core layers run in a browser too" }],
    },
  },
);
