import { type CDPSession, chromium, type Page } from 'playwright-core'
import { chromiumLaunchOptions } from '../../../../scripts/chromium.ts'
import type { HostileRun } from '../../render/hostile.tsx'
import { hostileInputs } from '../../render/hostileInputs.ts'
import { fixed, median, type SectionResult } from '../report.ts'
import { buildRenderPage } from './buildRenderPage.ts'
import { serveStatic } from './render.ts'

// Hostile model output in real Chromium (issue 20 §3): each adversarial input rendered once by
// Kindling's Markdown and by plain react-markdown + remark-gfm, in a fresh page each time (no JIT
// or heap carried over). Main-thread time is the DevTools Performance metric TaskDuration around
// the render, layout included.

/** The renderers compared. */
export const HOSTILE_LIBS = [
  { id: 'kindling', name: 'Kindling Markdown' },
  { id: 'react-markdown', name: 'react-markdown + remark-gfm' },
] as const

/** Options of the hostile section. */
export interface HostileOptions {
  /** Input size multiplier (1: the sizes named in the table). */
  scale?: number
  /** Page loads per renderer and input; the median is reported (default 3). */
  runs?: number
  /** Only these inputs (by index), e.g. for the smoke run. */
  only?: readonly number[]
}

async function taskMs(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[]
  }
  return (metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0) * 1000
}

async function measure(page: Page, url: string, lib: string, index: number, scale: number) {
  await page.goto(url)
  await page.waitForFunction(() => document.body.dataset.ready === 'true')
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Performance.enable', { timeDomain: 'threadTicks' })
  const before = await taskMs(cdp)
  const result = (await page.evaluate(
    ([lib, index, scale]) =>
      (
        window as unknown as { __hostile: { run(l: string, i: number, s: number): Promise<HostileRun> } }
      ).__hostile.run(lib, index, scale),
    [lib, index, scale] as const,
  )) as HostileRun
  const mainThreadMs = (await taskMs(cdp)) - before
  await cdp.detach()
  return { ...result, mainThreadMs }
}

/** Renders every input with both renderers, in one headless Chromium. */
export async function runHostile(options: HostileOptions = {}): Promise<SectionResult> {
  const scale = options.scale ?? 1
  const runs = options.runs ?? 3
  const inputs = hostileInputs(scale)
  const indexes = options.only ?? inputs.map((_, i) => i)
  const server = await serveStatic(await buildRenderPage('hostile'))
  const browser = await chromium.launch(chromiumLaunchOptions)
  const measured: {
    input: string
    chars: number
    results: Record<
      string,
      { mainThreadMs: number; error: string | null; textLength: number; runs: unknown[] }
    >
  }[] = []
  try {
    const page = await browser.newPage({ viewport: { width: 900, height: 800 } })
    const url = `${server.url}/hostile.html`
    for (const index of indexes) {
      const input = inputs[index]
      if (!input) continue
      const results: (typeof measured)[number]['results'] = {}
      const perLib = new Map<string, Awaited<ReturnType<typeof measure>>[]>()
      // Alternate renderers between page loads so drift hits both alike.
      for (let run = 0; run < runs; run++) {
        for (const lib of HOSTILE_LIBS) {
          perLib.set(lib.id, [...(perLib.get(lib.id) ?? []), await measure(page, url, lib.id, index, scale)])
        }
      }
      for (const lib of HOSTILE_LIBS) {
        const list = perLib.get(lib.id) ?? []
        results[lib.id] = {
          mainThreadMs: median(list.map((r) => r.mainThreadMs)),
          error: list.find((r) => r.error)?.error ?? null,
          textLength: median(list.map((r) => r.textLength)),
          runs: list,
        }
      }
      measured.push({ input: input.name, chars: input.text.length, results })
    }
  } finally {
    await browser.close()
    await server.close()
  }
  const cell = (r: { mainThreadMs: number; error: string | null }) =>
    r.error ? `${fixed(r.mainThreadMs, 0)} (${r.error}: page blank)` : fixed(r.mainThreadMs, 0)
  const rows = measured.map((m) => {
    const k = m.results.kindling as (typeof m.results)[string]
    const rm = m.results['react-markdown'] as (typeof m.results)[string]
    return [
      m.input,
      m.chars,
      cell(k),
      cell(rm),
      rm.error ? 'n/a' : `${fixed(rm.mainThreadMs / k.mainThreadMs, 1)}×`,
    ]
  })
  const hostileRows = measured.filter((m) => !m.input.includes('control'))
  const worst = Math.max(
    ...hostileRows.map((m) => (m.results.kindling as { mainThreadMs: number }).mainThreadMs),
  )
  return {
    section: 'hostile',
    title: `Hostile markdown in Chromium (main-thread ms per input, median of ${runs} page loads)`,
    columns: ['input', 'chars', 'Kindling ms', 'react-markdown ms', 'react-markdown / Kindling'],
    rows,
    targets: [
      {
        name: 'Kindling never throws (no blank page) on any input',
        measured: measured.some((m) => m.results.kindling?.error)
          ? measured
              .filter((m) => m.results.kindling?.error)
              .map((m) => m.input)
              .join(', ')
          : 'no error',
        met: measured.every((m) => !m.results.kindling?.error),
      },
      {
        name: 'Kindling renders every hostile input in under 500 ms of main-thread time',
        measured: `worst ${fixed(worst, 0)} ms`,
        met: worst < 500,
      },
    ],
    notes: [
      'Main-thread time is the DevTools Performance metric TaskDuration around one render (flushSync, then a forced layout), the highlighter already loaded. Streamed rows render the growing text in that many updates.',
      'Kindling shows blocks its guards reject (nesting, size, slow shapes) as plain text; react-markdown parses everything, and a RangeError from deep nesting unmounts its React root (the page goes blank).',
    ],
    data: { scale, runs, results: measured },
  }
}
