import {
  APIConnectionError,
  type APIError,
  APITimeoutError,
  APIUserAbortError,
  errorFromResponse,
  InvalidArgumentError,
  KindlingError,
} from './errors.ts'
import { type Logger, redactHeaders } from './logger.ts'
import { retryDelayMs, shouldRetryResponse } from './retryDelay.ts'

// fetch with retries, one deadline for the whole request (streaming included) and user aborts kept
// apart from timeouts.

/** Options every call accepts besides its request parameters. */
export interface RequestOptions {
  /** Seconds before the whole request (retries and streaming included) fails with `APITimeoutError`. */
  requestTimeout?: number
  /** Aborts the request (or the stream) with `APIUserAbortError`. */
  signal?: AbortSignal
  /** Extra headers for this request (they override the client's). */
  headers?: Record<string, string>
  /** Retries for this request; default the client's `maxRetries`. */
  maxRetries?: number
  /**
   * Times a stream whose connection drops mid-answer is resumed (servers that number their streams,
   * like `@kindling/server` with `resumable` on), before the drop's error is thrown with the partial
   * answer. Default 3; `0` neither resumes nor asks the server to keep generating.
   */
  maxResumes?: number
}

/** A client's settings after defaults were applied. */
export interface ClientConfig {
  readonly apiKey: string | undefined
  readonly baseURL: string
  readonly fetch: typeof fetch
  readonly headers: Readonly<Record<string, string>>
  readonly maxRetries: number
  /** Whether streamed requests ask the server to keep generating across a reconnect. */
  readonly resumable: boolean
  readonly logger: Logger
}

/** One request to send. */
export interface RequestSpec {
  method: 'GET' | 'POST'
  /** Path under the base URL, e.g. `/chat/completions`. */
  path: string
  body?: unknown
  model?: string | undefined
  stream: boolean
  /** Used when `options.requestTimeout` is not given. */
  defaultTimeoutSeconds: number
  options: RequestOptions
}

/** A request whose response headers arrived with a success status. */
export interface RequestHandle {
  readonly response: Response
  /** The whole body, read inside the retry loop (non-streamed requests only). */
  readonly bodyText: string | undefined
  /** `POST /chat/completions`, for messages. */
  readonly endpoint: string
  readonly model: string | undefined
  /** Aborted when the deadline passes or the caller aborts: reading should stop. */
  readonly signal: AbortSignal
  /** Aborts as the caller: reading the body then fails with `APIUserAbortError`. */
  abort(reason?: unknown): void
  /** The typed error for a failure while reading the body: timeout, user abort or connection. */
  errorFor(error: unknown): APIError
  /** Stops the deadline timer and detaches from the caller's signal. Idempotent. */
  release(): void
}

type AbortCause = 'timeout' | 'user'
const MAX_TIMER_MS = 2 ** 31 - 1

