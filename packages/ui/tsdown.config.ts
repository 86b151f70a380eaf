import { readFile, writeFile } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { defineConfig } from 'tsdown'

const IMPORT = /^@import\s+["'](.+?)["'];\s*$/gm

/** Inlines the relative `@import`s of a stylesheet, recursively, into one CSS text. */
async function inlineImports(file: string): Promise<string> {
  const css = await readFile(file, 'utf8')
  const parts: string[] = []
  let last = 0
  for (const match of css.matchAll(IMPORT)) {
    parts.push(css.slice(last, match.index), await inlineImports(join(dirname(file), match[1] as string)))
    last = match.index + match[0].length
  }
  parts.push(css.slice(last))
  return parts.join('')
}

export default defineConfig({
  entry: ['src/index.ts'],
  format: 'esm',
  dts: true,
  platform: 'browser',
  clean: true,
  // Next.js App Router and other React Server Components hosts: these modules use hooks and context,
  // so they are client modules. A directive in the sources would not survive bundling.
  banner: { js: "'use client'" },
  // The stylesheet ships as one plain CSS file the app imports once; in the sources it is split per
  // component and joined with @import.
  hooks: { 'build:done': async () => writeFile('dist/styles.css', await inlineImports('src/styles.css')) },
})
