import { createClient } from '@kindling/client'
import { KindlingProvider, useThreads } from '@kindling/react'
import type { ThreadStore } from '@kindling/react/core'
import { ThreadList } from '@kindling/ui'
import { lazy, Suspense, useLayoutEffect } from 'react'
import { createRoot } from 'react-dom/client'
import { paintedFrame } from './afterPaint.ts'
import type { ThreadsPage } from './threadsStart.tsx'

// The threads page's app (see threadsStart.tsx): the real ThreadList beside the open thread's Chat.

const client = createClient({ baseURL: '/v1', apiKey: null })
const frame = () => new Promise<number>((resolve) => requestAnimationFrame(resolve))
const loadChat = () => import('./threadsChat.tsx')
const ThreadChat = lazy(loadChat)

function ListProbe({ page }: { page: ThreadsPage }) {
  const { threads: list } = useThreads()
  useLayoutEffect(() => {
    if (page.phase !== 'list' || list.length < page.threadCount) return
    void paintedFrame().then(async (painted) => {
      const listed = document.querySelectorAll('.kindling-thread-list__item').length
      // Painted from the snapshot: also when IndexedDB's list replaced it.
      await page.listRead
      page.done({
        listPaintMs: painted - page.scriptStart,
        sinceNavigationMs: painted,
        scriptStartMs: page.scriptStart,
        listReadMs: page.listReadMs(),
        listed,
      })
    })
  }, [list.length, page])
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

async function open(threads: ThreadStore, page: ThreadsPage) {
  await threads.ready
  // The chat pane's chunk is fetched after the list paints, as an app preloads it; opening a
  // thread measures reading, merging and rendering it, not a download.
  await loadChat()
  await frame()
  const start = performance.now()
  const engine = await threads.open('big')
  const loadedMs = performance.now() - start
  // Painted: the store holds the thread and React committed it; wait for the frame after.
  while (engine && engine.store.getState().messages.length < page.messageCount) await frame()
  await frame()
  await frame()
  page.done({
    openMs: performance.now() - start,
    loadMs: loadedMs,
    rendered: document.querySelectorAll('article[data-role]').length,
  })
}

/** Renders the page's app: the thread list beside the open thread's chat. */
export function mountThreadsApp(threads: ThreadStore, page: ThreadsPage): void {
  createRoot(document.getElementById('root') as HTMLElement).render(
    <KindlingProvider client={client} threads={threads}>
      <div style={{ display: 'flex', height: '100%' }}>
        <div style={{ width: 280, overflow: 'auto' }}>
          <ThreadList />
          <ListProbe page={page} />
        </div>
        <div style={{ flex: 1, display: 'flex', flexDirection: 'column' }}>
          <OpenProbe />
        </div>
      </div>
    </KindlingProvider>,
  )
  if (page.phase === 'open') void open(threads, page)
}
