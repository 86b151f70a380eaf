import { createServer, type IncomingHttpHeaders, request, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach } from 'vitest'

/** Cases per property in the hostile-input tests; `pnpm test:stress` raises it (`KINDLING_HOSTILE_RUNS`). */
export const HOSTILE_RUNS: number = Number(process.env.KINDLING_HOSTILE_RUNS ?? 40)

/** One request a stand-in upstream received. */
export interface Recorded {
  method: string
  url: string
  headers: IncomingHttpHeaders
  body: string
}

type Answer = (recorded: Recorded, res: ServerResponse) => void | Promise<void>

const okAnswer: Answer = (recorded, res) => {
  res.writeHead(200, { 'content-type': 'application/json' })
  res.end(recorded.url.endsWith('/models') ? '{"object":"list","data":[]}' : '{"id":"up","choices":[]}')
}

const upstreams: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(upstreams.splice(0).map((upstream) => upstream.close()))
})

/** A stand-in upstream on 127.0.0.1 that records every request; closed after the test. */
export async function recordingUpstream(answer: Answer = okAnswer) {
  const seen: Recorded[] = []
  const server = createServer(async (req, res) => {
    let body = ''
    for await (const part of req) body += part
    const recorded = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body }
    seen.push(recorded)
    await answer(recorded, res)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const upstream = {
    port,
    url: `http://127.0.0.1:${port}/v1`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
  upstreams.push(upstream)
  return upstream
}

/** What {@link rawRequest} got back. */
export interface RawResponse {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * An HTTP request with exactly the headers given (fetch will not send a forged `Host`), to the
 * server at `url` (its origin).
 */
export function rawRequest(
  url: string,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  const { hostname, port } = new URL(url)
  return new Promise((resolve, reject) => {
    const req = request(
      { host: hostname, port, path, method: options.method ?? 'GET', headers: options.headers ?? {} },
      async (res) => {
        let body = ''
        for await (const part of res) body += part
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body })
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

/** A chat request body for `model`. */
export const chatBody = (model: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }], ...extra })

/** Test timeout for the hostile-input properties: they take longer as `HOSTILE_RUNS` grows. */
export const HOSTILE_TIMEOUT: number = 10_000 + HOSTILE_RUNS * 100
