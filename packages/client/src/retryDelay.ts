// When to retry and how long to wait. Pure functions, so the policy is tested without a network.

/** The longest wait a server may ask for through `Retry-After` before the client gives up instead. */
export const MAX_RETRY_AFTER_MS = 60_000
const INITIAL_DELAY_MS = 500
const MAX_BACKOFF_MS = 8_000

/** Statuses worth retrying: timeout, conflict, rate limit and every server error. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500
}

/**
 * Whether a failed response may be retried: the server's `x-should-retry` header wins when present,
 * otherwise the status decides.
 */
export function shouldRetryResponse(status: number, headers: Headers): boolean {
  const hint = headers.get('x-should-retry')
  if (hint === 'true') return true
  if (hint === 'false') return false
  return isRetryableStatus(status)
}

/**
 * The wait the server asked for, in milliseconds: `retry-after-ms` (a number of milliseconds), else
 * `Retry-After` (seconds or an HTTP date). `undefined` when neither is present or readable.
 */
export function retryAfterMs(headers: Headers | undefined, now: number = Date.now()): number | undefined {
  if (!headers) return undefined
  const ms = headers.get('retry-after-ms')
  if (ms !== null && ms.trim() !== '') {
    const value = Number(ms)
    if (Number.isFinite(value) && value >= 0) return value
  }
  const after = headers.get('retry-after')
  if (after !== null && after.trim() !== '') {
    const seconds = Number(after)
    if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : undefined
    const date = Date.parse(after)
    if (!Number.isNaN(date)) return Math.max(0, date - now)
  }
  return undefined
}

/**
 * How long to wait before retry number `retry` (0 for the first retry): the server's `Retry-After`
 * when it gave one, else exponential backoff from 0.5 s doubling to at most 8 s, less up to 25 %
 * of random jitter so that clients that failed together do not retry together.
 * Returns `undefined` when the server asks for more than {@link MAX_RETRY_AFTER_MS}: better to fail
 * now than to hang.
 */
export function retryDelayMs(
  retry: number,
  headers?: Headers,
  random: () => number = Math.random,
  now: number = Date.now(),
): number | undefined {
  const asked = retryAfterMs(headers, now)
  if (asked !== undefined) return asked <= MAX_RETRY_AFTER_MS ? asked : undefined
  const backoff = Math.min(INITIAL_DELAY_MS * 2 ** retry, MAX_BACKOFF_MS)
  return backoff * (1 - 0.25 * random())
}
