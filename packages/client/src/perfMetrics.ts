import type { PerfMetrics } from './schemas.ts'

// Fireworks reports server-side timings as `fireworks-*` response headers (all of them on a
// non-streamed response, a few such as `fireworks-server-time-to-first-token` on a stream) and,
// with `perf_metrics_in_response: true`, as `perf_metrics` on the last chunk or the response, under
// the same names without the prefix. Durations are seconds.

const PREFIX = 'fireworks-'

/** The `fireworks-*` headers, prefix removed, or `undefined` when there are none. */
export function perfMetricsFromHeaders(headers: Headers): PerfMetrics | undefined {
  let metrics: PerfMetrics | undefined
  headers.forEach((value, name) => {
    if (!name.startsWith(PREFIX)) return
    metrics ??= {}
    metrics[name.slice(PREFIX.length)] = value
  })
  return metrics
}

/**
 * The server's time to first token in milliseconds (`server-time-to-first-token`, sent in seconds),
 * or `undefined` when the server did not report it.
 *
 * @example
 * const stream = await client.chatCompletion.create(model, messages, { stream: true })
 * serverTimeToFirstTokenMs(stream.perfMetrics) // e.g. 212.5
 */
export function serverTimeToFirstTokenMs(metrics: PerfMetrics | null | undefined): number | undefined {
  const value = metrics?.['server-time-to-first-token']
  const seconds = typeof value === 'number' ? value : typeof value === 'string' ? Number(value) : Number.NaN
  return Number.isFinite(seconds) ? seconds * 1000 : undefined
}
