import type { ChatCompletionResponse, CompletionResponse } from './schemas.ts'

// Errors are values a caller can branch on: one class per case, each with a message a user can act
// on. Every error raised after a stream has started carries the response accumulated so far.

/** A response accumulated from a stream up to the point where it failed. */
export type PartialResponse = CompletionResponse | ChatCompletionResponse

/** The root of every error this package throws. */
export class KindlingError extends Error {
  override name = 'KindlingError'
}

/** A call was made with arguments that cannot work (raised before any request is sent). */
export class InvalidArgumentError extends KindlingError {
  override name = 'InvalidArgumentError'
}

/** What an {@link APIError} knows; every field but `message` is optional. */
export interface APIErrorInit {
  message: string
  status?: number | undefined
  /** The error body as received: parsed JSON when it was JSON, else the raw text. */
  body?: unknown
  type?: string | undefined
  code?: string | number | undefined
  param?: string | undefined
  headers?: Headers | undefined
  /** The request, e.g. `POST /chat/completions`. */
  endpoint?: string | undefined
  model?: string | undefined
  partial?: PartialResponse | undefined
  cause?: unknown
}

/**
 * The base of every error about a request: an HTTP error status, a failed connection, a timeout,
 * an abort, an invalid response or an error inside a stream.
 */
export class APIError extends KindlingError {
  override name = 'APIError'
  /** HTTP status, or `undefined` when no response arrived (connection, timeout, abort). */
  readonly status: number | undefined
  /** The error body as received: parsed JSON when it was JSON, else the raw text. */
  readonly body: unknown
  /** `error.type` of the body, e.g. `invalid_request_error`. */
  readonly type: string | undefined
  /** `error.code` of the body. */
  readonly code: string | number | undefined
  /** `error.param` of the body: the request field at fault, when the server names it. */
  readonly param: string | undefined
  /** The response headers, when a response arrived. */
  readonly headers: Headers | undefined
  /** The server's request id (`x-request-id` and similar), to quote in a support request. */
  readonly requestId: string | undefined
  /** The request, e.g. `POST /chat/completions`. */
  readonly endpoint: string | undefined
  /** The model the request named. */
  readonly model: string | undefined
  /**
   * For a failure in the middle of a stream: the response accumulated from the chunks already
   * delivered (they stay delivered). `undefined` when the request failed before streaming.
   */
  partial: PartialResponse | undefined

  constructor(init: APIErrorInit) {
    super(init.message, init.cause === undefined ? undefined : { cause: init.cause })
    this.status = init.status
    this.body = init.body
    this.type = init.type
    this.code = init.code
    this.param = init.param
    this.headers = init.headers
    this.requestId = requestIdOf(init.headers)
    this.endpoint = init.endpoint
    this.model = init.model
    this.partial = init.partial
  }
}

/** 400 or 422: the server rejected the request's content (see `param` for the field). */
export class InvalidRequestError extends APIError {
  override name = 'InvalidRequestError'
}
/** 401: the API key is missing, wrong or revoked. */
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError'
}
/** 403: the key is valid but may not use this model or endpoint. */
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError'
}
/** 404: unknown model or route. */
export class NotFoundError extends APIError {
  override name = 'NotFoundError'
}
/** 409: the request conflicts with the server's state (retried). */
export class ConflictError extends APIError {
  override name = 'ConflictError'
}
/** 413: the request body is larger than the server accepts. */
export class PayloadTooLargeError extends APIError {
  override name = 'PayloadTooLargeError'
}
/** 429: too many requests or tokens (retried, honouring `Retry-After`). */
export class RateLimitError extends APIError {
  override name = 'RateLimitError'
}
/** 5xx: the server or a gateway in front of it failed (retried). */
export class InternalServerError extends APIError {
  override name = 'InternalServerError'
}
/** No response: DNS, refused or reset connection, or the connection cut mid-stream. */
export class APIConnectionError extends APIError {
  override name = 'APIConnectionError'
}
/** `requestTimeout` elapsed (it covers the whole request, streaming included). */
export class APITimeoutError extends APIError {
  override name = 'APITimeoutError'
}
/** The caller aborted: through `signal`, `stream.abort()` or by leaving a `for await` loop early. */
export class APIUserAbortError extends APIError {
  override name = 'APIUserAbortError'
}
/** The response (or a stream chunk) is not valid JSON or lacks a required field. */
export class ResponseValidationError extends APIError {
  override name = 'ResponseValidationError'
  /** Where in the response the first problem is, e.g. `choices[0].delta.content` (`''` for the root). */
  readonly path: string
  constructor(init: APIErrorInit & { path: string }) {
    super(init)
    this.path = init.path
  }
}
/** The server reported an error inside a stream (`event: error` or `data: {"error": …}`). */
export class APIStreamError extends APIError {
  override name = 'APIStreamError'
}

