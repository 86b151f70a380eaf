import { createClient } from '@kindling/client'
import { type ChatUIMessage, KindlingProvider } from '@kindling/react'
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
})
