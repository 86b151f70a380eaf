import recorded from './recordedStreams.json'
import type { Recording } from './recordings.ts'

const recordings = recorded as Recording[]

function jsonResponse(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

/** The fault suffix of a model name the replay understands: `+cut=N` (the connection drops after N chunks). */
function cutAfter(model: string): number | undefined {
  const match = /\+cut(?:=(\d+))?/.exec(model)
  if (!match) return undefined
  return match[1] ? Number(match[1]) : 2
}

function pick(
  endpoint: Recording['endpoint'],
  model: string,
  n: number,
  tools: boolean,
  structured = false,
): Recording | undefined {
  const all = recordings.filter((recording) => recording.endpoint === endpoint)
  // A request for JSON gets a JSON answer, and a plain one never does.
  const formatted = all.filter((recording) => (recording.structured ?? false) === structured)
  const same = formatted.length > 0 ? formatted : all
  return (
    same.find((r) => r.model === model && r.n === n && r.tools === tools) ??
    same.find((r) => r.model === model && r.n === n) ??
    same.find((r) => r.model === model) ??
    same.find((r) => r.n === n) ??
    same[0]
  )
}

function sseBody(
  text: string,
  {
    delayMs,
    cut,
    signal,
  }: { delayMs: number; cut?: number | undefined; signal?: AbortSignal | null | undefined },
) {
  const events = text.split('\n\n').filter((event) => event.trim() !== '')
  const encoder = new TextEncoder()
  let index = 0
  let timer: ReturnType<typeof setTimeout> | undefined
  return new ReadableStream<Uint8Array>({
    start(controller) {
      const abort = () => {
        clearTimeout(timer)
        controller.error(signal?.reason ?? new DOMException('The operation was aborted.', 'AbortError'))
      }
      if (signal?.aborted) return abort()
      signal?.addEventListener('abort', abort, { once: true })
      const next = () => {
        if (cut !== undefined && index >= cut) {
          signal?.removeEventListener('abort', abort)
          return controller.error(new TypeError('terminated'))
        }
        const event = events[index]
        if (event === undefined) {
          signal?.removeEventListener('abort', abort)
          return controller.close()
        }
        index += 1
        controller.enqueue(encoder.encode(`${event}\n\n`))
        timer = setTimeout(next, delayMs)
      }
      timer = setTimeout(next, delayMs)
    },
    cancel() {
      clearTimeout(timer)
    },
  })
}

/**
 * A `fetch` that answers like the embedded `@kindling/server` from responses recorded off it
 * (`recordedStreams.json`), for the static Storybook build, which has no server. Streams are
 * replayed chunk by chunk, `delayMs` (or the request's `x-kindling-delay`) apart, and honour aborts; a `+cut=N` model suffix drops the
 * stream after N chunks as the real fault does. The text does not depend on what is asked: the
 * recorded reply of the closest request (endpoint, model, `n`, tools, JSON or not) is played.
 */
export function createReplayFetch({ delayMs = 20 }: { delayMs?: number } = {}): typeof fetch {
  return async (input, init) => {
    const url = new URL(
      typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
      'http://replay.invalid',
    )
    const path = url.pathname
    if (path.endsWith('/models')) {
      const models = pick('models', '', 1, false)
      return new Response(models?.body ?? '{"object":"list","data":[]}', {
        status: 200,
        headers: { 'content-type': 'application/json' },
      })
    }
    const endpoint = path.endsWith('/chat/completions')
      ? 'chat'
      : path.endsWith('/completions')
        ? 'completions'
        : undefined
    if (!endpoint)
      return jsonResponse(404, {
        error: {
          message: `No route ${path} in the replay.`,
          type: 'invalid_request_error',
          code: 'not_found',
        },
      })
    const body = JSON.parse(typeof init?.body === 'string' ? init.body : '{}') as {
      model?: string
      n?: number
      tools?: unknown[]
      response_format?: { type?: string }
    }
    const requested = body.model ?? ''
    const model = requested.split('+')[0] ?? ''
    const structured = body.response_format !== undefined && body.response_format.type !== 'text'
    const recording = pick(
      endpoint,
      model,
      body.n ?? 1,
      Array.isArray(body.tools) && body.tools.length > 0,
      structured,
    )
    if (!recording)
      return jsonResponse(404, {
        error: {
          message: `Nothing recorded for ${model}.`,
          type: 'invalid_request_error',
          code: 'model_not_found',
          param: 'model',
        },
      })
    const header = new Headers(init?.headers).get('x-kindling-delay')
    const delay = header !== null && Number.isFinite(Number(header)) ? Number(header) : delayMs
    return new Response(
      sseBody(recording.body, { delayMs: delay, cut: cutAfter(requested), signal: init?.signal }),
      {
        status: 200,
        headers: { 'content-type': 'text/event-stream; charset=utf-8' },
      },
    )
  }
}
