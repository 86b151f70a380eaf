import { errorResponse } from './errors.ts'

/** An HTTP error the request asked for instead of an answer. */
export interface HttpFault {
  status: 400 | 401 | 403 | 404 | 413 | 422 | 429 | 500 | 502 | 503
  /** The field a 400/422 names, or the Retry-After seconds of a 429/503. */
  value?: string
}

/** The faults one request asked for, parsed from `x-kindling-fault` and the model-name suffix. */
export interface Faults {
  http?: HttpFault
  /** Close the connection (no terminating chunk) after this many data chunks. */
  cutAfter?: number
  /** Send nothing more after this many data chunks; the connection stays open. */
  stallAfter?: number
  /** Send one chunk of malformed JSON after this many data chunks, then carry on. */
  malformedAfter?: number
  /** Send `event: error` with an error body after this many data chunks, then end. */
  errorEventAfter?: number
  /** Send `data: {"error":…}` after this many data chunks, then end. */
  errorChunkAfter?: number
  /** End the stream without `data: [DONE]`. */
  noDone?: boolean
  /** Send a `: ping` comment line before every this-many data chunks. */
  pingEvery?: number
  /** End lines with CRLF instead of LF. */
  crlf?: boolean
  /** Milliseconds to wait before each chunk (overrides the server's and the header's delay). */
  delayMs?: number
  /** Tool calls carry arguments that are not JSON (`json`) or JSON that breaks the tool's schema (`schema`). */
  badArguments?: 'json' | 'schema'
}

const HTTP_STATUSES = new Set([400, 401, 403, 404, 413, 422, 429, 500, 502, 503])
const COUNTED = {
  cut: 'cutAfter',
  stall: 'stallAfter',
  malformed: 'malformedAfter',
  'error-event': 'errorEventAfter',
  'error-chunk': 'errorChunkAfter',
} as const
/** The N of a mid-stream fault written without one: after the role chunk and one content chunk. */
export const DEFAULT_FAULT_AFTER = 2

function parseCount(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback
  const count = Number(value)
  if (!Number.isInteger(count) || count < 0)
    throw new Error(`fault '${name}' needs a whole number, got '${value}'`)
  return count
}

/**
 * Parses a fault list such as `cut=3, crlf` or `429=5`: items separated by commas, `+` or spaces,
 * each `name` or `name=value`. Throws an Error naming the first item it does not understand.
 */
export function parseFaults(spec: string): Faults {
  const faults: Faults = {}
  for (const item of spec.split(/[\s,+]+/)) {
    if (item === '') continue
    const [name = '', value] = item.split('=', 2) as [string, string | undefined]
    if (/^\d{3}$/.test(name) && HTTP_STATUSES.has(Number(name))) {
      faults.http ??=
        value === undefined
          ? { status: Number(name) as HttpFault['status'] }
          : { status: Number(name) as HttpFault['status'], value }
    } else if (name in COUNTED) {
      faults[COUNTED[name as keyof typeof COUNTED]] = parseCount(name, value, DEFAULT_FAULT_AFTER)
    } else if (name === 'no-done') faults.noDone = true
    else if (name === 'crlf') faults.crlf = true
    else if (name === 'ping') faults.pingEvery = Math.max(1, parseCount(name, value, 1))
    else if (name === 'delay') faults.delayMs = parseCount(name, value, 0)
    else if (name === 'badargs' && (value === undefined || value === 'json' || value === 'schema'))
      faults.badArguments = value ?? 'json'
    else throw new Error(`unknown fault '${item}'`)
  }
  return faults
}

/** Splits `kindling-echo+cut=3` into the model id and the fault list after the first `+`. */
export function splitModelFaults(model: string): { model: string; spec: string | null } {
  const at = model.indexOf('+')
  return at === -1 ? { model, spec: null } : { model: model.slice(0, at), spec: model.slice(at + 1) }
}

/** Both fault sources of one request merged; the header's items win over the suffix's. */
export function mergeFaults(fromSuffix: Faults, fromHeader: Faults): Faults {
  return { ...fromSuffix, ...fromHeader }
}

const BAD_GATEWAY_HTML =
  '<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n'

/** The response an HTTP fault stands for: the status, headers and body a real service sends. */
export function httpFaultResponse(fault: HttpFault, model: string | undefined): Response {
  const injected = ' (fault injected by kindling)'
  switch (fault.status) {
    case 400:
    case 422: {
      const param = fault.value ?? 'temperature'
      return errorResponse(fault.status, `Invalid value for '${param}'${injected}.`, {
        code: fault.status === 400 ? 'invalid_value' : 'unprocessable_entity',
        param,
      })
    }
    case 401:
      return errorResponse(401, `Incorrect API key provided${injected}.`, {
        type: 'authentication_error',
        code: 'invalid_api_key',
      })
    case 403:
      return errorResponse(403, `You do not have access to this resource${injected}.`, {
        type: 'permission_error',
        code: 'permission_denied',
      })
    case 404:
      return errorResponse(
        404,
        `The model '${model ?? ''}' does not exist or you do not have access to it${injected}.`,
        {
          code: 'model_not_found',
          param: 'model',
        },
      )
    case 413:
      return errorResponse(413, `Request body too large${injected}.`, { code: 'request_too_large' })
    case 429:
      return errorResponse(429, `Rate limit reached, retry after ${fault.value ?? '1'} s${injected}.`, {
        type: 'rate_limit_error',
        code: 'rate_limit_exceeded',
        headers: { 'retry-after': fault.value ?? '1' },
      })
    case 500:
      return errorResponse(500, `The server had an error while processing your request${injected}.`, {
        type: 'server_error',
        code: 'internal_error',
      })
    case 502:
      return new Response(BAD_GATEWAY_HTML, { status: 502, headers: { 'content-type': 'text/html' } })
    case 503:
      return errorResponse(503, `The server is overloaded, try again later${injected}.`, {
        type: 'server_error',
        code: 'service_unavailable',
        ...(fault.value === undefined ? {} : { headers: { 'retry-after': fault.value } }),
      })
  }
}
