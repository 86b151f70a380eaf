import type { KindlingClient, KindlingError, RequestOptions } from '@kindling/client'
import type { CompletionOutcome } from './completionStore.ts'
import type { BatchInterval, FrameScheduler } from './frameBatcher.ts'

// What the single-request engines (text completions, objects) share: the options every streamed
// request takes, and one request at a time, a new one stopping the one before.

/** The options of a streamed request besides what it asks for; a hook builds them from its latest options. */
export interface StreamedRequestConfig {
  client: KindlingClient
  model: string
  requestOptions?: Omit<RequestOptions, 'signal'> | undefined
  /** Ask for usage in the last chunk (`stream_options.include_usage`). Default true. */
  includeUsage?: boolean | undefined
  /** Called when the request or its stream failed (not when it was stopped). */
  onError?: ((error: KindlingError) => void) | undefined
  /** How often streamed text reaches the state: `'frame'` (default), milliseconds, or `0`. */
  batchInterval?: BatchInterval | undefined
  /** Replaces the frame scheduler, e.g. with a manual one in tests. */
  scheduler?: FrameScheduler | undefined
}

/** One request of a {@link RequestSlot}. */
export interface SlotRequest {
  /** Aborts the request's fetch when it is stopped. */
  readonly signal: AbortSignal
  /** True until the request ends or is stopped (a newer one stops it). */
  live(): boolean
  /** What stopping this request also does: cancel its pending frame, write its state as stopped. */
  onStop(cancel: () => void, write: (outcome: CompletionOutcome) => void): void
  /** The request ended by itself (done or failed): nothing is left to stop. */
  end(): void
}

/** One request at a time. */
export interface RequestSlot {
  /** Starts a request, stopping the one in progress first. */
  begin(): SlotRequest
  /** Stops the request in progress, if any: its fetch aborted, its text kept as `'stopped'`. */
  stop(): void
  /** Stops (no callback is called) for good: the engine ignores every later call. */
  dispose(): void
  /** Whether {@link RequestSlot.dispose} was called. */
  readonly disposed: boolean
}

/** Creates an empty slot. */
export function createRequestSlot(): RequestSlot {
  let current:
    | { controller: AbortController; cancel(): void; write(outcome: CompletionOutcome): void }
    | undefined

  function stop() {
    const run = current
    if (!run) return
    current = undefined
    run.cancel()
    run.controller.abort()
    run.write('stopped')
  }

  let disposed = false
  return {
    stop,
    dispose() {
      stop()
      disposed = true
    },
    get disposed() {
      return disposed
    },
    begin() {
      stop()
      const controller = new AbortController()
      const run = { controller, cancel() {}, write(_outcome: CompletionOutcome) {} }
      current = run
      return {
        signal: controller.signal,
        live: () => current === run,
        onStop(cancel, write) {
          run.cancel = cancel
          run.write = write
        },
        end() {
          if (current === run) current = undefined
        },
      }
    },
  }
}
