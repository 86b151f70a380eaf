import type { StorybookConfig } from '@storybook/react-vite'
import { mergeConfig } from 'vite'
import { kindlingServerPlugin } from './kindlingServerPlugin.ts'

const config: StorybookConfig = {
  stories: ['../packages/*/src/**/*.stories.@(ts|tsx)'],
  addons: ['@storybook/addon-docs', '@storybook/addon-a11y', '@storybook/addon-vitest'],
  framework: { name: '@storybook/react-vite', options: {} },
  core: { disableTelemetry: true },
  viteFinal: (viteConfig) =>
    mergeConfig(viteConfig, {
      // The live stories' `/v1` (dev server and the storybook Vitest project; not the static build).
      plugins: [kindlingServerPlugin()],
    }),
}
export default config
