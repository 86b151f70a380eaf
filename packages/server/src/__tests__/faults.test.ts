import { ErrorBodySchema } from '@kindling/client/schemas'
import { describe, expect, it } from 'vitest'
import { MALFORMED_CHUNK, type RunningServer } from '../index.ts'
import { type Json, jsonChunks, parseSse, post, serve, user, withoutEventIds } from './helpers.ts'

const chatBody = (model = 'kindling-echo', stream = false) => ({
  model,
  stream,
  messages: [user('one two three four five')],
})

// Reads a body until it ends or breaks, keeping what arrived and the error, if any.
async function readUntilEnd(response: Response): Promise<{ text: string; error?: Error }> {
  const reader = (response.body as ReadableStream<Uint8Array>).getReader()
  const decoder = new TextDecoder()
  let text = ''
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) return { text }
      text += decoder.decode(value, { stream: true })
    }
  } catch (error) {
    return { text, error: error as Error }
  }
}

const dataLines = (text: string) =>
  parseSse(text).flatMap((event) => (event.data === undefined ? [] : [event.data]))

describe('HTTP faults', () => {
  const cases: [string, number, Json][] = [
    ['400', 400, { type: 'invalid_request_error', param: 'temperature', code: 'invalid_value' }],
    ['400=messages[0].content', 400, { param: 'messages[0].content' }],
    ['422=top_p', 422, { param: 'top_p', code: 'unprocessable_entity' }],
    ['401', 401, { code: 'invalid_api_key' }],
    ['403', 403, { code: 'permission_denied' }],
    ['404', 404, { code: 'model_not_found', param: 'model' }],
    ['413', 413, { code: 'request_too_large' }],
    ['429', 429, { type: 'rate_limit_error', code: 'rate_limit_exceeded' }],
    ['500', 500, { type: 'server_error', code: 'internal_error' }],
    ['503', 503, { type: 'server_error', code: 'service_unavailable' }],
  ]

  it.each(cases)('answers fault %s with status %i and an OpenAI error body', async (fault, status, error) => {
    const server = await serve()
    for (const response of [
      await post(server, '/v1/chat/completions', chatBody(), { 'x-kindling-fault': fault }),
      await post(server, '/v1/chat/completions', chatBody(`kindling-echo+${fault}`)),
      await post(server, '/v1/completions', { model: `kindling-text+${fault}`, prompt: 'x', stream: true }),
    ]) {
      expect(response.status).toBe(status)
      expect(response.headers.get('content-type')).toContain('application/json')
      const body = ErrorBodySchema.parse(await response.json())
      expect(body.error).toMatchObject(error)
      expect(body.error.message).toMatch(/fault injected/)
    }
  })

  it('sends Retry-After with a 429: one second unless the fault says otherwise', async () => {
    const server = await serve()
    const plain = await post(server, '/v1/chat/completions', chatBody(), { 'x-kindling-fault': '429' })
    expect(plain.headers.get('retry-after')).toBe('1')
    const seven = await post(server, '/v1/chat/completions', chatBody('kindling-echo+429=7'))
    expect(seven.headers.get('retry-after')).toBe('7')
    const unavailable = await post(server, '/v1/chat/completions', chatBody('kindling-echo+503=30'))
    expect(unavailable.headers.get('retry-after')).toBe('30')
  })

  it('answers 502 with the HTML page a gateway sends', async () => {
    const server = await serve()
    const response = await post(server, '/v1/chat/completions', chatBody(), { 'x-kindling-fault': '502' })
    expect(response.status).toBe(502)
    expect(response.headers.get('content-type')).toContain('text/html')
    expect(await response.text()).toContain('<h1>502 Bad Gateway</h1>')
  })

  it('fails GET /models on request too', async () => {
    const server = await serve()
    const response = await fetch(`${server.url}/v1/models`, { headers: { 'x-kindling-fault': '503' } })
    expect(response.status).toBe(503)
  })

  it('rejects a fault it does not know, naming where it came from', async () => {
    const server = await serve()
    const header = await post(server, '/v1/chat/completions', chatBody(), { 'x-kindling-fault': 'explode' })
    expect(header.status).toBe(400)
    expect((await header.json()).error).toMatchObject({
      param: 'x-kindling-fault',
      message: expect.stringContaining('explode'),
    })
    const suffix = await post(server, '/v1/chat/completions', chatBody('kindling-echo+cut=soon'))
    expect(suffix.status).toBe(400)
    expect((await suffix.json()).error).toMatchObject({
      param: 'model',
      message: expect.stringContaining('cut'),
    })
  })
})

