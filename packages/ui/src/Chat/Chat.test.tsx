import { createClient } from '@kindling/client'
import { type ChatUIMessage, getDefaultChatRegistry, KindlingProvider } from '@kindling/react'
import { cleanup, render, waitFor } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { userEvent } from 'vitest/browser'
import '../styles.css'
import { createReplayFetch } from '../stories/live/replayFetch.ts'
import { Chat } from './Chat.tsx'

// Streams recorded from @kindling/server, replayed in the page (the live server is the stories' job).
const replayClient = () =>
  createClient({
    baseURL: 'http://replay.invalid/v1',
    apiKey: null,
    fetch: createReplayFetch({ delayMs: 10 }),
  })

afterEach(cleanup)

describe('Chat in Chromium', () => {
  it('works with only a client and a model: send, stream, finish with usage', async () => {
    const { getByRole, container, findByText } = render(
      <div style={{ height: 500, display: 'flex', flexDirection: 'column' }}>
        <Chat client={replayClient()} model="kindling-text" />
      </div>,
    )
    await userEvent.click(getByRole('textbox', { name: 'Message' }))
    await userEvent.keyboard('Hello{Enter}')
    // A recorded stream of ~100 chunks 10 ms apart: allow for a loaded machine.
    await waitFor(
      () =>
        expect(container.querySelector('article[data-role="assistant"]')?.getAttribute('data-status')).toBe(
          'done',
        ),
      { timeout: 10_000 },
    )
    expect(await findByText(/tokens\/s/)).toBeTruthy()
    await waitFor(() => expect(getByRole('combobox', { name: 'Model' })).toHaveProperty('disabled', false))
  })

  it('re-renders only the streaming row while a reply streams', async () => {
    const renders = new Map<string, number>()
    const count = (message: ChatUIMessage) => {
      renders.set(message.id, (renders.get(message.id) ?? 0) + 1)
      return <p data-status={message.status}>{message.content}</p>
    }
    const initialMessages = [
      { role: 'user' as const, content: 'one' },
      { role: 'assistant' as const, content: 'two' },
      { role: 'user' as const, content: 'three' },
      { role: 'assistant' as const, content: 'four' },
    ]
    const { getByRole, container } = render(
      <KindlingProvider client={replayClient()}>
        <div style={{ height: 500, display: 'flex', flexDirection: 'column' }}>
          <Chat.Root model="kindling-text" initialMessages={initialMessages}>
            <Chat.Messages render={count} />
            <Chat.Composer />
          </Chat.Root>
        </div>
      </KindlingProvider>,
    )
    await userEvent.click(getByRole('textbox', { name: 'Message' }))
    await userEvent.keyboard('five{Enter}')
    await waitFor(() => expect(container.querySelectorAll('p[data-status="done"]')).toHaveLength(6))
    const counts = [...renders.values()]
    // The history rendered once (the former last message once more, when it stopped being last).
    expect(counts.slice(0, 3)).toEqual([1, 1, 1])
    expect(counts[3]).toBeLessThanOrEqual(2)
    // The reply re-rendered once per streamed frame.
    expect(counts[5]).toBeGreaterThan(5)
  })

  it("runs only the streaming row's selectors per streamed frame, whatever the history", async () => {
    const history = Array.from({ length: 300 }, (_, index) => ({
      role: index % 2 === 0 ? ('user' as const) : ('assistant' as const),
      content: `message ${index}`,
    }))
    const { getByRole, container } = render(
      <div style={{ height: 500, display: 'flex', flexDirection: 'column' }}>
        <Chat client={replayClient()} model="kindling-text" id="selector-count" initialMessages={history} />
      </div>,
    )
    await waitFor(() => expect(container.querySelectorAll('article')).toHaveLength(300))
    // Every selector (zustand's and the per-message ones) reads the state through getState: count
    // the reads, and the store writes (one per streamed frame) they follow.
    const store = getDefaultChatRegistry().get('selector-count').store
    const getState = store.getState
    let reads = 0
    let writes = 0
    store.getState = () => {
      reads++
      return getState()
    }
    const streamed: { reads: number; writes: number } = { reads: 0, writes: 0 }
    const unsubscribe = store.subscribe((state, previous) => {
      // A frame streamed into the reply; the reads it caused are counted at the next write.
      if (previous.status === 'streaming' && state.status === 'streaming') {
        streamed.reads += reads
        streamed.writes++
      }
      reads = 0
      writes++
    })
    try {
      await userEvent.click(getByRole('textbox', { name: 'Message' }))
      await userEvent.keyboard('Hello{Enter}')
      // The page's own reads: the original getState, not counted.
      await waitFor(
        () => {
          expect(getState().status).toBe('ready')
          expect(
            container.querySelectorAll('article[data-role="assistant"][data-status="done"]'),
          ).toHaveLength(151)
        },
        { timeout: 10_000 },
      )
    } finally {
      unsubscribe()
      store.getState = getState
    }
    expect(writes).toBeGreaterThan(5)
    expect(streamed.writes).toBeGreaterThan(3)
    // Before: each of the 300 rows ran its selectors (~4) on every frame, over 1,200 reads a frame.
    // Now the streaming row's, the list's and the composer's: a few dozen at most.
    expect(streamed.reads / streamed.writes).toBeLessThan(60)
  })
})
