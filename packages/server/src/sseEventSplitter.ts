// An SSE event ends at a blank line: two line breaks in a row, each `\r\n`, `\n` or `\r`.
const EVENT_END = /(\r\n|\n|\r(?!\n))(\r\n|\n|\r)/
// An upstream's own ids would override ours: the reader must see only `streamId:seq`.
const ID_LINE = /^id:[^\r\n]*(\r\n|\n|\r)/gm

/**
 * Splits SSE text that arrives in arbitrary pieces into whole events, each with an
 * `id: <streamId>:<seq>` line added in front (seq from 1), the line ending the event's own.
 */
export function createSseEventSplitter(streamId: string): {
  /** The whole events completed by `text`. */
  push(text: string): string[]
  /** What is left at the end (an event without its blank line), as a last event, or none. */
  flush(): string[]
} {
  let pending = ''
  let seq = 0
  const label = (event: string, lineEnding: string) =>
    `id: ${streamId}:${++seq}${lineEnding}${event.replace(ID_LINE, '')}`
  return {
    push(text) {
      pending += text
      const events: string[] = []
      for (;;) {
        const match = EVENT_END.exec(pending)
        // A `\r` at the very end may be the first half of `\r\n`: wait for the next piece.
        if (!match || (match[2] === '\r' && match.index + match[0].length === pending.length)) break
        const end = match.index + match[0].length
        events.push(label(pending.slice(0, end), match[1] as string))
        pending = pending.slice(end)
      }
      return events
    },
    flush() {
      if (pending === '') return []
      const line = /\r\n|\n|\r/.exec(pending)?.[0] ?? '\n'
      const last = label(pending, line)
      pending = ''
      return [last]
    },
  }
}

/** Reads `<streamId>:<seq>` (a `Last-Event-ID`); undefined when it is not one of `streamId`'s ids. */
export function parseEventId(value: string, streamId: string): number | undefined {
  const colon = value.lastIndexOf(':')
  if (value.slice(0, colon) !== streamId) return undefined
  const seq = Number(value.slice(colon + 1))
  return Number.isSafeInteger(seq) && seq >= 0 ? seq : undefined
}
