import { loadHighlighter, Markdown } from '@kindling/ui'
import '@kindling/ui/styles.css'
import { code } from '@streamdown/code'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import ReactMarkdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { Streamdown } from 'streamdown'
import { longAnswer, TOKEN_CHARS } from './longAnswer.ts'
import { longBlocks } from './longBlocks.ts'

// Streams a long answer into one renderer, 8 tokens per animation frame, and times the updates
// around a few points of it: `window.__markdown.run(lib, checkpoints, updates, answer)`. Each timed update
// is one React render (flushSync) plus a forced layout, in its own frame.

const remarkPlugins = [remarkGfm]
const streamdownCode = { code }

/** One timed window of updates ending at a checkpoint. */
export interface WindowResult {
  tokens: number
  /** Milliseconds of each update: render, then style and layout. */
  updateMs: number[]
  /** Long tasks (over 50 ms) seen in the window, in ms. */
  longTasks: number[]
  /** Updates after which the rendered answer was shorter than before. */
  heightShrinks: number
  /** Updates after which fewer highlighted code elements were on the page than before. */
  highlightLosses: number
}

function view(lib: string, text: string, streaming: boolean) {
  switch (lib) {
    case 'kindling':
      return <Markdown streaming={streaming}>{text}</Markdown>
    case 'streamdown-code':
      return (
        <Streamdown mode="streaming" isAnimating={streaming} plugins={streamdownCode}>
          {text}
        </Streamdown>
      )
    case 'streamdown':
      return (
        <Streamdown mode="streaming" isAnimating={streaming}>
          {text}
        </Streamdown>
      )
    default:
      return <ReactMarkdown remarkPlugins={remarkPlugins}>{text}</ReactMarkdown>
  }
}

const frame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()))
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

// Highlighted code: Kindling's highlight.js classes, shiki's coloured spans.
function highlightedCount(host: HTMLElement): number {
  return host.querySelectorAll('pre [class^="hljs"], pre span[style]').length
}

// Set by a harness that profiles one window (e.g. with the DevTools protocol); absent in the bench.
const hooks = window as unknown as {
  beforeWindow?: (tokens: number) => Promise<void>
  afterWindow?: (tokens: number) => Promise<void>
}

/** The answers a run can stream. */
export type AnswerName = 'long' | 'blocks'

const answers = { long: longAnswer, blocks: longBlocks }

async function run(
  lib: string,
  checkpoints: number[],
  updates: number,
  answer: AnswerName = 'long',
): Promise<WindowResult[]> {
  const { text } = answers[answer]()
  const host = document.createElement('div')
  host.style.width = '860px'
  document.body.append(host)
  const root = createRoot(host)
  const results: WindowResult[] = []
  const longTasks: PerformanceEntry[] = []
  const observer = new PerformanceObserver((list) => {
    longTasks.push(...list.getEntries())
  })
  observer.observe({ type: 'longtask' })
  for (const tokens of checkpoints) {
    const chars = (count: number) => Math.min(text.length, count * TOKEN_CHARS)
    const start = tokens - 8 * updates
    // Jump to the window (untimed), then let async highlighters settle.
    flushSync(() => root.render(view(lib, text.slice(0, chars(start)), true)))
    await sleep(lib === 'streamdown-code' ? 1500 : 100)
    await frame()
    const windowStart = performance.now()
    let height = host.getBoundingClientRect().height
    let highlighted = highlightedCount(host)
    const window: WindowResult = { tokens, updateMs: [], longTasks: [], heightShrinks: 0, highlightLosses: 0 }
    await hooks.beforeWindow?.(tokens)
    for (let update = 1; update <= updates; update++) {
      await frame()
      const begin = performance.now()
      flushSync(() => root.render(view(lib, text.slice(0, chars(start + 8 * update)), true)))
      const nextHeight = host.getBoundingClientRect().height
      window.updateMs.push(performance.now() - begin)
      if (nextHeight < height - 0.5) window.heightShrinks++
      height = nextHeight
      const nextHighlighted = highlightedCount(host)
      if (nextHighlighted < highlighted) window.highlightLosses++
      highlighted = nextHighlighted
    }
    await frame()
    await hooks.afterWindow?.(tokens)
    // Only tasks that began inside the window: the untimed jump before it is one long task too, and
    // the observer may report it late.
    window.longTasks = longTasks.filter((task) => task.startTime >= windowStart).map((task) => task.duration)
    longTasks.length = 0
    results.push(window)
  }
  observer.disconnect()
  root.unmount()
  host.remove()
  return results
}

/** Token counts where the answers' parts start or end (for the harness's checkpoints). */
function marks(): Record<AnswerName, Record<string, number>> {
  return { long: longAnswer().marks, blocks: longBlocks().marks }
}

;(window as unknown as { __markdown: unknown }).__markdown = { run, marks }
loadHighlighter().then(() => {
  document.body.dataset.ready = 'true'
})
