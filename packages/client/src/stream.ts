import type { ChatAccumulatorState } from './accumulateChat.ts'
import type { CompletionAccumulatorState } from './accumulateCompletion.ts'
import {
  type APIError,
  APIStreamError,
  APIUserAbortError,
  KindlingError,
  type PartialResponse,
  parseErrorBody,
  ResponseValidationError,
} from './errors.ts'
import type { SchemaName } from './explainRejection.ts'
import type { Logger } from './logger.ts'
import { perfMetricsFromHeaders } from './perfMetrics.ts'
import type { RequestHandle } from './request.ts'
import type {
  ChatCompletionResponse,
  ChatCompletionStreamResponse,
  CompletionResponse,
  CompletionStreamResponse,
  PerfMetrics,
} from './schemas.ts'
import { createServerSentEventReader, type ServerSentEvent, type ServerSentEventReader } from './sse.ts'
import { parseJSONResponse, type ValidationContext, validateResponse } from './validate.ts'

/**
 * A streamed response: iterate it with `for await` to get each chunk as it arrives, or call
 * `finalResponse()` for the whole accumulated response. It can be consumed once.
 *
 * Any failure after the response headers arrived (an error the server reports inside the stream,
 * a malformed chunk, a cut connection, the timeout, an abort) is thrown from the iteration and
 * carries `partial`: the response accumulated from the chunks already delivered.
 */
export interface KindlingStream<TChunk, TResponse, TState = unknown> extends AsyncIterable<TChunk> {
  /** The HTTP response (status and headers; its body belongs to the stream). */
  readonly response: Response
  /**
   * The accumulator state of every chunk delivered so far, the chunk just yielded included
   * (`createChatAccumulator` / `createCompletionAccumulator` before the first). Immutable: a new
   * object per chunk. Read it (`toChatMessage`, `joinPieces`) rather than accumulating the chunks
   * a second time.
   */
  readonly accumulated: TState
  /** The server's request id, if it sent one. */
  readonly requestId: string | undefined
  /**
   * Fireworks' performance metrics: the `fireworks-*` response headers (prefix removed), overlaid
   * with the `perf_metrics` of the last chunk once it arrived (`perf_metrics_in_response: true`).
   * `undefined` when the server sent neither. Read {@link serverTimeToFirstTokenMs} from it.
   */
  readonly perfMetrics: PerfMetrics | undefined
  /**
   * Stops the stream and closes the connection. A pending or later read fails with
   * `APIUserAbortError` (carrying the partial response); does nothing once the stream ended.
   */
  abort(reason?: unknown): void
  /**
   * Reads whatever is left and resolves with the accumulated response: every choice's text or
   * message (content, `reasoning_content`, `tool_calls` merged by index), `logprobs`,
   * `finish_reason` and `usage`. Rejects with the stream's error, which carries `partial`.
   * Call it instead of a `for await` loop or after one, not while one is running: both would take
   * chunks from the same stream.
   */
  finalResponse(): Promise<TResponse>
}

/** A streamed text completion. */
export type CompletionStream = KindlingStream<
  CompletionStreamResponse,
  CompletionResponse,
  CompletionAccumulatorState
>
/** A streamed chat completion. */
export type ChatCompletionStream = KindlingStream<
  ChatCompletionStreamResponse,
  ChatCompletionResponse,
  ChatAccumulatorState
>

/** How to read one kind of stream. */
export interface StreamSpec<TChunk, TState, TResponse> {
  /** For messages, e.g. `chat completion chunk`. */
  what: string
  /** The hand-written check of a chunk (`chunkGuards.ts`): exactly what the schema `schema` says. */
  isChunk(value: unknown): boolean
  /** The zod schema that explains a chunk `isChunk` rejects. */
  schema: SchemaName
  /** What the client fills in on an accepted chunk (`normalize.ts`). */
  normalize(value: unknown): TChunk
  initial: TState
  accumulate(state: TState, chunk: TChunk): TState
  toResponse(state: TState): TResponse
}

/**
 * Wraps a streaming response into a {@link KindlingStream}: SSE events become validated chunks,
 * folded into an accumulator state as they pass, until `data: [DONE]` or the end of the body.
 */
