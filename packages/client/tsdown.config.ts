import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: ['src/index.ts', 'src/index.node.ts'],
  format: 'esm',
  dts: true,
  platform: 'neutral',
  clean: true,
})
