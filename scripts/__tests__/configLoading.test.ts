import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const root = fileURLToPath(new URL('../..', import.meta.url))
const hooks = new URL('./noDistHooks.mjs', import.meta.url).href

// Each config file is loaded the way Vite loads it (bundled, then imported by Node) in a Node
// process where importing any package's `dist/` throws: what a fresh clone, which has none, gets.
const loadWithoutDist = (configFile: string) =>
  promisify(execFile)(
    process.execPath,
    [
      '--import',
      `data:text/javascript,import { register } from 'node:module'; register(${JSON.stringify(hooks)})`,
      '--input-type=module',
      '--eval',
      `import { loadConfigFromFile } from 'vite'
       const loaded = await loadConfigFromFile({ command: 'serve', mode: 'test' }, ${JSON.stringify(configFile)})
       if (!loaded) throw new Error('no config')`,
    ],
    { cwd: root },
  )

describe('config files on a fresh clone (no dist/)', () => {
  it.each(['vitest.config.ts', '.storybook/main.ts', 'apps/playground/vite.config.ts'])(
    '%s loads without any build output',
    async (configFile) => {
      await expect(loadWithoutDist(configFile)).resolves.toBeDefined()
    },
    60_000,
  )
})
