import { createParser, type EventSourceMessage } from 'eventsource-parser'

/** One Server-Sent Event: `data` and, when the server named it, `event` and `id`. */
export type ServerSentEvent = EventSourceMessage

/**
 * Reads a byte stream of Server-Sent Events and yields each event as it completes. Bytes are
 * decoded as UTF-8 across chunk boundaries (a character split between two network reads is
 * joined), lines are parsed by `eventsource-parser` (LF, CR or CRLF, comments, BOM), and an event
 * left unterminated when the stream ends is still delivered, as lenient servers need.
 * Stopping the iteration early cancels the body.
 */
export async function* readServerSentEvents(
  body: ReadableStream<Uint8Array>,
  onComment?: (comment: string) => void,
): AsyncGenerator<ServerSentEvent, void, undefined> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let pending: ServerSentEvent[] = []
  const parser = createParser({ onEvent: (event) => pending.push(event), onComment })
  let ended = false
  try {
    while (!ended) {
      const { done, value } = await reader.read()
      if (done) {
        ended = true
        // Flush the decoder and end any unterminated event with the blank line it lacks.
        parser.feed(`${decoder.decode()}\n\n`)
      } else {
        parser.feed(decoder.decode(value, { stream: true }))
      }
      if (pending.length > 0) {
        const batch = pending
        pending = []
        for (const event of batch) yield event
      }
    }
  } finally {
    if (ended) reader.releaseLock()
    else void reader.cancel().catch(() => {})
  }
}
