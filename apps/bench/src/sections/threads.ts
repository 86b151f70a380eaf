import { type BrowserContext, chromium, type Page } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../../scripts/chromium.ts'
import { fixed, median, type SectionResult } from '../report.ts'
import { buildRenderPage } from './buildRenderPage.ts'
import { serveStatic } from './render.ts'

// Threads in real IndexedDB, in Chromium: the first paint of a list of 1,000 threads after a page
// load, and opening a 1,000-message thread (load, merge into the engine, render, paint).

/** Options of the threads section. */
export interface ThreadsOptions {
  /** Page loads per measure; the median is reported (default 9). */
  runs?: number
}

type PageResult = Record<string, number>

const done = (page: Page) =>
  page.waitForFunction(() => document.body.dataset.done === 'true', undefined, { timeout: 60_000 })
const result = (page: Page) =>
  page.evaluate(() => (window as unknown as { __threads: PageResult }).__threads) as Promise<PageResult>

/**
 * One page's loads: in a new tab (a new renderer process), then reloaded in that tab (the same
 * page, its old document torn down), as a user opens the app and comes back to it.
 */
async function loads(context: BrowserContext, url: string, errors: string[]) {
  const page = await context.newPage()
  page.on('pageerror', (error) => errors.push(error.message))
  try {
    const fail = (what: string) => (error: Error) => {
      throw new Error(`${what}: ${error.message}; page errors: ${errors.join(' | ') || 'none'}`)
    }
    await page.goto(url)
    await done(page).catch(fail(url))
    const newTab = await result(page)
    // As a user reloads, seconds later: once the page has nothing left to do (the snapshot
    // written, IndexedDB's list read), not while its last work would delay the reload's navigation.
    await page.evaluate(() => new Promise((resolve) => requestIdleCallback(resolve, { timeout: 2000 })))
    await page.reload()
    await done(page).catch(fail(`${url} (reloaded)`))
    return { newTab, reload: await result(page) }
  } finally {
    await page.close()
  }
}

