import { createServer, type ServerResponse } from 'node:http'
import { type AddressInfo, connect, type Socket } from 'node:net'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { serverOptionsFromEnv } from '../index.ts'
import { post, serve, user } from './helpers.ts'

// Limits that keep one client from holding the server: slow or silent connections are dropped by
// Node's timeouts, and concurrent upstream requests are capped per client with a 429.

const sockets: Socket[] = []
afterEach(() => {
  for (const socket of sockets.splice(0)) socket.destroy()
})

/** A raw TCP connection to the server, collecting what it answers and when it is closed. */
function rawConnection(url: string) {
  const { hostname, port } = new URL(url)
  const socket = connect(Number(port), hostname)
  sockets.push(socket)
  let received = ''
  socket.on('data', (data) => {
    received += data
  })
  socket.on('error', () => {})
  const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()))
  return { socket, closed, received: () => received }
}

const figures = { dropped: 0, refused: 0 }
afterAll(() => {
  console.log(
    `[reliability] limits: ${figures.dropped} slow or silent connections dropped by timeouts, ` +
      `${figures.refused} requests over the per-client upstream cap answered 429`,
  )
})

describe('timeouts', () => {
  it('drops a client that sends its headers too slowly, with a 408', async () => {
    const server = await serve({ headersTimeoutMs: 300 })
    const { socket, closed, received } = rawConnection(server.url)
    socket.write('POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n')
    // One byte of a never-ending header every 20 ms: busy, never idle, never done.
    const trickle = setInterval(() => socket.writable && socket.write('x'), 20)
    socket.write('X-Slow: ')
    await closed
    clearInterval(trickle)
    expect(received()).toMatch(/^HTTP\/1\.1 408/)
    figures.dropped++
    // The server itself carries on.
    expect(
      (await post(server, '/v1/chat/completions', { model: 'kindling-echo', messages: [user('ok')] })).status,
    ).toBe(200)
  })

  it('drops a client that connects and says nothing', async () => {
    const server = await serve({ headersTimeoutMs: 300, idleTimeoutMs: 300 })
    const { closed } = rawConnection(server.url)
    await closed
    figures.dropped++
  })

  it('drops a client that sends its body too slowly, with a 408', async () => {
    const server = await serve({ headersTimeoutMs: 200, requestTimeoutMs: 400 })
    const { socket, closed, received } = rawConnection(server.url)
    socket.write(
      'POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\ncontent-type: application/json\r\ncontent-length: 1000\r\n\r\n{',
    )
    const trickle = setInterval(() => socket.writable && socket.write(' '), 20)
    await closed
    clearInterval(trickle)
    expect(received()).toMatch(/HTTP\/1\.1 408/)
    figures.dropped++
  })

  it('closes a stalled stream once the connection has been idle for idleTimeoutMs', async () => {
    const server = await serve({ idleTimeoutMs: 300 })
    const ended = server.streams.waitForStreamEnd()
    const response = await post(server, '/v1/chat/completions', {
      model: 'kindling-text+stall=1',
      stream: true,
      messages: [user('hi')],
    })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    expect((await ended).end).toBe('client-closed')
    await expect(reader.read()).rejects.toThrow()
    figures.dropped++
  })

  it('closes an idle keep-alive connection after keepAliveTimeoutMs', async () => {
    const server = await serve({ keepAliveTimeoutMs: 200 })
    const { socket, closed, received } = rawConnection(server.url)
    socket.write('GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n')
    await closed
    expect(received()).toMatch(/^HTTP\/1\.1 200/)
    expect(received()).toContain('kindling-echo')
  })

  it('reads the limits from the environment and refuses nonsense', () => {
    expect(
      serverOptionsFromEnv({
        KINDLING_HEADERS_TIMEOUT_MS: '1000',
        KINDLING_REQUEST_TIMEOUT_MS: '2000',
        KINDLING_KEEP_ALIVE_TIMEOUT_MS: '3000',
        KINDLING_IDLE_TIMEOUT_MS: '0',
        KINDLING_MAX_UPSTREAM_STREAMS_PER_CLIENT: '2',
      }),
    ).toEqual({
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
      keepAliveTimeoutMs: 3000,
      idleTimeoutMs: 0,
      maxUpstreamStreamsPerClient: 2,
    })
    expect(() => serverOptionsFromEnv({ KINDLING_IDLE_TIMEOUT_MS: 'soon' })).toThrow(
      /KINDLING_IDLE_TIMEOUT_MS needs a non-negative number, got 'soon'/,
    )
  })
})

