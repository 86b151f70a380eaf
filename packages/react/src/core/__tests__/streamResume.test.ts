import { createClient } from '@kindling/client'
import { describe, expect, it } from 'vitest'
import { startPeer } from '../../__tests__/peer.ts'
import type { ChatEngine } from '../chatEngine.ts'
import type { ChatUIMessage } from '../chatMessage.ts'
import { createChatRegistry } from '../chatRegistry.ts'
import { createMemoryAdapter, type MemoryAdapter } from '../persistence/memoryAdapter.ts'
import type { ChatRequestConfig } from '../requestRunner.ts'
import { isBusy } from '../status.ts'
import { StreamResumeError } from '../streamResume.ts'
import { createThreadStore } from '../threadStore.ts'

// Resume on reload against the real server: a "page" is a thread store and registry over one
// adapter; closing it drops its connection without a stop (a closed page never calls one).

const peer = startPeer({ resumable: true })
const PROMPT = 'Tell me about the sea'
const SEED = 41

interface Page {
  config: ChatRequestConfig
  /** Every URL this page's client fetched. */
  urls: string[]
  /** Drops every connection and refuses new ones, as a page that went away. */
  close(): void
}

function openPage(delayMs: number, maxResumes?: number): Page {
  const urls: string[] = []
  const gone = new AbortController()
  const fetcher: typeof fetch = (input, init) => {
    urls.push(String(input))
    if (gone.signal.aborted) return Promise.reject(new TypeError('page closed'))
    const signal = init?.signal ? AbortSignal.any([init.signal, gone.signal]) : gone.signal
    return fetch(input, { ...init, signal })
  }
  const client = createClient({
    baseURL: `${peer.server.url}/v1`,
    apiKey: null,
    logLevel: 'off',
    maxRetries: 0,
    resumable: true,
    fetch: fetcher,
  })
  return {
    config: {
      client,
      model: 'kindling-text',
      params: { seed: SEED },
      batchInterval: 0,
      requestOptions: {
        headers: { 'x-kindling-delay': String(delayMs) },
        ...(maxResumes === undefined ? {} : { maxResumes }),
      },
    },
    urls,
    close: () => gone.abort(),
  }
}

