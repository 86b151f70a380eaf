import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'

// The engine is framework-free: nothing under core/ may import React, react-dom, or a module that
// pulls React in (zustand's root entry does; `zustand/vanilla` does not).

const coreDir = fileURLToPath(new URL('..', import.meta.url))
const FORBIDDEN =
  /^(react|react-dom|@tanstack\/react-query|use-sync-external-store)(\/|$)|^zustand(\/(?!vanilla$|middleware$).*)?$/

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) return sourceFiles(path)
    return /\.(ts|tsx)$/.test(entry.name) ? [path] : []
  })
}

/** Every module specifier of a file: static imports, re-exports, dynamic imports and requires. */
function importsOf(source: string): string[] {
  const specifiers: string[] = []
  const pattern = /(?:\bfrom\s*|\bimport\s*\(?\s*|\brequire\s*\(\s*)['"]([^'"]+)['"]/g
  for (const match of source.matchAll(pattern)) specifiers.push(match[1] as string)
  return specifiers
}

describe('core/ imports no React', () => {
  it('finds the imports it checks (the check itself works)', () => {
    expect(
      importsOf(
        `import { useState } from 'react'\nexport * from "zustand"\nawait import('react-dom/client')`,
      ),
    ).toEqual(['react', 'zustand', 'react-dom/client'])
    expect(FORBIDDEN.test('react')).toBe(true)
    expect(FORBIDDEN.test('zustand/vanilla')).toBe(false)
    expect(FORBIDDEN.test('zustand/shallow')).toBe(true)
    expect(FORBIDDEN.test('reactive')).toBe(false)
  })

  it('no file under core/ imports React or a React binding', () => {
    // This file names the forbidden modules in its own test of the check.
    const files = sourceFiles(coreDir).filter((file) => file !== fileURLToPath(import.meta.url))
    expect(files.length).toBeGreaterThan(10)
    const offenders = files.flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        // A module of core/ may not reach out of core/ either (the hooks import React).
        .filter(
          (specifier) =>
            FORBIDDEN.test(specifier) ||
            (!file.includes('__tests__') &&
              specifier.startsWith('.') &&
              !resolve(dirname(file), specifier).startsWith(coreDir)),
        )
        .map((specifier) => `${relative(coreDir, file)} imports ${specifier}`),
    )
    expect(offenders).toEqual([])
  })
})
