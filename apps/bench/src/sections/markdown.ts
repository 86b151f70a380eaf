import { chromium, type Page } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../../scripts/chromium.ts'
import type { AnswerName, WindowResult } from '../../render/markdown.tsx'
import { fixed, median, type SectionResult } from '../report.ts'
import { buildRenderPage } from './buildRenderPage.ts'
import { type TracedLongTask, traceWindows } from './mainThreadLongTasks.ts'
import { serveStatic } from './render.ts'

// A 20,000-token answer streamed 8 tokens per animation frame into Kindling's Markdown, streamdown
// (with and without its shiki code plugin) and plain react-markdown + remark-gfm, in real Chromium
// (issue 19). Timed in early prose, at 1k (in a table), 5k (inside a code fence still open), the
// fence closing, 10k (prose after it) and 20k tokens (~2,150 lines into an open fence); then at the
// end of three long blocks of a second answer: a 5,000-word paragraph, a 600-item list, a 200-row
// table.

/** The renderers compared. */
export const MARKDOWN_LIBS = [
  { id: 'kindling', name: 'Kindling Markdown' },
  { id: 'streamdown-code', name: 'streamdown + @streamdown/code' },
  { id: 'streamdown', name: 'streamdown, no highlighting' },
  { id: 'react-markdown', name: 'react-markdown + remark-gfm, whole text' },
] as const

/** Options of the markdown section. */
export interface MarkdownOptions {
  /** Timed updates per checkpoint (default 30). */
  updates?: number
  /** Page loads per renderer; the median of each checkpoint is reported (default 2). */
  runs?: number
  /** Only these renderers (by id). */
  libs?: readonly string[]
}

type Bench = {
  run(lib: string, checkpoints: number[], updates: number, answer: AnswerName): Promise<WindowResult[]>
  marks(): Record<AnswerName, Record<string, number>>
}

/** A timed point: an answer, a token count in it, and its column label. */
interface Point {
  answer: AnswerName
  tokens: number
  label: string
}

/** A window's results, with its long tasks from the trace (by CPU and wall time). */
type TracedWindow = WindowResult & { traced: TracedLongTask[] }

async function runOnce(
  page: Page,
  traced: TracedLongTask[][],
  url: string,
  lib: string,
  points: Point[],
  updates: number,
): Promise<TracedWindow[]> {
  const results: WindowResult[] = []
  traced.length = 0
  for (const answer of ['long', 'blocks'] as const) {
    const checkpoints = points.filter((p) => p.answer === answer).map((p) => p.tokens)
    await page.goto(url)
    await page.waitForFunction(() => document.body.dataset.ready === 'true')
    results.push(
      ...(await page.evaluate(
        ([lib, checkpoints, updates, answer]) =>
          (window as unknown as { __markdown: Bench }).__markdown.run(lib, checkpoints, updates, answer),
        [lib, checkpoints, updates, answer] as const,
      )),
    )
  }
  return results.map((window, index) => ({ ...window, traced: traced[index] ?? [] }))
}

const longTaskCell = (tasks: number[]) =>
  tasks.length ? `${tasks.length} (max ${fixed(Math.max(...tasks), 0)} ms)` : '0'

