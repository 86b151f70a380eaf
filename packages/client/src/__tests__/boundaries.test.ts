import { readdirSync, readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'

// The library runs in browsers and edge runtimes: only fetch, streams, TextDecoder and AbortSignal.
const srcDir = new URL('../', import.meta.url)
const libraryFiles = readdirSync(srcDir).filter((name) => name.endsWith('.ts'))

describe('library code', () => {
  it.each(libraryFiles)('%s imports no Node-only module, React or process global', (name) => {
    const source = readFileSync(new URL(name, srcDir), 'utf8')
    const imports = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1])
    for (const specifier of imports) expect(specifier).toMatch(/^(\.\/|zod\/mini$|eventsource-parser$)/)
    expect(source).not.toMatch(/\bprocess\.|\bBuffer\b|\brequire\(/)
  })

  it.each(libraryFiles)('%s uses zod through its public API only', (name) => {
    const source = readFileSync(new URL(name, srcDir), 'utf8')
    // zod's private fields (`_zod`, `_def`) change in patch releases; the range is a caret.
    expect(source).not.toMatch(/\._zod\b|\._def\b|zod\/v4\/core/)
  })
})
