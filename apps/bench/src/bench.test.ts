import { describe, expect, it } from 'vitest'
import { markdownTable, type SectionResult, sectionMarkdown } from './report.ts'
import { SECTIONS } from './sections.ts'

// A tiny run of every section, so the benchmarks cannot rot. Only the shape of the results is
// checked: speed is measured by `pnpm bench`, never asserted here.

function expectWellFormed(result: SectionResult, name: string): void {
  expect(result.section).toBe(name)
  expect(result.title.length).toBeGreaterThan(0)
  expect(result.columns.length).toBeGreaterThan(1)
  expect(result.rows.length).toBeGreaterThan(0)
  for (const row of result.rows) {
    expect(row).toHaveLength(result.columns.length)
    for (const cell of row) expect(String(cell)).not.toMatch(/NaN|undefined/)
  }
  for (const target of result.targets) {
    expect(typeof target.met).toBe('boolean')
    expect(target.measured).not.toMatch(/NaN|undefined/)
  }
  expect(() => JSON.stringify(result.data)).not.toThrow()
  expect(sectionMarkdown(result)).toContain(markdownTable(result.columns, result.rows))
}

describe('pnpm bench', () => {
  it.each(Object.keys(SECTIONS))(
    'section %s runs and reports a well-formed table',
    { timeout: 180_000 },
    async (name) => {
      const run = SECTIONS[name] as (typeof SECTIONS)[string]
      expectWellFormed(await run('smoke'), name)
    },
  )

  it('formats a markdown table with one rule line', () => {
    expect(markdownTable(['a', 'b'], [['x', 1]])).toBe('| a | b |\n| --- | ---: |\n| x | 1 |')
  })
})
