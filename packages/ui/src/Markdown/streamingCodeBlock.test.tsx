import { cleanup, render } from '@testing-library/react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { loadHighlighter } from './loadHighlighter.ts'
import { Markdown } from './Markdown.tsx'
import '../styles.css'

afterEach(cleanup)

// Code with a block comment and a template literal that span chunk edges, so cuts must wait for them.
function sampleCode(lineCount: number): string {
  const lines: string[] = []
  for (let i = 0; lines.length < lineCount; i++) {
    if (i % 37 === 20) lines.push('/* a comment', ` that spans ${i}`, ' three lines */')
    else if (i % 41 === 30) lines.push('const text = `first', `second ${i}`, 'third`')
    else lines.push(`const value${i} = compute(${i}) // step ${i}`)
  }
  return lines.slice(0, lineCount).join('\n')
}

const PROSE = 'A long answer writes a file:\n\n'

describe('an open code fence while it streams', () => {
  it('updates only its last chunk, keeps finished chunks highlighted, never shrinks, and closes unchanged', async () => {
    await loadHighlighter()
    const code = sampleCode(260)
    const open = `${PROSE}\`\`\`ts\n`
    const { container, rerender } = render(<Markdown streaming>{open}</Markdown>)
    const root = container.querySelector('.kindling-markdown') as HTMLElement
    let height = root.getBoundingClientRect().height
    let previousChunks: Element[] = []
    let sawSeveralChunks = false
    for (let length = 0; length <= code.length; length += 32) {
      const codeElement = container.querySelector('code')
      const mutated: Node[] = []
      const observer = new MutationObserver((records) => {
        for (const record of records) mutated.push(record.target)
      })
      if (codeElement) observer.observe(codeElement, { subtree: true, childList: true, characterData: true })
      rerender(<Markdown streaming>{`${open}${code.slice(0, length)}`}</Markdown>)
      observer.takeRecords().forEach((record) => {
        mutated.push(record.target)
      })
      observer.disconnect()

      const chunks = [...container.querySelectorAll('.kindling-code-chunk')]
      const finished = chunks.slice(0, -1)
      // Finished chunks are the same elements as before, untouched, and still highlighted.
      expect(finished.slice(0, previousChunks.length - 1)).toEqual(previousChunks.slice(0, -1))
      const lastFinished = previousChunks.length - 1
      for (const node of mutated) {
        const owner = chunks.findIndex((chunk) => chunk.contains(node))
        // A new chunk is appended to <code> (its target), else only the last chunk changes; the
        // previous last chunk may change once more, as it becomes finished.
        if (owner === -1) expect(node).toBe(codeElement)
        else expect(owner).toBeGreaterThanOrEqual(Math.max(lastFinished, 0))
      }
      for (const chunk of finished) expect(chunk.querySelector('.hljs-keyword')).not.toBeNull()
      if (finished.length >= 2) sawSeveralChunks = true
      const nextHeight = root.getBoundingClientRect().height
      expect(nextHeight).toBeGreaterThanOrEqual(height)
      height = nextHeight
      previousChunks = chunks
    }
    expect(sawSeveralChunks).toBe(true)
    rerender(<Markdown streaming>{`${open}${code}\n`}</Markdown>)
    const openHeight = root.getBoundingClientRect().height
    const openElements = [...container.querySelectorAll('.kindling-code-chunk')]
    const openChunks = openElements.map((chunk) => chunk.textContent)

    // The fence closes and the reply ends: the same chunk elements (nothing is built again), the
    // same height, all highlighted.
    rerender(<Markdown>{`${open}${code}\n\`\`\`\n`}</Markdown>)
    const closed = [...container.querySelectorAll('.kindling-code-chunk')]
    expect(closed.map((chunk) => chunk.textContent)).toEqual(openChunks)
    closed.forEach((chunk, index) => {
      expect(chunk).toBe(openElements[index])
    })
    expect(root.getBoundingClientRect().height).toBe(openHeight)
    for (const chunk of closed.slice(0, -1)) expect(chunk.querySelector('.hljs-keyword')).not.toBeNull()
    expect(container.querySelector('code')?.textContent).toBe(code)
  })

  it('copies the whole code, open or closed', async () => {
    const writeText = vi.spyOn(navigator.clipboard, 'writeText').mockResolvedValue(undefined)
    const code = sampleCode(180)
    const { container, rerender } = render(<Markdown streaming>{`${PROSE}\`\`\`ts\n${code}`}</Markdown>)
    container.querySelector<HTMLButtonElement>('.kindling-code-block__copy')?.click()
    expect(writeText).toHaveBeenLastCalledWith(code)
    rerender(<Markdown>{`${PROSE}\`\`\`ts\n${code}\n\`\`\``}</Markdown>)
    container.querySelector<HTMLButtonElement>('.kindling-code-block__copy')?.click()
    expect(writeText).toHaveBeenLastCalledWith(code)
    writeText.mockRestore()
  })

  it('renders an open fence as code, and text after a closed one through the parser', () => {
    const { container, rerender } = render(<Markdown streaming>{'```python\nprint("<b>x</b>")\n'}</Markdown>)
    expect(container.querySelector('code.language-python')?.textContent).toBe('print("<b>x</b>")')
    expect(container.querySelector('b')).toBeNull()
    rerender(<Markdown streaming>{'```python\nx = 1\n```\n**after**'}</Markdown>)
    expect(container.querySelector('code')?.textContent).toBe('x = 1')
    expect(container.querySelector('strong')?.textContent).toBe('after')
  })
})
