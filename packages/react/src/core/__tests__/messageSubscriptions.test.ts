import { describe, expect, it } from 'vitest'
import { createChatEngine } from '../chatEngine.ts'
import { type ChatUIMessage, toUIMessage } from '../chatMessage.ts'
import { type ChatState, withChangedMessages } from '../chatState.ts'
import { messagesToNotify, subscribeToMessage } from '../messageSubscriptions.ts'
import { appendChild, replaceMessages } from '../messageTree.ts'

function conversation(count: number): ChatUIMessage[] {
  return Array.from({ length: count }, (_, index) =>
    toUIMessage({ role: index % 2 === 0 ? 'user' : 'assistant', content: `message ${index}` }),
  )
}

/** The write a streamed frame makes: `message` rewritten in place, as the engine's writeRun does. */
function streamInto(state: ChatState, message: ChatUIMessage, content: string): Partial<ChatState> {
  const next = { ...message, content, status: 'streaming' as const }
  return { tree: replaceMessages(state.tree, [next]), ...withChangedMessages(state, [next]) }
}

/** An engine over `count` messages, with a listener per message that counts its calls. */
function subscribed(count: number) {
  const messages = conversation(count)
  const engine = createChatEngine({ initialMessages: messages })
  const ids = engine.store.getState().messageIds
  const calls = new Map<string, number>(ids.map((id) => [id, 0]))
  const unsubscribes = ids.map((id) =>
    subscribeToMessage(engine.store, id, () => calls.set(id, (calls.get(id) ?? 0) + 1)),
  )
  const woken = () => [...calls].filter(([, n]) => n > 0).map(([id]) => id)
  const clear = () => {
    for (const id of calls.keys()) calls.set(id, 0)
  }
  return { engine, ids, calls, woken, clear, unsubscribes }
}

describe('subscribeToMessage', () => {
  it('wakes only the streaming message for a streamed frame, in a 1,000-message chat', () => {
    const { engine, ids, calls, woken } = subscribed(1000)
    const last = ids[999] as string
    for (let frame = 1; frame <= 5; frame++) {
      const state = engine.store.getState()
      engine.store.setState(streamInto(state, state.messages[999] as ChatUIMessage, 'x'.repeat(frame)))
    }
    expect(woken()).toEqual([last])
    expect(calls.get(last)).toBe(5)
  })

  it('wakes every message when anything besides message nodes changes', () => {
    const { engine, ids, woken, clear } = subscribed(50)
    engine.setInput('draft')
    expect(woken()).toHaveLength(ids.length)
    clear()
    engine.store.setState({ status: 'streaming' })
    expect(woken()).toHaveLength(ids.length)
    clear()
    // A message added changes the path (and the last message).
    engine.setMessages([...engine.store.getState().messages, toUIMessage({ role: 'user', content: 'more' })])
    expect(woken()).toHaveLength(ids.length)
  })

  it('wakes a message when a version is added beside it off the path (its sibling count changed)', () => {
    const { engine, ids, woken } = subscribed(6)
    const parent = ids[2] as string
    const older = toUIMessage({ role: 'assistant', content: 'another version' })
    engine.setTree(appendChild(engine.store.getState().tree, parent, older, false))
    // Nodes were added: every subscriber looks again (its sibling count may have changed).
    expect(woken()).toContain(ids[3])
  })

  it('wakes no one for a write that changes nothing they read, and stops after unsubscribing', () => {
    const { engine, ids, calls, woken, unsubscribes } = subscribed(10)
    const state = engine.store.getState()
    engine.store.setState({ tree: state.tree, messages: state.messages })
    expect(woken()).toEqual([])
    for (const unsubscribe of unsubscribes) unsubscribe()
    engine.setInput('after')
    expect(calls.get(ids[0] as string)).toBe(0)
  })
})

describe('messagesToNotify', () => {
  it('names only the node a streamed frame rewrote', () => {
    const engine = createChatEngine({ initialMessages: conversation(200) })
    const before = engine.store.getState()
    const target = before.messages[130] as ChatUIMessage
    const after = { ...before, ...streamInto(before, target, 'new') } as ChatState
    expect(messagesToNotify(before, after)).toEqual([target.id])
  })

  it("names every message's subscribers ('all') when the active path changes", () => {
    const engine = createChatEngine({ initialMessages: conversation(4) })
    const ids = engine.store.getState().messageIds
    const older = toUIMessage({ role: 'assistant', content: 'another version' })
    engine.setTree(appendChild(engine.store.getState().tree, ids[2] as string, older, false))
    const before = engine.store.getState()
    engine.switchSibling(ids[3] as string, 1)
    const after = engine.store.getState()
    expect(after.messageIds).toContain(older.id)
    expect(messagesToNotify(before, after)).toBe('all')
  })
})
