import { cleanup, render } from '@testing-library/react'
import { Profiler } from 'react'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import '../styles.css'
import type { MessageView } from '../Message/MessageView.ts'
import { makeConversation, richReply } from '../stories/fixtures.ts'
import { MessageList } from './MessageList.tsx'

const nextFrame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)))

function Box({ messages }: { messages: MessageView[] }) {
  return (
    <div style={{ height: 600, width: 800, display: 'flex', flexDirection: 'column' }}>
      <MessageList messages={messages} />
    </div>
  )
}

function viewportOf(container: HTMLElement): HTMLElement {
  const viewport = container.querySelector<HTMLElement>('.kindling-message-list__viewport')
  if (!viewport) throw new Error('no viewport')
  return viewport
}

const distanceFromBottom = (element: HTMLElement) =>
  element.scrollHeight - element.scrollTop - element.clientHeight

afterEach(cleanup)

describe('MessageList with 1,000 messages (measured, not asserted)', () => {
  // Measured with a plain React root, outside act(): act() would flush the deferred backfill
  // synchronously and hide what a user sees (a fast first frame, then the rest without blocking).
  it('mounts, lays out and streams into the last message; prints the timings', async () => {
    const actEnvironment = globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean | undefined }
    const wasAct = actEnvironment.IS_REACT_ACT_ENVIRONMENT
    actEnvironment.IS_REACT_ACT_ENVIRONMENT = false
    const results: Record<string, string> = {}
    try {
      // The first pass warms up the JIT and loads the highlighter; only the later passes are reported.
      // 'visible' is what ships; 'auto' is kept to show why content-visibility was tried and dropped.
      for (const pass of ['warm-up', 'visible', 'auto'] as const) {
        const style = document.createElement('style')
        if (pass !== 'warm-up')
          style.textContent = `.kindling-message-list__item { content-visibility: ${pass} !important }`
        document.head.append(style)
        const host = document.createElement('div')
        document.body.append(host)
        const root = createRoot(host)
        const messages = makeConversation(1000)
        await nextFrame()

        const start = performance.now()
        flushSync(() => root.render(<Box messages={messages} />))
        const firstCommit = performance.now()
        await nextFrame()
        const firstFrame = performance.now()
        const viewport = viewportOf(host)
        await expect
          .poll(() => viewport.querySelectorAll('article').length, { timeout: 30_000, interval: 1 })
          .toBe(1000)
        const complete = performance.now()
        await nextFrame()
        expect(distanceFromBottom(viewport)).toBeLessThan(2)

        // Stream 100 tokens into a new last message, one commit per token, layout included.
        const history = [
          ...messages,
          { id: 'q', role: 'user', content: 'More?', status: 'done' } as MessageView,
        ]
        const updates: number[] = []
        for (let token = 1; token <= 100; token++) {
          const reply: MessageView = {
            id: 'r',
            role: 'assistant',
            content: richReply.slice(0, token * 8),
            status: 'streaming',
          }
          const before = performance.now()
          flushSync(() => root.render(<Box messages={[...history, reply]} />))
          viewport.getBoundingClientRect()
          updates.push(performance.now() - before)
        }
        await nextFrame()
        expect(distanceFromBottom(viewport)).toBeLessThan(2)
        updates.sort((a, b) => a - b)
        if (pass !== 'warm-up')
          results[`content-visibility: ${pass}`] =
            `first commit ${(firstCommit - start).toFixed(0)} ms, first frame ${(firstFrame - start).toFixed(0)} ms, ` +
            `all 1,000 in the DOM ${(complete - start).toFixed(0)} ms, ` +
            `per-token update median ${updates[50]?.toFixed(1)} ms / p95 ${updates[95]?.toFixed(1)} ms`
        root.unmount()
        host.remove()
        style.remove()
      }
    } finally {
      actEnvironment.IS_REACT_ACT_ENVIRONMENT = wasAct
    }
    console.log('[MessageList 1,000 messages]', JSON.stringify(results, null, 2))
  }, 90_000)
})

