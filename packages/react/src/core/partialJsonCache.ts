import { createPartialJsonParser, type PartialJsonParser } from '@kindling/client'

// Incremental parses of texts that grow at their end (a streaming answer's content, a tool call's
// arguments), kept by key between renders: each look-up parses only what was appended since the
// last one, so following a stream costs its length once, not once per update.

/** What is known of one text: the partial value, and why it is not JSON (if it is not). */
export interface PartialJsonRead {
  /** The value so far (a snapshot: finished parts keep their identity between reads). */
  readonly value: unknown
  /** The text is not JSON (a `PartialJsonError` from the parser); `value` is what came before. */
  readonly failure: Error | undefined
  /** With `final`: the complete value, or why the text ended before the value did. */
  readonly end?: { value: unknown } | { failure: Error } | undefined
}

interface Entry {
  parser: PartialJsonParser
  text: string
  read: PartialJsonRead
}

/** Partial JSON values by key; the least recently read are dropped past `limit`. */
export interface PartialJsonCache {
  /**
   * The partial value of `text` under `key`. A text that extends the last one read under the key
   * costs only its new part; any other text starts again. With `final`, the text is complete:
   * `end` says whether it was a whole JSON value.
   */
  read(key: string, text: string, final?: boolean): PartialJsonRead
}

/** Creates an empty cache holding at most `limit` texts (default 256). */
export function createPartialJsonCache(limit = 256): PartialJsonCache {
  const entries = new Map<string, Entry>()

  function fresh(): Entry {
    return { parser: createPartialJsonParser(), text: '', read: { value: undefined, failure: undefined } }
  }

  return {
    read(key, text, final = false) {
      let entry = entries.get(key)
      if (entry !== undefined) entries.delete(key)
      // A text that does not extend the last one (edited, replaced, or already ended) starts again.
      if (entry === undefined || !text.startsWith(entry.text) || (entry.read.end && text !== entry.text)) {
        entry = fresh()
      }
      entries.set(key, entry)
      if (entries.size > limit) entries.delete(entries.keys().next().value as string)

      if (text.length > entry.text.length && entry.read.failure === undefined) {
        const { parser } = entry
        try {
          parser.push(text.slice(entry.text.length))
          entry.read = { value: parser.snapshot(), failure: undefined }
        } catch (thrown) {
          entry.read = { value: entry.read.value, failure: thrown as Error }
        }
      }
      entry.text = text
      if (final && entry.read.end === undefined) {
        let end: PartialJsonRead['end']
        if (entry.read.failure) end = { failure: entry.read.failure }
        else {
          try {
            end = { value: entry.parser.end() }
          } catch (thrown) {
            end = { failure: thrown as Error }
          }
        }
        // The value at the end may hold a last number the partial could not show yet.
        const value = 'value' in end ? entry.parser.snapshot() : entry.read.value
        entry.read = { value, failure: entry.read.failure, end }
      }
      return entry.read
    },
  }
}
