import { createClient, type KindlingClient } from '@kindling/client'
import { describe, expect, it } from 'vitest'
import { faultHeaders, startPeer } from '../../__tests__/peer.ts'
import { createChatEngine } from '../chatEngine.ts'
import { toRequestMessage, toUIMessage } from '../chatMessage.ts'
import { createChatRegistry } from '../chatRegistry.ts'
import { messageStats } from '../messageStats.ts'
import type { ChatRequestConfig } from '../requestRunner.ts'

const peer = startPeer()

/** A client of the real peer that also records each request's JSON body (the request still goes out). */
function recordingClient(): { client: KindlingClient; bodies: Record<string, unknown>[] } {
  const bodies: Record<string, unknown>[] = []
  const client = createClient({
    baseURL: `${peer.server.url}/v1`,
    apiKey: null,
    logLevel: 'off',
    maxRetries: 0,
    fetch: (input, init) => {
      if (typeof init?.body === 'string') bodies.push(JSON.parse(init.body))
      return fetch(input, init)
    },
  })
  return { client, bodies }
}

const echo = (extra: Partial<ChatRequestConfig> = {}): ChatRequestConfig => ({
  client: peer.client(),
  model: 'kindling-echo',
  batchInterval: 0,
  ...extra,
})

const contents = (engine: ReturnType<typeof createChatEngine>) =>
  engine.store.getState().messages.map((m) => m.content)

describe('chat engine without React', () => {
  it('sends over a vanilla store', async () => {
    const engine = createChatEngine()
    const seen: string[] = []
    engine.store.subscribe((state) => seen.push(state.messages.at(-1)?.content ?? ''))
    await engine.send('Hello', echo())
    expect(engine.store.getState().messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'Hello', 'done'],
      ['assistant', 'Hello', 'done'],
    ])
    expect(engine.store.getState().status).toBe('ready')
    expect(seen.at(-1)).toBe('Hello')
  })

  it('ignores every call once disposed', async () => {
    const engine = createChatEngine()
    engine.dispose()
    await engine.send('nothing', echo())
    engine.setInput('x')
    expect(engine.store.getState().messages).toHaveLength(0)
    expect(engine.store.getState().status).toBe('ready')
    expect(engine.store.getState().input).toBe('')
  })

  it('sends exactly `params` on the wire, and only the active path', async () => {
    const { client, bodies } = recordingClient()
    const engine = createChatEngine()
    const config = echo({ client, params: { temperature: 0.5, seed: 4 }, includeUsage: false })
    await engine.send('one', config)
    await engine.send('two', config)
    const first = engine.store.getState().messages[0]?.id ?? ''
    await engine.edit(first, 'uno', config)
    expect(Object.keys(bodies[0] ?? {}).sort()).toEqual([
      'messages',
      'model',
      'seed',
      'stream',
      'temperature',
    ])
    // The edit's request holds the edited message only: the old branch is not sent.
    expect(bodies.at(-1)?.messages).toEqual([{ role: 'user', content: 'uno' }])
    expect(contents(engine)).toEqual(['uno', 'uno'])
  })

  it('keeps edits and regenerations as siblings one can switch between', async () => {
    const engine = createChatEngine()
    await engine.send('one', echo())
    const [user, answer] = engine.store.getState().messages
    await engine.regenerate(echo({ model: 'kindling-text', params: { seed: 1 } }))
    const state = engine.store.getState()
    const regenerated = state.messages[1]
    expect(state.messages[0]).toBe(user)
    expect(regenerated?.id).not.toBe(answer?.id)
    expect(engine.store.getState().tree.nodes).toHaveLength(3)

    engine.switchSibling(regenerated?.id ?? '', -1)
    expect(engine.store.getState().messages[1]).toBe(answer)
    engine.switchSibling(answer?.id ?? '', 1)
    expect(engine.store.getState().messages[1]?.id).toBe(regenerated?.id)

    await engine.edit(user?.id ?? '', 'two', echo())
    expect(contents(engine)).toEqual(['two', 'two'])
    engine.selectBranch(answer?.id ?? '')
    expect(contents(engine)).toEqual(['one', 'one'])
  })

  it('turns n > 1 choices into sibling answers', async () => {
    const engine = createChatEngine()
    await engine.send('Write', echo({ model: 'kindling-text', params: { n: 3 } }))
    const { messages, tree } = engine.store.getState()
    const parent = tree.nodes.find((node) => node.id === messages[0]?.id)
    expect(parent?.childIds).toHaveLength(3)
    const texts = (parent?.childIds ?? []).map((id) => tree.nodes[tree.slots.get(id) ?? -1]?.message)
    expect(texts.every((message) => message?.status === 'done')).toBe(true)
    expect(new Set(texts.map((message) => message?.content)).size).toBe(3)
    expect(messages[1]?.id).toBe(parent?.childIds[0])
  })

  it('stop-then-send: a send stops the running answer, keeping its text', async () => {
    const engine = createChatEngine()
    const config = echo({ model: 'kindling-text', requestOptions: { headers: faultHeaders(undefined, 20) } })
    const ended = peer.server.streams.waitForStreamEnd()
    const first = engine.send('first', config)
    await new Promise<void>((resolve) => {
      const unsubscribe = engine.store.subscribe((state) => {
        if ((state.messages[1]?.content.length ?? 0) > 0) resolve(unsubscribe())
      })
    })
    const second = engine.send('second', echo({ requestOptions: { headers: faultHeaders(undefined, 20) } }))
    expect(engine.store.getState().messages.map((m) => m.status)).toEqual([
      'done',
      'stopped',
      'done',
      'streaming',
    ])
    expect((await ended).end).toBe('client-closed')
    await Promise.all([first, second])
    expect(engine.store.getState().messages[1]?.content.length).toBeGreaterThan(0)
    expect(engine.store.getState().messages[3]?.content).toBe('second')
  })

  it('keeps the partial answer and a typed error when the stream is cut', async () => {
    const engine = createChatEngine()
    await engine.send(
      'Tell me',
      echo({ model: 'kindling-text', requestOptions: { headers: faultHeaders('cut=3') } }),
    )
    const state = engine.store.getState()
    expect(state.status).toBe('error')
    expect(state.messages[1]?.status).toBe('error')
    expect(state.messages[1]?.error).toBe(state.error)
    expect(state.messages[1]?.content.length).toBeGreaterThan(0)
  })

  it('settles once per answer (what persistence writes on), never per token', async () => {
    const engine = createChatEngine()
    const reasons: string[] = []
    let notifications = 0
    engine.store.subscribe(() => notifications++)
    engine.onSettle((reason) => reasons.push(reason))
    await engine.send('a long answer please', echo({ model: 'kindling-text' }))
    expect(notifications).toBeGreaterThan(5)
    expect(reasons).toEqual(['finished'])
    engine.switchSibling(engine.store.getState().messages[0]?.id ?? '', 1)
    expect(reasons).toEqual(['finished'])
    engine.setInput('draft')
    expect(reasons).toEqual(['finished'])
  })

  it('exports and imports the whole tree, and the active path as plain messages', async () => {
    const engine = createChatEngine({ initialMessages: [{ role: 'system', content: 'Be brief.' }] })
    await engine.send('one', echo())
    await engine.regenerate(echo())
    const data = JSON.parse(JSON.stringify(engine.exportTree()))
    const copy = createChatEngine()
    copy.importTree(data)
    expect(copy.store.getState().messageIds).toEqual(engine.store.getState().messageIds)
    expect(copy.store.getState().tree.nodes).toHaveLength(4)
    expect(copy.exportActivePath()).toEqual([
      { role: 'system', content: 'Be brief.' },
      { role: 'user', content: 'one' },
      { role: 'assistant', content: 'one' },
    ])
    expect(() => copy.importTree({ ...data, rootIds: [] })).toThrow(/not listed/)
    expect(copy.store.getState().tree.nodes).toHaveLength(4)
  })

  it('uses the config it was given by configure() when an action has none', async () => {
    const engine = createChatEngine()
    expect(() => engine.send('x')).toThrow(/no request config/)
    const remove = engine.configure(() => echo())
    await engine.send('configured')
    expect(contents(engine)).toEqual(['configured', 'configured'])
    remove()
    expect(() => engine.regenerate()).toThrow(/no request config/)
  })
})

