import { createHash, randomBytes } from 'node:crypto'
import type { ResumeContext } from './resumeContext.ts'
import { createSseEventSplitter } from './sseEventSplitter.ts'
import { StreamCancelled, StreamEndedEarly, StreamProducerLost, type StreamStore } from './streamStore.ts'

/** The response header carrying a streamed answer's id. */
export const STREAM_ID_HEADER = 'x-kindling-stream-id'
/** The response header carrying the token that resumes or stops a stream started without `Authorization`. */
export const RESUME_TOKEN_HEADER = 'x-kindling-resume-token'
/** The request header by which a client says it will resume: its disconnect does not stop the answer. */
export const RESUMABLE_HEADER = 'x-kindling-resumable'

/** How often a stream no reader may be reading asks the store whether one came back (ms). */
const READERS_CHECK_MS = 1000

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
    /** Called after each event handed to the reader. */
    onDelivered?: () => void
    /** How the first reader's connection ends when the stream ended early (a `cut` fault), if not with an error. */
    ending?: (() => ((fail: (error: Error) => void) => void) | undefined) | undefined
    /** The first event, already taken from `follow` (see {@link firstEvent}). */
    started?: StartedFollow
  } = {},
): ReadableStream<Uint8Array> {
  const { stop, events, first } = options.started ?? startFollow(store, streamId, after)
  const encoder = new TextEncoder()
  let pending = first
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = pending ?? (await events.next())
          pending = undefined
          if (stop.signal.aborted) return
          if (!next.done) {
            controller.enqueue(encoder.encode(next.value))
            options.onDelivered?.()
            return
          }
          controller.close()
        } catch (error) {
          // Its producer died: say so in the stream, a clear end the client reports (no resume helps).
          if (error instanceof StreamProducerLost) {
            controller.enqueue(encoder.encode(errorEvent(error.message, 'stream_producer_lost')))
            return controller.close()
          }
          // Stopped by a reader: the others are told so, and can show the answer as stopped.
          if (error instanceof StreamCancelled) {
            controller.enqueue(encoder.encode(errorEvent(error.message, 'stream_cancelled')))
            return controller.close()
          }
          // A stream that ended early fails its readers too: as the first reader's fault said, or an error.
          const cut = error instanceof StreamEndedEarly ? options.ending?.() : undefined
          if (cut) cut((failure) => controller.error(failure))
          else controller.error(error)
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

/** An SSE `event: error` in the OpenAI error shape, which ends a stream for its reader. */
export function errorEvent(message: string, code: string): string {
  return `event: error\ndata: ${JSON.stringify({ error: { message, type: 'server_error', code } })}\n\n`
}

/** A follow whose first step may have been taken already. */
export interface StartedFollow {
  stop: AbortController
  events: AsyncIterator<string>
  first?: IteratorResult<string> | undefined
}

function startFollow(store: StreamStore, streamId: string, after: number): StartedFollow {
  const stop = new AbortController()
  return { stop, events: store.follow(streamId, after, stop.signal)[Symbol.asyncIterator]() }
}

/**
 * Takes the first step of following a stream: its first event after `after`, or its end. Throws
 * {@link StreamEndedEarly} when nothing is left of a stream that did not complete.
 */
export async function firstEvent(
  store: StreamStore,
  streamId: string,
  after: number,
): Promise<StartedFollow> {
  const started = startFollow(store, streamId, after)
  try {
    return { ...started, first: await started.events.next() }
  } catch (error) {
    started.stop.abort()
    throw error
  }
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
  // Backpressure: while its first reader is connected, the source is read no faster than that
  // reader reads (a reader that stops reading holds the server to its socket buffers); once it
  // left, the answer is produced ahead into the store for a resume.
  let produced = 0
  let delivered = 0
  let detached = false
  let release: (() => void) | undefined
  const wakeProducer = () => {
    release?.()
    release = undefined
  }
  let graceTimer: ReturnType<typeof setTimeout> | undefined
  /** The source was read to its end (or stopped): a reader leaving now has nothing left to stop. */
  let finished = false
  /**
   * Stops the answer `graceMs` after the last reader left, checking the store's reader count (readers
   * on any instance) rather than counting from the first reader's leaving: a resumed reader of a long
   * answer keeps it going. A store that cannot count readers gets the plain timer.
   */
  const stopWhenUnread = () => {
    const countReaders = store.readers?.bind(store)
    if (!countReaders) {
      graceTimer = setTimeout(stop, options.graceMs)
      graceTimer.unref?.()
      return
    }
    let lastRead = Date.now()
    const check = async () => {
      const readers = await countReaders(streamId).catch(() => 0)
      if (finished || stopped) return
      const now = Date.now()
      if (readers > 0) lastRead = now
      if (now - lastRead >= options.graceMs) return stop()
      graceTimer = setTimeout(check, Math.min(READERS_CHECK_MS, options.graceMs - (now - lastRead)))
      graceTimer.unref?.()
    }
    graceTimer = setTimeout(check, Math.min(READERS_CHECK_MS, options.graceMs))
    graceTimer.unref?.()
  }
  const stop = () => {
    if (stopped) return
    stopped = true
    wakeProducer()
    void reader.cancel().catch(() => {})
  }
  const unsubscribe = store.onCancel(streamId, stop)
  const forgetClosing = options.onClosing(stop)
  const pump = async () => {
    let full = false
    let complete = false
    const append = async (events: string[]) => {
      for (const event of events) {
        if (full) return
        if (!(await store.append(streamId, event))) {
          full = true
          stop()
        } else produced++
      }
    }
    try {
      for (;;) {
        while (!detached && !stopped && delivered < produced) {
          await new Promise<void>((resolve) => {
            release = resolve
          })
        }
        // A source that fails (a cut upstream) ends the stream with what it sent.
        const read = await reader.read().catch(() => undefined)
        if (!read) break
        if (read.done) {
          await append(splitter.push(decoder.decode()))
          if (!stopped) await append(splitter.flush())
          complete = !stopped
          break
        }
        await append(splitter.push(decoder.decode(read.value, { stream: true })))
      }
    } catch (error) {
      // The store failed: the source is stopped, readers see the end (or the store's error).
      options.onStoreError(error)
      stop()
    } finally {
      finished = true
      clearTimeout(graceTimer)
      unsubscribe()
      forgetClosing()
      await store.end(streamId, complete).catch(options.onStoreError)
    }
  }
  void pump()
  return followBody(store, streamId, 0, {
    ending,
    onDelivered: () => {
      delivered++
      wakeProducer()
    },
    onCancel: () => {
      detached = true
      wakeProducer()
      if (!options.resumable) return stop()
      // A reader that leaves after the end stops nothing, and leaves no timer behind.
      if (!finished) stopWhenUnread()
    },
  })
}
