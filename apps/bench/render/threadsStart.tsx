import {
  type ChatUIMessage,
  createIndexedDbAdapter,
  createThreadStore,
  THREAD_RECORD_VERSION,
  type ThreadRecord,
  treeFromMessages,
} from '@kindling/react/core'
import '@kindling/ui/styles.css'

// Threads in real IndexedDB: `?phase=seed` writes 1,000 threads and one 1,000-message thread;
// `?phase=list` measures the first paint of the list after a page load (from the list snapshot, or
// with `&snapshot=off` from IndexedDB); `?phase=open` opens the
// long thread and measures until its messages are painted. Results go to `window.__threads`.
// This module is imported first (threads.tsx): it creates the thread store, which starts reading
// the list from IndexedDB, before React and the UI are evaluated (threadsUi.tsx).

const DB = 'kindling-bench-threads'
const THREADS = 1000
const MESSAGES = 1000
const params = new URLSearchParams(location.search)
const phase = params.get('phase') ?? 'list'
const scriptStart = performance.now()
const result: Record<string, number | string> = {}
const done = (extra: Record<string, number | string>) => {
  Object.assign(result, extra)
  ;(window as unknown as { __threads: typeof result }).__threads = result
  document.body.dataset.done = 'true'
}
/** What the app module needs from the entry. */
export interface ThreadsPage {
  readonly phase: string
  readonly scriptStart: number
  readonly threadCount: number
  readonly messageCount: number
  done(extra: Record<string, number | string>): void
  /** When the list was read from IndexedDB, after script start (NaN until then). */
  listReadMs(): number
  /** Resolves once the list has been read from IndexedDB. */
  readonly listRead: Promise<void>
}

const message = (index: number): ChatUIMessage => ({
  id: `big-${index}`,
  role: index % 2 === 0 ? 'user' : 'assistant',
  content: `Message ${index}: ${'a few words of a long conversation '.repeat(3)}`,
  status: 'done',
})

async function seed() {
  // The list snapshot of an earlier run goes with its database.
  localStorage.removeItem(`kindling-threads:${DB}:list`)
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(DB)
    request.onsuccess = request.onerror = request.onblocked = resolve
  })
  const adapter = createIndexedDbAdapter({ name: DB })
  const start = performance.now()
  const small = (id: string, index: number): ThreadRecord => ({
    version: THREAD_RECORD_VERSION,
    id,
    title: `Conversation ${index}`,
    createdAt: index,
    updatedAt: index,
    archived: false,
    tree: treeFromMessages([
      { id: `${id}-q`, role: 'user', content: `Question ${index}`, status: 'done' },
      { id: `${id}-a`, role: 'assistant', content: `Answer ${index}`, status: 'done' },
    ]),
  })
  await Promise.all(
    Array.from({ length: THREADS - 1 }, (_, index) => adapter.save(small(`t${index}`, index))),
  )
  await adapter.save({
    version: THREAD_RECORD_VERSION,
    id: 'big',
    title: 'The long one',
    createdAt: 0,
    updatedAt: THREADS,
    archived: false,
    tree: treeFromMessages(Array.from({ length: MESSAGES }, (_, index) => message(index))),
  })
  done({ seedMs: performance.now() - start })
}

// Not in the seed phase: an open connection would block deleting the database.
const threads =
  phase === 'seed'
    ? undefined
    : createThreadStore({
        // `?snapshot=off`: no list snapshot, the list paints once IndexedDB has answered.
        adapter: createIndexedDbAdapter({ name: DB, listSnapshot: params.get('snapshot') !== 'off' }),
      })
// When the list was read from IndexedDB (the store is created above, before React mounts).
let listReadMs = Number.NaN
void threads?.ready.then(() => {
  listReadMs = performance.now() - scriptStart
})

if (!threads) void seed()

/** The page's store (none while seeding) and what the app reports through. */
export { threads }
export const page: ThreadsPage = {
  phase,
  scriptStart,
  threadCount: THREADS,
  messageCount: MESSAGES,
  done,
  listReadMs: () => listReadMs,
  listRead: threads?.ready ?? Promise.resolve(),
}
