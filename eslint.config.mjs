import { defineConfig } from 'eslint/config';
import baseConfig from './.config/eslint.config.mjs';

export default defineConfig([
  {
    ignores: [
      '**/logs',
      '**/*.log',
      '**/npm-debug.log*',
      '**/yarn-debug.log*',
      '**/yarn-error.log*',
      '**/.pnpm-debug.log*',
      '**/node_modules/',
      '.yarn/cache',
      '.yarn/unplugged',
      '.yarn/build-state.yml',
      '.yarn/install-state.gz',
      '**/.pnp.*',
      '**/pids',
      '**/*.pid',
      '**/*.seed',
      '**/*.pid.lock',
      '**/lib-cov',
      '**/coverage',
      '**/dist/',
      '**/artifacts/',
      '**/work/',
      '**/ci/',
      'test-results/',
      'playwright-report/',
      'blob-report/',
      'playwright/.cache/',
      'playwright/.auth/',
      '**/.idea',
      '**/.eslintcache',
    ],
  },
  ...baseConfig,
  // Lint the TypeScript outside src/ that runs under node (demo workload, stack tests) with the same rules.
  { files: ['demo/**/*.ts', 'tests/integration/stack/**/*.ts', 'tests/integration/support/**/*.ts'] },
  // The forecast panel's browser harness, its benchmark and the webpack extension (issue 4).
  { files: ['tests/browser/**/*.{ts,tsx}', 'bench/panel*.ts', 'webpack.config.ts', 'webpack/**/*.ts', 'playwright.browser.config.ts'] },
]);
