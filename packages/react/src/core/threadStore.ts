import { createStore, type StoreApi } from 'zustand/vanilla'
import type { ChatEngine } from './chatEngine.ts'
import type { ChatUIMessage } from './chatMessage.ts'
import { type ChatRegistry, createChatRegistry } from './chatRegistry.ts'
import { type MessageTree, treeFromMessages } from './messageTree.ts'
import { watchPageLeave } from './pageLeave.ts'
import type { PersistenceAdapter } from './persistence/adapter.ts'
import { THREAD_RECORD_VERSION, type ThreadMeta, type ThreadRecord } from './persistence/threadRecord.ts'
import { isBusy } from './status.ts'
import { createToolCallSync } from './toolClaims.ts'

// Many conversations: a list of threads (newest first), each a chat engine created when opened,
// saved through a persistence adapter when an answer ends or a message is edited, never per token.

/** The thread list's state. Treat as immutable. */
export interface ThreadListState {
  /** Every thread, archived ones included, most recently updated first. */
  readonly threads: readonly ThreadMeta[]
  /** The thread shown. */
  readonly activeId: string | undefined
  /**
   * `'loading'` until the adapter's list has been read; meanwhile `threads` is the adapter's
   * snapshot of the list as last seen, if it keeps one.
   */
  readonly status: 'loading' | 'ready'
}

/** Makes a title from a thread's first messages (e.g. by asking a model); `undefined` keeps the default. */
export type TitleGenerator = (
  messages: readonly ChatUIMessage[],
) => Promise<string | undefined> | string | undefined

/** Options of {@link createThreadStore}. */
export interface ThreadStoreOptions {
  /** Where threads are kept: `createIndexedDbAdapter()` in a browser, `createMemoryAdapter()` elsewhere. */
  adapter: PersistenceAdapter
  /** The chats the threads' engines live in (a thread's id is its chat's id). Default: a new registry. */
  registry?: ChatRegistry | undefined
  /** Replaces the default title (the first user message) once the first answer ended. */
  generateTitle?: TitleGenerator | undefined
  /** The clock (tests). */
  now?: (() => number) | undefined
}

/** A thread list bound to persistence, with the actions on it. */
export interface ThreadStore {
  readonly store: StoreApi<ThreadListState>
  readonly registry: ChatRegistry
  /** Resolves once the first list has been read. */
  readonly ready: Promise<void>
  /** Reads the list again (another tab may have changed it). */
  refresh(): Promise<void>
  /** Starts a new thread (saved with its first answer) and makes it active; resolves with its id. */
  create(options?: { title?: string; messages?: readonly ChatUIMessage[] }): string
  /** Loads a thread into its chat engine (once) and makes it active. */
  open(id: string): Promise<ChatEngine | undefined>
  /** The chat engine of a thread, bound to persistence (empty until `open` loaded it). */
  engine(id: string): ChatEngine
  rename(id: string, title: string): Promise<void>
  /** Archives (or with `false`, restores) a thread: it stays stored, lists may hide it. */
  archive(id: string, archived?: boolean): Promise<void>
  /** Deletes a thread and its chat. The active thread becomes the newest remaining one. */
  delete(id: string): Promise<void>
  /** Resolves when every save queued so far has ended: `true` if they all wrote, `false` if one failed. */
  flush(): Promise<boolean>
  /** Unbinds every engine and stops listening to other tabs. */
  dispose(): void
}

/** The default title: the first user message's first line, shortened. */
export function defaultTitle(messages: readonly ChatUIMessage[]): string {
  const first =
    messages
      .find((message) => message.role === 'user')
      ?.content.trim()
      .split('\n')[0] ?? ''
  return first.length > 60 ? `${first.slice(0, 59)}…` : first
}

let nextThread = 0

/** A thread id unique across reloads. */
export function createThreadId(): string {
  nextThread += 1
  return `thread-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}${nextThread.toString(36)}`
}

const byUpdated = (a: ThreadMeta, b: ThreadMeta) => b.updatedAt - a.updatedAt

