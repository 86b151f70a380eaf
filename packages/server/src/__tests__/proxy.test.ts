import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { builtinModels, DEFAULT_UPSTREAM_URL, serverOptionsFromEnv } from '../index.ts'
import { type Json, jsonChunks, post, serve, user } from './helpers.ts'

const KEY = 'test-upstream-key-123'

interface SeenRequest {
  method: string
  url: string
  headers: IncomingMessage['headers']
  body: string
}

/** A local stand-in for Fireworks: records what it is sent and answers like the real API. */
async function startUpstream() {
  const seen: SeenRequest[] = []
  let releaseSecondChunk: () => void = () => {}
  const secondChunkReleased = new Promise<void>((resolve) => {
    releaseSecondChunk = resolve
  })
  let streamClosedEarly: () => void = () => {}
  const upstreamStreamClosed = new Promise<void>((resolve) => {
    streamClosedEarly = resolve
  })
  const chunk = (content: string) =>
    `data: ${JSON.stringify({ id: 'up-1', object: 'chat.completion.chunk', created: 1, model: 'accounts/fireworks/models/llama', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`

  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    let body = ''
    for await (const part of req) body += part
    seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body })
    const json = body ? JSON.parse(body) : {}
    if (req.url?.endsWith('/models')) {
      res.writeHead(200, { 'content-type': 'application/json' })
      res.end(
        JSON.stringify({
          object: 'list',
          data: [
            { id: 'accounts/fireworks/models/llama', object: 'model', created: 1, owned_by: 'fireworks' },
          ],
        }),
      )
    } else if (json.model === 'upstream-429') {
      res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '12' })
      res.end(
        JSON.stringify({
          error: { message: 'slow down', type: 'rate_limit_error', code: null, param: null },
        }),
      )
    } else if (json.stream && json.model === 'upstream-endless') {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(chunk('first'))
      res.on('close', () => streamClosedEarly())
    } else if (json.stream) {
      res.writeHead(200, { 'content-type': 'text/event-stream' })
      res.write(chunk('first'))
      // The second chunk waits until the test has seen the first one through the proxy.
      await secondChunkReleased
      res.write(chunk(' second'))
      res.end('data: [DONE]\n\n')
    } else {
      res.writeHead(200, { 'content-type': 'application/json', 'x-request-id': 'req-42' })
      res.end(
        JSON.stringify({
          id: 'up-1',
          object: 'chat.completion',
          created: 1,
          model: json.model,
          choices: [],
          echo: json,
        }),
      )
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/inference/v1`,
    seen,
    releaseSecondChunk,
    upstreamStreamClosed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

const upstreams: Awaited<ReturnType<typeof startUpstream>>[] = []
afterEach(async () => {
  await Promise.all(upstreams.splice(0).map((upstream) => upstream.close()))
})

async function proxyPair() {
  const upstream = await startUpstream()
  upstreams.push(upstream)
  const log: string[] = []
  const server = await serve({ upstream: { url: upstream.url, apiKey: KEY }, log: (line) => log.push(line) })
  return { upstream, server, log }
}

describe('proxy', () => {
  it('merges the upstream models into the built-in ones, asking with the server key', async () => {
    const { upstream, server, log } = await proxyPair()
    const body = await (await fetch(`${server.url}/v1/models`)).json()
    expect(body.data.map((model: Json) => model.id)).toEqual([
      'kindling-echo',
      'kindling-text',
      'kindling-tools',
      'kindling-reasoning',
      'kindling-vision',
      'accounts/fireworks/models/llama',
    ])
    expect(upstream.seen[0]).toMatchObject({
      url: '/inference/v1/models',
      headers: { authorization: `Bearer ${KEY}` },
    })
    expect(log.join('\n')).not.toContain(KEY)
  })

  it('forwards other models with the server key and never the caller Authorization', async () => {
    const { upstream, server, log } = await proxyPair()
    const request = { model: 'accounts/fireworks/models/llama', top_k: 7, messages: [user('hi')] }
    const response = await post(server, '/inference/v1/chat/completions', request, {
      authorization: 'Bearer caller-secret',
      cookie: 'session=1',
      'x-kindling-delay': '5',
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('x-request-id')).toBe('req-42')
    const body = await response.json()
    expect(body.echo).toEqual(request)
    const seen = upstream.seen[0] as SeenRequest
    expect(seen.url).toBe('/inference/v1/chat/completions')
    expect(seen.headers.authorization).toBe(`Bearer ${KEY}`)
    expect(JSON.stringify(seen.headers)).not.toContain('caller-secret')
    expect(seen.headers.cookie).toBeUndefined()
    expect(seen.headers['x-kindling-delay']).toBeUndefined()
    expect(JSON.parse(seen.body)).toEqual(request)
    expect(log.join('\n')).not.toContain(KEY)
  })

  it('forwards completions to the upstream /completions', async () => {
    const { upstream, server } = await proxyPair()
    const response = await post(server, '/v1/completions', {
      model: 'accounts/fireworks/models/llama',
      prompt: 'x',
    })
    expect(response.status).toBe(200)
    expect(upstream.seen[0]?.url).toBe('/inference/v1/completions')
  })

  it('still serves the built-in models itself', async () => {
    const { upstream, server } = await proxyPair()
    const response = await post(server, '/v1/chat/completions', {
      model: 'kindling-echo',
      messages: [user('local')],
    })
    expect((await response.json()).choices[0].message.content).toBe('local')
    expect(upstream.seen).toHaveLength(0)
  })

  it('streams SSE through chunk by chunk, without buffering', async () => {
    const { upstream, server } = await proxyPair()
    const decoder = new TextDecoder()
    let text = ''
    // The upstream holds its second chunk until we have the first: through a buffering proxy, neither
    // the response nor its first chunk would ever arrive.
    const firstArrived = (async () => {
      const response = await post(server, '/v1/chat/completions', {
        model: 'accounts/fireworks/models/llama',
        stream: true,
        messages: [user('hi')],
      })
      expect(response.headers.get('content-type')).toContain('text/event-stream')
      const reader = (response.body as ReadableStream<Uint8Array>).getReader()
      while (!text.includes('first')) {
        const { value, done } = await reader.read()
        if (done) throw new Error('stream ended early')
        text += decoder.decode(value, { stream: true })
      }
      return reader
    })()
    const reader = await Promise.race([
      firstArrived,
      new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('first chunk was held back')), 3000),
      ),
    ])
    expect(text).not.toContain('second')
    upstream.releaseSecondChunk()
    for (;;) {
      const { value, done } = await reader.read()
      if (done) break
      text += decoder.decode(value, { stream: true })
    }
    const chunks = jsonChunks(text)
    expect(chunks.map((chunk) => chunk.choices[0].delta.content).join('')).toBe('first second')
    expect(server.streams.stats()).toMatchObject({ completed: 1, open: 0 })
    expect(server.streams.stats().recent[0]).toMatchObject({ source: 'proxied' })
  })

  it('closes the upstream stream when the client aborts', async () => {
    const { upstream, server } = await proxyPair()
    const controller = new AbortController()
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'upstream-endless', stream: true, messages: [user('hi')] }),
      signal: controller.signal,
    })
    await (response.body as ReadableStream<Uint8Array>).getReader().read()
    const ended = server.streams.waitForStreamEnd()
    controller.abort()
    expect((await ended).end).toBe('client-closed')
    await upstream.upstreamStreamClosed
  })

  it('passes upstream errors through with their status, body and Retry-After', async () => {
    const { server } = await proxyPair()
    const response = await post(server, '/v1/chat/completions', {
      model: 'upstream-429',
      messages: [user('hi')],
    })
    expect(response.status).toBe(429)
    expect(response.headers.get('retry-after')).toBe('12')
    expect((await response.json()).error.message).toBe('slow down')
  })

  it('answers 502 when the upstream cannot be reached, without leaking the key', async () => {
    const log: string[] = []
    const server = await serve({
      upstream: { url: 'http://127.0.0.1:1/v1', apiKey: KEY },
      log: (line) => log.push(line),
    })
    const response = await post(server, '/v1/chat/completions', { model: 'remote', messages: [user('hi')] })
    expect(response.status).toBe(502)
    const body = await response.json()
    expect(body.error.code).toBe('upstream_unreachable')
    expect(JSON.stringify(body)).not.toContain(KEY)
    const models = await (await fetch(`${server.url}/v1/models`)).json()
    expect(models.data).toHaveLength(builtinModels.length)
    expect(log.join('\n')).not.toContain(KEY)
  })
})

describe('serverOptionsFromEnv', () => {
  it('turns the proxy on with FIREWORKS_API_KEY and defaults to the Fireworks API', () => {
    expect(serverOptionsFromEnv({}).upstream).toBeUndefined()
    expect(serverOptionsFromEnv({ FIREWORKS_API_KEY: 'k' }).upstream).toEqual({
      url: DEFAULT_UPSTREAM_URL,
      apiKey: 'k',
    })
    expect(
      serverOptionsFromEnv({ FIREWORKS_API_KEY: 'k', KINDLING_UPSTREAM_URL: 'http://localhost:8000/v1' })
        .upstream,
    ).toEqual({ url: 'http://localhost:8000/v1', apiKey: 'k' })
  })

  it('reads delay, CORS and body limit', () => {
    expect(
      serverOptionsFromEnv({ KINDLING_DELAY_MS: '25', KINDLING_CORS: '*', KINDLING_MAX_BODY_BYTES: '10' }),
    ).toEqual({
      delayMs: 25,
      cors: '*',
      maxBodyBytes: 10,
    })
    expect(serverOptionsFromEnv({ KINDLING_CORS: 'http://a:1, http://b:2' }).cors).toEqual([
      'http://a:1',
      'http://b:2',
    ])
    expect(serverOptionsFromEnv({ KINDLING_CORS: 'none' }).cors).toBe(false)
  })
})
