import type { ChatUIMessage } from '@kindling/react'
import { createIndexedDbAdapter, createThreadStore, type ThreadStore } from '@kindling/react/core'
import { ConversationFileSchema, fromStoredMessages } from './conversationFile.ts'

// The playground's conversations: many threads, kept in IndexedDB. The single conversation older
// versions kept in localStorage becomes the first thread, once.

/** Where the playground kept its one conversation before threads (a zustand `persist` record). */
export const LEGACY_CONVERSATION_KEY = 'kindling-playground-conversation'

/** The messages of the legacy localStorage conversation, or none (unreadable counts as none, and is kept). */
export function readLegacyConversation(storage: Pick<Storage, 'getItem'>): ChatUIMessage[] {
  const raw = storage.getItem(LEGACY_CONVERSATION_KEY)
  if (!raw) return []
  try {
    const saved = (JSON.parse(raw) as { state?: { saved?: unknown } }).state?.saved
    const parsed = ConversationFileSchema.shape.messages.safeParse(saved)
    return parsed.success ? fromStoredMessages(parsed.data) : []
  } catch {
    return []
  }
}

/**
 * Moves the legacy conversation into a thread (once: the key is removed only after the thread was
 * saved), then opens the newest thread, or starts one when there is none.
 */
export function startThreads(threads: ThreadStore, storage: Storage = localStorage): Promise<void> {
  // Once per store, however often an effect runs (StrictMode runs it twice).
  let started = starts.get(threads)
  if (!started) {
    started = start(threads, storage)
    starts.set(threads, started)
  }
  return started
}

const starts = new WeakMap<ThreadStore, Promise<void>>()

async function start(threads: ThreadStore, storage: Storage): Promise<void> {
  await threads.ready
  const legacy = readLegacyConversation(storage)
  if (legacy.length > 0) {
    const id = threads.create({ messages: legacy })
    await threads.open(id)
    // Removed only once the thread is written: a failed save leaves it for the next start.
    if (await threads.flush()) storage.removeItem(LEGACY_CONVERSATION_KEY)
    return
  }
  const newest = threads.store.getState().threads.find((thread) => !thread.archived)
  if (newest) await threads.open(newest.id)
  else threads.create()
}

/** The playground's thread store over IndexedDB. */
export function createPlaygroundThreads(): ThreadStore {
  return createThreadStore({ adapter: createIndexedDbAdapter({ name: 'kindling-playground' }) })
}
