import { type ChatSession, createChatSession } from './chatSession.ts'
import { type ChatMessageInput, type ChatStore, createChatStore } from './chatStore.ts'

// Chats by id: hooks with the same id share one store and one session. Mounted consumers are
// counted; when the last one unmounts, the answer in progress is stopped (its connection closed).

/** One chat: its store and the session acting on it. */
export interface ChatEntry {
  readonly id: string
  readonly store: ChatStore
  readonly session: ChatSession
}

/** How a consumer holds a chat. */
export interface RetainOptions {
  /** Forget the chat (not only stop it) when its last consumer leaves: for generated ids. */
  forgetWhenUnused?: boolean | undefined
}

/** The chats of one `KindlingProvider` (or of the page, without one). */
export interface ChatRegistry {
  /** The chat with this id, created with `initialMessages` if there is none yet. */
  get(id: string, initialMessages?: readonly ChatMessageInput[]): ChatEntry
  /** The chat with this id, if there is one. */
  peek(id: string): ChatEntry | undefined
  /**
   * Counts a mounted consumer of the chat until the returned function is called. When the count
   * drops to zero and stays there past the current task's microtasks (so StrictMode's simulated
   * unmount is not one), the answer in progress is stopped.
   */
  retain(id: string, options?: RetainOptions): () => void
  /** How many mounted consumers the chat has. */
  consumers(id: string): number
  /** Stops the chat and forgets it. */
  delete(id: string): void
}

/** A chat that no registry holds (server rendering without a provider). */
export function createChatEntry(id: string, initialMessages: readonly ChatMessageInput[] = []): ChatEntry {
  const store = createChatStore(initialMessages)
  return { id, store, session: createChatSession(store, initialMessages) }
}

/** Creates an empty registry. */
export function createChatRegistry(): ChatRegistry {
  const entries = new Map<string, ChatEntry>()
  const counts = new Map<string, number>()

  function remove(id: string) {
    entries.get(id)?.session.dispose()
    entries.delete(id)
    counts.delete(id)
  }

  return {
    get(id, initialMessages) {
      let entry = entries.get(id)
      if (entry === undefined) {
        entry = createChatEntry(id, initialMessages)
        entries.set(id, entry)
      }
      return entry
    },
    peek: (id) => entries.get(id),
    retain(id, options = {}) {
      counts.set(id, (counts.get(id) ?? 0) + 1)
      let released = false
      return () => {
        if (released) return
        released = true
        const left = (counts.get(id) ?? 1) - 1
        counts.set(id, left)
        if (left > 0) return
        queueMicrotask(() => {
          if ((counts.get(id) ?? 0) > 0) return
          if (options.forgetWhenUnused) remove(id)
          else entries.get(id)?.session.stop()
        })
      }
    },
    consumers: (id) => counts.get(id) ?? 0,
    delete: remove,
  }
}
