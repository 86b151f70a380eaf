import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Markdown } from './Markdown.tsx'
import { blockComponents } from './markdownComponents.tsx'
import { ParsedMarkdown } from './ParsedMarkdown.tsx'
import '../styles.css'

afterEach(cleanup)

function longTable(rows: number): string {
  const body = Array.from(
    { length: rows },
    // No links: a link still being typed is a long URL for a frame, which widens its column.
    (_, i) => `| row ${i} | ${i * 7} | **bold** and \`code\` ${i}${i % 9 === 4 ? '' : ' |'}`,
  )
  return `| name | value | note |\n| :--- | ---: | :---: |\n${body.join('\n')}`
}

function wholeParse(text: string): string {
  const { container, unmount } = render(
    <div className="kindling-markdown">
      <ParsedMarkdown text={text} definitions="" components={blockComponents(false)} fallback={null} />
    </div>,
  )
  const html = container.innerHTML
  unmount()
  return html
}

describe('a long table', () => {
  it('renders in groups of rows exactly as the whole table parses, streamed or at once', () => {
    const text = longTable(150)
    const expected = wholeParse(text)
    const { container, rerender } = render(<Markdown>{text}</Markdown>)
    expect(container.innerHTML).toBe(expected)
    expect(container.querySelectorAll('table')).toHaveLength(1)
    expect(container.querySelectorAll('tbody tr')).toHaveLength(150)
    rerender(<Markdown streaming>{''}</Markdown>)
    let height = 0
    for (let length = 0; length <= text.length; length += 89) {
      rerender(<Markdown streaming>{text.slice(0, length)}</Markdown>)
      const nextHeight = container.getBoundingClientRect().height
      expect(nextHeight).toBeGreaterThanOrEqual(height)
      height = nextHeight
    }
    rerender(<Markdown>{text}</Markdown>)
    expect(container.innerHTML).toBe(expected)
  })

  it('turns into what the parser makes of it when a line without a pipe follows', () => {
    const text = `${longTable(60)}\nA line after the table\n`
    const { container } = render(<Markdown streaming>{text}</Markdown>)
    expect(container.innerHTML).toBe(wholeParse(text))
  })
})
