import { ErrorBodySchema } from '@kindling/client/schemas'
import { describe, expect, it } from 'vitest'
import { post, serve, user } from './helpers.ts'

async function errorOf(response: Response) {
  return ErrorBodySchema.parse(await response.json()).error
}

describe('bad input', () => {
  it('answers malformed JSON with a 400 that says so', async () => {
    const server = await serve()
    const response = await post(server, '/v1/chat/completions', '{"model": "kindling-echo", messages: [')
    expect(response.status).toBe(400)
    const error = await errorOf(response)
    expect(error).toMatchObject({ type: 'invalid_request_error', code: 'invalid_json' })
    expect(error.message).toMatch(/not valid JSON/)
  })

  it.each([
    ['a missing model', { messages: [user('x')] }, 'model', /Missing required parameter: 'model'/],
    ['missing messages', { model: 'kindling-echo' }, 'messages', /Missing/],
    ['empty messages', { model: 'kindling-echo', messages: [] }, 'messages', /Invalid value/],
    [
      'an unknown role',
      { model: 'kindling-echo', messages: [{ role: 'bot', content: 'x' }] },
      'messages[0].role',
      /role/,
    ],
    [
      'a numeric content',
      { model: 'kindling-echo', messages: [{ role: 'user', content: 5 }] },
      'messages[0].content',
      /content/,
    ],
    ['a string n', { model: 'kindling-echo', n: '2', messages: [user('x')] }, 'n', /'n'/],
    [
      'a temperature out of range',
      { model: 'kindling-echo', temperature: 9, messages: [user('x')] },
      'temperature',
      /temperature/,
    ],
    [
      'five stop sequences',
      { model: 'kindling-echo', stop: ['a', 'b', 'c', 'd', 'e'], messages: [user('x')] },
      'stop',
      /stop/,
    ],
    [
      'a tool without a name',
      { model: 'kindling-tools', tools: [{ type: 'function', function: {} }], messages: [user('x')] },
      'tools[0].function.name',
      /name/,
    ],
  ])('answers %s with a 400 naming the field', async (_, body, param, message) => {
    const server = await serve()
    const response = await post(server, '/v1/chat/completions', body)
    expect(response.status).toBe(400)
    const error = await errorOf(response)
    expect(error.param).toBe(param)
    expect(error.message).toMatch(message)
  })

  it('validates completion requests too', async () => {
    const server = await serve()
    const noPrompt = await post(server, '/v1/completions', { model: 'kindling-echo' })
    expect(noPrompt.status).toBe(400)
    expect((await errorOf(noPrompt)).param).toBe('prompt')
    const badLogprobs = await post(server, '/v1/completions', {
      model: 'kindling-echo',
      prompt: 'x',
      logprobs: 9,
    })
    expect((await errorOf(badLogprobs)).param).toBe('logprobs')
  })

  it('answers a body over the size limit with 413', async () => {
    const server = await serve({ maxBodyBytes: 1000 })
    const response = await post(server, '/v1/chat/completions', {
      model: 'kindling-echo',
      messages: [user('x'.repeat(2000))],
    })
    expect(response.status).toBe(413)
    expect(await errorOf(response)).toMatchObject({ code: 'request_too_large' })
    const small = await post(server, '/v1/chat/completions', {
      model: 'kindling-echo',
      messages: [user('ok')],
    })
    expect(small.status).toBe(200)
  })

  it('answers 413 to a chunked body with no Content-Length once it passes the limit', async () => {
    const server = await serve({ maxBodyBytes: 1000 })
    const part = new TextEncoder().encode('x'.repeat(400))
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(part)
      },
    })
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
      duplex: 'half',
    } as RequestInit)
    expect(response.status).toBe(413)
  })

  it('answers an unknown model with 404 model_not_found when there is no upstream', async () => {
    const server = await serve()
    const response = await post(server, '/v1/chat/completions', {
      model: 'gpt-nothing',
      messages: [user('x')],
    })
    expect(response.status).toBe(404)
    expect(await errorOf(response)).toMatchObject({ code: 'model_not_found', param: 'model' })
  })

  it('answers a wrong method with a 404 JSON error and keeps serving', async () => {
    const server = await serve()
    const response = await fetch(`${server.url}/v1/chat/completions`)
    expect(response.status).toBe(404)
    expect(await errorOf(response)).toMatchObject({ code: 'not_found' })
    const models = await fetch(`${server.url}/v1/models`)
    expect(models.status).toBe(200)
  })

  it('survives a flood of garbage bodies', async () => {
    const server = await serve()
    const bodies = [
      '',
      'null',
      '[]',
      '"text"',
      '{"model":null}',
      '\u0000\u0001',
      '{"model":"kindling-echo","messages":[null]}',
    ]
    for (const body of bodies) {
      const response = await post(server, '/v1/chat/completions', body)
      expect(response.status).toBe(400)
      await errorOf(response)
    }
    expect((await fetch(`${server.url}/v1/models`)).status).toBe(200)
  })
})

describe('CORS', () => {
  const preflight = (url: string, origin: string) =>
    fetch(`${url}/v1/chat/completions`, {
      method: 'OPTIONS',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type, authorization, x-kindling-fault',
      },
    })

  it('allows any loopback origin with no key, and refuses others with a 403 the page can read', async () => {
    const server = await serve()
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:4173', 'https://[::1]:3000']) {
      const response = await preflight(server.url, origin)
      expect(response.status).toBe(204)
      expect(response.headers.get('access-control-allow-origin')).toBe(origin)
      expect(response.headers.get('access-control-allow-headers')).toContain('x-kindling-fault')
    }
    const other = await fetch(`${server.url}/v1/models`, { headers: { origin: 'http://evil.example' } })
    expect(other.status).toBe(403)
    expect(other.headers.get('access-control-allow-origin')).toBe('http://evil.example')
    expect(await errorOf(other)).toMatchObject({ code: 'origin_not_allowed' })
  })

  it("allows only the playground's origins by default in proxy mode", async () => {
    const server = await serve({ upstream: { url: 'http://127.0.0.1:1/v1', apiKey: 'k' } })
    for (const origin of ['http://localhost:5173', 'http://127.0.0.1:5173']) {
      expect((await preflight(server.url, origin)).headers.get('access-control-allow-origin')).toBe(origin)
    }
    const next = await fetch(`${server.url}/v1/models`, { headers: { origin: 'http://localhost:3000' } })
    expect(next.status).toBe(403)
    const { message } = await errorOf(next)
    expect(message).toContain("'http://localhost:3000'")
    expect(message).toContain('--cors http://localhost:3000')
    expect(message).toContain('KINDLING_CORS')
  })

  it('allows any origin with cors "*" and a configured list otherwise', async () => {
    const any = await serve({ cors: '*' })
    expect(
      (await preflight(any.url, 'http://localhost:61000')).headers.get('access-control-allow-origin'),
    ).toBe('*')
    const listed = await serve({ cors: ['http://localhost:6006'] })
    const response = await fetch(`${listed.url}/v1/models`, { headers: { origin: 'http://localhost:6006' } })
    expect(response.headers.get('access-control-allow-origin')).toBe('http://localhost:6006')
  })

  it('lets the browser read Retry-After', async () => {
    const server = await serve({ cors: '*' })
    const response = await post(
      server,
      '/v1/chat/completions',
      { model: 'kindling-echo+429', messages: [user('x')] },
      { origin: 'http://localhost:1' },
    )
    expect(response.headers.get('access-control-expose-headers')).toMatch(/Retry-After/i)
  })
})
