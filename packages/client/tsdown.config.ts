import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: { index: 'src/index.ts', 'index.node': 'src/index.node.ts', schemas: 'src/schemasEntry.ts' },
  format: 'esm',
  dts: true,
  platform: 'neutral',
  clean: true,
})
