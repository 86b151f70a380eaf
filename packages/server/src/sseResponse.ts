import type { HttpBindings } from '@hono/node-server'
import type { Faults } from './faults.ts'
import { startResumableStream, streamHeaders } from './resumableStream.ts'
import type { ResumeContext } from './resumeContext.ts'
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
  /** Makes the answer resumable: produced into the store, the reader following it. */
  resume?: ResumeContext
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
  const { faults, outgoing, resume } = options
  const cutConnection = (fail: (error: Error) => void) =>
    outgoing ? cutSocket(outgoing) : fail(new Error('Connection cut (fault injected by kindling).'))
  let ended: StreamEnd | undefined
  const body = createSseBody(sseFrames(chunks, faults), {
    lineEnding: faults.crlf ? '\r\n' : '\n',
    delayMs: options.delayMs,
    onEnd: (end) => {
      ended = end
      options.onEnd(end)
    },
    ...(options.onBytes ? { onBytes: options.onBytes } : {}),
    // Resumable, the source only stops: the reader's connection is cut once it got what came before.
    cut: resume ? (fail) => fail(new Error('Connection cut (fault injected by kindling).')) : cutConnection,
  })
  if (!resume) return new Response(body, { headers: streamHeaders() })
  const followed = startResumableStream(body, resume, () => (ended === 'cut' ? cutConnection : undefined))
  return new Response(followed, { headers: streamHeaders(resume.streamId, resume.headers) })
}
