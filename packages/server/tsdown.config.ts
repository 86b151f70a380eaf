import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts', 'src/cli.ts'],
  format: 'esm',
  dts: true,
  platform: 'node',
  clean: true,
  // `.js`/`.d.ts`, as package.json's `exports` and `bin` name them (the package is `type: module`).
  fixedExtension: false,
})
