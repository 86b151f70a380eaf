import type { Browser, Page } from 'playwright-core'

// Long tasks by the renderer main thread's CPU time, from a Chromium trace. The page's own
// `longtask` entries are wall clock: on a loaded machine the main thread waits for a core, and a
// 10 ms task shows as 80 ms. The trace's `tdur` of each top-level task (`RunTask`) counts only
// the time the thread ran. Chromium names a top-level task `ThreadControllerImpl::RunTask` in the
// `toplevel` category (`RunTask` in older builds and in `devtools.timeline`).

/** A task of the renderer main thread over 50 ms, by both clocks. */
export interface TracedLongTask {
  /** Thread (CPU) time, ms. */
  cpuMs: number
  /** Wall time, ms. */
  wallMs: number
}

interface TraceEvent {
  name: string
  ph: string
  pid: number
  tid: number
  ts: number
  dur?: number
  tdur?: number
  args?: { name?: string }
}

const TASK_NAMES = new Set(['ThreadControllerImpl::RunTask', 'RunTask'])

/** Tasks of the renderer main thread in `trace` (Chromium's JSON trace) longer than `overMs` of CPU or wall time. */
export function longTasksInTrace(trace: string, overMs = 50): TracedLongTask[] {
  const events = (JSON.parse(trace) as { traceEvents: TraceEvent[] }).traceEvents
  const mains = new Set(
    events
      .filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  )
  const tasks = events
    .filter((e) => TASK_NAMES.has(e.name) && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts)
  const long: TracedLongTask[] = []
  const endOf = new Map<string, number>()
  for (const task of tasks) {
    // A task inside one already counted (both names may be recorded) is part of it.
    const thread = `${task.pid}:${task.tid}`
    if (task.ts < (endOf.get(thread) ?? -1)) continue
    endOf.set(thread, task.ts + (task.dur ?? 0))
    const traced = { cpuMs: (task.tdur ?? 0) / 1000, wallMs: (task.dur ?? 0) / 1000 }
    if (traced.cpuMs > overMs || traced.wallMs > overMs) long.push(traced)
  }
  return long
}

/**
 * Traces each timed window of the markdown page (its `beforeWindow`/`afterWindow` hooks) and keeps
 * the window's long tasks, in order. Call once per page, before it loads.
 */
export async function traceWindows(browser: Browser, page: Page): Promise<TracedLongTask[][]> {
  const windows: TracedLongTask[][] = []
  await page.exposeFunction('beforeWindow', async () => {
    await browser.startTracing(page, { categories: ['toplevel'] })
  })
  await page.exposeFunction('afterWindow', async () => {
    windows.push(longTasksInTrace((await browser.stopTracing()).toString()))
  })
  return windows
}