describe('chat registry', () => {
  it('shares one engine per id and stops it only when the last consumer stays gone', async () => {
    const registry = createChatRegistry()
    const engine = registry.get('a', { initialMessages: [{ role: 'system', content: 'first wins' }] })
    expect(registry.get('a', {})).toBe(engine)
    expect(engine.store.getState().messages[0]?.content).toBe('first wins')
    const releaseOne = registry.retain('a')
    const releaseTwo = registry.retain('a')
    expect(registry.consumers('a')).toBe(2)
    releaseOne()
    releaseOne()
    expect(registry.consumers('a')).toBe(1)
    // StrictMode: released and retained again in the same task keeps the chat.
    releaseTwo()
    const again = registry.retain('a', { forgetWhenUnused: true })
    await Promise.resolve()
    expect(registry.peek('a')).toBe(engine)
    again()
    await Promise.resolve()
    expect(registry.peek('a')).toBeUndefined()
  })
})

describe('chat messages', () => {
  it('converts wire messages both ways', () => {
    const ui = toUIMessage({
      role: 'user',
      content: [
        { type: 'text', text: 'look at ' },
        { type: 'image_url', image_url: { url: 'data:' } },
        { type: 'text', text: 'this' },
      ],
    })
    expect(ui).toMatchObject({ role: 'user', content: 'look at this', status: 'done' })
    expect(toRequestMessage(ui).content).toHaveLength(3)
    expect(toUIMessage(ui)).toBe(ui)
    const call = { id: 'c1', type: 'function' as const, function: { name: 'f', arguments: '{}' } }
    const assistant = toUIMessage({ role: 'assistant', content: null, tool_calls: [call] })
    expect(toRequestMessage(assistant)).toEqual({ role: 'assistant', content: null, tool_calls: [call] })
  })

  it('measures time to first token and tokens per second', () => {
    expect(
      messageStats({
        timing: { startedAt: 1000, firstTokenAt: 1250, finishedAt: 3250 },
        usage: { prompt_tokens: 3, completion_tokens: 100, total_tokens: 103 },
      }),
    ).toEqual({ timeToFirstToken: 250, tokensPerSecond: 50 })
    expect(messageStats({ timing: { startedAt: 1 } })).toEqual({
      timeToFirstToken: undefined,
      tokensPerSecond: undefined,
    })
  })
})
