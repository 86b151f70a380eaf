import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
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

// Arrows point one way (ui → react → client): nothing in the client, tests included, imports a
// package above it. Tests that need @kindling/server live in the repository's tests/.
const everyFile = (readdirSync(fileURLToPath(srcDir), { recursive: true }) as string[]).filter((name) =>
  /\.tsx?$/.test(name),
)

describe('client sources and tests', () => {
  it.each(everyFile)('%s imports nothing from a higher package', (name) => {
    const source = readFileSync(join(fileURLToPath(srcDir), name), 'utf8')
    expect(source).not.toMatch(/from '@kindling\/(server|react|ui)/)
    expect(source).not.toMatch(/from '(\.\.\/){2,}(\.\.\/)+/)
  })
})
