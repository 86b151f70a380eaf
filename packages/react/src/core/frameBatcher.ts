// The one place where streaming meets the screen's refresh rate: deltas are folded into an
// accumulator as they arrive (cheap, O(delta)), and the store is written at most once per frame.

/**
 * Runs a callback "at the next frame". The default uses `requestAnimationFrame`; tests inject a
 * manual one to flush frames deterministically.
 */
export interface FrameScheduler {
  /** Arranges for `callback` to run once, later. Returns a function that cancels it. */
  schedule(callback: () => void): () => void
}

/**
 * How often streamed deltas reach the store: `'frame'` (the default) once per animation frame, a
 * number of milliseconds, or `0` to apply every delta immediately.
 */
export type BatchInterval = 'frame' | number

/** How a {@link FrameBatcher} paces its commits. */
export interface FrameBatcherOptions {
  /** Default `'frame'`. `0` commits synchronously on every {@link FrameBatcher.request}. */
  interval?: BatchInterval | undefined
  /** Overrides the scheduler the interval implies (not used when the interval is 0). */
  scheduler?: FrameScheduler | undefined
}

/** Coalesces many "something changed" signals into one commit per frame. */
export interface FrameBatcher {
  /** Marks a change as pending; the commit runs at the next frame (or now, with interval 0). */
  request(): void
  /**
   * Marks a change as pending and commits it now (the first token of an answer), unless a frame
   * is already pending: then that frame commits it (see {@link hold}).
   */
  requestNow(): void
  /** Commits now if a change is pending (e.g. when the stream ends), cancelling the frame. */
  flush(): void
  /**
   * Says a commit was just made outside the batcher (the user's message): until the next frame,
   * {@link requestNow} waits for that frame, which paints at the same time, instead of making a
   * second commit in the same frame. Only with real frames (`'frame'` in a browser, or a
   * `scheduler`): with a millisecond interval, or without `requestAnimationFrame`, it does nothing.
   */
  hold(): void
  /**
   * Ends the batch: resolves when the pending frame comes, in place of its commit (so the caller's
   * final write and the last deltas make one commit in that frame, not a second one in the frame
   * that just committed), or at once when no frame is pending. Resolves after at most
   * {@link END_FALLBACK_MS} even if frames stop (a hidden tab), and at once on {@link cancel}.
   */
  end(): Promise<void>
  /** Drops the pending change without committing. */
  cancel(): void
}

/** The longest {@link FrameBatcher.end} waits for a frame. */
export const END_FALLBACK_MS = 100

/** Schedules with `setTimeout(ms)`. */
export function timeoutScheduler(ms: number): FrameScheduler {
  return {
    schedule(callback) {
      const timer = setTimeout(callback, ms)
      return () => clearTimeout(timer)
    },
  }
}

/**
 * Schedules with `requestAnimationFrame`, looked up when called (never at import, so server
 * rendering is safe); falls back to a 16 ms timeout where there is none.
 */
export const animationFrameScheduler: FrameScheduler = {
  schedule(callback) {
    const raf = globalThis.requestAnimationFrame
    if (typeof raf !== 'function') return timeoutScheduler(16).schedule(callback)
    const handle = raf.call(globalThis, () => callback())
    return () => globalThis.cancelAnimationFrame(handle)
  },
}

/** The scheduler an interval stands for, or `undefined` for 0 (commit immediately). */
function schedulerFor(options: FrameBatcherOptions): FrameScheduler | undefined {
  const interval = options.interval ?? 'frame'
  if (interval === 0) return undefined
  if (options.scheduler) return options.scheduler
  return interval === 'frame' ? animationFrameScheduler : timeoutScheduler(interval)
}

/**
 * Creates a batcher that calls `commit` at most once per frame however often `request` is called.
 *
 * @example
 * const batcher = createFrameBatcher(() => store.setState(render(accumulator)))
 * for await (const chunk of stream) {
 *   accumulator = accumulateChatChunk(accumulator, chunk)
 *   batcher.request()
 * }
 * batcher.flush()
 */
export function createFrameBatcher(commit: () => void, options: FrameBatcherOptions = {}): FrameBatcher {
  const scheduler = schedulerFor(options)
  const framed =
    options.scheduler !== undefined ||
    ((options.interval ?? 'frame') === 'frame' && typeof globalThis.requestAnimationFrame === 'function')
  let pending = false
  let cancelFrame: (() => void) | undefined
  let ending: (() => void) | undefined
  const run = () => {
    cancelFrame = undefined
    if (ending) return ending()
    if (!pending) return
    pending = false
    commit()
  }
  return {
    request() {
      pending = true
      if (scheduler === undefined) run()
      else cancelFrame ??= scheduler.schedule(run)
    },
    requestNow() {
      pending = true
      if (cancelFrame === undefined) run()
    },
    flush() {
      cancelFrame?.()
      run()
    },
    hold() {
      if (scheduler !== undefined && framed) cancelFrame ??= scheduler.schedule(run)
    },
    end() {
      if (cancelFrame === undefined || !pending) return Promise.resolve()
      return new Promise<void>((resolve) => {
        const fallback = setTimeout(() => ending?.(), END_FALLBACK_MS)
        ending = () => {
          clearTimeout(fallback)
          cancelFrame?.()
          cancelFrame = undefined
          ending = undefined
          pending = false
          resolve()
        }
      })
    },
    cancel() {
      cancelFrame?.()
      cancelFrame = undefined
      pending = false
      ending?.()
    },
  }
}
