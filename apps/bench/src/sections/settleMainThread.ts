import type { CDPSession, Page } from 'playwright-core'

// A page is settled when its main thread has gone quiet: work scheduled by the mount (a long
// history rendered in a transition, its commit, style and layout, lazy highlighting) has run. A
// fixed number of frames is not enough: a transition that renders 1,000 markdown messages outlasts
// 30 frames, and its commit then lands inside the timed window. Quiet is judged by the DevTools
// Performance metric TaskDuration (CPU time of the main thread, with `timeDomain: 'threadTicks'`),
// the same for every library, so no page is timed with another's mount still running.

/** Main-thread CPU time per window of wall time under which a page counts as idle. */
const IDLE_SHARE = 0.1
const FRAMES_PER_WINDOW = 10

async function taskSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = (await cdp.send('Performance.getMetrics')) as {
    metrics: { name: string; value: number }[]
  }
  return metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0
}

/**
 * Waits (windows of 10 animation frames) until the page's main thread spent under a tenth of a
 * window busy, and returns how long that took in ms. `cdp` must have `Performance.enable`d. Throws
 * if the page is still busy after `timeoutMs`: its figures would count its mount.
 */
export async function settleMainThread(page: Page, cdp: CDPSession, timeoutMs = 30_000): Promise<number> {
  const start = Date.now()
  for (;;) {
    const busyBefore = await taskSeconds(cdp)
    const windowStart = Date.now()
    await page.evaluate(async (frames) => {
      for (let i = 0; i < frames; i++) await new Promise((resolve) => requestAnimationFrame(resolve))
    }, FRAMES_PER_WINDOW)
    const busyMs = ((await taskSeconds(cdp)) - busyBefore) * 1000
    if (busyMs < IDLE_SHARE * (Date.now() - windowStart)) return Date.now() - start
    if (Date.now() - start > timeoutMs)
      throw new Error(`the page was still busy ${timeoutMs} ms after it mounted (${busyMs.toFixed(0)} ms)`)
  }
}
