import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { Markdown } from './Markdown.tsx'
import { blockComponents } from './markdownComponents.tsx'
import { ParsedMarkdown } from './ParsedMarkdown.tsx'
import '../styles.css'

afterEach(cleanup)

function longParagraph(words: number): string {
  const out: string[] = []
  for (let i = 0; i < words; i++) {
    if (i % 43 === 3) out.push('**a bold phrase**')
    else if (i % 29 === 7) out.push('`code with spaces`')
    else if (i % 41 === 11) out.push('[the docs](https://example.com/docs)')
    else if (i % 53 === 13) out.push('www.example.org,')
    else out.push(['words', 'that', 'stream', 'in', 'émigré'][i % 5] as string)
  }
  return `${out.join(' ')}.`
}

// The same text through the parser in one piece (what a short paragraph gets).
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

describe('a long paragraph', () => {
  it('renders in segments exactly as the whole paragraph parses, streamed or at once', () => {
    const text = longParagraph(1200)
    const expected = wholeParse(text)
    const { container, rerender } = render(<Markdown>{text}</Markdown>)
    expect(container.innerHTML).toBe(expected)
    rerender(<Markdown streaming>{''}</Markdown>)
    let height = 0
    for (let length = 0; length <= text.length; length += 97) {
      rerender(<Markdown streaming>{text.slice(0, length)}</Markdown>)
      const nextHeight = container.getBoundingClientRect().height
      expect(nextHeight).toBeGreaterThanOrEqual(height)
      height = nextHeight
    }
    rerender(<Markdown>{text}</Markdown>)
    expect(container.innerHTML).toBe(expected)
    expect(container.querySelectorAll('p')).toHaveLength(1)
  })

  it('renders 5,000 words formatted, though the whole is over the size one parse may take', () => {
    const text = longParagraph(5000)
    expect(text.length).toBeGreaterThan(20_000)
    const { container } = render(<Markdown>{text}</Markdown>)
    expect(container.querySelector('[data-plain-reason]')).toBeNull()
    expect(container.querySelectorAll('strong').length).toBe(Math.ceil((5000 - 3) / 43))
    expect(container.querySelector('p')?.textContent).toBe(wholeText(text))
  })

  it('turns into what the parser makes of it when a later line changes the block', () => {
    const text = longParagraph(400)
    const { container, rerender } = render(<Markdown streaming>{text}</Markdown>)
    rerender(<Markdown streaming>{`${text}\n===\n`}</Markdown>)
    expect(container.querySelector('h1')?.textContent).toBe(wholeText(text))
    expect(container.querySelector('p')).toBeNull()
    rerender(<Markdown streaming>{`${text}\n- an item\n`}</Markdown>)
    expect(container.querySelector('li')?.textContent).toBe('an item')
    expect(container.innerHTML).toBe(wholeParse(`${text}\n- an item\n`))
  })

  it('is parsed whole when it may use a reference defined elsewhere', () => {
    const text = `${longParagraph(400)} see [the spec].`
    const { container } = render(<Markdown>{`${text}\n\n[the spec]: https://spec.example`}</Markdown>)
    expect(container.querySelector('a[href="https://spec.example"]')?.textContent).toBe('the spec')
  })
})

// The visible text of a paragraph: markup characters gone, as the parser renders it.
function wholeText(text: string): string {
  return text
    .replaceAll('**', '')
    .replaceAll('`', '')
    .replaceAll('[the docs](https://example.com/docs)', 'the docs')
}