describe('MessageList following the bottom (real input events)', () => {
  it('follows a growing reply, lets go on wheel-up, and comes back with Jump to latest', async () => {
    const history = makeConversation(30)
    const withReply = (content: string): MessageView[] => [
      ...history,
      { id: 'r', role: 'assistant', content, status: 'streaming' },
    ]
    const { container, rerender, getByRole, queryByRole } = render(<Box messages={withReply('Start')} />)
    const viewport = viewportOf(container)
    await nextFrame()
    expect(distanceFromBottom(viewport)).toBeLessThan(2)

    rerender(<Box messages={withReply(richReply)} />)
    await nextFrame()
    expect(distanceFromBottom(viewport)).toBeLessThan(2)

    await userEvent.hover(viewport)
    await userEvent.wheel(viewport, { delta: { y: -600 } })
    await expect.poll(() => queryByRole('button', { name: /Jump to latest/ })).not.toBeNull()
    const scrolledTo = viewport.scrollTop

    rerender(<Box messages={withReply(`${richReply}\n\nAnd more text arriving.`)} />)
    await nextFrame()
    expect(Math.abs(viewport.scrollTop - scrolledTo)).toBeLessThan(2)

    await userEvent.click(getByRole('button', { name: /Jump to latest/ }))
    await expect.poll(() => distanceFromBottom(viewport), { timeout: 5_000 }).toBeLessThan(2)
    rerender(<Box messages={withReply(`${richReply}\n\nAnd more text arriving. Even more.`)} />)
    await nextFrame()
    expect(distanceFromBottom(viewport)).toBeLessThan(2)
  })

  // Tokens land every frame, as in a fast stream: the wheel's scroll and a commit that grows the
  // reply then share frames, and the list must not be pulled back down by the growth.
  it.each([
    { wheel: -40, what: 'a small nudge near the bottom' },
    { wheel: -400, what: 'a long scroll' },
  ])('stays where the user scrolled ($what) while tokens stream every frame', async ({ wheel }) => {
    const history = makeConversation(30)
    const withReply = (content: string): MessageView[] => [
      ...history,
      { id: 'r', role: 'assistant', content, status: 'streaming' },
    ]
    const { container, rerender, queryByRole } = render(<Box messages={withReply('Start')} />)
    const viewport = viewportOf(container)
    await nextFrame()
    let text = 'Start'
    let streaming = true
    const stream = () => {
      if (!streaming) return
      text += ' token'
      rerender(<Box messages={withReply(text)} />)
      requestAnimationFrame(stream)
    }
    requestAnimationFrame(stream)
    try {
      for (let i = 0; i < 5; i++) await nextFrame()
      expect(distanceFromBottom(viewport)).toBeLessThan(2)

      await userEvent.hover(viewport)
      await userEvent.wheel(viewport, { delta: { y: wheel } })
      await nextFrame()
      const scrolledTo = viewport.scrollTop
      for (let i = 0; i < 20; i++) await nextFrame()
      expect(text.length).toBeGreaterThan(200)
      expect(Math.abs(viewport.scrollTop - scrolledTo)).toBeLessThan(2)
      expect(distanceFromBottom(viewport)).toBeGreaterThan(Math.abs(wheel) / 2)
      expect(queryByRole('button', { name: /Jump to latest/ })).not.toBeNull()
    } finally {
      streaming = false
    }
  })

  it('lets go with the keyboard too (Page Up in the focused region)', async () => {
    const { container, queryByRole } = render(<Box messages={makeConversation(30)} />)
    const viewport = viewportOf(container)
    await nextFrame()
    viewport.focus()
    await userEvent.keyboard('{PageUp}')
    await expect.poll(() => queryByRole('button', { name: /Jump to latest/ })).not.toBeNull()
  })

  it('follows again when the user sends a message, even if scrolled away', async () => {
    const history = makeConversation(30)
    const { container, rerender } = render(<Box messages={history} />)
    const viewport = viewportOf(container)
    await nextFrame()
    viewport.scrollTop = 0
    await nextFrame()
    rerender(
      <Box messages={[...history, { id: 'new', role: 'user', content: 'New question', status: 'done' }]} />,
    )
    await nextFrame()
    expect(distanceFromBottom(viewport)).toBeLessThan(2)
  })

  it('announces a reply once when it finishes, not while it streams', async () => {
    const history = makeConversation(2)
    const { container, rerender } = render(
      <Box messages={[...history, { id: 'r', role: 'assistant', content: 'Hel', status: 'streaming' }]} />,
    )
    const live = container.querySelector('[aria-live="polite"].kindling-visually-hidden')
    rerender(
      <Box
        messages={[...history, { id: 'r', role: 'assistant', content: 'Hello the', status: 'streaming' }]}
      />,
    )
    expect(live?.textContent).toBe('')
    rerender(
      <Box
        messages={[...history, { id: 'r', role: 'assistant', content: 'Hello there.', status: 'done' }]}
      />,
    )
    expect(live?.textContent).toBe('Reply finished. Hello there.')
  })

  it('commits once per update while it follows: scrolling, sending and announcing set no state', async () => {
    const history = makeConversation(100)
    const rendered = new Map<string, number>()
    const renderMessage = (message: MessageView) => {
      rendered.set(message.id, (rendered.get(message.id) ?? 0) + 1)
      return <p>{message.content}</p>
    }
    let commits = 0
    // biome-ignore lint/correctness/noComponentHookFactories: defined once per test, so its identity is stable across rerenders
    const List = ({ messages }: { messages: MessageView[] }) => (
      <div style={{ height: 600, width: 800, display: 'flex', flexDirection: 'column' }}>
        <Profiler id="list" onRender={() => commits++}>
          <MessageList messages={messages} renderMessage={renderMessage} />
        </Profiler>
      </div>
    )
    const { container, rerender } = render(<List messages={history} />)
    await nextFrame()
    await nextFrame()
    const user: MessageView = { id: 'u', role: 'user', content: 'Go', status: 'done' }
    const reply = (content: string, status: MessageView['status'] = 'streaming'): MessageView[] => [
      ...history,
      user,
      { id: 'r', role: 'assistant', content, status },
    ]
    const before = commits
    rendered.clear()
    rerender(<List messages={reply('')} />)
    await nextFrame()
    for (let i = 1; i <= 5; i++) {
      rerender(<List messages={reply('word '.repeat(40 * i))} />)
      await nextFrame()
    }
    rerender(<List messages={reply('Done.', 'done')} />)
    await nextFrame()
    expect(commits - before).toBe(7)
    expect(distanceFromBottom(viewportOf(container))).toBeLessThan(2)
    // Only the new messages rendered: the history was not rendered again.
    expect([...rendered.keys()].sort()).toEqual(['r', 'u'])
    expect(container.querySelector('[aria-live="polite"]')?.textContent).toBe('Reply finished. Done.')
  })

  it('renders again exactly the messages that changed, in any block, and all of them for a new renderer', () => {
    const history = makeConversation(100)
    const rendered: string[] = []
    const renderWith = (tag: string) => (message: MessageView) => {
      rendered.push(message.id)
      return <p data-tag={tag}>{message.content}</p>
    }
    const first = renderWith('a')
    const { container, rerender } = render(<MessageList messages={history} renderMessage={first} />)
    let current = history
    // An early message (first block) and one in the middle: each renders alone, with its new text.
    for (const index of [3, 50]) {
      rendered.length = 0
      const next = current.map((message, at) =>
        at === index ? { ...message, content: `edited ${index}` } : message,
      )
      current = next
      rerender(<MessageList messages={next} renderMessage={first} />)
      expect(rendered).toEqual([history[index]?.id])
      expect(container.textContent).toContain(`edited ${index}`)
      // The same messages again (a new array, same objects): nothing renders.
      rendered.length = 0
      rerender(<MessageList messages={[...next]} renderMessage={first} />)
      expect(rendered).toEqual([])
    }
    // A block whose messages came back to an earlier version shows that version, not a stale one.
    rerender(<MessageList messages={history} renderMessage={first} />)
    expect(container.textContent).not.toContain('edited')
    rendered.length = 0
    rerender(<MessageList messages={history} renderMessage={renderWith('b')} />)
    expect(rendered).toHaveLength(100)
    expect(container.querySelectorAll('p[data-tag="b"]')).toHaveLength(100)
  })

  it('does not announce history that was already finished', () => {
    const { container } = render(<Box messages={makeConversation(4)} />)
    expect(container.querySelector('[aria-live="polite"].kindling-visually-hidden')?.textContent).toBe('')
  })
})
