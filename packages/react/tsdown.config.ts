import { defineConfig } from 'tsdown'

export default defineConfig({
  entry: { index: 'src/index.ts', 'core/index': 'src/core/index.ts' },
  format: 'esm',
  dts: true,
  platform: 'neutral',
  clean: true,
  // Next.js App Router and other React Server Components hosts: these modules use hooks and context,
  // so they are client modules. A directive in the sources would not survive bundling.
  banner: { js: "'use client'" },
})
