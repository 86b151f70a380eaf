import { createParser, type EventSourceMessage } from 'eventsource-parser'

/** One Server-Sent Event: `data` and, when the server named it, `event` and `id`. */
export type ServerSentEvent = EventSourceMessage

/**
 * Pulls Server-Sent Events out of a byte stream: `read()` takes one piece of the body and queues
 * the events it completes, `take()` hands them out one by one without awaiting anything. This is
 * the streams' hot path: one async step per network read, not one per event.
 */
export interface ServerSentEventReader {
  /** The next queued event, or `undefined` when a `read()` is needed. */
  take(): ServerSentEvent | undefined
  /** Reads one piece of the body and queues its events; resolves `false` when there is nothing left to read. */
  read(): Promise<boolean>
  /** Stops reading: cancels the body if it has not ended, releases it if it has. Idempotent. */
  close(): void
}

/**
 * Creates a {@link ServerSentEventReader}. Bytes are decoded as UTF-8 across reads (a character
 * split between two network reads is joined), lines are parsed by `eventsource-parser` (LF, CR or
 * CRLF, comments, BOM), and an event left unterminated when the stream ends is still delivered, as
 * lenient servers need. A line with the field `error` (llama.cpp) is delivered as an event named
 * `error` whose data is the line's value.
 */
export function createServerSentEventReader(
  body: ReadableStream<Uint8Array>,
  onComment?: (comment: string) => void,
): ServerSentEventReader {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  // A queue drained from `head`; emptied (not shifted) once drained, so a read allocates nothing more.
  let queue: ServerSentEvent[] = []
  let head = 0
  const parser = createParser({
    onEvent: (event) => queue.push(event),
    onComment,
    // llama.cpp's server reports a failure mid-stream as a line `error: {…}`, a field SSE does not
    // define: it becomes an `error` event, in its place among the others.
    onError: (error) => {
      if (error.type === 'unknown-field' && error.field === 'error')
        queue.push({ event: 'error', data: error.value ?? '', id: undefined })
    },
  })
  let ended = false
  let closed = false
  return {
    take() {
      if (head < queue.length) return queue[head++]
      if (head > 0) {
        queue = []
        head = 0
      }
      return undefined
    },
    async read() {
      if (ended) return false
      const { done, value } = await reader.read()
      if (done) {
        ended = true
        // Flush the decoder and end any unterminated event with the blank line it lacks.
        parser.feed(`${decoder.decode()}\n\n`)
      } else {
        parser.feed(decoder.decode(value, { stream: true }))
      }
      return true
    },
    close() {
      if (closed) return
      closed = true
      if (ended) reader.releaseLock()
      else void reader.cancel().catch(() => {})
    },
  }
}

/**
 * Reads a byte stream of Server-Sent Events and yields each event as it completes (see
 * {@link createServerSentEventReader} for decoding and framing). Stopping the iteration early
 * cancels the body.
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  onComment?: (comment: string) => void,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const events = createServerSentEventReader(body, onComment)
  try {
    for (;;) {
      const event = events.take()
      if (event !== undefined) yield event
      else if (!(await events.read())) break
    }
  } finally {
    events.close()
  }
}
