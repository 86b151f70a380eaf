import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as NodeReadableStream } from 'node:stream/web'
import { createApp, createStreamTracker, type StreamTracker } from '@kindling/server'

// A second local server standing in for Fireworks behind the proxy: the built-in models answer under
// the name `upstream/<model>` (names the proxy does not serve itself, so it forwards them), written
// to the socket with backpressure (`pipeline`) and tracked like the server's own streams.

/** The prefix that makes the proxy forward a built-in model's name upstream. */
export const UPSTREAM_PREFIX = 'upstream/'

export interface StandInUpstream {
  /** Base URL for the proxy's `upstream.url`. */
  url: string
  streams: StreamTracker
  /** Authorization headers it was sent, one per request. */
  authorizations: (string | undefined)[]
  /** From now on, streams pause after their first chunk until {@link StandInUpstream.release}. */
  hold(): void
  /** Lets held streams (and later ones) run to the end. */
  release(): void
  close(): Promise<void>
}

export async function startStandInUpstream(): Promise<StandInUpstream> {
  const streams = createStreamTracker()
  // The proxy under test is its only client: no per-client stream cap, and room for the 40 MB
  // answer of the backpressure test.
  const app = createApp({
    tracker: streams,
    cors: false,
    maxUpstreamStreamsPerClient: 0,
    limits: { maxAnswerTokens: 300_000 },
  })
  const authorizations: (string | undefined)[] = []
  let gate: Promise<void> = Promise.resolve()
  let open: () => void = () => {}
  // Passes the first chunk, then waits at the gate: lets a test hold many streams open at once.
  const heldAfterFirstChunk = (body: ReadableStream<Uint8Array>, closed: Promise<void>) => {
    // A caller that leaves while held must not wait for the gate.
    const waitFor = Promise.race([gate, closed])
    let first = true
    return body.pipeThrough(
      new TransformStream<Uint8Array, Uint8Array>({
        async transform(chunk, controller) {
          if (!first) await waitFor
          first = false
          controller.enqueue(chunk)
        },
      }),
    )
  }
  const server: Server = createServer(async (req, res) => {
    authorizations.push(req.headers.authorization)
    let body = ''
    for await (const part of req) body += part
    const controller = new AbortController()
    const closed = new Promise<void>((resolve) => res.on('close', () => resolve()))
    res.on('close', () => controller.abort())
    if (req.method === 'POST') {
      const json = JSON.parse(body)
      json.model = String(json.model).replace(UPSTREAM_PREFIX, '')
      body = JSON.stringify(json)
    }
    const response = await app.fetch(
      new Request(`http://upstream${req.url?.replace('/inference', '')}`, {
        method: req.method ?? 'GET',
        headers: { 'content-type': 'application/json' },
        ...(req.method === 'POST' ? { body } : {}),
        signal: controller.signal,
      }),
    )
    res.writeHead(response.status, Object.fromEntries(response.headers))
    if (!response.body) return void res.end()
    const held = heldAfterFirstChunk(response.body, closed)
    await pipeline(Readable.fromWeb(held as NodeReadableStream<Uint8Array>), res).catch(() => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    streams,
    authorizations,
    hold() {
      gate = new Promise((resolve) => {
        open = resolve
      })
    },
    release: () => open(),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
