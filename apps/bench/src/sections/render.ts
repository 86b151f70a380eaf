import { readFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { extname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { type CDPSession, chromium, type Page } from 'playwright-core'
import { build } from 'vite'
import { chromiumLaunchOptions } from '../../../../scripts/chromium.ts'
import { fixed, median, type SectionResult } from '../report.ts'
import { settleMainThread } from './settleMainThread.ts'

// Render cost in real Chromium: a Vite production build of render/ (React's profiling build, so the
// Profiler counts commits) streams the same deltas into a chat of 10, 100 and 1,000 messages, with
// @kindling/react's useChatCompletion + @kindling/ui's MessageList (over a branched history: every
// twentieth answer has an older version with a follow-up of its own) and with @ai-sdk/react's
// useChat, unthrottled and with a 50 ms throttle, all rendering the same minimal message component. Main-thread and scripting time come from the
// DevTools protocol's Performance metrics, taken just around the stream.

const benchDir = fileURLToPath(new URL('../..', import.meta.url))
const renderDir = join(benchDir, 'render')
const outDir = join(benchDir, 'render-dist')

/** The libraries compared. */
export const RENDER_LIBS = [
  { id: 'kindling', page: 'lib=kindling', name: 'Kindling (useChatCompletion + MessageList)' },
  { id: 'ai', page: 'lib=ai', name: 'ai SDK (@ai-sdk/react useChat)' },
  { id: 'ai-throttle', page: 'lib=ai-throttle', name: 'ai SDK (useChat, throttle 50 ms)' },
  {
    id: 'kindling-md',
    page: 'lib=kindling&md=1',
    name: "Kindling, markdown + code blocks (MessageList's Message)",
  },
  {
    id: 'kindling-chat',
    page: 'lib=kindling-chat&md=1',
    name: "Kindling's Chat (Chat.Root + Chat.Messages + Chat.Composer), markdown + code blocks",
  },
  { id: 'ai-md', page: 'lib=ai&md=1', name: 'ai SDK useChat, markdown + code blocks (react-markdown + gfm)' },
] as const

/** Options of the render section. */
export interface RenderOptions {
  /** Deltas in the streamed answer (default 2,000). */
  deltas?: number
  /** History sizes (default 10, 100, 1,000). */
  histories?: readonly number[]
  /** Page loads per library and history; the median is reported (default 3). */
  runs?: number
}

/** Builds the benchmark page (production mode, React's profiling build). */
export async function buildRenderPage(): Promise<void> {
  await build({
    root: renderDir,
    base: './',
    logLevel: 'error',
    configFile: false,
    plugins: [react()],
    resolve: {
      alias: [{ find: /^react-dom\/client$/, replacement: 'react-dom/profiling' }],
    },
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        input: {
          index: join(renderDir, 'index.html'),
          memory: join(renderDir, 'memory.html'),
        },
      },
    },
  })
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
}