export function createStream<TChunk, TState, TResponse extends PartialResponse>(
  handle: RequestHandle,
  spec: StreamSpec<TChunk, TState, TResponse>,
  logger: Logger,
): KindlingStream<TChunk, TResponse, TState> {
  const context: ValidationContext = {
    what: spec.what,
    endpoint: handle.endpoint,
    model: handle.model,
    headers: handle.response.headers,
  }
  let state = spec.initial
  const fromHeaders = perfMetricsFromHeaders(handle.response.headers)
  let failure: APIError | undefined
  let started = false
  let finished = false
  let finalPromise: Promise<TResponse> | undefined
  let events: ServerSentEventReader | undefined
  // The read in flight, if any: a `next()` called meanwhile waits for it, as a generator's would.
  let reading: Promise<boolean> | undefined

  // One async step per chunk (the events of a network read are queued and handed out without
  // awaiting): a generator over a generator of events cost a second async step per chunk.
  async function step(): Promise<IteratorResult<TChunk, undefined>> {
    if (finished) return DONE
    try {
      if (!started) {
        started = true
        const body = handle.response.body
        if (body && !isEventStream(handle.response.headers)) {
          throw notAnEventStream(await handle.response.text())
        }
        if (!body) return end()
        events = createServerSentEventReader(body, (comment) => logger.debug(`stream comment: ${comment}`))
      }
      const reader = events as ServerSentEventReader
      for (;;) {
        const event = reader.take()
        if (event === undefined) {
          reading = reader.read()
          const more = await reading
          reading = undefined
          if (more) continue
          return end()
        }
        if (event.data === '[DONE]') return end()
        let chunk = chunkOf(event)
        if (chunk === undefined) continue
        if (chunk instanceof Promise) chunk = await chunk
        // Events already received in one read are not delivered after a timeout or an abort.
        if (handle.signal.aborted) throw handle.errorFor(handle.signal.reason)
        state = spec.accumulate(state, chunk)
        return { done: false, value: chunk }
      }
    } catch (thrown) {
      reading = undefined
      if (finished) return DONE
      const error = thrown instanceof KindlingError ? (thrown as APIError) : handle.errorFor(thrown)
      error.partial = spec.toResponse(state)
      failure = error
      stop()
      throw error
    }
  }

  function end(): IteratorResult<TChunk, undefined> {
    stop()
    return DONE
  }

  function stop(): void {
    finished = true
    events?.close()
    handle.release()
  }

  // The consumer left the loop early: close the connection; the stream counts as aborted.
  function leave(): IteratorResult<TChunk, undefined> {
    if (!finished) {
      handle.abort()
      failure = new APIUserAbortError({
        message: `${handle.endpoint} stream was closed by the consumer before it finished`,
        endpoint: handle.endpoint,
        model: handle.model,
        partial: spec.toResponse(state),
      })
      stop()
    }
    return DONE
  }

  const next = (): Promise<IteratorResult<TChunk, undefined>> => (reading ? reading.then(next, next) : step())
  const iterator: AsyncIterator<TChunk, undefined> & AsyncIterable<TChunk> = {
    next,
    return: () => (reading ? reading.then(leave, leave) : Promise.resolve(leave())),
    [Symbol.asyncIterator]: () => iterator,
  }

  // The chunk, or a promise of it when the hand-written check said no and zod must decide.
  function chunkOf(event: ServerSentEvent): TChunk | Promise<TChunk> | undefined {
    if (event.event === 'error') throw streamError(event.data)
    if (event.event !== undefined && event.event !== 'message') {
      logger.debug(`ignoring stream event "${event.event}"`)
      return undefined
    }
    if (event.data === '') return undefined
    const json = parseJSONResponse(event.data, context)
    if (typeof json === 'object' && json !== null && 'error' in json && !('choices' in json)) {
      throw streamError(event.data)
    }
    if (spec.isChunk(json)) return spec.normalize(json)
    return validateResponse(spec.schema, json, context).then(spec.normalize)
  }

  function notAnEventStream(text: string): APIError {
    const parsed = parseErrorBody(text)
    if (
      parsed.message !== undefined &&
      typeof parsed.body === 'object' &&
      parsed.body !== null &&
      'error' in parsed.body
    ) {
      return streamError(text)
    }
    return new ResponseValidationError({
      message: `Expected an event stream from ${handle.endpoint}${handle.model ? ` (model "${handle.model}")` : ''}, got ${
        handle.response.headers.get('content-type') ?? 'no content type'
      }: ${JSON.stringify(text.slice(0, 120))}`,
      path: '',
      body: text,
      headers: handle.response.headers,
      endpoint: handle.endpoint,
      model: handle.model,
    })
  }

  function streamError(data: string): APIStreamError {
    const parsed = parseErrorBody(data)
    return new APIStreamError({
      message: `Error inside the stream of ${handle.endpoint}${handle.model ? ` (model "${handle.model}")` : ''}: ${
        parsed.message ?? 'the server reported an error without a message'
      }`,
      body: parsed.body,
      type: parsed.type,
      code: parsed.code,
      param: parsed.param,
      headers: handle.response.headers,
      endpoint: handle.endpoint,
      model: handle.model,
    })
  }

  return {
    response: handle.response,
    get accumulated() {
      return state
    },
    requestId: handle.response.headers.get('x-request-id') ?? undefined,
    get perfMetrics() {
      const final = (state as { perf_metrics?: PerfMetrics | undefined }).perf_metrics
      if (fromHeaders === undefined) return final
      return final === undefined ? fromHeaders : { ...fromHeaders, ...final }
    },
    [Symbol.asyncIterator]: () => iterator,
    abort(reason?: unknown) {
      if (finished) return
      handle.abort(reason)
      if (!started) handle.release()
    },
    finalResponse() {
      finalPromise ??= (async () => {
        while (!(await iterator.next()).done) {
          // Each chunk is accumulated inside the iterator.
        }
        if (failure) throw failure
        return spec.toResponse(state)
      })()
      return finalPromise
    },
  }
}

const DONE: IteratorResult<never, undefined> = Object.freeze({ done: true, value: undefined })

// A JSON answer to a streamed request is an error body or a server that ignored `stream: true`.
// A missing content type is read as a stream: some servers send none.
function isEventStream(headers: Headers): boolean {
  const type = headers.get('content-type')
  return type === null || !type.toLowerCase().includes('application/json')
}
