import { afterEach, describe, expect, it, vi } from 'vitest'
import { createClient } from '../createClient.ts'
import { APIStreamError, NotFoundError, ResponseValidationError } from '../errors.ts'
import { serverTimeToFirstTokenMs } from '../perfMetrics.ts'
import { json, sse, useStandInServer } from './standInServer.ts'

// What real servers other than ours send, over real HTTP: accepted where only metadata is missing
// or named differently, a typed error where the answer would be wrong.

const data = (value: unknown) => `data: ${JSON.stringify(value)}`
const chunk = (choices: unknown[], extra: object = {}) =>
  data({ id: 'c', object: 'chat.completion.chunk', model: 'm', choices, ...extra })

const server = useStandInServer({
  // A mock server: no `created`, choices without `index`, a final chunk without `delta`.
  '/v1/mock/chat/completions': sse([
    chunk([{ delta: { role: 'assistant', content: 'Hel' } }]),
    chunk([{ delta: { content: 'lo' } }]),
    chunk([{ finish_reason: 'stop' }]),
    'data: [DONE]',
  ]),
  '/v1/mock-json/chat/completions': json(200, {
    id: 'c',
    object: 'chat.completion',
    model: 'm',
    choices: [{ message: { role: 'assistant', content: 'Hi', reasoning: 'thought' }, finish_reason: 'stop' }],
  }),
  // Ollama / vLLM / OpenRouter: the reasoning delta is `reasoning`.
  '/v1/ollama/chat/completions': sse([
    chunk([{ index: 0, delta: { role: 'assistant', reasoning: 'Let me ' } }]),
    chunk([{ index: 0, delta: { reasoning: 'think.' } }]),
    chunk([{ index: 0, delta: { reasoning_content: 'kept', reasoning: 'dropped' } }]),
    chunk([{ index: 0, delta: { content: 'Done' }, finish_reason: 'stop' }]),
    'data: [DONE]',
  ]),
  // llama.cpp's server: a failure mid-stream as an `error:` field.
  '/v1/llama/chat/completions': sse([
    chunk([{ index: 0, delta: { content: 'Par' } }]),
    'error: {"code":500,"message":"context shift failed","type":"server_error"}',
  ]),
  // A model list with nothing but ids (llama.cpp, some gateways).
  '/v1/bare/models': json(200, { data: [{ id: 'a' }, { id: 'b', object: null }] }),
  // An Express app without that route, and other error body shapes.
  '/v1/express/models': json(404, { message: 'Cannot GET /v1/models on this app' }),
  '/v1/express-default/models': (_request, response) => {
    response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' })
    response.end(
      '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n<title>Error</title>\n</head>\n<body>\n<pre>Cannot GET /v1/express-default/models</pre>\n</body>\n</html>\n',
    )
  },
  '/v1/string-error/models': json(404, { error: 'no such route' }),
  '/v1/fastapi/models': json(404, { detail: 'Not Found here' }),
  // A chunk whose text is of the wrong type: that would corrupt the answer.
  '/v1/broken/chat/completions': sse([
    chunk([{ index: 0, delta: { content: 'ok' } }]),
    chunk([{ index: 0, delta: { content: 42 } }]),
  ]),
  // Fireworks: timing headers, and `perf_metrics` on the last chunk.
  '/v1/fireworks/chat/completions': sse(
    [
      chunk([{ index: 0, delta: { content: 'Hi' } }], { created: 1 }),
      chunk([{ index: 0, delta: {}, finish_reason: 'stop' }], {
        created: 1,
        perf_metrics: { 'server-time-to-first-token': '0.125', 'prompt-tokens': '12' },
      }),
      'data: [DONE]',
    ],
    { 'fireworks-server-time-to-first-token': '0.2', 'fireworks-prompt-tokens': '12' },
  ),
  '/v1/fireworks-json/chat/completions': json(
    200,
    {
      id: 'c',
      object: 'chat.completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Hi' } }],
    },
    { 'fireworks-server-time-to-first-token': '0.05', 'fireworks-server-processing-time': '0.3' },
  ),
})

const client = (path: string) =>
  createClient({ baseURL: `${server.baseURL}/${path}`, apiKey: null, maxRetries: 0 })
const messages = [{ role: 'user' as const, content: 'hi' }]

describe('a server that leaves metadata out', () => {
  it('streams without created, index or delta: index is the position, delta empty', async () => {
    const stream = await client('mock').chatCompletion.create('m', messages, { stream: true })
    const chunks = []
    for await (const c of stream) chunks.push(c)
    expect(chunks.map((c) => c.choices[0]?.index)).toEqual([0, 0, 0])
    expect(chunks[2]?.choices[0]?.delta).toEqual({})
    const answer = await stream.finalResponse()
    expect(answer.choices[0]).toMatchObject({
      index: 0,
      message: { content: 'Hello' },
      finish_reason: 'stop',
    })
    expect(answer.created).toBeUndefined()
  })

  it('answers a non-streamed chat without created or index', async () => {
    const answer = await client('mock-json').chatCompletion.create('m', messages)
    expect(answer.choices[0]?.index).toBe(0)
    expect(answer.choices[0]?.message.content).toBe('Hi')
    expect(answer.choices[0]?.message.reasoning_content).toBe('thought')
  })

  it('still rejects a chunk whose text has the wrong type, keeping the partial answer', async () => {
    const stream = await client('broken').chatCompletion.create('m', messages, { stream: true })
    const error = await stream.finalResponse().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResponseValidationError)
    expect((error as ResponseValidationError).path).toBe('choices[0].delta.content')
    expect((error as ResponseValidationError).partial?.choices[0]).toMatchObject({
      message: { content: 'ok' },
    })
  })
})

