import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { extractCodeBlocks } from '../readmeExamples/extractCodeBlocks.ts'
import { typecheckExamples } from '../readmeExamples/typecheckExamples.ts'

const root = fileURLToPath(new URL('../..', import.meta.url))
const READMES = [
  'README.md',
  'packages/client/README.md',
  'packages/react/README.md',
  'packages/ui/README.md',
  'packages/server/README.md',
  'apps/playground/README.md',
  'apps/bench/README.md',
]

// A block that must fail, checked in the same run: proves the check can see an error at all.
const BROKEN = {
  path: 'broken.md',
  text: "Intro\n\n```ts\nimport { createClient } from '@kindling/client'\n\ncreateClient({ baseURL: 42 })\n```\n",
}

describe('README examples', () => {
  it('finds fenced blocks with their language, options and line', () => {
    const blocks = extractCodeBlocks('a\n```ts nocheck\nx\ny\n```\n\n  ```tsx\n  z\n  ```\n')
    expect(blocks).toEqual([
      { lang: 'ts', meta: 'nocheck', line: 3, code: 'x\ny' },
      { lang: 'tsx', meta: '', line: 8, code: 'z' },
    ])
  })

  it('typecheck against the workspace sources (and a broken one is caught)', async () => {
    const files = await Promise.all(
      READMES.map(async (path) => ({ path, text: await readFile(`${root}${path}`, 'utf8') })),
    )
    const errors = await typecheckExamples([...files, BROKEN])
    expect(errors.filter((error) => error.at.startsWith('broken.md'))).toEqual([
      { at: 'broken.md:6', message: expect.stringContaining('TS2322') },
    ])
    expect(errors.filter((error) => !error.at.startsWith('broken.md'))).toEqual([])
  }, 120_000)
})
