import { loadHighlighter, Markdown } from '@kindling/ui'
import { flushSync } from 'react-dom'
import { createRoot } from 'react-dom/client'
import ReactMarkdown from 'react-markdown'
import remarkGfm from 'remark-gfm'
import { hostileInputs } from './hostileInputs.ts'

// Renders one adversarial input with one renderer: `window.__hostile.run(lib, index, scale)`.
// Kindling's Markdown (guards, memoised blocks) against plain react-markdown + remark-gfm, the
// usual way to render model output in React. The harness times each call with DevTools metrics.

const remarkPlugins = [remarkGfm]

/** What one run reports back. */
export interface HostileRun {
  /** Main-thread time inside the page, for a check against the DevTools figure. */
  wallMs: number
  /** The renderer threw (e.g. `RangeError`): its name, else null. */
  error: string | null
  /** Characters of text in the page after the render. */
  textLength: number
}

function view(lib: string, text: string, streaming: boolean) {
  return lib === 'kindling' ? (
    <Markdown streaming={streaming}>{text}</Markdown>
  ) : (
    <ReactMarkdown remarkPlugins={remarkPlugins}>{text}</ReactMarkdown>
  )
}

async function run(lib: string, index: number, scale: number): Promise<HostileRun> {
  const input = hostileInputs(scale)[index]
  if (!input) throw new Error(`no input ${index}`)
  const host = document.createElement('div')
  document.body.append(host)
  let error: string | null = null
  const root = createRoot(host, {
    onUncaughtError: (caught) => {
      error = caught instanceof Error ? caught.name : String(caught)
    },
  })
  const start = performance.now()
  const updates = input.updates ?? 1
  for (let update = 1; update <= updates && error === null; update++) {
    const end = Math.round((input.text.length * update) / updates)
    flushSync(() => root.render(view(lib, input.text.slice(0, end), update < updates)))
    host.getBoundingClientRect() // layout, as a frame would
  }
  const wallMs = performance.now() - start
  const textLength = host.textContent?.length ?? 0
  root.unmount()
  host.remove()
  return { wallMs, error, textLength }
}

;(window as unknown as { __hostile: unknown }).__hostile = {
  run,
  count: (scale: number) => hostileInputs(scale).length,
}
// Ready once the highlighter is loaded: highlighting then runs inside the timed render.
loadHighlighter().then(() => {
  document.body.dataset.ready = 'true'
})
