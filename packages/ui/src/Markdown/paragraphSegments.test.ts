import { describe, expect, it } from 'vitest'
import {
  continuesParagraph,
  emptySegmentCuts,
  findSegmentCuts,
  isClosedParagraph,
  MAX_SEGMENT_CHARS,
  MAX_TRIES,
  SEGMENT_CHARS,
  segmentsAt,
} from './paragraphSegments.ts'

// Prose with constructs that span spaces: bold phrases, code spans, links.
function prose(words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) {
    if (i % 17 === 3) out.push('**a bold phrase**')
    else if (i % 29 === 7) out.push('`code with spaces`')
    else if (i % 41 === 11) out.push('[the docs](https://example.com/docs)')
    else out.push(['words', 'that', 'stream', 'in'][i % 4] as string)
  }
  return `${out.join(' ')}.`
}

describe('isClosedParagraph', () => {
  it('accepts a paragraph whose every inline construct closes', () => {
    expect(isClosedParagraph('Some **bold text** and `code here` and [a link](https://a.example)')).toBe(true)
  })

  it('rejects what could still pair with text after it, and anything but one paragraph', () => {
    expect(isClosedParagraph('An *opening star that')).toBe(false)
    expect(isClosedParagraph('A `code span that')).toBe(false)
    expect(isClosedParagraph('A [link text that')).toBe(false)
    expect(isClosedParagraph('An escaped \\* star')).toBe(false)
    expect(isClosedParagraph('Words\n- then a list')).toBe(false)
    expect(isClosedParagraph('A heading\n===')).toBe(false)
    expect(isClosedParagraph('- a list item')).toBe(false)
  })
})

describe('findSegmentCuts', () => {
  it('cuts after SEGMENT_CHARS at spaces outside every construct, the same however the text arrives', () => {
    const text = prose(2000)
    const atOnce = findSegmentCuts(text, emptySegmentCuts()).cuts
    expect(atOnce.length).toBeGreaterThan(5)
    const streamed = emptySegmentCuts()
    const seen: number[] = []
    for (let length = 0; length <= text.length; length += 37) {
      findSegmentCuts(text.slice(0, length), streamed)
      // A cut, once made, never moves.
      expect(streamed.cuts.slice(0, seen.length)).toEqual(seen)
      seen.splice(0, seen.length, ...streamed.cuts)
    }
    expect(findSegmentCuts(text, streamed).cuts).toEqual(atOnce)
    const segments = segmentsAt(text, atOnce)
    expect(segments.join(' ')).toBe(text)
    for (const segment of segments.slice(0, -1)) {
      expect(segment.length).toBeGreaterThanOrEqual(SEGMENT_CHARS - 1)
      expect(isClosedParagraph(segment)).toBe(true)
    }
  })

  it('waits for an open construct to close before trying again', () => {
    const before = 'x '.repeat(SEGMENT_CHARS / 2)
    const open = `${before}*an emphasis that stays open ${'for a while '.repeat(60)}`
    const cuts = findSegmentCuts(open, emptySegmentCuts())
    expect(cuts.cuts).toEqual([])
    expect(cuts.failed).toBe(1)
    // More words and no closer: no more tries (each one would parse).
    expect(findSegmentCuts(`${open}and more words `, cuts).failed).toBe(1)
    const closed = `${open.trimEnd()}* and then plain words ${'go on '.repeat(100)}`
    const [cut = -1] = findSegmentCuts(closed, cuts).cuts
    expect(cut).toBeGreaterThan(closed.indexOf('*', before.length + 1))
    expect(isClosedParagraph(closed.slice(0, cut))).toBe(true)
  })

  it('cuts between constructs that recur at any period', () => {
    // A bold phrase with spaces in it every ~250 characters: cuts land after one, not inside.
    const text = Array.from({ length: 200 }, (_, i) => `${'word '.repeat(45)}**bold phrase ${i}**`).join(' ')
    const cuts = findSegmentCuts(text, emptySegmentCuts())
    expect(cuts.cuts.length).toBeGreaterThan(text.length / (2 * SEGMENT_CHARS))
    expect(cuts.stopped).toBe(false)
  })

  it('stops trying once a construct stays open past MAX_SEGMENT_CHARS or MAX_TRIES tries', () => {
    const text = `An *emphasis that never closes ${'and words go on '.repeat(MAX_SEGMENT_CHARS / 10)}`
    const cuts = findSegmentCuts(`${text}** and more`, emptySegmentCuts())
    expect(cuts.cuts).toEqual([])
    expect(cuts.stopped).toBe(true)
    const closers = `An *emphasis that never closes ${'and `code` goes on '.repeat(MAX_SEGMENT_CHARS / 20)}`
    const tried = findSegmentCuts(closers, emptySegmentCuts())
    expect(tried.stopped).toBe(true)
    expect(tried.failed).toBe(MAX_TRIES)
  })

  it('starts again when the text is not the one the cuts were found in', () => {
    const cuts = findSegmentCuts(prose(600), emptySegmentCuts())
    expect(cuts.cuts.length).toBeGreaterThan(0)
    expect(findSegmentCuts('short', cuts).cuts).toEqual([])
  })
})

describe('continuesParagraph', () => {
  it('accepts plain lines, and a line break not yet followed by anything', () => {
    expect(continuesParagraph('more words\nand a second line\n')).toBe(true)
  })

  it('rejects lines that could end the paragraph or change it', () => {
    for (const line of ['', '- item', '1. item', '# Heading', '> quote', '===', '| a |', '```', '<div>'])
      expect(continuesParagraph(`words\n${line}\n`)).toBe(false)
  })
})
