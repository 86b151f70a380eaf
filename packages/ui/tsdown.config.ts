import { copyFile } from 'node:fs/promises'
import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  dts: true,
  platform: 'browser',
  clean: true,
  // The stylesheet ships as one plain CSS file the app imports once.
  hooks: { 'build:done': () => copyFile('src/styles.css', 'dist/styles.css') },
})
