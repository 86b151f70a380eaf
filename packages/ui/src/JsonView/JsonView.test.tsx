import { createPartialJsonParser } from '@kindling/client'
import { cleanup, render, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import '../styles.css'
import { JsonView } from './JsonView.tsx'

// JsonView in real Chromium: real keyboard, real layout.

const TEXT = JSON.stringify({
  title: 'Tomato Basil Pasta',
  ingredients: [
    { name: 'spaghetti', amount: '200 g' },
    { name: 'tomatoes', amount: '4' },
  ],
  steps: [
    'Boil the pasta.',
    'Make the sauce, slowly, for as long as it takes to collapse into something good.',
  ],
})

/** The snapshots a stream of TEXT gives, cut at each of `points`. */
function snapshotsAt(points: number[]): unknown[] {
  const parser = createPartialJsonParser()
  let from = 0
  return points.map((point) => {
    parser.push(TEXT.slice(from, point))
    from = point
    return parser.snapshot()
  })
}

const summaryOf = (key: string) => screen.getByText(key).closest('summary') as HTMLElement

afterEach(cleanup)

describe('JsonView', () => {
  it('opens and closes by keyboard, and says how much a closed part holds', async () => {
    render(<JsonView value={JSON.parse(TEXT)} label="Recipe" />)
    expect(screen.getByRole('group', { name: 'Recipe' })).toBeInTheDocument()
    const root = document.querySelector('.kindling-json summary') as HTMLElement
    const steps = summaryOf('steps')
    // Every object and array is a stop in the tab order.
    root.focus()
    await userEvent.tab()
    expect(document.activeElement).toBe(summaryOf('ingredients'))
    steps.focus()
    await userEvent.keyboard(' ')
    expect(steps.closest('details')?.open).toBe(false)
    expect(steps.textContent).toBe('steps: [ 2 items ]')
    await userEvent.keyboard('{Enter}')
    expect(steps.closest('details')?.open).toBe(true)
  })

  it('grows without moving what is already shown, and keeps a part the user closed closed', async () => {
    const [early, later, done] = snapshotsAt([60, 110, TEXT.length])
    const { rerender } = render(
      <div style={{ width: 320 }}>
        <JsonView value={early} streaming />
      </div>,
    )
    const title = screen.getByText('"Tomato Basil Pasta"')
    const top = title.getBoundingClientRect().top
    const view = document.querySelector('.kindling-json') as HTMLElement
    const width = view.getBoundingClientRect().width
    await userEvent.click(summaryOf('ingredients'))
    rerender(
      <div style={{ width: 320 }}>
        <JsonView value={later} streaming />
      </div>,
    )
    rerender(
      <div style={{ width: 320 }}>
        <JsonView value={done} />
      </div>,
    )
    expect(screen.getByText('"Tomato Basil Pasta"')).toBe(title)
    expect(title.getBoundingClientRect().top).toBe(top)
    // A long string wraps inside the view instead of widening it.
    expect(view.getBoundingClientRect().width).toBe(width)
    expect(view.scrollWidth).toBeLessThanOrEqual(view.clientWidth)
    expect(summaryOf('ingredients').closest('details')?.open).toBe(false)
    expect(summaryOf('ingredients').textContent).toBe('ingredients: [ 2 items ]')
  })

  it('marks where a streaming value grows, and is busy only while it streams', () => {
    const [early] = snapshotsAt([40])
    const { rerender } = render(<JsonView value={early} streaming label="Recipe" />)
    expect(screen.getByRole('group', { name: 'Recipe' })).toHaveAttribute('aria-busy', 'true')
    expect(document.querySelectorAll('.kindling-json__caret')).toHaveLength(1)
    rerender(<JsonView value={JSON.parse(TEXT)} label="Recipe" />)
    expect(screen.getByRole('group', { name: 'Recipe' })).toHaveAttribute('aria-busy', 'false')
    expect(document.querySelector('.kindling-json__caret')).toBeNull()
  })

  it('draws a runaway nesting only to maxDepth', () => {
    let deep: unknown = 'bottom'
    for (let level = 0; level < 5000; level++) deep = [deep]
    render(<JsonView value={deep} maxDepth={8} defaultExpandDepth={100} />)
    expect(document.querySelectorAll('details')).toHaveLength(8)
    expect(screen.getByTitle('Deeper levels are not shown')).toHaveTextContent('…')
    expect(screen.queryByText('"bottom"')).toBeNull()
  })
})
