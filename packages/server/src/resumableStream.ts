import { createHash, randomBytes } from 'node:crypto'
import type { ResumeContext } from './resumeContext.ts'
import { createSseEventSplitter } from './sseEventSplitter.ts'
import type { StreamStore } from './streamStore.ts'

/** The response header carrying a streamed answer's id. */
export const STREAM_ID_HEADER = 'x-kindling-stream-id'
/** The response header carrying the token that resumes or stops a stream started without `Authorization`. */
export const RESUME_TOKEN_HEADER = 'x-kindling-resume-token'
/** The request header by which a client says it will resume: its disconnect does not stop the answer. */
export const RESUMABLE_HEADER = 'x-kindling-resumable'

/** A new stream id: 144 random bits, URL-safe. */
export function newStreamId(): string {
  return randomBytes(18).toString('base64url')
}

const hash = (kind: string, secret: string) => createHash('sha256').update(`${kind}\0${secret}`).digest('hex')

/**
 * Who owns a new stream: the caller's `Authorization` when it sent one, else a fresh resume token
 * the caller gets back in {@link RESUME_TOKEN_HEADER}. Only hashes are stored.
 */
export function streamOwner(authorization: string | undefined): { owner: string; token?: string } {
  if (authorization) return { owner: hash('auth', authorization) }
  const token = randomBytes(18).toString('base64url')
  return { owner: hash('token', token), token }
}

/** Whether a request with these credentials owns a stream whose owner hash is `owner`. */
export function ownsStream(owner: string, authorization: string | undefined, token: string | undefined) {
  return (
    (authorization !== undefined && hash('auth', authorization) === owner) ||
    (token !== undefined && hash('token', token) === owner)
  )
}

/** The headers of a resumable event stream. */
export function streamHeaders(streamId?: string, extra: Record<string, string> = {}): Record<string, string> {
  const headers: Record<string, string> = {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    'x-accel-buffering': 'no',
    ...extra,
  }
  if (streamId) headers[STREAM_ID_HEADER] = streamId
  return headers
}

/** A reader's view of a stored stream, from the event after `after` on, as a byte stream. */
export function followBody(
  store: StreamStore,
  streamId: string,
  after: number,
  options: {
    /** Called when the reader goes away before the end. */
    onCancel?: () => void
    /** Decides how the body ends once the events are out: a function that errors it, or undefined to close. */
    ending?: (() => ((fail: (error: Error) => void) => void) | undefined) | undefined
  } = {},
): ReadableStream<Uint8Array> {
  const stop = new AbortController()
  const encoder = new TextEncoder()
  const events = store.follow(streamId, after, stop.signal)[Symbol.asyncIterator]()
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await events.next()
          if (stop.signal.aborted) return
          if (!next.done) return controller.enqueue(encoder.encode(next.value))
          const cut = options.ending?.()
          if (cut) cut((error) => controller.error(error))
          else controller.close()
        } catch (error) {
          controller.error(error)
        }
      },
      cancel() {
        stop.abort()
        void events.return?.()
        options.onCancel?.()
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * Reads `source` (SSE bytes) to its end into the store, each event numbered, whether or not anyone
 * reads it; a cancel through the store (any instance) stops it. Returns the first reader's body.
 */
export function startResumableStream(
  source: ReadableStream<Uint8Array>,
  options: ResumeContext,
  ending?: () => ((fail: (error: Error) => void) => void) | undefined,
): ReadableStream<Uint8Array> {
  const { store, streamId } = options
  const reader = source.getReader()
  const splitter = createSseEventSplitter(streamId)
  const decoder = new TextDecoder()
  let stopped = false
  let graceTimer: ReturnType<typeof setTimeout> | undefined
  const stop = () => {
    if (stopped) return
    stopped = true
    void reader.cancel().catch(() => {})
  }
  const unsubscribe = store.onCancel(streamId, stop)
  const pump = async () => {
    let full = false
    const append = async (events: string[]) => {
      for (const event of events) {
        if (full) return
        if (!(await store.append(streamId, event))) {
          full = true
          stop()
        }
      }
    }
    try {
      for (;;) {
        // A source that fails (a cut upstream) ends the stream with what it sent.
        const read = await reader.read().catch(() => undefined)
        if (!read) break
        if (read.done) {
          await append(splitter.push(decoder.decode()))
          if (!stopped) await append(splitter.flush())
          break
        }
        await append(splitter.push(decoder.decode(read.value, { stream: true })))
      }
    } catch (error) {
      // The store failed: the source is stopped, readers see the end (or the store's error).
      options.onStoreError(error)
      stop()
    } finally {
      clearTimeout(graceTimer)
      unsubscribe()
      await store.end(streamId).catch(options.onStoreError)
    }
  }
  void pump()
  return followBody(store, streamId, 0, {
    ending,
    onCancel: () => {
      if (!options.resumable) return stop()
      graceTimer = setTimeout(stop, options.graceMs)
      graceTimer.unref?.()
    },
  })
}
