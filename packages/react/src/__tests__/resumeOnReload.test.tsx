import { createClient } from '@kindling/client'
import { render, screen, waitFor } from '@testing-library/react'
import { StrictMode, useEffect } from 'react'
import { describe, expect, it } from 'vitest'
import { createChatRegistry } from '../core/chatRegistry.ts'
import { createMemoryAdapter } from '../core/persistence/memoryAdapter.ts'
import { createThreadStore, type ThreadStore } from '../core/threadStore.ts'
import { KindlingProvider } from '../KindlingProvider.tsx'
import { useChatCompletion } from '../useChatCompletion.ts'
import { startPeer } from './peer.ts'

// Resume on reload through the hooks, under StrictMode, with two consumers of the chat that each
// open the thread: one read of the stream, one message, the whole answer.

const peer = startPeer({ resumable: true })
const PROMPT = 'Tell me about mountains'
const OPTIONS = { model: 'kindling-text', params: { seed: 3 }, batchInterval: 0 } as const

/** A client over real fetch that records URLs; `close()` drops its connections as a closed page. */
function pageClient() {
  const urls: string[] = []
  const gone = new AbortController()
  const client = createClient({
    baseURL: `${peer.server.url}/v1`,
    apiKey: null,
    logLevel: 'off',
    maxRetries: 0,
    resumable: true,
    fetch: (input, init) => {
      urls.push(String(input))
      if (gone.signal.aborted) return Promise.reject(new TypeError('page closed'))
      const signal = init?.signal ? AbortSignal.any([init.signal, gone.signal]) : gone.signal
      return fetch(input, { ...init, signal })
    },
  })
  return { client, urls, close: () => gone.abort() }
}

function Consumer({ id, threads, label }: { id: string; threads: ThreadStore; label: string }) {
  const chat = useChatCompletion({ id, ...OPTIONS })
  useEffect(() => {
    void threads.open(id)
  }, [threads, id])
  const last = chat.messages.at(-1)
  return (
    <p data-testid={label} data-status={last?.status}>
      {last?.content}
    </p>
  )
}

describe('resume on reload through useChatCompletion', () => {
  it('resumes once under StrictMode with two consumers, and ends with the whole answer', async () => {
    const adapter = createMemoryAdapter()
    // The first page: an answer started, then the page went away mid-answer.
    const first = pageClient()
    const before = createThreadStore({ adapter, registry: createChatRegistry() })
    const id = before.create()
    const engine = before.engine(id)
    const answered = engine.send(PROMPT, {
      client: first.client,
      ...OPTIONS,
      requestOptions: { headers: { 'x-kindling-delay': '20' }, maxResumes: 1 },
    })
    await waitFor(() => expect(engine.store.getState().messages.at(-1)?.content.length).toBeGreaterThan(10))
    before.dispose()
    first.close()
    await answered

    const reference = createChatRegistry().get('reference')
    await reference.send(PROMPT, { client: pageClient().client, ...OPTIONS })
    const expected = reference.store.getState().messages.at(-1)?.content ?? ''
    // The first page really went away mid-answer.
    expect(engine.store.getState().messages.at(-1)?.content.length).toBeLessThan(expected.length)

    // The reload.
    const page = pageClient()
    const threads = createThreadStore({ adapter, registry: createChatRegistry() })
    render(
      <StrictMode>
        <KindlingProvider client={page.client} threads={threads}>
          <Consumer id={id} threads={threads} label="one" />
          <Consumer id={id} threads={threads} label="two" />
        </KindlingProvider>
      </StrictMode>,
    )
    await waitFor(() => expect(screen.getByTestId('one').dataset.status).toBe('done'), { timeout: 10_000 })
    expect(screen.getByTestId('one').textContent).toBe(expected)
    expect(screen.getByTestId('two').textContent).toBe(expected)
    expect(page.urls.filter((url) => url.includes('/kindling/streams/'))).toHaveLength(1)
    expect(page.urls.some((url) => url.endsWith('/chat/completions'))).toBe(false)
  })

  it('saves nothing once the page is going away, so a dying request cannot overwrite the saved answer', async () => {
    const adapter = createMemoryAdapter()
    const threads = createThreadStore({ adapter })
    const id = threads.create()
    const engine = threads.engine(id)
    const config = { client: pageClient().client, ...OPTIONS, model: 'kindling-echo' }
    await engine.send('one', config)
    await threads.flush()
    // A resumable server: saved as the answer starts and as it ends.
    expect(adapter.writes).toBe(2)
    window.dispatchEvent(new Event('pagehide'))
    await engine.send('two', config)
    await threads.flush()
    expect(adapter.writes).toBe(2)
    // Back from the back/forward cache: saving again.
    window.dispatchEvent(new Event('pageshow'))
    await engine.send('three', config)
    await threads.flush()
    expect(adapter.writes).toBe(4)
    threads.dispose()
  })
})
