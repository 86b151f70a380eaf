import type { ClientConfig, RequestHandle } from './request.ts'

// Resuming a stream the server numbered (`@kindling/server`: `x-kindling-stream-id`, `id:` lines).
// Only whole events are passed on, so after a drop the server's replay from the last whole event
// continues the bytes exactly: no gap, no duplicate.

/** The response header carrying a resumable stream's id. */
export const STREAM_ID_HEADER = 'x-kindling-stream-id'
/** The response header carrying the resume token of a stream started without an API key. */
export const RESUME_TOKEN_HEADER = 'x-kindling-resume-token'
/** The request header asking the server to keep generating while the client reconnects. */
export const RESUMABLE_HEADER = 'x-kindling-resumable'
/** How many times a dropped stream is resumed before its error is thrown, by default. */
export const DEFAULT_MAX_RESUMES = 3

/** Who may resume a stream: the caller's headers (its API key) and the stream's resume token. */
export interface StreamCredentials {
  headers: Record<string, string>
  resumeToken: string | undefined
}

/** The credentials a stream's own request had, as the server bound the stream to them. */
export function streamCredentials(
  config: ClientConfig,
  headers: Record<string, string> | undefined,
  response: Response,
): StreamCredentials {
  const sent: Record<string, string> = { ...config.headers, ...headers }
  if (config.apiKey && !Object.keys(sent).some((name) => name.toLowerCase() === 'authorization'))
    sent.authorization = `Bearer ${config.apiKey}`
  return { headers: sent, resumeToken: response.headers.get(RESUME_TOKEN_HEADER) ?? undefined }
}

function streamUrl(config: ClientConfig, streamId: string, tail: string): string {
  return `${config.baseURL.replace(/\/+$/, '')}/kindling/streams/${encodeURIComponent(streamId)}${tail}`
}

function credentialHeaders(credentials: StreamCredentials, extra: Record<string, string>): Headers {
  const headers = new Headers({ ...credentials.headers, ...extra })
  if (credentials.resumeToken) headers.set(RESUME_TOKEN_HEADER, credentials.resumeToken)
  return headers
}

/** Asks the server to stop generating a stream (best effort: the caller is leaving anyway). */
export function cancelStream(config: ClientConfig, streamId: string, credentials: StreamCredentials): void {
  void config
    .fetch(streamUrl(config, streamId, '/cancel'), {
      method: 'POST',
      headers: credentialHeaders(credentials, {}),
      keepalive: true,
    })
    .then((response) => response.body?.cancel())
    .catch(() => {})
}

/** Opens a stream's events after `after`, or gives the response that refused it. */
export function fetchResumedStream(
  config: ClientConfig,
  streamId: string,
  after: number,
  credentials: StreamCredentials,
  signal: AbortSignal,
): Promise<Response> {
  return config.fetch(streamUrl(config, streamId, `?after=${after}`), {
    headers: credentialHeaders(credentials, { accept: 'text/event-stream' }),
    signal,
  })
}

// The end of the last whole event in `text` (after its blank line), or -1.
function lastEventEnd(text: string): number {
  const lf = text.lastIndexOf('\n\n')
  const crlf = text.lastIndexOf('\n\r\n')
  return Math.max(lf === -1 ? -1 : lf + 2, crlf === -1 ? -1 : crlf + 3)
}

const EVENT_SEQ = /^id: [^\r\n]*:(\d+)\r?$/gm

function lastSeqIn(text: string, previous: number): number {
  let seq = previous
  for (const match of text.matchAll(EVENT_SEQ)) seq = Number(match[1])
  return seq
}

/**
 * The body of a resumable stream, to read in place of `handle.response.body`: when the connection
 * drops mid-answer it resumes up to `maxResumes` times, then fails with the drop's error; when the
 * request is aborted (the caller's stop, the timeout) before the end, it asks the server to stop.
 */
export function resumableBody(
  config: ClientConfig,
  handle: RequestHandle,
  streamId: string,
  credentials: StreamCredentials,
  options: { maxResumes: number; after?: number },
): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder()
  let reader = (handle.response.body as ReadableStream<Uint8Array>).getReader()
  let decoder = new TextDecoder()
  let pending = ''
  let seq = options.after ?? 0
  let resumes = 0
  let finished = false
  const onAbort = () => {
    if (!finished) cancelStream(config, streamId, credentials)
  }
  handle.signal.addEventListener('abort', onAbort, { once: true })
  const finish = () => {
    finished = true
    handle.signal.removeEventListener('abort', onAbort)
  }
  /** A fresh connection after the last whole event, or undefined when no resume is left. */
  const reconnect = async (): Promise<ReadableStreamDefaultReader<Uint8Array> | undefined> => {
    while (resumes < options.maxResumes && !handle.signal.aborted) {
      resumes++
      try {
        const response = await fetchResumedStream(config, streamId, seq, credentials, handle.signal)
        if (response.ok && response.body) {
          config.logger.info(`stream ${streamId.slice(0, 6)}… resumed after event ${seq}`)
          return response.body.getReader()
        }
        await response.body?.cancel()
        // These will not change: the stream expired or is not ours (404), or stopped early (410).
        if (response.status === 404 || response.status === 410) return undefined
      } catch {
        // Unreachable: try again after a pause, while tries are left.
      }
      await new Promise((resolve) => setTimeout(resolve, 100 * resumes))
    }
    return undefined
  }
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        for (;;) {
          let read: ReadableStreamReadResult<Uint8Array>
          try {
            read = await reader.read()
          } catch (error) {
            const next = handle.signal.aborted ? undefined : await reconnect()
            if (!next) {
              finish()
              return controller.error(error)
            }
            reader = next
            decoder = new TextDecoder()
            pending = ''
            continue
          }
          if (read.done) {
            const rest = pending + decoder.decode()
            if (rest) controller.enqueue(encoder.encode(rest))
            finish()
            return controller.close()
          }
          pending += decoder.decode(read.value, { stream: true })
          const end = lastEventEnd(pending)
          if (end === -1) continue
          const whole = pending.slice(0, end)
          pending = pending.slice(end)
          seq = lastSeqIn(whole, seq)
          return controller.enqueue(encoder.encode(whole))
        }
      },
      cancel(reason) {
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * `handle` with its body made resumable when the server numbered the stream (it sent
 * {@link STREAM_ID_HEADER}); the same handle otherwise.
 */
export function resumableHandle(
  config: ClientConfig,
  handle: RequestHandle,
  options: {
    headers?: Record<string, string> | undefined
    resumeToken?: string | undefined
    maxResumes?: number | undefined
    after?: number
  },
): RequestHandle {
  const streamId = handle.response.headers.get(STREAM_ID_HEADER)
  if (!streamId || !handle.response.body) return handle
  const credentials = streamCredentials(config, options.headers, handle.response)
  credentials.resumeToken ??= options.resumeToken
  const body = resumableBody(config, handle, streamId, credentials, {
    maxResumes: options.maxResumes ?? DEFAULT_MAX_RESUMES,
    ...(options.after === undefined ? {} : { after: options.after }),
  })
  const { status, statusText, headers } = handle.response
  return { ...handle, response: new Response(body, { status, statusText, headers }) }
}
