import { join } from 'node:path'
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin'
import react from '@vitejs/plugin-react'
import { playwright } from '@vitest/browser-playwright'
import type { TestProjectInlineConfiguration } from 'vitest/config'
import { kindlingServerPlugin } from './.storybook/kindlingServerPlugin.ts'
import { chromiumLaunchOptions } from './scripts/chromium.ts'

// A fresh object per project: Vitest writes into it while resolving browser projects.
const browser = () => ({
  enabled: true,
  headless: true,
  // A window larger than the largest test viewport (1280×800), so Vitest never scales the tested
  // page down to fit: screenshots are then taken at the viewport's real size.
  provider: playwright({
    launchOptions: chromiumLaunchOptions,
    contextOptions: { viewport: { width: 1400, height: 1000 } },
  }),
  instances: [{ browser: 'chromium' as const }],
  expect: {
    toMatchScreenshot: {
      comparatorName: 'pixelmatch' as const,
      // Same machine image, same fonts: screens match almost exactly. The tolerance absorbs
      // anti-aliasing noise, not a moved or resized element.
      comparatorOptions: { threshold: 0.15, allowedMismatchedPixelRatio: 0.002 },
      screenshotOptions: { animations: 'disabled' as const, caret: 'hide' as const, scale: 'css' as const },
      // Baselines are committed next to the package they show; diffs of a failed run are not.
      resolveScreenshotPath: ({ arg, ext, root, testFileDirectory }: ScreenshotPathData) =>
        join(root, screenshotHome(testFileDirectory), 'screenshots', `${arg}${ext}`),
      resolveDiffPath: ({ arg, ext, root, testFileDirectory }: ScreenshotPathData) =>
        join(root, screenshotHome(testFileDirectory), 'screenshots', 'diff', `${arg}${ext}`),
    },
  },
})

interface ScreenshotPathData {
  arg: string
  ext: string
  root: string
  testFileDirectory: string
}

/** `packages/ui/src/__tests__` → `packages/ui`. */
const screenshotHome = (testFileDirectory: string) => testFileDirectory.replace(/\/src\/.*$/, '')

/**
 * The single list of test projects. Vitest 4 ignores a workspace file on its own, so the root
 * `vitest.config.ts` reads this list into `test.projects`.
 */
export default [
  {
    // The root config's timeouts and other test options apply here too (not the default otherwise).
    extends: true,
    test: {
      name: 'node',
      environment: 'node',
      // tests/: the client against the real server (client + server), and the stress runs. The React
      // package's engine (core/) runs without React or a DOM, as its users' servers do.
      include: [
        'packages/{client,server}/src/**/*.test.ts',
        'packages/react/src/core/**/*.test.ts',
        'tests/**/*.test.ts',
      ],
      exclude: [
        '**/*.browser.test.{ts,tsx}',
        '**/node_modules/**',
        // Two instances, Redis and hundreds of dropped streams: `pnpm test:stress` only (it sets KINDLING_STRESS).
        ...(process.env.KINDLING_STRESS ? [] : ['packages/server/src/__stress__/resumeLoad.test.ts']),
      ],
    },
  },
  {
    extends: true,
    test: {
      // Checks of the repository itself: config loading, package manifests, README examples.
      name: 'repo',
      environment: 'node',
      include: ['scripts/__tests__/**/*.test.ts'],
      exclude: ['scripts/__tests__/packed.test.ts'],
    },
  },
  {
    extends: true,
    test: {
      // The packages as npm publishes them, installed into an app outside the workspace. Slow: it
      // builds, packs and runs an npm install.
      name: 'packed',
      environment: 'node',
      include: ['scripts/__tests__/packed.test.ts'],
      testTimeout: 300_000,
      hookTimeout: 600_000,
    },
  },
  {
    extends: true,
    plugins: [react()],
    test: {
      name: 'dom',
      environment: 'jsdom',
      include: ['packages/react/src/**/*.test.{ts,tsx}'],
      exclude: ['packages/react/src/core/**', 'packages/react/src/**/*.browser.test.{ts,tsx}'],
      setupFiles: ['./scripts/jestDomSetup.ts', './scripts/testingLibrarySetup.ts'],
    },
  },
  {
    extends: true,
    // The embedded server, same-origin under /v1, as in Storybook: real HTTP from real Chromium.
    plugins: [react(), kindlingServerPlugin({ delayMs: 5 })],
    // The stories' screenshot test composes stories: bundle Storybook's modules up front, or Vite
    // finds them mid-run and reloads the page under the tests.
    optimizeDeps: { include: ['@storybook/react-vite', 'storybook/test'] },
    test: {
      name: 'browser',
      include: [
        'packages/ui/src/**/*.test.{ts,tsx}',
        'packages/react/src/**/*.browser.test.{ts,tsx}',
        'apps/playground/src/**/*.screenshot.test.tsx',
      ],
      // `pnpm test:stress` turns the hostile-input tests up (packages/ui/src/__tests__/hostileConfig.ts).
      env: { KINDLING_UI_STRESS: process.env.KINDLING_UI_STRESS ?? '' },
      setupFiles: ['./scripts/failOnConsole.ts', './scripts/testingLibrarySetup.ts'],
      browser: browser(),
    },
  },
  {
    extends: true,
    test: {
      // Unit tests of the app's own modules, and its end-to-end test in Chromium (driven from Node).
      name: 'playground',
      environment: 'node',
      include: ['apps/playground/src/**/*.test.ts', 'apps/playground/e2e/**/*.test.ts'],
    },
  },
  {
    extends: true,
    test: {
      name: 'bench',
      environment: 'node',
      include: ['apps/bench/src/**/*.test.ts'],
    },
  },
  {
    extends: true,
    plugins: [storybookTest({ configDir: '.storybook' })],
    test: {
      name: 'storybook',
      setupFiles: ['./scripts/failOnConsole.ts'],
      browser: browser(),
    },
  },
] satisfies TestProjectInlineConfiguration[]
