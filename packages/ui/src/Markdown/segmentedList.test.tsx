import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Markdown } from './Markdown.tsx'
import { blockComponents } from './markdownComponents.tsx'
import { ParsedMarkdown } from './ParsedMarkdown.tsx'
import '../styles.css'

afterEach(cleanup)

function longList(items: number, marker: (i: number) => string): string {
  return Array.from({ length: items }, (_, i) => {
    // Nested items are indented to the item's content (past `12. `).
    const indent = ' '.repeat(marker(i).length + 1)
    const nested = i % 13 === 5 ? `\n${indent}- nested **under** ${i}\n${indent}- and \`another\`` : ''
    return `${marker(i)} item ${i} with **bold words** and [a link](https://example.com/${i})${nested}`
  }).join('\n')
}

// Whitespace between tags differs where groups meet (the parser puts a newline between items).
const normalized = (html: string) => html.replace(/>\s+</g, '><')

function wholeParse(text: string): string {
  const { container, unmount } = render(
    <div className="kindling-markdown">
      <ParsedMarkdown text={text} definitions="" components={blockComponents(false)} fallback={null} />
    </div>,
  )
  const html = normalized(container.innerHTML)
  unmount()
  return html
}

describe('a long tight list', () => {
  for (const [name, marker] of [
    ['bullet', () => '-'],
    ['ordered from 3', (i: number) => `${i + 3}.`],
  ] as const) {
    it(`renders in groups exactly as the whole ${name} list parses, streamed or at once`, () => {
      const text = longList(120, marker)
      const expected = wholeParse(text)
      const { container, rerender } = render(<Markdown>{text}</Markdown>)
      expect(normalized(container.innerHTML)).toBe(expected)
      expect(container.querySelectorAll('.kindling-markdown > ul, .kindling-markdown > ol')).toHaveLength(1)
      rerender(<Markdown streaming>{''}</Markdown>)
      let height = 0
      for (let length = 0; length <= text.length; length += 131) {
        rerender(<Markdown streaming>{text.slice(0, length)}</Markdown>)
        const nextHeight = container.getBoundingClientRect().height
        expect(nextHeight).toBeGreaterThanOrEqual(height)
        height = nextHeight
      }
      rerender(<Markdown>{text}</Markdown>)
      expect(normalized(container.innerHTML)).toBe(expected)
    })
  }

  it('turns into what the parser makes of it when a line at column 0 ends the list', () => {
    const text = `${longList(80, () => '*')}\nA lazy line\n`
    const { container } = render(<Markdown streaming>{text}</Markdown>)
    expect(normalized(container.innerHTML)).toBe(wholeParse(text))
  })
})
