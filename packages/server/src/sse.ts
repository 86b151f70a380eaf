import { errorBody } from './errors.ts'
import type { Faults } from './faults.ts'

/** One thing written to an SSE stream, or an instruction to misbehave. */
export type SseFrame =
  | { type: 'data'; data: string }
  | { type: 'event'; event: string; data: string }
  | { type: 'comment'; text: string }
  | { type: 'cut' }
  | { type: 'stall' }

/** A chunk of JSON cut off in the middle, as a broken proxy might forward it. */
export const MALFORMED_CHUNK =
  '{"id":"chatcmpl-malformed","choices":[{"index":0,"delta":{"content":"unterminat'

function midStreamError(after: number): string {
  return JSON.stringify(
    errorBody(
      `The server had an error while generating the response (fault injected after ${after} chunks).`,
      {
        type: 'server_error',
        code: 'internal_error',
      },
    ),
  )
}

/**
 * The frames of a stream of `chunks` with mid-stream faults applied: `: ping` comments, a malformed
 * chunk, an error event or chunk, a cut or a stall after N data chunks, and `data: [DONE]` unless
 * `noDone`. A fault whose N is past the last chunk happens just before `[DONE]`.
 */
export function* sseFrames(chunks: readonly unknown[], faults: Faults): Generator<SseFrame> {
  let sent = 0
  // At the end of the chunks, a fault asked for after more chunks than there are fires too.
  const due = (after: number | undefined, atEnd: boolean) =>
    after !== undefined && (atEnd ? after >= sent : after === sent)
  const fault = function* (atEnd: boolean): Generator<SseFrame, boolean> {
    if (due(faults.malformedAfter, atEnd)) yield { type: 'data', data: MALFORMED_CHUNK }
    if (due(faults.cutAfter, atEnd)) {
      yield { type: 'cut' }
      return true
    }
    if (due(faults.stallAfter, atEnd)) {
      yield { type: 'stall' }
      return true
    }
    if (due(faults.errorEventAfter, atEnd)) {
      yield { type: 'event', event: 'error', data: midStreamError(sent) }
      return true
    }
    if (due(faults.errorChunkAfter, atEnd)) {
      yield { type: 'data', data: midStreamError(sent) }
      return true
    }
    return false
  }
  for (const chunk of chunks) {
    if (yield* fault(false)) return
    if (faults.pingEvery !== undefined && sent % faults.pingEvery === 0)
      yield { type: 'comment', text: 'ping' }
    yield { type: 'data', data: JSON.stringify(chunk) }
    sent++
  }
  if (yield* fault(true)) return
  if (!faults.noDone) yield { type: 'data', data: '[DONE]' }
}

/** The bytes of one frame, with `\n` or `\r\n` line endings. */
export function encodeFrame(frame: SseFrame, lineEnding: '\n' | '\r\n'): string {
  switch (frame.type) {
    case 'data':
      return `data: ${frame.data}${lineEnding}${lineEnding}`
    case 'event':
      return `event: ${frame.event}${lineEnding}data: ${frame.data}${lineEnding}${lineEnding}`
    case 'comment':
      return `: ${frame.text}${lineEnding}${lineEnding}`
    default:
      return ''
  }
}

/** How an SSE stream ended. */
export type StreamEnd = 'completed' | 'client-closed' | 'cut'

/** How to write an SSE body. */
export interface SseBodyOptions {
  lineEnding: '\n' | '\r\n'
  /** Milliseconds to wait before every data chunk after the first. */
  delayMs: number
  /** Drops the connection for a `cut` frame. Called after the earlier frames were handed over. */
  cut: (fail: (error: Error) => void) => void
  /** Called once, when the stream ends for any reason. */
  onEnd: (end: StreamEnd) => void
  /** Called with the size of every piece handed to the reader. */
  onBytes?: (bytes: number) => void
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve()
    const timer = setTimeout(done, ms)
    function done() {
      clearTimeout(timer)
      signal.removeEventListener('abort', done)
      resolve()
    }
    signal.addEventListener('abort', done, { once: true })
  })
}

/**
 * A byte stream of SSE frames that writes one frame per read, waiting `delayMs` before data chunks,
 * and stops (reporting `client-closed`) as soon as the reader cancels, even mid-stall.
 */
export function createSseBody(
  frames: Iterable<SseFrame>,
  options: SseBodyOptions,
): ReadableStream<Uint8Array> {
  const iterator = frames[Symbol.iterator]()
  const encoder = new TextEncoder()
  const stopped = new AbortController()
  let dataSent = 0
  let ended = false
  const end = (how: StreamEnd) => {
    if (ended) return
    ended = true
    stopped.abort()
    options.onEnd(how)
  }
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (ended) return
        const next = iterator.next()
        if (next.done) {
          controller.close()
          end('completed')
          return
        }
        const frame = next.value
        if (frame.type === 'stall') return sleep(2 ** 31 - 1, stopped.signal)
        if (frame.type === 'cut') {
          end('cut')
          options.cut((error) => controller.error(error))
          return
        }
        if (frame.type === 'data') {
          if (dataSent > 0 && options.delayMs > 0) await sleep(options.delayMs, stopped.signal)
          dataSent++
        }
        if (ended) return
        const bytes = encoder.encode(encodeFrame(frame, options.lineEnding))
        options.onBytes?.(bytes.length)
        controller.enqueue(bytes)
      },
      cancel() {
        end('client-closed')
      },
    },
    { highWaterMark: 0 },
  )
}
