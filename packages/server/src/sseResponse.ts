import type { HttpBindings } from '@hono/node-server'
import type { Faults } from './faults.ts'
import { createSseBody, type StreamEnd, sseFrames } from './sse.ts'

/** What a streamed answer needs besides its chunks. */
export interface SseResponseOptions {
  faults: Faults
  delayMs: number
  /** Node's response, when served by Node: a `cut` closes its socket. */
  outgoing: HttpBindings['outgoing'] | undefined
  onEnd: (end: StreamEnd) => void
  /** Counts the bytes handed to the HTTP layer. */
  onBytes?: (bytes: number) => void
}

// The Node adapter writes the status line and the first chunks only after a few reads, so wait for
// it; ending the socket then flushes what was written and closes it in the middle of the response.
function cutSocket(outgoing: HttpBindings['outgoing']) {
  const cutWhenSent = () => {
    if (outgoing.destroyed) return
    if (!outgoing.headersSent) return void setImmediate(cutWhenSent)
    outgoing.socket?.end(() => outgoing.socket?.destroy())
  }
  setImmediate(cutWhenSent)
}

/**
 * The `text/event-stream` response of a built-in model's chunks, with the request's mid-stream
 * faults. Without a Node socket to cut (an embedded app), a `cut` errors the body stream instead.
 */
export function sseResponse(chunks: readonly unknown[], options: SseResponseOptions): Response {
  const { faults, outgoing } = options
  const body = createSseBody(sseFrames(chunks, faults), {
    lineEnding: faults.crlf ? '\r\n' : '\n',
    delayMs: options.delayMs,
    onEnd: options.onEnd,
    ...(options.onBytes ? { onBytes: options.onBytes } : {}),
    cut: (fail) =>
      outgoing ? cutSocket(outgoing) : fail(new Error('Connection cut (fault injected by kindling).')),
  })
  return new Response(body, {
    headers: {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache',
      'x-accel-buffering': 'no',
    },
  })
}
