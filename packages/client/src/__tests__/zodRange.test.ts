import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { describe, expect, it } from 'vitest'
import { safeParse } from 'zod/mini'
import { ChatCompletionStreamResponseSchema } from '../schemas.ts'

// The client depends on zod by a caret range and on its public API only, so whatever version the
// range resolves to (CI installs the newest) must keep these true. The property tests of
// `chunkGuards.test.ts` then compare the hot-path checks with that version's own parse.

const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>
}
const installed = (createRequire(import.meta.url)('zod/package.json') as { version: string }).version

function satisfiesCaret(version: string, range: string): boolean {
  const [major, minor, patch] = version.split('.').map(Number) as [number, number, number]
  const [lowMajor, lowMinor, lowPatch] = range.slice(1).split('.').map(Number) as [number, number, number]
  if (major !== lowMajor) return false
  return minor > lowMinor || (minor === lowMinor && patch >= lowPatch)
}

describe('zod', () => {
  it('is a caret range, and the installed version is in it', () => {
    const range = manifest.dependencies.zod ?? ''
    expect(range).toMatch(/^\^\d+\.\d+\.\d+$/)
    expect(satisfiesCaret(installed, range)).toBe(true)
  })

  it('still parses a chunk through its public API: unknown fields kept, the bad path named', () => {
    const chunk = { id: 'c', object: 'chat.completion.chunk', model: 'm', extra: 1, choices: [{ delta: {} }] }
    const ok = safeParse(ChatCompletionStreamResponseSchema, chunk)
    expect(ok.success && ok.data).toEqual(chunk)
    const bad = safeParse(ChatCompletionStreamResponseSchema, {
      ...chunk,
      choices: [{ delta: { content: 5 } }],
    })
    expect(bad.success).toBe(false)
    expect(bad.error?.issues[0]?.path).toEqual(['choices', 0, 'delta', 'content'])
  })
})