/** Streams the long answer into each renderer, in one headless Chromium. */
export async function runMarkdown(options: MarkdownOptions = {}): Promise<SectionResult> {
  const updates = options.updates ?? 30
  const runs = options.runs ?? 2
  const libs = MARKDOWN_LIBS.filter((lib) => !options.libs || options.libs.includes(lib.id))
  const server = await serveStatic(await buildRenderPage('markdown'))
  const browser = await chromium.launch(chromiumLaunchOptions)
  const url = `${server.url}/markdown.html`
  const byLib = new Map<string, TracedWindow[][]>()
  let points: Point[] = []
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 800 } })
    const traced = await traceWindows(browser, page)
    await page.goto(url)
    await page.waitForFunction(() => document.body.dataset.ready === 'true')
    const marks = await page.evaluate(() => (window as unknown as { __markdown: Bench }).__markdown.marks())
    const close = (marks.long.afterFence ?? 0) + 4 * updates
    const long = (tokens: number, label: string): Point => ({ answer: 'long', tokens, label })
    const blocks = (tokens: number | undefined, label: string): Point => ({
      answer: 'blocks',
      tokens: tokens ?? 0,
      label,
    })
    // Early prose: the first paragraph, 110 to 350 tokens (the window is 8 tokens × `updates`).
    points = [
      long(110 + 8 * updates, `${fixed((110 + 8 * updates) / 1000, 2)}k (prose)`),
      long(1000, '1k (table)'),
      long(5000, '5k (open fence)'),
      long(close, `${fixed(close / 1000, 1)}k (fence closes)`),
      long(10_000, '10k (prose)'),
      long(20_000, '20k (open fence)'),
      blocks(marks.blocks.paragraphEnd, '5,000-word paragraph'),
      blocks(marks.blocks.listEnd, '600-item list'),
      blocks(marks.blocks.tableEnd, '200-row table'),
    ]
    // Alternate renderers between page loads so drift hits all alike.
    for (let run = 0; run < runs; run++) {
      for (const lib of libs) {
        byLib.set(lib.id, [
          ...(byLib.get(lib.id) ?? []),
          await runOnce(page, traced, url, lib.id, points, updates),
        ])
      }
    }
  } finally {
    await browser.close()
    await server.close()
  }
  const summary = libs.map((lib) => {
    const list = byLib.get(lib.id) ?? []
    const perCheckpoint = points.map((_, index) =>
      median(list.map((windows) => median(windows[index]?.updateMs ?? []))),
    )
    const all = list.flat()
    return {
      id: lib.id,
      name: lib.name,
      perCheckpoint,
      longTasks: all.flatMap((w) => w.longTasks),
      cpuLongTasks: all.flatMap((w) => w.traced.map((task) => task.cpuMs).filter((ms) => ms > 50)),
      heightShrinks: all.reduce((sum, w) => sum + w.heightShrinks, 0),
      highlightLosses: all.reduce((sum, w) => sum + w.highlightLosses, 0),
    }
  })
  const rows = summary.map((s) => [
    s.name,
    ...s.perCheckpoint.map((ms) => fixed(ms, 1)),
    longTaskCell(s.cpuLongTasks),
    longTaskCell(s.longTasks),
    s.heightShrinks,
    s.highlightLosses,
  ])
  const kindling = summary.find((s) => s.id === 'kindling')
  const prose = kindling?.perCheckpoint[0] ?? 0
  const worst = Math.max(...(kindling?.perCheckpoint ?? [0]))
  return {
    section: 'markdown',
    title: `A 20,000-token answer streamed 8 tokens per frame (median ms per update over ${updates} updates per point, median of ${runs} page loads)`,
    columns: [
      'renderer',
      ...points.map((p) => p.label),
      'long tasks > 50 ms CPU',
      'long tasks > 50 ms wall clock',
      'height shrinks',
      'highlight losses',
    ],
    rows,
    targets: [
      {
        name: "Kindling's update anywhere in the answer costs at most 1.5× an update in early prose",
        measured: `worst ${fixed(worst, 1)} ms vs ${fixed(prose, 1)} ms in prose (${fixed(worst / (prose || 1), 1)}×)`,
        met: worst <= 1.5 * prose,
      },
      {
        name: 'Kindling: no long task, no height shrink, no highlight loss while streaming',
        measured: `${kindling?.cpuLongTasks.length ?? 0} long tasks by CPU time (${kindling?.longTasks.length ?? 0} by wall clock), ${kindling?.heightShrinks ?? 0} shrinks, ${kindling?.highlightLosses ?? 0} losses`,
        met: !kindling?.cpuLongTasks.length && !kindling?.heightShrinks && !kindling?.highlightLosses,
      },
    ],
    notes: [
      'An update is one React render (flushSync) of the text so far plus a forced layout, each in its own animation frame; paint is not included. The window before each point is reached in one untimed render.',
      'Highlight losses: updates after which fewer highlighted code elements (highlight.js classes, shiki coloured spans) were on the page. streamdown is unstyled here (its CSS needs Tailwind).',
      'The 1,500-line code block closes inside the "fence closes" window; the open block at 20k is ~2,150 lines long. The last three points stream a second answer and end just before each long block does.',
      "Kindling renders with its stylesheet (@kindling/ui/styles.css), as apps use it: code chunks are blocks and finished ones skip layout off screen (content-visibility). Long tasks count only tasks inside a window. CPU: main-thread tasks (RunTask) over 50 ms of thread time in a Chromium trace of each window (the target uses these). Wall clock: the page's longtask entries, which a loaded machine inflates (a task waiting for a core counts).",
    ],
    data: { updates, runs, points, results: Object.fromEntries(byLib) },
  }
}