const until = async (check: () => boolean, what: string) => {
  for (let tries = 0; tries < 500; tries++) {
    if (check()) return
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  throw new Error(`timed out waiting for ${what}`)
}

const lastMessage = (engine: ChatEngine) => engine.store.getState().messages.at(-1) as ChatUIMessage
const resumeCalls = (page: Page) => page.urls.filter((url) => url.includes('/kindling/streams/')).length

/** The stored last message of a thread. */
async function storedLast(adapter: MemoryAdapter, id: string) {
  const record = await adapter.load(id)
  const last = record?.tree.nodes.at(-1)?.message
  return last
}

/** Starts an answer on a first page, closes that page mid-answer, and returns the thread. */
async function closeMidAnswer(adapter: MemoryAdapter, delayMs: number) {
  // One resume try, refused: a client that never resumes would not ask the server to keep generating.
  const page = openPage(delayMs, 1)
  const threads = createThreadStore({ adapter, registry: createChatRegistry() })
  await threads.ready
  const id = threads.create()
  const engine = threads.engine(id)
  const answered = engine.send(PROMPT, page.config)
  await until(() => lastMessage(engine).content.length > 20, 'some text')
  // The page goes: nothing of it saves again, its connection drops.
  threads.dispose()
  page.close()
  await answered
  return { id, partial: lastMessage(engine).content }
}

async function uninterrupted(): Promise<string> {
  const engine = createChatRegistry().get('reference')
  await engine.send(PROMPT, openPage(0).config)
  return lastMessage(engine).content
}

describe('resuming an answer after a reload', () => {
  it('saves the stream id as the answer starts (one write, not per token) and drops it when it ends', async () => {
    const adapter = createMemoryAdapter()
    const threads = createThreadStore({ adapter })
    const id = threads.create()
    const engine = threads.engine(id)
    const answered = engine.send(PROMPT, openPage(5).config)
    await until(() => adapter.writes === 1, 'the first save')
    const saved = await storedLast(adapter, id)
    expect(saved?.stream?.id).toMatch(/^[\w-]{20,}$/)
    // Started without an API key: the resume token is the stream's credential.
    expect(saved?.stream?.resumeToken).toBeTruthy()
    await answered
    await threads.flush()
    expect(adapter.writes).toBe(2)
    expect((await storedLast(adapter, id))?.stream).toBeUndefined()
    expect(lastMessage(engine).stream).toBeUndefined()
  })

  it('continues the same message on load and ends with the exact text of an uninterrupted answer', async () => {
    const expected = await uninterrupted()
    const adapter = createMemoryAdapter()
    const { id, partial } = await closeMidAnswer(adapter, 20)
    expect(partial.length).toBeLessThan(expected.length)
    const stored = await storedLast(adapter, id)
    expect(stored?.status).toBe('stopped')

    // The reload: a new page over the same storage, with two consumers of the chat, StrictMode style
    // (configs given, taken back and given again), and the thread opened twice at once (the app's
    // start and the chat's own effect).
    const page = openPage(20)
    // Reads that take their time, as IndexedDB's do: the second ends after the first resumed.
    const waits = [0, 50]
    const slowAdapter = {
      ...adapter,
      load: async (threadId: string) => {
        await new Promise((resolve) => setTimeout(resolve, waits.shift() ?? 0))
        return adapter.load(threadId)
      },
    }
    const threads = createThreadStore({ adapter: slowAdapter, registry: createChatRegistry() })
    await threads.ready
    // The chat's consumers mount (and StrictMode remounts them) before the thread is read.
    const engine = threads.engine(id)
    const first = engine.configure(() => page.config)
    first()
    engine.configure(() => page.config)
    engine.configure(() => page.config)
    await Promise.all([threads.open(id), threads.open(id)])
    await until(() => lastMessage(engine).status === 'streaming', 'the resume')
    await until(() => lastMessage(engine).status !== 'streaming', 'the end')
    const message = lastMessage(engine)
    expect(message.id).toBe(stored?.id)
    expect(message.status).toBe('done')
    expect(message.content).toBe(expected)
    expect(engine.store.getState().messages.filter((m) => m.role === 'assistant')).toHaveLength(1)
    // Exactly one read of the stream, however many consumers and effects.
    expect(resumeCalls(page)).toBe(1)
    expect(page.urls.some((url) => url.endsWith('/chat/completions'))).toBe(false)
    await threads.flush()
    const saved = await storedLast(adapter, id)
    expect(saved).toMatchObject({ id: stored?.id, status: 'done', content: expected })
    expect(saved?.stream).toBeUndefined()
  })

  it('stops the generation upstream when stop() is called after a resume', async () => {
    const adapter = createMemoryAdapter()
    const { id } = await closeMidAnswer(adapter, 60)
    const page = openPage(60)
    const threads = createThreadStore({ adapter, registry: createChatRegistry() })
    const engine = (await threads.open(id)) as ChatEngine
    engine.configure(() => page.config)
    await until(() => lastMessage(engine).content.length > 0, 'replayed text')
    const ended = peer.server.streams.waitForStreamEnd()
    engine.stop()
    // The server's own record of the generation: cut short by the cancel, not run to its end.
    const record = await ended
    expect(record).toMatchObject({ path: '/v1/chat/completions', end: 'client-closed' })
    const message = lastMessage(engine)
    expect(message.status).toBe('stopped')
    expect(message.content.length).toBeGreaterThan(0)
    await threads.flush()
    expect((await storedLast(adapter, id))?.stream).toBeUndefined()
  })

  it('ends an answer whose stream is gone as an error with a typed reason, keeping its text', async () => {
    const adapter = createMemoryAdapter()
    const first = createThreadStore({ adapter })
    const id = first.create({
      messages: [
        { id: 'u1', role: 'user', content: PROMPT, status: 'done' },
        {
          id: 'a1',
          role: 'assistant',
          content: 'The sea is',
          status: 'streaming',
          stream: { id: 'expired-stream-id-0123456789', resumeToken: 'not-a-token' },
        },
      ],
    })
    await first.flush()
    const page = openPage(0)
    const threads = createThreadStore({ adapter, registry: createChatRegistry() })
    const engine = (await threads.open(id)) as ChatEngine
    engine.configure(() => page.config)
    await until(() => engine.store.getState().status === 'error', 'the failure')
    const message = lastMessage(engine)
    expect(message).toMatchObject({ id: 'a1', status: 'error', content: 'The sea is' })
    expect(message.error).toBeInstanceOf(StreamResumeError)
    expect(message.error?.message).toMatch(/could not be resumed/)
    expect(engine.store.getState().error).toBeInstanceOf(StreamResumeError)
    await threads.flush()
    // Saved without its stream: the next load does not try again.
    expect(await storedLast(adapter, id)).toMatchObject({ status: 'error', content: 'The sea is' })
    expect((await storedLast(adapter, id))?.stream).toBeUndefined()
    expect(resumeCalls(page)).toBe(1)
  })

  it('lets a second tab follow the answer another tab is streaming, without a second request', async () => {
    const adapter = createMemoryAdapter()
    const tabA = openPage(20)
    const threadsA = createThreadStore({ adapter, registry: createChatRegistry() })
    const id = threadsA.create()
    const engineA = threadsA.engine(id)
    const answeredA = engineA.send(PROMPT, tabA.config)
    await until(() => adapter.writes === 1, 'the save as it starts')

    const tabB = openPage(20)
    const threadsB = createThreadStore({ adapter, registry: createChatRegistry() })
    const engineB = (await threadsB.open(id)) as ChatEngine
    engineB.configure(() => tabB.config)
    await answeredA
    await until(() => lastMessage(engineB).status === 'done', 'the follower to end')
    expect(lastMessage(engineB).content).toBe(lastMessage(engineA).content)
    expect(lastMessage(engineB).id).toBe(lastMessage(engineA).id)
    expect(tabB.urls.some((url) => url.endsWith('/chat/completions'))).toBe(false)
    expect(resumeCalls(tabB)).toBe(1)
  })

  it('shows a followed answer as stopped, its text kept, when the tab streaming it stops', async () => {
    const adapter = createMemoryAdapter()
    const tabA = openPage(30)
    const threadsA = createThreadStore({ adapter, registry: createChatRegistry() })
    const id = threadsA.create()
    const engineA = threadsA.engine(id)
    const answeredA = engineA.send(PROMPT, tabA.config)
    await until(() => adapter.writes === 1, 'the save as it starts')

    const tabB = openPage(30)
    const threadsB = createThreadStore({ adapter, registry: createChatRegistry() })
    const engineB = (await threadsB.open(id)) as ChatEngine
    engineB.configure(() => tabB.config)
    await until(() => lastMessage(engineB).content.length > 20, 'tab B to follow some text')
    engineA.stop()
    await answeredA
    await until(() => !isBusy(engineB.store.getState().status), 'tab B to end')
    const followed = lastMessage(engineB)
    expect(followed.status).toBe('stopped')
    expect(followed.error).toBeUndefined()
    expect(engineB.store.getState().status).toBe('ready')
    expect(followed.content.length).toBeGreaterThan(20)
    expect(
      lastMessage(engineA).content.startsWith(followed.content) ||
        followed.content.startsWith(lastMessage(engineA).content),
    ).toBe(true)
  })

  it('lets a tab that already shows the thread follow an answer another tab starts', async () => {
    // One store seen by two tabs: a save tells the others, as the IndexedDB adapter's BroadcastChannel does.
    const memory = createMemoryAdapter()
    const listeners = new Set<(id: string) => void>()
    const adapter = {
      ...memory,
      save: async (record: Parameters<typeof memory.save>[0]) => {
        const written = await memory.save(record)
        for (const listener of listeners) listener(record.id)
        return written
      },
      subscribe: (listener: (id: string) => void) => {
        listeners.add(listener)
        return () => listeners.delete(listener)
      },
    }
    const tabA = openPage(20)
    const threadsA = createThreadStore({ adapter, registry: createChatRegistry() })
    const id = threadsA.create()
    const engineA = threadsA.engine(id)
    await engineA.send('hello', { ...tabA.config, model: 'kindling-echo' })
    await threadsA.flush()

    const tabB = openPage(20)
    const threadsB = createThreadStore({ adapter, registry: createChatRegistry() })
    const engineB = (await threadsB.open(id)) as ChatEngine
    engineB.configure(() => tabB.config)
    expect(engineB.store.getState().messages).toHaveLength(2)

    const answeredA = engineA.send(PROMPT, tabA.config)
    await until(() => lastMessage(engineB).status === 'streaming', 'tab B to follow')
    await answeredA
    await until(() => lastMessage(engineB).status === 'done', 'tab B to end')
    expect(lastMessage(engineB)).toMatchObject({
      id: lastMessage(engineA).id,
      content: lastMessage(engineA).content,
    })
    expect(engineB.store.getState().messages).toHaveLength(4)
    expect(tabB.urls.some((url) => url.endsWith('/chat/completions'))).toBe(false)
    expect(resumeCalls(tabB)).toBe(1)
  })
})
