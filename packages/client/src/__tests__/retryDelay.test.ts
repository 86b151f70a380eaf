import { describe, expect, it } from 'vitest'
import {
  isRetryableStatus,
  MAX_RETRY_AFTER_MS,
  retryAfterMs,
  retryDelayMs,
  shouldRetryResponse,
} from '../retryDelay.ts'

describe('retry policy', () => {
  it('retries 408, 409, 429 and 5xx only', () => {
    expect([400, 401, 403, 404, 408, 409, 413, 422, 429, 500, 502, 503].filter(isRetryableStatus)).toEqual([
      408, 409, 429, 500, 502, 503,
    ])
  })

  it('lets x-should-retry override the status', () => {
    expect(shouldRetryResponse(400, new Headers({ 'x-should-retry': 'true' }))).toBe(true)
    expect(shouldRetryResponse(503, new Headers({ 'x-should-retry': 'false' }))).toBe(false)
  })

  it('reads retry-after-ms, Retry-After seconds and Retry-After dates', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250.5' }))).toBe(250.5)
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }))).toBe(2000)
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '100', 'retry-after': '9' }))).toBe(100)
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(retryAfterMs(new Headers({ 'retry-after': 'Thu, 01 Jan 2026 00:00:03 GMT' }), now)).toBe(3000)
    expect(retryAfterMs(new Headers({ 'retry-after': 'soon' }))).toBeUndefined()
    expect(retryAfterMs(new Headers())).toBeUndefined()
  })

  it('backs off exponentially from 0.5 s to at most 8 s, with up to 25 % jitter', () => {
    const none = () => 0
    const full = () => 1
    expect([0, 1, 2, 3, 4, 5, 10].map((retry) => retryDelayMs(retry, undefined, none))).toEqual([
      500, 1000, 2000, 4000, 8000, 8000, 8000,
    ])
    expect(retryDelayMs(0, undefined, full)).toBe(375)
    for (let i = 0; i < 100; i++) {
      const delay = retryDelayMs(1, undefined) ?? 0
      expect(delay).toBeGreaterThanOrEqual(750)
      expect(delay).toBeLessThanOrEqual(1000)
    }
  })

  it("honours the server's wait exactly, and gives up when it is longer than a minute", () => {
    expect(retryDelayMs(3, new Headers({ 'retry-after': '1' }))).toBe(1000)
    expect(
      retryDelayMs(0, new Headers({ 'retry-after': String(MAX_RETRY_AFTER_MS / 1000 + 1) })),
    ).toBeUndefined()
  })
})
