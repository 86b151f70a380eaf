import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { HOSTILE_RUNS } from '../__tests__/hostileConfig.ts'
import { autolinkLiterals, largeBlock, nestedContainers, superLinear } from '../__tests__/hostilePayloads.ts'
import { richReply } from '../stories/fixtures.ts'
import {
  type GuardScan,
  MAX_BLOCK_CHARS,
  MAX_NESTING,
  MAX_SEGMENTED_BLOCK_CHARS,
  nestingOf,
  plainReason,
  plainReasonGrowing,
} from './markdownGuards.ts'
import { splitMarkdownBlocks } from './splitMarkdownBlocks.ts'

const blocksOf = (text: string) => splitMarkdownBlocks(text)

describe('plainReason (the checks before parsing)', () => {
  it('passes ordinary replies, long lists and tables with emphasis and links', () => {
    const list = Array.from(
      { length: 150 },
      (_, i) => `${i + 1}. **Item ${i}** with a [link](https://e.example/${i})`,
    ).join('\n')
    const bullets = Array.from({ length: 150 }, (_, i) => `- _item_ ${i} ~~old~~ *new*`).join('\n')
    const table = `| a | b |\n|---|---|\n${Array.from({ length: 120 }, (_, i) => `| **${i}** | [x](https://x.example) |`).join('\n')}`
    const nested = Array.from({ length: 8 }, (_, depth) => `${'  '.repeat(depth)}- level ${depth}`).join('\n')
    const quoted = '> quote\n>> reply\n>>> and again\n\n---\n\nTitle\n=====\n\nSub\n---'
    const fenced = `\`\`\`md\n${'*a'.repeat(5_000)}\n\`\`\``
    for (const text of [richReply, list, bullets, table, nested, quoted, fenced]) {
      for (const block of blocksOf(text)) expect(plainReason(block), block.slice(0, 80)).toBeNull()
    }
  })

  it('counts blockquote and list markers and indentation levels', () => {
    expect(nestingOf('> > - 1. x')).toBe(4)
    expect(nestingOf('>>>>x')).toBe(4)
    expect(nestingOf('        - x')).toBe(5)
    expect(nestingOf('-x')).toBe(0)
    expect(nestingOf('x > y')).toBe(0)
  })

  it('rejects deep nesting of blockquotes and lists (4–8 KB)', () => {
    fc.assert(
      fc.property(nestedContainers(), (text) => {
        expect(plainReason(text)).toBe('nesting')
      }),
      { numRuns: HOSTILE_RUNS * 10 },
    )
    expect(plainReason(`${'> '.repeat(MAX_NESTING)}x`)).toBeNull()
    expect(plainReason(`${'> '.repeat(MAX_NESTING + 1)}x`)).toBe('nesting')
  })

  it('rejects input the parser is super-linear on (12–48 KB)', () => {
    fc.assert(
      fc.property(superLinear(), (text) => {
        expect(plainReason(text)).not.toBeNull()
      }),
      { numRuns: HOSTILE_RUNS * 10 },
    )
  })

  it('rejects the slow shapes by their counts, well below the size limit', () => {
    const size = MAX_BLOCK_CHARS / 4
    expect(plainReason('*a'.repeat(size / 2))).toBe('emphasis')
    expect(plainReason('a_'.repeat(size / 2))).toBe('emphasis')
    expect(plainReason('a\n-\n'.repeat(size / 4))).toBe('setext')
    expect(plainReason('a\n===\n'.repeat(size / 6))).toBe('setext')
    expect(plainReason('[a]('.repeat(size / 4))).toBe('links')
    expect(plainReason('a@b.c '.repeat(size / 6))).toBe('links')
    // Lines that look like new paragraphs but continue the same one do not reset the counts.
    expect(plainReason('*a*a*a*a\n2. *a*a*a*a\n'.repeat(size / 22))).toBe('emphasis')
    expect(plainReason('> *a*a*a*a\n'.repeat(size / 11))).toBe('emphasis')
  })

  it('rejects blocks of thousands of autolink literals (12–48 KB)', () => {
    fc.assert(
      fc.property(autolinkLiterals(), (text) => {
        expect(plainReason(text)).not.toBeNull()
      }),
      { numRuns: HOSTILE_RUNS * 10 },
    )
  })

  it('rejects one very large list or table block', () => {
    fc.assert(
      fc.property(largeBlock(), (text) => {
        expect(blocksOf(text)).toHaveLength(1)
        expect(plainReason(text)).not.toBeNull()
      }),
      { numRuns: HOSTILE_RUNS * 3 },
    )
  })

  it('gives the same verdict on a growing block as on the whole of it, at every step', () => {
    const texts = fc.oneof(
      superLinear(2_000, 8_000),
      nestedContainers(),
      autolinkLiterals(2_000, 8_000),
      fc.constant(richReply),
      fc.constant(`- a\n${'- **b** [c](https://c.example)\n'.repeat(400)}`),
      fc.constant(`| a |\n|---|\n${'| *x* |\n'.repeat(300)}\`\`\`\n${'*'.repeat(2_000)}\n`),
    )
    const steps = fc.array(fc.integer({ min: 1, max: 4_000 }), { minLength: 1, maxLength: 30 })
    fc.assert(
      fc.property(
        texts,
        steps,
        fc.constantFrom(MAX_BLOCK_CHARS / 8, MAX_SEGMENTED_BLOCK_CHARS),
        (text, cuts, max) => {
          const scan: { current: GuardScan | null } = { current: null }
          let end = 0
          for (const step of [...cuts, text.length]) {
            end = Math.min(text.length, end + step)
            const block = text.slice(0, end)
            expect(plainReasonGrowing(block, max, scan)).toBe(plainReason(block, max))
          }
          // A block that is not an extension of the last one is checked from its start.
          const edited = `x${text}`
          expect(plainReasonGrowing(edited, max, scan)).toBe(plainReason(edited, max))
        },
      ),
      { numRuns: HOSTILE_RUNS * 3 },
    )
  })
})
