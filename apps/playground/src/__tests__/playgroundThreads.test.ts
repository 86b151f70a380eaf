import { createMemoryAdapter, createThreadStore } from '@kindling/react/core'
import { describe, expect, it } from 'vitest'
import { toStoredMessages } from '../conversationFile.ts'
import { LEGACY_CONVERSATION_KEY, readLegacyConversation, startThreads } from '../playgroundThreads.ts'

/** A Storage over a Map (the unit under test only reads, writes and removes one key). */
function memoryStorage(entries: Record<string, string> = {}): Storage {
  const map = new Map(Object.entries(entries))
  return {
    get length() {
      return map.size
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => void map.delete(key),
    setItem: (key, value) => void map.set(key, value),
  }
}

const legacy = (messages: Parameters<typeof toStoredMessages>[0]) =>
  JSON.stringify({ state: { saved: toStoredMessages(messages) }, version: 1 })

describe('playground threads', () => {
  it('moves the localStorage conversation into one thread, once', async () => {
    const storage = memoryStorage({
      [LEGACY_CONVERSATION_KEY]: legacy([
        { id: 'm1', role: 'user', content: 'Old question', status: 'done' },
        { id: 'm2', role: 'assistant', content: 'Old answer', status: 'stopped' },
      ]),
    })
    const adapter = createMemoryAdapter()
    const threads = createThreadStore({ adapter })
    await startThreads(threads, storage)
    expect(storage.getItem(LEGACY_CONVERSATION_KEY)).toBeNull()
    const listed = await adapter.list()
    expect(listed.map((thread) => thread.title)).toEqual(['Old question'])
    const engine = threads.engine(threads.store.getState().activeId ?? '')
    expect(engine.store.getState().messages.map((m) => [m.content, m.status])).toEqual([
      ['Old question', 'done'],
      ['Old answer', 'stopped'],
    ])
    // A second start (a reload) finds the thread and migrates nothing again.
    const again = createThreadStore({ adapter })
    await startThreads(again, storage)
    expect((await adapter.list()).length).toBe(1)
    expect(again.store.getState().activeId).toBe(listed[0]?.id)
  })

  it('starts one empty thread when there is nothing, and ignores an unreadable legacy record', async () => {
    const storage = memoryStorage({ [LEGACY_CONVERSATION_KEY]: '{ broken' })
    expect(readLegacyConversation(storage)).toEqual([])
    const threads = createThreadStore({ adapter: createMemoryAdapter() })
    await Promise.all([startThreads(threads, storage), startThreads(threads, storage)])
    expect(threads.store.getState().threads).toHaveLength(1)
    expect(threads.store.getState().activeId).toBe(threads.store.getState().threads[0]?.id)
    // Unreadable: kept where it is, not deleted.
    expect(storage.getItem(LEGACY_CONVERSATION_KEY)).toBe('{ broken')
  })
})