describe('a bare model list', () => {
  it('needs only the ids', async () => {
    const list = await client('bare').models.list()
    expect(list.data.map((model) => model.id)).toEqual(['a', 'b'])
  })
})

describe('reasoning named `reasoning`', () => {
  it('is read as reasoning_content; reasoning_content wins when both are sent', async () => {
    const stream = await client('ollama').chatCompletion.create('m', messages, { stream: true })
    const deltas = []
    for await (const c of stream) deltas.push(c.choices[0]?.delta.reasoning_content)
    expect(deltas).toEqual(['Let me ', 'think.', 'kept', undefined])
    const answer = await stream.finalResponse()
    expect(answer.choices[0]?.message).toMatchObject({
      content: 'Done',
      reasoning_content: 'Let me think.kept',
    })
  })
})

describe("llama.cpp's `error:` field", () => {
  it('fails the stream with APIStreamError, the partial answer kept', async () => {
    const stream = await client('llama').chatCompletion.create('m', messages, { stream: true })
    const error = await stream.finalResponse().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(APIStreamError)
    expect((error as APIStreamError).message).toContain('context shift failed')
    expect((error as APIStreamError).type).toBe('server_error')
    expect((error as APIStreamError).code).toBe(500)
    expect((error as APIStreamError).partial?.choices[0]).toMatchObject({ message: { content: 'Par' } })
  })
})

describe('error bodies that are not OpenAI-shaped', () => {
  it.each([
    ['express', 'Cannot GET /v1/models on this app'],
    ['express-default', 'Cannot GET /v1/express-default/models'],
    ['string-error', 'no such route'],
    ['fastapi', 'Not Found here'],
  ])('%s: the message is the body’s', async (path, message) => {
    const error = await client(path)
      .models.list()
      .catch((e: unknown) => e)
    expect(error).toBeInstanceOf(NotFoundError)
    expect((error as NotFoundError).message).toBe(`404 Not Found from GET /models: ${message}`)
  })
})

describe('Fireworks performance metrics', () => {
  it('keeps the timing headers and the last chunk’s perf_metrics on the stream and its response', async () => {
    const stream = await client('fireworks').chatCompletion.create('m', messages, { stream: true })
    expect(serverTimeToFirstTokenMs(stream.perfMetrics)).toBe(200)
    const answer = await stream.finalResponse()
    // The body's metrics, once they arrived, are more precise than the headers sent before the first token.
    expect(serverTimeToFirstTokenMs(stream.perfMetrics)).toBe(125)
    expect(stream.perfMetrics).toMatchObject({ 'prompt-tokens': '12' })
    expect(answer.perf_metrics).toEqual({ 'server-time-to-first-token': '0.125', 'prompt-tokens': '12' })
  })

  it('keeps the headers on a non-streamed response', async () => {
    const answer = await client('fireworks-json').chatCompletion.create('m', messages)
    expect(answer.perf_metrics).toEqual({
      'server-time-to-first-token': '0.05',
      'server-processing-time': '0.3',
    })
    expect(serverTimeToFirstTokenMs(answer.perf_metrics)).toBe(50)
  })
})

describe('logging', () => {
  afterEach(() => {
    vi.restoreAllMocks()
  })

  it('prints nothing by default for a failure the caller catches', async () => {
    const printed: unknown[] = []
    for (const method of ['debug', 'info', 'warn', 'error', 'log'] as const)
      vi.spyOn(console, method).mockImplementation((...args) => printed.push(args))
    const quiet = client('express')
    await expect(quiet.models.list()).rejects.toBeInstanceOf(NotFoundError)
    const stream = await client('llama').chatCompletion.create('m', messages, { stream: true })
    await expect(stream.finalResponse()).rejects.toBeInstanceOf(APIStreamError)
    expect(printed).toEqual([])
  })

  it('still prints at an explicit level', async () => {
    const lines: unknown[] = []
    const loud = createClient({
      baseURL: `${server.baseURL}/express`,
      apiKey: null,
      maxRetries: 0,
      logLevel: 'error',
      logSink: { debug() {}, info() {}, warn() {}, error: (...args: unknown[]) => lines.push(args) },
    })
    await expect(loud.models.list()).rejects.toBeInstanceOf(NotFoundError)
    expect(lines).toEqual([['[kindling] 404 Not Found from GET /models: Cannot GET /v1/models on this app']])
  })
})