describe('mid-stream faults', () => {
  const stream = (server: RunningServer, fault: string, model = 'kindling-echo') =>
    post(server, '/v1/chat/completions', chatBody(model, true), { 'x-kindling-fault': fault })

  it('cuts the connection after N chunks, with no terminating chunk', async () => {
    const server = await serve()
    // Read each body at once: a client may drop data it had buffered when the connection breaks.
    for (const send of [() => stream(server, 'cut=3'), () => stream(server, '', 'kindling-echo+cut=3')]) {
      const response = await send()
      expect(response.status).toBe(200)
      const { text, error } = await readUntilEnd(response)
      expect(error).toBeInstanceOf(Error)
      expect(dataLines(text)).toHaveLength(3)
      expect(text).not.toContain('[DONE]')
    }
    expect(server.streams.stats().cut).toBe(2)
  })

  it('cuts the connection after the last chunk when N is past the end', async () => {
    const server = await serve()
    const { text, error } = await readUntilEnd(await stream(server, 'cut=100'))
    expect(error).toBeInstanceOf(Error)
    const lines = dataLines(text)
    expect(lines).toHaveLength(7)
    expect(JSON.parse(lines.at(-1) as string).choices[0].finish_reason).toBe('stop')
  })

  it('stalls after N chunks, keeping the connection open until the client gives up', async () => {
    const server = await serve()
    const response = await post(server, '/v1/chat/completions', chatBody('kindling-echo+stall=2', true), {})
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    let text = ''
    while (dataLines(text).length < 2) text += new TextDecoder().decode((await reader.read()).value)
    const next = await Promise.race([
      reader.read(),
      new Promise((resolve) => setTimeout(() => resolve('waiting'), 300)),
    ])
    expect(next).toBe('waiting')
    expect(server.streams.stats().open).toBe(1)
    const ended = server.streams.waitForStreamEnd()
    await reader.cancel()
    expect((await ended).end).toBe('client-closed')
    expect(server.streams.stats().open).toBe(0)
  })

  it('stalls a response that is not streamed until the client times out', async () => {
    const server = await serve()
    const request = fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kindling-fault': 'stall' },
      body: JSON.stringify(chatBody()),
      signal: AbortSignal.timeout(300),
    })
    await expect(request).rejects.toThrow(/timeout|aborted/i)
  })

  it('sends one malformed JSON chunk after N chunks, then carries on to [DONE]', async () => {
    const server = await serve()
    const lines = dataLines(await (await stream(server, 'malformed=2')).text())
    expect(lines[2]).toBe(MALFORMED_CHUNK)
    expect(() => JSON.parse(MALFORMED_CHUNK)).toThrow()
    expect(lines.at(-1)).toBe('[DONE]')
    expect(lines).toHaveLength(7 + 1 + 1)
  })

  it('sends event: error with an error body after N chunks, then ends without [DONE]', async () => {
    const server = await serve()
    const events = parseSse(await (await stream(server, 'error-event=2')).text())
    expect(events).toHaveLength(3)
    const last = events.at(-1) as Json
    expect(last.event).toBe('error')
    expect(ErrorBodySchema.parse(JSON.parse(last.data)).error).toMatchObject({ type: 'server_error' })
  })

  it('sends data: {"error":…} after N chunks, then ends without [DONE]', async () => {
    const server = await serve()
    const lines = dataLines(await (await stream(server, 'error-chunk=1')).text())
    expect(lines).toHaveLength(2)
    expect(JSON.parse(lines[1] as string).error.message).toMatch(/after 1 chunks/)
  })

  it('ends without [DONE] on no-done', async () => {
    const server = await serve()
    const text = await (await stream(server, 'no-done')).text()
    const lines = dataLines(text)
    expect(lines).toHaveLength(7)
    expect(text).not.toContain('[DONE]')
    expect(() => jsonChunks(text)).toThrow(/DONE/)
  })

  it('sends : ping comments before every chunk, or every N chunks', async () => {
    const server = await serve()
    const every = parseSse(await (await stream(server, 'ping')).text())
    expect(every.filter((event) => event.comment === 'ping')).toHaveLength(7)
    expect(every[0]).toEqual({ comment: 'ping' })
    const third = parseSse(await (await stream(server, 'ping=3')).text())
    expect(third.filter((event) => event.comment === 'ping')).toHaveLength(3)
    expect(jsonChunks(await (await stream(server, 'ping')).text())).toHaveLength(7)
  })

  it('ends every line with CRLF on crlf', async () => {
    const server = await serve()
    const text = await (await stream(server, 'crlf, ping')).text()
    expect(text).toContain('data: [DONE]\r\n\r\n')
    expect(text).toContain(': ping\r\n\r\n')
    expect(text.replaceAll('\r\n', '')).not.toContain('\n')
    expect(jsonChunks(text)).toHaveLength(7)
  })

  it('combines faults from the header and the model suffix', async () => {
    const server = await serve()
    const text = await (await stream(server, 'crlf', 'kindling-echo+no-done+ping=100')).text()
    expect(withoutEventIds(text)).toMatch(/^: ping\r\n\r\n/)
    expect(text).not.toContain('[DONE]')
  })

  it('applies to completions too', async () => {
    const server = await serve()
    const response = await post(server, '/v1/completions', {
      model: 'kindling-text+error-chunk=3',
      prompt: 'x',
      stream: true,
    })
    const lines = dataLines(await response.text())
    expect(lines).toHaveLength(4)
    expect(JSON.parse(lines[0] as string).object).toBe('text_completion')
  })
})
