// Lints the architecture, not the style: the engine (src/lint) and the domain (src/domain) stay
// pure, with no I/O and no tracker, queue or HTTP library (see ../shared/STYLE.md, "Lint the arrows").
import tseslint from 'typescript-eslint';

const IO_MODULES = [
  'express', 'bullmq', 'ioredis', '@linear/sdk', '@linear/sdk/*', 'jira.js', 'pino', 'prom-client',
  'fs', 'fs/*', 'node:fs', 'node:fs/*', 'http', 'node:http', 'https', 'node:https', 'net', 'node:net',
  'child_process', 'node:child_process', 'process', 'node:process',
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**'] },
  {
    files: ['src/**/*.ts', 'workers/**/*.ts'],
    languageOptions: { parser: tseslint.parser },
  },
  {
    files: ['src/lint/**/*.ts', 'src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        patterns: [
          { group: IO_MODULES, message: 'src/lint and src/domain are pure: pass I/O in from the edge.' },
          { group: ['**/server/**', '**/queue/**', '**/providers/**', '**/bot/**', '**/cli/**', '**/packs/**', '**/workers/**'],
            message: 'src/lint and src/domain import nothing from the outer layers.' },
        ],
      }],
      'no-restricted-globals': ['error', { name: 'process', message: 'The engine reads no environment: pass settings in.' }],
    },
  },
);