/** Serves a built page directory (`render-dist` by default) on a loopback port. */
export async function serveStatic(dir: string = outDir): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer(async (req, res) => {
    const path = normalize(new URL(req.url ?? '/', 'http://x').pathname).replace(/^(\.\.[/\\])+/, '')
    try {
      const file = join(dir, path === '/' ? 'index.html' : path)
      const body = await readFile(file)
      res.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' })
      res.end(body)
    } catch {
      res.writeHead(404).end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

interface PageRun {
  commits: number
  /** Commits from state set during a commit (layout effects), e.g. scroll following. */
  nestedCommits: number
  /** The most commits React made between two animation frames. */
  maxCommitsPerFrame: number
  frames: number
  elapsedMs: number
  textOk: boolean
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[]
  }
  return Object.fromEntries(metrics.map((m) => [m.name, m.value]))
}

async function measurePage(
  page: Page,
  url: string,
): Promise<PageRun & { settleMs: number; taskMs: number; scriptMs: number; layoutMs: number }> {
  await page.goto(url)
  await page.waitForFunction(() => document.body.dataset.mounted === 'true')
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  // Settle first, so the history's mount is not counted: MessageList renders a long history's tail
  // first and the rest in a transition, which for 1,000 markdown messages outlasts any fixed number
  // of frames. Then take metrics around the stream only.
  const settleMs = await settleMainThread(page, cdp)
  const before = await metrics(cdp)
  const result = (await page.evaluate(() =>
    (window as unknown as { __bench: { run(): Promise<PageRun> } }).__bench.run(),
  )) as PageRun
  const after = await metrics(cdp)
  await cdp.detach()
  const delta = (name: string) => ((after[name] ?? 0) - (before[name] ?? 0)) * 1000
  return {
    ...result,
    settleMs,
    taskMs: delta('TaskDuration'),
    scriptMs: delta('ScriptDuration'),
    layoutMs: delta('LayoutDuration') + delta('RecalcStyleDuration'),
  }
}

/** Streams the deltas into every history size with every library, in one headless Chromium. */
export async function runRender(options: RenderOptions = {}): Promise<SectionResult> {
  const deltas = options.deltas ?? 2000
  const histories = options.histories ?? [10, 100, 1000]
  const runs = options.runs ?? 3
  await buildRenderPage()
  const server = await serveStatic()
  const browser = await chromium.launch(chromiumLaunchOptions)
  const measured: {
    lib: string
    history: number
    commits: number
    nestedCommits: number
    maxCommitsPerFrame: number
    frames: number
    elapsedMs: number
    layoutMs: number
    commitsPerSecond: number
    taskMs: number
    scriptMs: number
    perDeltaMs: number
    runs: unknown[]
  }[] = []
  try {
    const results = new Map<string, Awaited<ReturnType<typeof measurePage>>[]>()
    // Alternate libraries and history sizes between page loads, so drift in the machine's load
    // hits them alike (the 10 vs 1,000 ratio compares runs minutes apart otherwise).
    for (let run = 0; run < runs; run++) {
      for (const history of histories) {
        for (const lib of RENDER_LIBS) {
          // A fresh tab per load: in a reused one the previous page (its thousands of nodes, its
          // heap) was still alive during the next page's stream (back/forward cache), and its
          // garbage collection landed in the next page's figures.
          const page = await browser.newPage({ viewport: { width: 900, height: 800 } })
          const result = await measurePage(
            page,
            `${server.url}/?${lib.page}&history=${history}&deltas=${deltas}`,
          ).finally(() => page.close())
          if (!result.textOk) throw new Error(`${lib.name}: the streamed answer did not arrive whole`)
          const key = `${lib.id}@${history}`
          results.set(key, [...(results.get(key) ?? []), result])
        }
      }
    }
    for (const history of histories) {
      for (const lib of RENDER_LIBS) {
        const list = results.get(`${lib.id}@${history}`) ?? []
        const taskMs = median(list.map((r) => r.taskMs))
        const commits = median(list.map((r) => r.commits))
        const elapsedMs = median(list.map((r) => r.elapsedMs))
        measured.push({
          lib: lib.name,
          history,
          commits,
          nestedCommits: median(list.map((r) => r.nestedCommits)),
          maxCommitsPerFrame: median(list.map((r) => r.maxCommitsPerFrame)),
          frames: median(list.map((r) => r.frames)),
          layoutMs: median(list.map((r) => r.layoutMs)),
          elapsedMs,
          commitsPerSecond: commits / (elapsedMs / 1000),
          taskMs,
          scriptMs: median(list.map((r) => r.scriptMs)),
          perDeltaMs: taskMs / deltas,
          runs: list,
        })
      }
    }
  } finally {
    await browser.close()
    await server.close()
  }
  const find = (id: string, history: number) =>
    measured.find((m) => m.lib === RENDER_LIBS.find((l) => l.id === id)?.name && m.history === history)
  const smallest = Math.min(...histories)
  const largest = Math.max(...histories)
  const kLarge = find('kindling', largest)
  const aLarge = find('ai', largest)
  const label = (id: string) =>
    id === 'kindling' ? 'Kindling' : id === 'kindling-md' ? 'Kindling markdown' : "Kindling's Chat"
  const targets = RENDER_LIBS.filter((l) => l.id.startsWith('kindling')).map((lib) => {
    const rows = measured.filter((m) => m.lib === lib.name)
    return {
      name: `${label(lib.id)} commits ≤ frames elapsed (every history size)`,
      measured: rows.map((m) => `${m.commits}/${m.frames} at ${m.history}`).join(', '),
      met: rows.every((m) => m.commits <= m.frames),
    }
  })
  // Not yet for the Chat row: its per-frame paint and layout still grow with the page (see notes).
  for (const lib of RENDER_LIBS.filter((l) => l.id === 'kindling' || l.id === 'kindling-md')) {
    const small = find(lib.id, smallest)
    const large = find(lib.id, largest)
    if (!small || !large) continue
    const ratio = large.perDeltaMs / small.perDeltaMs
    // Issue 15 sets the ratio for the plain row; the markdown row's is our own, stricter, goal.
    const beyond = lib.id === 'kindling' ? '' : ' (our goal beyond issue 15)'
    targets.push({
      name: `${label(lib.id)} per-delta cost at ${largest} messages ≤ 1.2× that at ${smallest}${beyond}`,
      measured: `${fixed(ratio)}×`,
      met: ratio <= 1.2,
    })
  }
  if (kLarge && aLarge) {
    const ratio = kLarge.taskMs / aLarge.taskMs
    targets.push({
      name: `Kindling main-thread time ≤ 1/3 of useChat's at ${largest} messages`,
      measured: `${fixed(ratio)}× (${fixed(kLarge.taskMs, 0)} ms vs ${fixed(aLarge.taskMs, 0)} ms)`,
      met: ratio <= 1 / 3,
    })
  }
  return {
    section: 'render',
    title: `Render cost in Chromium (${deltas} deltas, one per macrotask; median of ${runs} page loads)`,
    columns: [
      'library',
      'history',
      'commits',
      'nested',
      'max/frame',
      'frames',
      'commits/s',
      'main-thread ms',
      'scripting ms',
      'style+layout ms',
      'µs per delta',
    ],
    rows: measured.map((m) => [
      m.lib,
      m.history,
      m.commits,
      m.nestedCommits,
      m.maxCommitsPerFrame,
      m.frames,
      fixed(m.commitsPerSecond, 0),
      fixed(m.taskMs, 0),
      fixed(m.scriptMs, 0),
      fixed(m.layoutMs, 0),
      fixed(m.perDeltaMs * 1000, 0),
    ]),
    targets,
    notes: [
      "Main-thread and scripting times are the DevTools Performance metrics TaskDuration and ScriptDuration over the stream only; per-delta cost is main-thread time / deltas. Before the stream, every page waits until its main thread is idle (under 10% busy over 10 frames): the history is mounted, rendered in full (including MessageList's backfill of a long history) and laid out; the wait is in each run's settleMs.",
      "The markdown rows stream a markdown answer (headings, lists, inline code, a fenced code block every few lines) over a markdown history: Kindling through MessageList's default Message (its Markdown, block-memoised, code blocks with lazy highlighting), useChat through a memoised react-markdown + remark-gfm message (unthrottled). The other rows all render the same memoized minimal message; MessageList also brings its follow-the-bottom scrolling and memoised, layout-contained blocks of 32 messages, the useChat pages a plain scrolling div. useChat runs with its default (no throttle) and with `experimental_throttle: 50`. Kindling's history is a tree: every twentieth answer has an older sibling with its own follow-up (not on the active path).",
      "Kindling's Chat row is the real Chat component (Chat.Root, Chat.Messages, Chat.Composer; no model picker) over the same markdown history, as initial messages (one branch), sending through useChatActions. Each page load gets a fresh tab.",
    ],
    data: { deltas, histories, runs, results: measured },
  }
}