/** An upstream whose streams send one chunk and then stay open until the client leaves. */
async function endlessUpstream() {
  const open = new Set<ServerResponse>()
  const server = createServer(async (req, res) => {
    for await (const _ of req) {
      // drain the body
    }
    if (req.url?.endsWith('/models')) return void res.end('{"data":[]}')
    res.writeHead(200, { 'content-type': 'text/event-stream' })
    res.write(
      'data: {"id":"u","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"content":"x"},"finish_reason":null}]}\n\n',
    )
    open.add(res)
    res.on('close', () => open.delete(res))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    open,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

describe('concurrent upstream requests per client', () => {
  const upstreams: Awaited<ReturnType<typeof endlessUpstream>>[] = []
  afterEach(async () => {
    await Promise.all(upstreams.splice(0).map((upstream) => upstream.close()))
  })

  async function proxy(limit?: number, clientId?: (request: Request) => string) {
    const upstream = await endlessUpstream()
    upstreams.push(upstream)
    const server = await serve({
      upstream: { url: upstream.url, apiKey: 'k' },
      ...(limit === undefined ? {} : { maxUpstreamStreamsPerClient: limit }),
      ...(clientId ? { clientId } : {}),
    })
    const controllers: AbortController[] = []
    const open = async (headers: Record<string, string> = {}) => {
      const controller = new AbortController()
      controllers.push(controller)
      const response = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ model: 'remote-model', stream: true, messages: [user('hi')] }),
        signal: controller.signal,
      })
      if (response.ok) await (response.body as ReadableStream<Uint8Array>).getReader().read()
      return response
    }
    return { server, upstream, open, controllers }
  }

  it('answers the request over the cap with a 429, Retry-After and an OpenAI error body', async () => {
    const { server, open, controllers } = await proxy(3)
    for (let i = 0; i < 3; i++) expect((await open()).status).toBe(200)
    const refused = await open()
    expect(refused.status).toBe(429)
    expect(refused.headers.get('retry-after')).toBe('1')
    expect(await refused.json()).toEqual({
      error: {
        message: expect.stringMatching(/Too many concurrent upstream requests from this client: 3/),
        type: 'rate_limit_error',
        code: 'too_many_concurrent_requests',
        param: null,
      },
    })
    figures.refused++
    // Built-in models are not counted.
    const local = await post(server, '/v1/chat/completions', {
      model: 'kindling-echo',
      messages: [user('ok')],
    })
    expect(local.status).toBe(200)
    // A slot frees as soon as one stream ends.
    const ended = server.streams.waitForStreamEnd()
    controllers[0]?.abort()
    await ended
    expect((await open()).status).toBe(200)
  })

  it('defaults to 8 per client and counts each client apart', async () => {
    const { open } = await proxy(undefined, (request) => request.headers.get('x-test-client') ?? 'none')
    for (let i = 0; i < 8; i++) expect((await open({ 'x-test-client': 'a' })).status).toBe(200)
    expect((await open({ 'x-test-client': 'a' })).status).toBe(429)
    expect((await open({ 'x-test-client': 'b' })).status).toBe(200)
    figures.refused++
  })

  it('frees the slot of a request the upstream refuses or never answers', async () => {
    const upstream = await endlessUpstream()
    upstreams.push(upstream)
    await upstream.close()
    const server = await serve({
      upstream: { url: upstream.url, apiKey: 'k' },
      maxUpstreamStreamsPerClient: 1,
    })
    for (let i = 0; i < 3; i++) {
      const response = await post(server, '/v1/chat/completions', { model: 'remote', messages: [user('hi')] })
      expect(response.status).toBe(502)
    }
  })

  it('turns the cap off with 0', async () => {
    const { open } = await proxy(0)
    for (let i = 0; i < 12; i++) expect((await open()).status).toBe(200)
  })
})