/** Runs the threads section. */
export async function runThreads(options: ThreadsOptions = {}): Promise<SectionResult> {
  const runs = options.runs ?? 9
  // Its own production build (React's production build, minified, only what the page imports), as
  // an app ships it: not the render pages' shared bundle with React's profiling build and the peers.
  // Beside it, a page that paints one line with React: the browser's and React's own start-up cost.
  const server = await serveStatic(await buildRenderPage('threads'))
  // Built and served on its own, as its own app: built with the threads page, React would sit in a
  // chunk the two share, one more request for each than either app would make.
  const emptyServer = await serveStatic(await buildRenderPage('emptyReact'))
  const browser = await chromium.launch(chromiumLaunchOptions)
  const lists: { newTab: PageResult; reload: PageResult }[] = []
  const withoutSnapshot: { newTab: PageResult; reload: PageResult }[] = []
  const empties: { newTab: PageResult; reload: PageResult }[] = []
  const opens: PageResult[] = []
  let seedMs = 0
  try {
    // One context: one IndexedDB (and localStorage) for every tab.
    const context = await browser.newContext({ viewport: { width: 1100, height: 800 } })
    const errors: string[] = []
    const seeding = await context.newPage()
    await seeding.goto(`${server.url}/threads.html?phase=seed`)
    await done(seeding)
    seedMs = (await result(seeding)).seedMs ?? 0
    // Once, unmeasured: the app has shown this list before, and so kept its snapshot.
    await seeding.goto(`${server.url}/threads.html?phase=list`)
    await done(seeding)
    await seeding.close()
    for (let run = 0; run < runs; run++) {
      empties.push(await loads(context, `${emptyServer.url}/emptyReact.html`, errors))
      lists.push(await loads(context, `${server.url}/threads.html?phase=list`, errors))
      withoutSnapshot.push(await loads(context, `${server.url}/threads.html?phase=list&snapshot=off`, errors))
      const page = await context.newPage()
      await page.goto(`${server.url}/threads.html?phase=open`)
      await done(page)
      opens.push(await result(page))
      await page.close()
    }
  } finally {
    await browser.close()
    await server.close()
    await emptyServer.close()
  }
  const of = (rows: PageResult[], key: string) => median(rows.map((row) => row[key] ?? Number.NaN))
  /** One measure of some loads, in the reloaded tab and in the new tab. */
  const both = (
    label: string,
    loaded: { newTab: PageResult; reload: PageResult }[],
    measure: (rows: PageResult[]) => number,
  ): [string, string, string] => [
    label,
    fixed(measure(loaded.map((load) => load.reload)), 1),
    fixed(measure(loaded.map((load) => load.newTab)), 1),
  ]
  const sinceNavigation = (rows: PageResult[]) => of(rows, 'sinceNavigationMs')
  /** The fastest and slowest load: this machine's noise, next to the median. */
  const spread = (rows: PageResult[]) => {
    const values = rows.map((row) => row.sinceNavigationMs ?? Number.NaN)
    return `${fixed(Math.min(...values), 1)}–${fixed(Math.max(...values), 1)} ms`
  }
  const listRead = (rows: PageResult[]) => of(rows, 'scriptStartMs') + of(rows, 'listReadMs')
  const painted = sinceNavigation(lists.map((load) => load.reload))
  const emptyReload = sinceNavigation(empties.map((load) => load.reload))
  const emptyNewTab = sinceNavigation(empties.map((load) => load.newTab))
  const openMs = of(opens, 'openMs')
  return {
    section: 'threads',
    title: `Threads in IndexedDB, Chromium (median of ${runs} page loads)`,
    columns: ['measure', 'reloaded tab, ms', 'new tab, ms'],
    rows: [
      both('1,000-thread list: navigation start → list painted', lists, sinceNavigation),
      both('  navigation start → script start (fetch, parse, evaluate the bundle)', lists, (rows) =>
        of(rows, 'scriptStartMs'),
      ),
      both('  script start → list painted (from the list snapshot)', lists, (rows) =>
        of(rows, 'listPaintMs'),
      ),
      both('  navigation start → list read from IndexedDB (replacing the snapshot)', lists, listRead),
      both(
        'without the snapshot (listSnapshot: false): navigation start → list painted',
        withoutSnapshot,
        sinceNavigation,
      ),
      both('  script start → list read from IndexedDB', withoutSnapshot, (rows) => of(rows, 'listReadMs')),
      both('  script start → list painted', withoutSnapshot, (rows) => of(rows, 'listPaintMs')),
      both('an empty React page: navigation start → painted', empties, sinceNavigation),
      [
        'the list (from its snapshot) above an empty React page',
        fixed(painted - emptyReload, 1),
        fixed(sinceNavigation(lists.map((load) => load.newTab)) - emptyNewTab, 1),
      ],
      [
        'open a 1,000-message thread: read + check + merge (engine holds it)',
        fixed(of(opens, 'loadMs'), 1),
        '',
      ],
      ['open a 1,000-message thread: until painted', fixed(openMs, 1), ''],
      ['(seeding 1,000 threads + one of 1,000 messages, once)', fixed(seedMs, 0), ''],
    ],
    targets: [
      {
        name: 'First paint of a 1,000-thread list ≤ 100 ms, counted from navigation start (page reload)',
        measured: `${fixed(painted, 1)} ms (loads ${spread(lists.map((load) => load.reload))}; an empty React page ${fixed(emptyReload, 1)} ms)`,
        met: painted <= 100,
      },
      {
        name: 'Opening a 1,000-message thread from IndexedDB ≤ 200 ms',
        measured: `${fixed(openMs, 1)} ms`,
        met: openMs <= 200,
      },
    ],
    notes: [
      '"Painted" is the frame that paints what React committed: a layout effect asks for its animation callback, which forces the frame\'s layout and reads the time (render/afterPaint.ts). The empty React page and the list are timed the same way.',
      "Each list load opens the page in a new tab (a new renderer process), then reloads it in that tab, as a user opens the app and comes back to it; the target is read on the reload, and the new tab is shown beside it. The empty React page is loaded the same way in the same runs: React's production build painting one line, what any React app pays before its first paint.",
      'The IndexedDB adapter keeps the list\'s metadata in localStorage too (the list snapshot, written when the list changes): a new page\'s thread store starts from it, so the list paints before IndexedDB answers, and IndexedDB\'s list then replaces it (the "list read" rows; the page waits for it before it reports). The rows without the snapshot paint from IndexedDB: one getAll on the metadata store in a read-only transaction, no messages, records checked by hand-written guards (zod is loaded only to explain a rejection). The ThreadList renders the rows a sidebar shows (24, more than 800 px hold) and adds more as the end of the list scrolls into view. "Script start" is when the page\'s module began running: bundle download and parse are before it.',
      "Opening reads the thread, checks it (a hand-written guard, then the tree's links), merges it into the chat engine, and renders it with @kindling/ui's Chat (MessageList renders a long history tail first).",
      "The page is its own Vite production build (React's production build, minified), with the thread store created at module start, before React mounts. The chat pane (Chat and its markdown renderer) is a lazy chunk, as an app splits it; the open phase loads that chunk before it starts timing, as an app preloads it after the list paints. The list's first chunk holds no zod and no TanStack Query: thread records and tool schemas need no zod import, and KindlingProvider leaves the query client to useModels.",
    ],
    data: { runs, lists, withoutSnapshot, empties, opens, seedMs },
  }
}
