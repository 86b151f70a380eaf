import { describe, expect, it } from 'vitest'
import { createChatRegistry } from '../chatRegistry.ts'
import { createChatSession } from '../chatSession.ts'
import { createChatStore, messageStats, toRequestMessage, toUIMessage } from '../chatStore.ts'
import { startPeer } from './peer.ts'

const peer = startPeer()

describe('chat session without React', () => {
  it('sends over a vanilla store, as the README shows', async () => {
    const store = createChatStore()
    const session = createChatSession(store)
    const seen: string[] = []
    store.subscribe((state) => seen.push(state.messages.at(-1)?.content ?? ''))
    await session.send('Hello', { client: peer.client(), model: 'kindling-echo', batchInterval: 0 })
    expect(store.getState().messages.map((m) => [m.role, m.content, m.status])).toEqual([
      ['user', 'Hello', 'done'],
      ['assistant', 'Hello', 'done'],
    ])
    expect(seen.at(-1)).toBe('Hello')
  })

  it('ignores every call once disposed', async () => {
    const store = createChatStore()
    const session = createChatSession(store)
    session.dispose()
    await session.send('nothing', { client: peer.client(), model: 'kindling-echo' })
    session.setInput('x')
    expect(store.getState().messages).toHaveLength(0)
    expect(store.getState().status).toBe('ready')
    expect(store.getState().input).toBe('')
  })
})

describe('chat registry', () => {
  it('shares one entry per id and stops it only when the last consumer stays gone', async () => {
    const registry = createChatRegistry()
    const entry = registry.get('a', [{ role: 'system', content: 'first wins' }])
    expect(registry.get('a', [])).toBe(entry)
    expect(entry.store.getState().messages[0]?.content).toBe('first wins')
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
    expect(registry.peek('a')).toBe(entry)
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
