import { cleanup, render, waitFor } from '@testing-library/react'
import fc from 'fast-check'
import { afterEach, describe, expect, it } from 'vitest'
import { HOSTILE_RUNS } from '../__tests__/hostileConfig.ts'
import {
  autolinkLiterals,
  fill,
  largeBlock,
  markdownFenceOfLinkOpeners,
  nestedContainers,
  nestedInline,
  nestedTemplates,
  superLinear,
} from '../__tests__/hostilePayloads.ts'
import { mayHighlight } from './highlightGuards.ts'
import { Markdown } from './Markdown.tsx'

afterEach(cleanup)

/** Letters and digits only: what must survive as text whether the block is parsed or shown plain. */
const letters = (text: string) => text.replace(/[^\p{L}\p{N}]/gu, '')

/** Renders `text` and checks that it shows: plain blocks verbatim, parsed ones by their letters. */
function renderShowsText(text: string, streaming = false) {
  const { container, unmount } = render(<Markdown streaming={streaming}>{text}</Markdown>)
  const plain = container.querySelector('.kindling-markdown__plain')
  if (plain) expect(plain.textContent).toBe(text)
  else if (!streaming) expect(letters(container.textContent ?? '')).toContain(letters(text).slice(0, 200))
  unmount()
  return plain !== null
}

describe('Markdown under hostile input (real Chromium)', () => {
  it('renders deeply nested blockquotes and lists (4–8 KB) as plain text instead of throwing', () => {
    fc.assert(
      fc.property(nestedContainers(), fc.boolean(), (text, streaming) => {
        expect(renderShowsText(text, streaming)).toBe(true)
      }),
      { numRuns: HOSTILE_RUNS },
    )
  })

  it('renders deeply nested inline constructs (4–8 KB) without throwing', () => {
    fc.assert(
      fc.property(nestedInline(), (text) => {
        renderShowsText(text)
      }),
      { numRuns: HOSTILE_RUNS * 2 },
    )
  })

  it('shows a tree too deep for the renderer as plain text (the check after parsing)', () => {
    // 200 nested emphases: few delimiter runs per line, but a tree deeper than the limit.
    const text = `${'*a _'.repeat(100)}x${'_ b*'.repeat(100)}`
    const { container } = render(<Markdown>{text}</Markdown>)
    expect(container.querySelector('[data-plain-reason="depth"]')?.textContent).toBe(text)
  })

  it('renders super-linear input (12–48 KB) as plain text, whole', () => {
    fc.assert(
      fc.property(superLinear(), (text) => {
        expect(renderShowsText(text)).toBe(true)
      }),
      { numRuns: HOSTILE_RUNS },
    )
  })

  it('renders thousands of autolink literals (12–48 KB) as plain text, whole', () => {
    fc.assert(
      fc.property(autolinkLiterals(), (text) => {
        expect(renderShowsText(text)).toBe(true)
      }),
      { numRuns: HOSTILE_RUNS },
    )
  })

  it('renders one 100 KB list or table block as plain text', () => {
    fc.assert(
      fc.property(largeBlock(), (text) => {
        expect(renderShowsText(text)).toBe(true)
      }),
      { numRuns: HOSTILE_RUNS },
    )
  })

  it('keeps the other blocks formatted when one block is guarded', () => {
    const text = `# Title\n\nSome **bold** words.\n\n${'>'.repeat(2_000)} deep\n\nAfter.`
    const { container } = render(<Markdown>{text}</Markdown>)
    expect(container.querySelector('h1')?.textContent).toBe('Title')
    expect(container.querySelector('strong')?.textContent).toBe('bold')
    expect(container.querySelector('[data-plain-reason="nesting"]')).not.toBeNull()
    expect(container.textContent).toContain('After.')
  })
})

describe('Markdown with reference definitions while streaming', () => {
  it('resolves a reference link defined in another block', () => {
    const { container } = render(<Markdown>{'See [the docs][d].\n\n[d]: https://docs.example/x'}</Markdown>)
    expect(container.querySelector('a')?.getAttribute('href')).toBe('https://docs.example/x')
  })

  it('renders a footnote defined in another block', () => {
    const { container } = render(<Markdown>{'A claim[^1].\n\n[^1]: The source.\n'}</Markdown>)
    expect(container.querySelector('sup a')).not.toBeNull()
    expect(container.textContent).toContain('The source.')
  })

  it('keeps finished blocks memoised when the document has a definition or a footnote', () => {
    for (const definition of ['[d]: https://docs.example', '[^1]: A note.']) {
      const start = `First [x][d] paragraph[^1].\n\n${definition}\n\nSecond`
      const { container, rerender, unmount } = render(<Markdown streaming>{start}</Markdown>)
      const first = container.querySelector('p')
      for (const more of [' para', 'graph', ' grows', ' on.']) {
        rerender(<Markdown streaming>{`${start}${more}`}</Markdown>)
        expect(container.querySelector('p')).toBe(first)
      }
      unmount()
    }
  })
})

describe('CodeBlock highlighting under hostile input', () => {
  it('leaves a markdown fence full of link openers plain', async () => {
    const sample = fc.sample(markdownFenceOfLinkOpeners(), HOSTILE_RUNS)
    for (const text of sample) {
      expect(mayHighlight(text, 'markdown')).toBe(false)
      const { container, unmount } = render(<Markdown>{text}</Markdown>)
      // The highlighter loads (the language is known) and must still leave this code alone.
      await new Promise((resolve) => setTimeout(resolve, 50))
      expect(container.querySelector('[class^="hljs"]')).toBeNull()
      expect(container.querySelector('code')?.textContent).toBe(text.split('\n')[1])
      unmount()
    }
  })

  it('shows deeply nested template substitutions as code, whole, without throwing', async () => {
    const sample = fc.sample(nestedTemplates(), HOSTILE_RUNS)
    for (const text of sample) {
      const { container, unmount } = render(<Markdown>{text}</Markdown>)
      await waitFor(() => expect(container.querySelector('code')?.textContent).toBe(text.split('\n')[1]))
      unmount()
    }
  })

  it('treats fence labels named like Object.prototype members as unknown languages', async () => {
    const labels = ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf']
    const text = labels.map((label) => `\`\`\`${label}\ncode for ${label}\n\`\`\``).join('\n\n')
    const { container } = render(<Markdown>{text}</Markdown>)
    await new Promise((resolve) => setTimeout(resolve, 100))
    expect([...container.querySelectorAll('code')].map((code) => code.textContent)).toEqual(
      labels.map((label) => `code for ${label}`),
    )
    expect(container.querySelector('.kindling-markdown__plain')).toBeNull()
  })

  it('still highlights ordinary code, and leaves a chunk of lines over the size cap plain', async () => {
    const ordinary = '```js\nconst a = f(1)\n```'
    // Long code is highlighted per chunk of lines (codeChunks.ts): the cap bounds one chunk.
    const big = `\`\`\`js\n${fill('const a = 1;', 20_000)}\n\`\`\``
    const { container } = render(<Markdown>{`${ordinary}\n\n${big}`}</Markdown>)
    await waitFor(() => expect(container.querySelector('.hljs-keyword')).not.toBeNull(), { timeout: 10_000 })
    const [first, second] = container.querySelectorAll('code')
    expect(first?.querySelector('.hljs-keyword')).not.toBeNull()
    expect(second?.querySelector('[class^="hljs"]')).toBeNull()
    expect(second?.textContent?.length).toBe(20_000)
  })
})
