import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import type { TestProjectInlineConfiguration } from 'vitest/config'
import { kindlingServerPlugin } from './.storybook/kindlingServerPlugin.ts'
import { chromiumLaunchOptions } from './scripts/chromium.ts'
import { nodeWorkspaceAliases, workspaceAliases } from './scripts/workspaceAliases.ts'

// A fresh object per project: Vitest writes into it while resolving browser projects.
const browser = () => ({
  enabled: true,
  headless: true,
  provider: playwright({ launchOptions: chromiumLaunchOptions }),
  instances: [{ browser: 'chromium' as const }],
})

/**
 * The single list of test projects. Vitest 4 ignores a workspace file on its own, so the root
 * `vitest.config.ts` reads this list into `test.projects`.
 */
export default [
  {
    resolve: { alias: nodeWorkspaceAliases },
    test: {
      name: 'node',
      environment: 'node',
      include: ['packages/{client,server}/src/**/*.test.ts'],
    },
  },
  {
    plugins: [react()],
    resolve: { alias: workspaceAliases },
    test: {
      name: 'dom',
      environment: 'jsdom',
      include: ['packages/react/src/**/*.test.{ts,tsx}'],
      setupFiles: ['./scripts/jestDomSetup.ts'],
    },
  },
  {
    resolve: { alias: workspaceAliases },
    // The embedded server, same-origin under /v1, as in Storybook: real HTTP from real Chromium.
    plugins: [react(), kindlingServerPlugin({ delayMs: 5 })],
    test: {
      name: 'browser',
      include: ['packages/ui/src/**/*.test.{ts,tsx}'],
      setupFiles: ['./scripts/failOnConsole.ts'],
      browser: browser(),
    },
  },
  {
    resolve: { alias: workspaceAliases },
    test: {
      // Unit tests of the app's own modules, and its end-to-end test in Chromium (driven from Node).
      name: 'playground',
      environment: 'node',
      include: ['apps/playground/src/**/*.test.ts', 'apps/playground/e2e/**/*.test.ts'],
    },
  },
  {
    resolve: { alias: workspaceAliases },
    test: {
      name: 'bench',
      environment: 'node',
      include: ['apps/bench/src/**/*.test.ts'],
    },
  },
  {
    plugins: [storybookTest({ configDir: '.storybook' })],
    resolve: { alias: workspaceAliases },
    test: {
      name: 'storybook',
      setupFiles: ['./scripts/failOnConsole.ts'],
      browser: browser(),
    },
  },
] satisfies TestProjectInlineConfiguration[]
