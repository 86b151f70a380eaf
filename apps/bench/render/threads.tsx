import { createClient } from '@kindling/client'
import { KindlingProvider, useThreads } from '@kindling/react'
import {
  type ChatUIMessage,
  createIndexedDbAdapter,
  createThreadStore,
  THREAD_RECORD_VERSION,
  type ThreadRecord,
  treeFromMessages,
} from '@kindling/react/core'
import { ThreadList } from '@kindling/ui'
import '@kindling/ui/styles.css'
import { lazy, Suspense, useEffect } from 'react'
import { createRoot } from 'react-dom/client'

// Threads in real IndexedDB: `?phase=seed` writes 1,000 threads and one 1,000-message thread;
// `?phase=list` measures the first paint of the list after a page load; `?phase=open` opens the
// long thread and measures until its messages are painted. Results go to `window.__threads`.

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
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
const loadChat = () => import('./threadsChat.tsx')
const ThreadChat = lazy(loadChat)

const message = (index: number): ChatUIMessage => ({
  id: `big-${index}`,
  role: index % 2 === 0 ? 'user' : 'assistant',
  content: `Message ${index}: ${'a few words of a long conversation '.repeat(3)}`,
  status: 'done',
})

async function seed() {
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
  phase === 'seed' ? undefined : createThreadStore({ adapter: createIndexedDbAdapter({ name: DB }) })
// When the list was read from IndexedDB (the store is created above, before React mounts).
let listReadMs = Number.NaN
void threads?.ready.then(() => {
  listReadMs = performance.now() - scriptStart
})
const client = createClient({ baseURL: '/v1', apiKey: null })

function ListProbe() {
  const { threads: list } = useThreads()
  useEffect(() => {
    if (phase !== 'list' || list.length < THREADS) return
    void frame().then(() =>
      done({
        listPaintMs: performance.now() - scriptStart,
        sinceNavigationMs: performance.now(),
        scriptStartMs: scriptStart,
        listReadMs,
        listed: document.querySelectorAll('.kindling-thread-list__item').length,
      }),
    )
  }, [list.length])
  return null
}

function OpenProbe() {
  const { activeId } = useThreads()
  return activeId ? (
    <Suspense fallback={null}>
      <ThreadChat threadId={activeId} />
    </Suspense>
  ) : null
}

async function open() {
  if (!threads) return
  await threads.ready
  // The chat pane's chunk is fetched after the list paints, as an app preloads it; opening a
  // thread measures reading, merging and rendering it, not a download.
  await loadChat()
  await frame()
  const start = performance.now()
  const engine = await threads.open('big')
  const loadedMs = performance.now() - start
  // Painted: the store holds the thread and React committed it; wait for the frame after.
  while (engine && engine.store.getState().messages.length < MESSAGES) await frame()
  await frame()
  await frame()
  done({
    openMs: performance.now() - start,
    loadMs: loadedMs,
    rendered: document.querySelectorAll('article[data-role]').length,
  })
}

if (!threads) void seed()
else {
  createRoot(document.getElementById('root') as HTMLElement).render(
    <KindlingProvider client={client} threads={threads}>
      <div style={{ display: 'flex', height: '100%' }}>
        <div style={{ width: 280, overflow: 'auto' }}>
          <ThreadList />
          <ListProbe />
        </div>
        <div style={{ flex: 1, display: 'flex', flexDirection: 'column' }}>
          <OpenProbe />
        </div>
      </div>
    </KindlingProvider>,
  )
  if (phase === 'open') void open()
}
