import { type APIError, createClient, KindlingError } from '@kindling/client'
import type { Recording } from './recordings.ts'

// Replays bytes through the public client (a `fetch` that answers with them), so the fuzz suites
// exercise exactly what an app runs: request, SSE decoding, validation, accumulation, errors.

/** What reading a stream gave: every chunk yielded, then the final response or the typed error. */
export interface Outcome {
  chunks: unknown[]
  final?: unknown
  /** A `KindlingError`; stream failures are `APIError`s carrying `partial`. */
  error?: APIError
}

/** A byte stream handing out `parts` one read at a time, then ending (or failing with `failWith`). */
export function partsStream(parts: readonly Uint8Array[], failWith?: Error): ReadableStream<Uint8Array> {
  let next = 0
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const part = parts[next++]
      if (part !== undefined) controller.enqueue(part)
      else if (failWith) controller.error(failWith)
      else controller.close()
    },
  })
}

/** `bytes` cut at the given offsets (out-of-range and repeated offsets are ignored). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const sorted = [...new Set(cuts)].filter((cut) => cut > 0 && cut < bytes.length).sort((a, b) => a - b)
  const parts: Uint8Array[] = []
  let start = 0
  for (const cut of sorted) {
    parts.push(bytes.subarray(start, cut))
    start = cut
  }
  parts.push(bytes.subarray(start))
  return parts
}

/** Offsets inside a multi-byte UTF-8 character or between the CR and LF of a pair. */
export function trickyOffsets(bytes: Uint8Array): number[] {
  const offsets: number[] = []
  for (let i = 1; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0
    if ((byte & 0xc0) === 0x80 || (byte === 0x0a && bytes[i - 1] === 0x0d)) offsets.push(i)
  }
  return offsets
}

/** Fails a case that neither settles nor throws: a hang is a bug, never a pass. */
export const CASE_TIMEOUT_MS = 5000

/**
 * A reader for one recording's kind: `read(parts)` streams the parts through a real client and
 * returns the outcome. Anything thrown that is not a `KindlingError` fails the case.
 */
export function createReplayer(recording: Pick<Recording, 'kind' | 'model'>) {
  let body: () => ReadableStream<Uint8Array> = () => partsStream([])
  const client = createClient({
    baseURL: 'http://replay.invalid/v1',
    apiKey: null,
    maxRetries: 0,
    logLevel: 'off',
    fetch: async () =>
      new Response(body(), { status: 200, headers: { 'content-type': 'text/event-stream' } }),
  })

  async function consume(): Promise<Outcome> {
    const chunks: unknown[] = []
    try {
      const stream =
        recording.kind === 'chat'
          ? await client.chatCompletion.create(recording.model, [{ role: 'user', content: 'x' }], {
              stream: true,
            })
          : await client.completion.create(recording.model, 'x', { stream: true })
      for await (const chunk of stream as AsyncIterable<unknown>) chunks.push(chunk)
      return { chunks, final: await stream.finalResponse() }
    } catch (error) {
      if (error instanceof KindlingError) return { chunks, error: error as APIError }
      throw new Error(`untyped throw: ${String(error)}`, { cause: error })
    }
  }

  return async function read(parts: readonly Uint8Array[], failWith?: Error): Promise<Outcome> {
    body = () => partsStream(parts, failWith)
    let timer: ReturnType<typeof setTimeout> | undefined
    const hang = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`hang: no outcome in ${CASE_TIMEOUT_MS} ms`)),
        CASE_TIMEOUT_MS,
      )
    })
    try {
      return await Promise.race([consume(), hang])
    } finally {
      clearTimeout(timer)
    }
  }
}