/** Sends a request, retrying what may be retried, and resolves when a success response arrived. */
export async function sendRequest(config: ClientConfig, init: RequestSpec): Promise<RequestHandle> {
  const { options } = init
  const endpoint = `${init.method} ${init.path}`
  const url = `${config.baseURL.replace(/\/+$/, '')}${init.path}`
  const timeoutSeconds = options.requestTimeout ?? init.defaultTimeoutSeconds
  if (typeof timeoutSeconds !== 'number' || !(timeoutSeconds > 0)) {
    throw new InvalidArgumentError(
      `${init.method} ${init.path}: \`requestTimeout\` must be a positive number of seconds`,
    )
  }
  const timeoutMs = timeoutSeconds * 1000
  const maxRetries = options.maxRetries ?? config.maxRetries
  const logger = config.logger
  const started = Date.now()
  const deadline = started + timeoutMs

  const controller = new AbortController()
  let cause: AbortCause | undefined
  const abortAs = (why: AbortCause, reason?: unknown) => {
    if (cause !== undefined) return
    cause = why
    controller.abort(reason)
  }
  // Timers cannot wait longer than 2^31-1 ms (they would fire at once): longer means no deadline.
  const timer = timeoutMs <= MAX_TIMER_MS ? setTimeout(() => abortAs('timeout'), timeoutMs) : undefined
  // Do not keep a Node process alive for a stream nobody reads; open sockets still do.
  ;(timer as { unref?: () => void } | undefined)?.unref?.()
  const userSignal = options.signal
  const onUserAbort = () => abortAs('user', userSignal?.reason)
  userSignal?.addEventListener('abort', onUserAbort, { once: true })
  let released = false
  const release = () => {
    if (released) return
    released = true
    clearTimeout(timer)
    userSignal?.removeEventListener('abort', onUserAbort)
  }

  const where = `${endpoint}${init.model ? ` (model "${init.model}")` : ''}`
  const abortError = (error?: unknown): APIError =>
    cause === 'timeout'
      ? new APITimeoutError({
          message: `${where} timed out after ${timeoutSeconds} s (requestTimeout)`,
          endpoint,
          model: init.model,
          cause: error,
        })
      : new APIUserAbortError({ message: `${where} was aborted`, endpoint, model: init.model, cause: error })
  const errorFor = (error: unknown): APIError => {
    if (cause !== undefined) return abortError(error)
    if (error instanceof KindlingError) return error as APIError
    return new APIConnectionError({
      message: `Connection to ${url} failed during ${where}: ${describe(error)}`,
      endpoint,
      model: init.model,
      cause: error,
    })
  }

  // A Headers object, so that names differing only in case (Authorization / authorization) merge.
  const headers = new Headers({ accept: init.stream ? 'text/event-stream' : 'application/json' })
  for (const extra of [config.headers, options.headers]) {
    if (extra) for (const [name, value] of Object.entries(extra)) headers.set(name, value)
  }
  if (config.apiKey && !headers.has('authorization')) headers.set('authorization', `Bearer ${config.apiKey}`)
  let body: string | undefined
  if (init.body !== undefined) {
    if (!headers.has('content-type')) headers.set('content-type', 'application/json')
    body = JSON.stringify(init.body)
  }

  try {
    if (userSignal?.aborted) {
      onUserAbort()
      throw abortError(userSignal.reason)
    }
    for (let retry = 0; ; retry++) {
      logger.debug(`${init.method} ${url}${retry > 0 ? ` (retry ${retry})` : ''}`, {
        headers: redactHeaders(headers),
      })
      const outcome = await attempt()
      if ('handle' in outcome) return outcome.handle
      const failure = outcome.error
      if (!outcome.retryable || retry >= maxRetries) throw failure
      const delay = retryDelayMs(retry, failure.headers)
      if (delay === undefined || Date.now() + delay >= deadline) throw failure
      logger.warn(`${failure.message}; retrying in ${Math.round(delay)} ms (${retry + 1}/${maxRetries})`)
      await sleep(delay, controller.signal).catch((thrown: unknown) => {
        throw abortError(thrown)
      })
    }
  } catch (thrown) {
    release()
    const error = thrown instanceof KindlingError ? thrown : errorFor(thrown)
    if (error instanceof APIUserAbortError) logger.debug(error.message)
    else logger.error(error.message)
    throw error
  }

  /** One try: a handle on success, else the error and whether it may be retried. Aborts throw. */
  async function attempt(): Promise<{ handle: RequestHandle } | { error: APIError; retryable: boolean }> {
    let response: Response
    try {
      response = await config.fetch(url, {
        method: init.method,
        headers,
        body: body ?? null,
        signal: controller.signal,
      })
    } catch (thrown) {
      const error = errorFor(thrown)
      if (cause !== undefined) throw error
      return { error, retryable: true }
    }
    if (!response.ok) {
      const text = await response.text().catch((thrown: unknown) => {
        if (cause !== undefined) throw abortError(thrown)
        return ''
      })
      const error = errorFromResponse(response.status, response.headers, text, {
        endpoint,
        model: init.model,
        hasApiKey: config.apiKey !== undefined,
      })
      return { error, retryable: shouldRetryResponse(response.status, response.headers) }
    }
    logger.info(`${endpoint} → ${response.status} in ${Date.now() - started} ms`, {
      requestId: response.headers.get('x-request-id') ?? undefined,
    })
    if (init.stream) return { handle: handle(response, undefined) }
    try {
      return { handle: handle(response, await response.text()) }
    } catch (thrown) {
      const error = errorFor(thrown)
      if (cause !== undefined) throw error
      return { error, retryable: true }
    }
  }

  function handle(response: Response, bodyText: string | undefined): RequestHandle {
    if (bodyText !== undefined) release()
    return {
      response,
      bodyText,
      endpoint,
      model: init.model,
      signal: controller.signal,
      abort: (reason?: unknown) => abortAs('user', reason),
      errorFor,
      release,
    }
  }
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error.message}${cause}`
}

/** Waits `ms`, or rejects as soon as `signal` aborts. */
function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason)
    const onAbort = () => {
      clearTimeout(timer)
      reject(signal.reason)
    }
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort)
      resolve()
    }, ms)
    signal.addEventListener('abort', onAbort, { once: true })
  })
}
