import { errorResponse } from './errors.ts'
import { type Redactor, redactStream } from './redact.ts'
import { STREAM_ID_HEADER, startResumableStream } from './resumableStream.ts'
import type { ResumeContext } from './resumeContext.ts'
import type { StreamEnd } from './sse.ts'
import type { ResolvedUpstream } from './upstream.ts'

// Hop-by-hop headers, and the ones fetch invalidates by decoding the body itself.
const DROPPED_RESPONSE_HEADERS = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-encoding',
  'content-length',
  'set-cookie',
])

function upstreamUrl(upstream: ResolvedUpstream, path: string): string {
  return `${upstream.url}${path}`
}

// Only what the upstream needs: the server's key, never the caller's Authorization or cookies.
function upstreamHeaders(upstream: ResolvedUpstream, incoming: Headers): Headers {
  const headers = new Headers({
    authorization: upstream.authorization,
    accept: incoming.get('accept') ?? 'application/json',
    'accept-encoding': 'identity',
  })
  const contentType = incoming.get('content-type')
  if (contentType) headers.set('content-type', contentType)
  return headers
}

/** Passes `body` through chunk by chunk (one read per pull: no buffering), telling `onEnd` how it ended. */
export function trackBody(
  body: ReadableStream<Uint8Array>,
  onEnd: (end: StreamEnd) => void,
  onBytes?: (bytes: number) => void,
): ReadableStream<Uint8Array> {
  const reader = body.getReader()
  let ended = false
  const end = (how: StreamEnd) => {
    if (!ended) {
      ended = true
      onEnd(how)
    }
  }
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const { done, value } = await reader.read()
          if (done) {
            controller.close()
            end('completed')
          } else {
            onBytes?.(value.length)
            controller.enqueue(value)
          }
        } catch (error) {
          end('cut')
          controller.error(error)
        }
      },
      cancel(reason) {
        end('client-closed')
        return reader.cancel(reason)
      },
    },
    { highWaterMark: 0 },
  )
}

/**
 * The upstream's headers as the caller gets them: no hop-by-hop or cookie headers, no
 * `access-control-*` (CORS is this server's decision alone), and every value redacted.
 */
function relayedHeaders(upstream: Headers, redact: Redactor): Headers {
  const headers = new Headers()
  for (const [name, value] of upstream) {
    if (DROPPED_RESPONSE_HEADERS.has(name) || name.startsWith('access-control-')) continue
    headers.set(name, redact(value))
  }
  return headers
}

/** What happened to a forwarded request, for the request log. */
export interface ForwardOptions {
  /** Replaces the upstream's secrets in everything sent back. */
  redact: Redactor
  /** Receives why the upstream could not be reached (the caller gets no detail). */
  log?: (line: string) => void
  /** Called when the upstream answers with a stream, to track it; returns its end callback and byte counter. */
  onStream?: () => { (end: StreamEnd): void; sent(bytes: number): void }
  /** Called once when the exchange is over: the answer fully sent, cancelled, or never obtained. */
  onSettled?: () => void
  /** Makes a streamed answer resumable; a non-streamed one ends this stream at once. */
  resume?: ResumeContext | undefined
}

// Error bodies are small; one that is not is cut here rather than buffered whole.
const MAX_ERROR_BODY_CHARS = 64 * 1024

async function readErrorBody(body: ReadableStream<Uint8Array>): Promise<string> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let text = ''
  while (text.length < MAX_ERROR_BODY_CHARS) {
    const { done, value } = await reader.read()
    if (done) return text + decoder.decode()
    text += decoder.decode(value, { stream: true })
  }
  void reader.cancel().catch(() => {})
  return text.slice(0, MAX_ERROR_BODY_CHARS)
}

/**
 * Forwards a request to the upstream path (e.g. `/chat/completions`) with the server's API key and
 * streams the answer back as it arrives, status and body untouched. An unreachable upstream gives 502.
 */
export async function forwardToUpstream(
  upstream: ResolvedUpstream,
  path: string,
  request: Request,
  body: string | null,
  options: ForwardOptions,
): Promise<Response> {
  let settled = false
  const settle = () => {
    if (settled) return
    settled = true
    options.onSettled?.()
  }
  let response: Response
  const { resume } = options
  const dropStream = () => {
    if (resume) void resume.store.end(resume.streamId, false).catch(resume.onStoreError)
  }
  try {
    response = await fetch(upstreamUrl(upstream, path), {
      method: request.method,
      headers: upstreamHeaders(upstream, request.headers),
      body,
      signal: request.signal,
    })
  } catch (error) {
    settle()
    dropStream()
    // The caller learns that the upstream failed, never where it is (an internal address, say).
    const cause = (error as { cause?: { code?: unknown } }).cause?.code
    options.log?.(
      `upstream ${upstream.url}${path} unreachable: ${error instanceof Error ? error.message : String(error)}${typeof cause === 'string' ? ` (${cause})` : ''}`,
    )
    return errorResponse(502, 'The upstream service could not be reached. The server log says why.', {
      type: 'server_error',
      code: 'upstream_unreachable',
    })
  }
  const headers = relayedHeaders(response.headers, options.redact)
  const init = { status: response.status, statusText: response.statusText, headers }
  const streamed = headers.get('content-type')?.includes('text/event-stream')
  if (!response.body || !response.ok || !streamed) dropStream()
  if (!response.body) {
    settle()
    return new Response(null, init)
  }
  if (!response.ok) {
    // An upstream that echoes the credential in its error message must not hand it to the caller.
    const text = await readErrorBody(response.body).catch(() => '')
    settle()
    return new Response(options.redact(text), init)
  }
  const onStreamEnd = streamed ? options.onStream?.() : undefined
  const passed = trackBody(
    redactStream(response.body, options.redact),
    (end) => {
      onStreamEnd?.(end)
      settle()
    },
    onStreamEnd?.sent,
  )
  if (!streamed || !resume) return new Response(passed, init)
  for (const [name, value] of Object.entries(resume.headers)) headers.set(name, value)
  headers.set(STREAM_ID_HEADER, resume.streamId)
  return new Response(startResumableStream(passed, resume), init)
}

/** The upstream's model list (`data` of `GET /models`); an empty list, and the reason, if it fails. */
export async function listUpstreamModels(
  upstream: ResolvedUpstream,
  redact: Redactor,
  signal: AbortSignal,
): Promise<{ data: unknown[]; error?: string }> {
  try {
    const response = await fetch(upstreamUrl(upstream, '/models'), {
      headers: upstreamHeaders(upstream, new Headers()),
      signal: AbortSignal.any([signal, AbortSignal.timeout(10_000)]),
    })
    if (!response.ok) return { data: [], error: `upstream /models answered ${response.status}` }
    const body = JSON.parse(redact(await response.text())) as { data?: unknown }
    return { data: Array.isArray(body.data) ? body.data : [] }
  } catch (error) {
    return { data: [], error: error instanceof Error ? error.message : String(error) }
  }
}
