import { connect } from 'node:net'
import { type RunningServer, type StreamTracker, startServer } from '@kindling/server'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { type StandInUpstream, startStandInUpstream, UPSTREAM_PREFIX } from './standInUpstream.ts'

// A reader that stops reading must cost the server its socket buffers, not the whole answer: the
// server hands Node one frame per read and waits for the socket to drain; through the proxy, the
// upstream is read only as fast as the caller reads (see RELIABILITY.md).

const running: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.close()))
})
const figures: string[] = []
afterAll(() => console.log(`[reliability] backpressure: ${figures.join('; ')}`))

// About 40 MB of SSE: 12 choices × 20 000 tokens, one chunk each.
const words = Array.from({ length: 20_000 }, (_, i) => `w${i % 10}`).join(' ')
const longRequest = (model: string) =>
  JSON.stringify({ model, n: 12, stream: true, messages: [{ role: 'user', content: words }] })
const MB = 1024 * 1024

/** A raw HTTP client that sends the request and does not read the answer until told to. */
function pausedReader(url: string, body: string) {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  socket.pause()
  socket.write(
    `POST /v1/chat/completions HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  )
  return {
    /** Reads everything that is left; resolves with the bytes received and the tail of the text. */
    readAll: () =>
      new Promise<{ received: number; tail: string }>((resolve, reject) => {
        let received = 0
        let tail = ''
        socket.on('data', (data: Buffer) => {
          received += data.length
          tail = (tail + data.toString('latin1')).slice(-200)
        })
        socket.on('end', () => resolve({ received, tail }))
        socket.on('error', reject)
        socket.resume()
      }),
  }
}

/** Waits until the newest stream's byte count has stopped growing (unchanged over 10 polls). */
async function bytesWhenStalled(streams: StreamTracker): Promise<number> {
  let last = -1
  let unchanged = 0
  while (unchanged < 10) {
    await new Promise((resolve) => setTimeout(resolve, 50))
    const bytes = streams.stats().recent.at(-1)?.bytes ?? -1
    if (bytes > 0 && bytes === last) unchanged++
    else unchanged = 0
    last = bytes
  }
  return last
}

describe('a client that stops reading', () => {
  it('holds the server to its socket buffers, then gets the whole answer when it reads', async () => {
    // 240 000 tokens: far past the default maxAnswerTokens, which this test lifts on purpose.
    const server: RunningServer = await startServer({ port: 0, limits: { maxAnswerTokens: 300_000 } })
    running.push(server)
    const reader = pausedReader(server.url, longRequest('kindling-echo'))
    const stalledAt = await bytesWhenStalled(server.streams)
    const { received, tail } = await reader.readAll()
    const record = server.streams.stats().recent.at(-1)
    expect(record?.end).toBe('completed')
    const total = record?.bytes ?? 0
    expect(tail).toContain('data: [DONE]')
    expect(received).toBeGreaterThan(total)
    // Loopback socket buffers reach a few MB at most (tcp_wmem max is 4 MB here): a server that
    // buffered would have produced all ~40 MB at once.
    expect(total).toBeGreaterThan(30 * MB)
    expect(stalledAt).toBeLessThan(total / 4)
    figures.push(
      `direct: ${(stalledAt / MB).toFixed(2)} MB produced of ${(total / MB).toFixed(1)} MB while paused`,
    )
  }, 60_000)

  it('through the proxy, also holds the upstream to the socket buffers', async () => {
    const upstream: StandInUpstream = await startStandInUpstream()
    running.push(upstream)
    const proxy = await startServer({ port: 0, upstream: { url: upstream.url, apiKey: 'proxy-key' } })
    running.push(proxy)
    const reader = pausedReader(proxy.url, longRequest(`${UPSTREAM_PREFIX}kindling-echo`))
    const upstreamStalledAt = await bytesWhenStalled(upstream.streams)
    const proxyStalledAt = await bytesWhenStalled(proxy.streams)
    const { tail } = await reader.readAll()
    expect(tail).toContain('data: [DONE]')
    const total = upstream.streams.stats().recent.at(-1)?.bytes ?? 0
    expect(proxy.streams.stats().recent.at(-1)).toMatchObject({
      end: 'completed',
      source: 'proxied',
      bytes: total,
    })
    expect(total).toBeGreaterThan(30 * MB)
    // Two hops of socket buffers (caller←proxy, proxy←upstream): up to ~13 MB on a loaded machine.
    expect(upstreamStalledAt).toBeLessThan(total / 2)
    expect(proxyStalledAt).toBeLessThanOrEqual(upstreamStalledAt)
    figures.push(
      `proxied: upstream produced ${(upstreamStalledAt / MB).toFixed(2)} MB and proxy passed ${(proxyStalledAt / MB).toFixed(2)} MB of ${(total / MB).toFixed(1)} MB while paused`,
    )
  }, 60_000)
})
