import { describe, expect, it } from 'vitest'
import {
  holdBackPartialLine,
  MAX_DEFINITIONS_CHARS,
  referenceDefinitions,
  splitMarkdownBlocks,
} from './splitMarkdownBlocks.ts'

const reply = [
  '# Title',
  '',
  'Intro paragraph with `code`.',
  '',
  '```python',
  'def f():',
  '',
  '    return 1',
  '```',
  '',
  '1. first',
  '',
  '   continued under the item',
  '2. second',
  '',
  '| a | b |',
  '|---|---|',
  '| 1 | 2 |',
  '',
  '    indented code',
  '',
  'Last words.',
].join('\n')

describe('splitMarkdownBlocks', () => {
  it('loses and reorders nothing', () => {
    expect(splitMarkdownBlocks(reply).join('')).toBe(reply)
    expect(splitMarkdownBlocks('')).toEqual([''])
  })

  it('splits after blank lines before column-0 text', () => {
    const blocks = splitMarkdownBlocks(reply)
    expect(blocks[0]).toBe('# Title\n\n')
    expect(blocks[1]).toBe('Intro paragraph with `code`.\n\n')
    expect(blocks.at(-1)).toBe('Last words.')
  })

  it('never splits inside a code fence, even at a blank line', () => {
    const fence = splitMarkdownBlocks(reply).find((block) => block.startsWith('```python'))
    expect(fence).toBe('```python\ndef f():\n\n    return 1\n```\n\n')
  })

  it('keeps an unclosed fence whole to the end', () => {
    const text = 'Before.\n\n~~~js\nconst a = 1\n\nNot a paragraph'
    expect(splitMarkdownBlocks(text)).toEqual(['Before.\n\n', '~~~js\nconst a = 1\n\nNot a paragraph'])
  })

  it('closes a fence only with the same character, at least as long', () => {
    const text = '````\n```\nstill code\n\n~~~\n\nstill code\n````\n\nafter'
    expect(splitMarkdownBlocks(text)).toEqual([
      '````\n```\nstill code\n\n~~~\n\nstill code\n````\n\n',
      'after',
    ])
  })

  it('keeps indented continuations with the block before them', () => {
    const list = splitMarkdownBlocks(reply).find((block) => block.startsWith('1. first'))
    expect(list).toBe('1. first\n\n   continued under the item\n2. second\n\n')
  })

  it('splits documents with footnotes or reference links too (definitions are shared apart)', () => {
    expect(splitMarkdownBlocks('See [docs][d].\n\n[d]: https://example.com')).toHaveLength(2)
    expect(splitMarkdownBlocks('Claim[^1].\n\n[^1]: Source.')).toHaveLength(2)
  })

  it('never moves a split point as more text streams in', () => {
    const full = splitMarkdownBlocks(reply)
    for (let end = 1; end <= reply.length; end++) {
      const partial = splitMarkdownBlocks(reply.slice(0, end))
      // Every finished block of a prefix is a finished block of the whole.
      expect(partial.slice(0, -1)).toEqual(full.slice(0, partial.length - 1))
    }
  })
})

describe('referenceDefinitions', () => {
  it('collects finished definition lines, with the indented lines of footnotes', () => {
    const text =
      'See [docs][d] and [^n].\n\n[d]: https://example.com "Docs"\n\n[^n]: A note\n    that goes on.\nNot this.\n\n[e]: https://e'
    expect(referenceDefinitions(text, true)).toBe(
      '[d]: https://example.com "Docs"\n[^n]: A note\n    that goes on.',
    )
    expect(referenceDefinitions(text)).toMatch(/\n\[e\]: https:\/\/e$/)
  })

  it('ignores the line still being typed, so definitions change once per line', () => {
    const text = 'Intro.\n\n[a]: https://a.example\n'
    const seen = new Set<string>()
    for (let end = 0; end <= text.length; end++) seen.add(referenceDefinitions(text.slice(0, end), true))
    expect([...seen]).toEqual(['', '[a]: https://a.example'])
  })

  it('gives up past its size limit rather than making every block parse them', () => {
    const many = Array.from({ length: 400 }, (_, i) => `[l${i}]: https://example.com/${i}`).join('\n')
    expect(many.length).toBeGreaterThan(MAX_DEFINITIONS_CHARS)
    expect(referenceDefinitions(many)).toBe('')
  })
})

describe('holdBackPartialLine', () => {
  it('holds back a lone - or = line that would make a setext heading', () => {
    expect(holdBackPartialLine('Hello\n-')).toBe('Hello\n')
    expect(holdBackPartialLine('Hello\n==')).toBe('Hello\n')
    expect(holdBackPartialLine('Hello\n--- ')).toBe('Hello\n')
  })

  it('holds back a half-typed closing fence, which would show as an extra code line', () => {
    expect(holdBackPartialLine('```js\nx\n``')).toBe('```js\nx\n')
    expect(holdBackPartialLine('```js\nx\n```')).toBe('```js\nx\n')
    expect(holdBackPartialLine('~')).toBe('')
  })

  it('leaves everything else alone', () => {
    expect(holdBackPartialLine('Hello\n- item')).toBe('Hello\n- item')
    expect(holdBackPartialLine('a - b')).toBe('a - b')
    expect(holdBackPartialLine('Hello\n-\n')).toBe('Hello\n-\n')
  })
})