const sameMeta = (a: ThreadMeta, b: ThreadMeta) =>
  a.title === b.title &&
  a.createdAt === b.createdAt &&
  a.updatedAt === b.updatedAt &&
  a.archived === b.archived

/**
 * `next`, with each thread that did not change kept as the object `shown` has, and `shown` itself
 * when nothing changed: a list read again (the snapshot confirmed, another tab's save) re-renders
 * only the rows that changed.
 */
function keepUnchanged(shown: readonly ThreadMeta[], next: ThreadMeta[]): readonly ThreadMeta[] {
  const byId = new Map(shown.map((thread) => [thread.id, thread]))
  let changed = next.length !== shown.length
  const kept = next.map((thread, index) => {
    const before = byId.get(thread.id)
    const same = before !== undefined && sameMeta(before, thread)
    if (!same || shown[index] !== before) changed = true
    return same ? before : thread
  })
  return changed ? kept : shown
}

/** Creates a thread store over `adapter`. Reads the list at once. */
export function createThreadStore(options: ThreadStoreOptions): ThreadStore {
  const { adapter } = options
  const registry = options.registry ?? createChatRegistry()
  const now = options.now ?? Date.now
  const snapshot = adapter.listSnapshot
  // The list as last seen (read synchronously): painted while the adapter reads the real one.
  const store = createStore<ThreadListState>()(() => ({
    threads: snapshot?.read()?.sort(byUpdated) ?? [],
    activeId: undefined,
    status: 'loading',
  }))
  const bound = new Map<string, () => void>()
  const loaded = new Set<string>()
  const loading = new Map<string, Promise<void>>()
  let leaving = false
  const stopWatchingLeave = watchPageLeave((left) => {
    leaving = left
  })
  const quiet = new Set<string>()
  const saving = new Map<string, Promise<boolean>>()
  const titled = new Set<string>()
  /** Threads created here and not saved yet: a list read from the adapter does not know them. */
  const drafts = new Set<string>()

  // Once the real list is known, every change of it is written to the snapshot (once per task),
  // threads not saved yet left out.
  let snapshotQueued = false
  const unsnapshot = store.subscribe((state, previous) => {
    if (!snapshot || state.status !== 'ready' || state.threads === previous.threads || snapshotQueued) return
    snapshotQueued = true
    queueMicrotask(() => {
      snapshotQueued = false
      snapshot.write(store.getState().threads.filter((thread) => !drafts.has(thread.id)))
    })
  })

  const metaOf = (id: string) => store.getState().threads.find((thread) => thread.id === id)

  function putMeta(meta: ThreadMeta) {
    const threads = store.getState().threads.filter((thread) => thread.id !== meta.id)
    store.setState({ threads: [...threads, meta].sort(byUpdated) })
  }

  /** Replaces an engine's tree without it counting as a change to save. */
  function applyQuietly(id: string, engine: ChatEngine, tree: MessageTree) {
    quiet.add(id)
    try {
      engine.setTree(tree)
    } finally {
      quiet.delete(id)
    }
  }

  /** Saves one thread, after any save of it still running. */
  function save(id: string, touch = true): Promise<boolean> {
    const previous = saving.get(id) ?? Promise.resolve(true)
    const next = previous.then(async () => {
      const engine = registry.get(id)
      const state = engine.store.getState()
      const meta = metaOf(id) ?? { id, title: '', createdAt: now(), updatedAt: now(), archived: false }
      const title = meta.title || defaultTitle(state.messages)
      const record: ThreadRecord = {
        version: THREAD_RECORD_VERSION,
        ...meta,
        title,
        updatedAt: touch ? now() : meta.updatedAt,
        tree: state.tree,
      }
      const written = await adapter.save(record)
      const { tree, version: _version, ...writtenMeta } = written
      drafts.delete(id)
      putMeta(writtenMeta)
      // Another tab's messages came back with the merge: show them, unless an answer is running.
      if (tree !== record.tree && !isBusy(engine.store.getState().status)) engine.adoptTree(tree)
      // Not while an answer streams (a resumable answer is saved as it starts): titles read a whole answer.
      const answered = state.messages.length > 1 && !isBusy(state.status)
      if (!meta.title && options.generateTitle && !titled.has(id) && answered) {
        titled.add(id)
        const generated = await options.generateTitle(state.messages)
        if (generated) await rename(id, generated)
      }
    })
    const settled = next.then(
      () => true,
      (error: unknown) => {
        console.warn('[kindling] saving a thread failed', error)
        return false
      },
    )
    saving.set(id, settled)
    return settled
  }

  function engine(id: string): ChatEngine {
    const chat = registry.get(id)
    if (!bound.has(id)) {
      const unsettle = chat.onSettle(() => {
        if (!quiet.has(id) && !leaving) void save(id)
      })
      // Tool calls run in one tab only: the one holding their answer's lock (see toolClaims.ts).
      const unsync = chat.syncToolCalls(
        createToolCallSync({
          scope: id,
          load: async () => (await adapter.load(id))?.tree,
          flush: () => saving.get(id) ?? Promise.resolve(true),
        }),
      )
      bound.set(id, () => {
        unsettle()
        unsync()
      })
    }
    return chat
  }

  async function refresh() {
    const read = await adapter.list()
    const shown = store.getState().threads
    const unsaved = shown.filter((thread) => drafts.has(thread.id))
    const threads = keepUnchanged(shown, [...read, ...unsaved].sort(byUpdated))
    store.setState({ threads, status: 'ready' })
  }

  async function open(id: string): Promise<ChatEngine | undefined> {
    store.setState({ activeId: id })
    const chat = engine(id)
    if (loaded.has(id)) return chat
    // Two opens at once load once: a second apply would stop the answer the first one resumed.
    let load = loading.get(id)
    if (!load) {
      load = loadInto(id, chat).finally(() => loading.delete(id))
      loading.set(id, load)
    }
    await load
    return chat
  }

  async function loadInto(id: string, chat: ChatEngine): Promise<void> {
    const record = await adapter.load(id)
    loaded.add(id)
    if (record) {
      chat.adoptTree(record.tree, 'adopted')
      const { tree: _tree, version: _version, ...meta } = record
      putMeta(meta)
    }
  }

  async function rename(id: string, title: string) {
    const meta = metaOf(id)
    if (!meta) return
    putMeta({ ...meta, title })
    await save(id, false)
  }

  const unsubscribe = adapter.subscribe?.((id) => {
    void refresh()
    if (!loaded.has(id)) return
    void adapter.load(id).then((record) => {
      const chat = registry.peek(id)
      if (!chat || isBusy(chat.store.getState().status)) return
      if (record) chat.adoptTree(record.tree)
    })
  })

  return {
    store,
    registry,
    ready: refresh(),
    refresh,
    create(createOptions = {}) {
      const id = createThreadId()
      const at = now()
      drafts.add(id)
      putMeta({ id, title: createOptions.title ?? '', createdAt: at, updatedAt: at, archived: false })
      const chat = engine(id)
      loaded.add(id)
      if (createOptions.messages?.length) {
        applyQuietly(id, chat, treeFromMessages(createOptions.messages))
        void save(id)
      }
      store.setState({ activeId: id })
      return id
    },
    open,
    engine,
    rename,
    async archive(id, archived = true) {
      const meta = metaOf(id)
      if (!meta) return
      putMeta({ ...meta, archived })
      await save(id, false)
    },
    async delete(id) {
      await saving.get(id)
      bound.get(id)?.()
      bound.delete(id)
      loaded.delete(id)
      drafts.delete(id)
      registry.delete(id)
      const threads = store.getState().threads.filter((thread) => thread.id !== id)
      const activeId =
        store.getState().activeId === id
          ? threads.find((thread) => !thread.archived)?.id
          : store.getState().activeId
      store.setState({ threads, activeId })
      await adapter.delete(id)
    },
    async flush() {
      const results = await Promise.all(saving.values())
      return results.every(Boolean)
    },
    dispose() {
      unsubscribe?.()
      unsnapshot()
      stopWatchingLeave()
      for (const unbind of bound.values()) unbind()
      bound.clear()
    },
  }
}