/** The request id a server put in `headers`, if any. */
function requestIdOf(headers: Headers | undefined): string | undefined {
  if (!headers) return undefined
  return (
    headers.get('x-request-id') ??
    headers.get('request-id') ??
    headers.get('fireworks-request-id') ??
    headers.get('x-fireworks-request-id') ??
    undefined
  )
}

const httpStatusText: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  409: 'Conflict',
  413: 'Payload Too Large',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
}

interface ParsedErrorBody {
  body: unknown
  message: string | undefined
  type: string | undefined
  code: string | number | undefined
  param: string | undefined
}

/**
 * Reads an error body in any of the shapes servers send: OpenAI's `{"error": {message, type, code}}`,
 * `{"error": "text"}`, FastAPI's `{"detail": …}`, a bare `{"message": …}`, an HTML page from a
 * gateway, plain text, or nothing at all.
 */
export function parseErrorBody(text: string): ParsedErrorBody {
  const trimmed = text.trim()
  const result: ParsedErrorBody = {
    body: text,
    message: undefined,
    type: undefined,
    code: undefined,
    param: undefined,
  }
  if (trimmed === '') return result
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    try {
      const json: unknown = JSON.parse(trimmed)
      result.body = json
      const record = asRecord(json)
      const error = record?.error
      const inner = asRecord(error)
      if (inner) {
        result.message = stringOf(inner.message) ?? stringOf(inner.detail)
        result.type = stringOf(inner.type)
        result.code = typeof inner.code === 'number' ? inner.code : stringOf(inner.code)
        result.param = stringOf(inner.param)
      } else if (typeof error === 'string') {
        result.message = error
      } else if (record) {
        result.message = stringOf(record.message) ?? detailMessage(record.detail)
        result.type = stringOf(record.type)
        result.code = typeof record.code === 'number' ? record.code : stringOf(record.code)
      }
      return result
    } catch {
      // Not JSON after all: fall through to text.
    }
  }
  if (/^<(!doctype|html|head|body)/i.test(trimmed)) {
    const title = /<title[^>]*>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim()
    const h1 = /<h1[^>]*>([^<]*)<\/h1>/i.exec(trimmed)?.[1]?.trim()
    // Express's default page: `<title>Error</title>` and the explanation in `<pre>Cannot GET /…</pre>`.
    const pre = /<pre[^>]*>([^<]*)<\/pre>/i.exec(trimmed)?.[1]?.trim()
    result.message =
      h1 || pre || (title && title !== 'Error' ? title : undefined) || 'the server answered with an HTML page'
    return result
  }
  result.message = trimmed.length > 300 ? `${trimmed.slice(0, 300)}…` : trimmed
  return result
}

function asRecord(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined
}

function detailMessage(detail: unknown): string | undefined {
  if (typeof detail === 'string') return detail
  if (Array.isArray(detail)) {
    const parts = detail.map((item) => {
      const record = asRecord(item)
      const msg = stringOf(record?.msg) ?? JSON.stringify(item)
      return Array.isArray(record?.loc) ? `${record.loc.join('.')}: ${msg}` : msg
    })
    return parts.length > 0 ? parts.join('; ') : undefined
  }
  return undefined
}

/** Context for messages: which request failed and for which model. */
export interface ErrorContext {
  endpoint: string
  model?: string | undefined
  /** Whether the client had an API key (a 401 without one says how to set it). */
  hasApiKey?: boolean
}

/**
 * The typed error for an HTTP error response: picks the subclass from the status and writes a
 * message that names the status, the request and the server's own explanation.
 */
export function errorFromResponse(
  status: number,
  headers: Headers,
  bodyText: string,
  context: ErrorContext,
): APIError {
  const parsed = parseErrorBody(bodyText)
  const statusLine = `${status} ${httpStatusText[status] ?? 'Error'}`
  const where = `${context.endpoint}${context.model ? ` (model "${context.model}")` : ''}`
  let explanation = parsed.message ?? 'no response body'
  if (status === 401 && context.hasApiKey === false) {
    explanation += '; no API key was set: pass `apiKey` to createClient or set FIREWORKS_API_KEY'
  }
  const init: APIErrorInit = {
    message: `${statusLine} from ${where}: ${explanation}`,
    status,
    body: parsed.body,
    type: parsed.type,
    code: parsed.code,
    param: parsed.param,
    headers,
    endpoint: context.endpoint,
    model: context.model,
  }
  const ErrorClass = errorClassFor(status)
  return new ErrorClass(init)
}

function errorClassFor(status: number): typeof APIError {
  switch (status) {
    case 400:
    case 422:
      return InvalidRequestError
    case 401:
      return AuthenticationError
    case 403:
      return PermissionDeniedError
    case 404:
      return NotFoundError
    case 409:
      return ConflictError
    case 413:
      return PayloadTooLargeError
    case 429:
      return RateLimitError
    default:
      return status >= 500 ? InternalServerError : APIError
  }
}
