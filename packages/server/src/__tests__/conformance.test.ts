import { afterAll, describe, expect, it } from 'vitest'
import { startServer } from '../index.ts'
import { type Json, jsonChunks, parseSse, user } from './helpers.ts'
import { loadOpenAISchemas, type OpenAISchemaName, schemaProblems } from './openaiSchemas.ts'

// Every response shape the server sends, checked against OpenAI's published schemas (not ours): for
// every model the server lists, streamed and not, n = 1 and 2, with usage, tools, logprobs and echo.

const schema = loadOpenAISchemas()
const server = await startServer({ port: 0, host: '127.0.0.1' })
afterAll(() => server.close())
const models: string[] = (await (await fetch(`${server.url}/v1/models`)).json()).data.map(
  (model: Json) => model.id,
)

function expectConforms(name: OpenAISchemaName, value: unknown) {
  expect(schemaProblems(schema(name), value), JSON.stringify(value)).toEqual([])
}

async function call(path: string, body: Record<string, unknown>) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })
  expect(response.status).toBe(200)
  return body.stream ? jsonChunks(await response.text()) : response.json()
}

/** Every choice index that appears must end exactly once, on its last chunk. */
function expectEachChoiceEndsOnItsLastChunk(chunks: Json[], n: number) {
  for (let index = 0; index < n; index++) {
    const reasons = chunks
      .flatMap((chunk) => chunk.choices)
      .filter((choice: Json) => choice.index === index)
      .map((choice: Json) => choice.finish_reason)
    expect(reasons.length).toBeGreaterThan(0)
    expect(reasons.slice(0, -1).every((reason: unknown) => reason === null)).toBe(true)
    expect(reasons.at(-1)).toEqual(expect.any(String))
  }
}

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['location'],
    },
  },
}

const chatVariants: Record<string, Record<string, unknown>> = {
  plain: {},
  tools: { tools: [weatherTool] },
  logprobs: { logprobs: true, top_logprobs: 2 },
  'logprobs without top_logprobs': { logprobs: true },
  'max_tokens cut': { max_tokens: 3 },
  usage: { stream_options: { include_usage: true } },
}
const completionVariants: Record<string, Record<string, unknown>> = {
  plain: {},
  'logprobs 0': { logprobs: 0 },
  'logprobs 3': { logprobs: 3 },
  echo: { echo: true },
  'echo with logprobs': { echo: true, logprobs: 2 },
  'two prompts': { prompt: ['Once upon a time', 'In a far land'] },
  'max_tokens cut': { max_tokens: 3 },
  usage: { stream_options: { include_usage: true } },
}
const shapes = [1, 2].flatMap((n) => [false, true].map((stream) => ({ n, stream })))
const cases = (variants: Record<string, Record<string, unknown>>) =>
  models.flatMap((model) =>
    Object.entries(variants).flatMap(([variant, extra]) =>
      shapes
        // stream_options only means something on a stream.
        .filter(({ stream }) => stream || !('stream_options' in extra))
        .map(({ n, stream }) => ({ model, variant, extra, n, stream })),
    ),
  )

describe('conformance with the OpenAI schemas', () => {
  it('lists every built-in model as a ListModelsResponse', async () => {
    expect(models.length).toBeGreaterThanOrEqual(4)
    expectConforms('ListModelsResponse', await (await fetch(`${server.url}/v1/models`)).json())
  })

  it.each(cases(chatVariants))(
    'chat: $model, $variant, n=$n, stream=$stream',
    async ({ model, extra, n, stream }) => {
      const body = { model, messages: [user('What is the weather in Oslo?')], seed: 5, n, stream, ...extra }
      if (!stream) {
        const response = await call('/v1/chat/completions', body)
        expectConforms('CreateChatCompletionResponse', response)
        expect(response.choices).toHaveLength(n)
        return
      }
      const chunks = await call('/v1/chat/completions', body)
      for (const chunk of chunks) expectConforms('CreateChatCompletionStreamResponse', chunk)
      expectEachChoiceEndsOnItsLastChunk(chunks, n)
    },
  )

  it.each(cases(completionVariants))(
    'completion: $model, $variant, n=$n, stream=$stream',
    async ({ model, extra, n, stream }) => {
      const body = { model, prompt: 'Once upon a time', seed: 5, n, stream, ...extra }
      const prompts = Array.isArray(extra.prompt) ? extra.prompt.length : 1
      if (!stream) {
        const response = await call('/v1/completions', body)
        expectConforms('CreateCompletionResponse', response)
        expect(response.choices).toHaveLength(n * prompts)
        return
      }
      const chunks = await call('/v1/completions', body)
      for (const chunk of chunks) expectConforms('CompletionStreamChunk', chunk)
      expectEachChoiceEndsOnItsLastChunk(chunks, n * prompts)
    },
  )

  interface ErrorCase {
    label: string
    path: string
    body: Record<string, unknown>
    headers?: Record<string, string>
  }
  const chatWith = (headers: Record<string, string>): Omit<ErrorCase, 'label'> => ({
    path: '/v1/chat/completions',
    body: { model: 'kindling-echo', messages: [user('hi')] },
    headers,
  })
  const errorCases: ErrorCase[] = [
    { label: 'a bad body', path: '/v1/chat/completions', body: { model: 'kindling-echo', messages: 'hi' } },
    { label: 'an unknown model', path: '/v1/chat/completions', body: { model: 'nope', messages: [] } },
    { label: 'an unknown route', path: '/v1/embeddings', body: { model: 'kindling-echo' } },
    { label: 'a bad fault header', ...chatWith({ 'x-kindling-fault': 'bogus' }) },
    ...['400', '401', '403', '404', '413', '422', '429', '500', '503'].map((status) => ({
      label: `fault ${status}`,
      ...chatWith({ 'x-kindling-fault': status }),
    })),
  ]
  it.each(errorCases)('errors: $label', async ({ path, body, headers }) => {
    const response = await fetch(`${server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })
    expect(response.status).toBeGreaterThanOrEqual(400)
    expectConforms('ErrorResponse', await response.json())
  })

  it.each(['error-chunk', 'error-event'])('errors in a stream: %s', async (fault) => {
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kindling-fault': fault },
      body: JSON.stringify({ model: 'kindling-text', stream: true, messages: [user('hi')] }),
    })
    const last = parseSse(await response.text()).at(-1)
    expectConforms('ErrorResponse', JSON.parse(last?.data ?? 'null'))
  })
})

describe('the schemas the conformance test uses', () => {
  const chat = {
    id: 'x',
    object: 'chat.completion',
    created: 1,
    model: 'm',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: 'hi', refusal: null },
        logprobs: null,
        finish_reason: 'stop',
      },
    ],
  }
  const chunk = {
    id: 'x',
    object: 'chat.completion.chunk',
    created: 1,
    model: 'm',
    choices: [{ index: 0, delta: { content: 'hi' }, finish_reason: null }],
  }

  it('accept what OpenAI sends and reject what it never sends', () => {
    expectConforms('CreateChatCompletionResponse', chat)
    const withoutRefusal = {
      ...chat,
      choices: [{ ...chat.choices[0], message: { role: 'assistant', content: 'hi' } }],
    }
    expect(schemaProblems(schema('CreateChatCompletionResponse'), withoutRefusal)).not.toEqual([])
    expect(schemaProblems(schema('CreateChatCompletionResponse'), { ...chat, created: 1.5 })).not.toEqual([])
  })

  it('translate `nullable` without widening the enum it sits beside', () => {
    expectConforms('CreateChatCompletionStreamResponse', chunk)
    expectConforms('CreateChatCompletionStreamResponse', { ...chunk, usage: null })
    const badReason = { ...chunk, choices: [{ ...chunk.choices[0], finish_reason: 'done' }] }
    expect(schemaProblems(schema('CreateChatCompletionStreamResponse'), badReason)).not.toEqual([])
    const halfLogprobs = { ...chunk, choices: [{ ...chunk.choices[0], logprobs: { content: [] } }] }
    expect(schemaProblems(schema('CreateChatCompletionStreamResponse'), halfLogprobs)).not.toEqual([])
  })

  it('let a streamed completion chunk have a null finish_reason, and nothing else', () => {
    const completion = {
      id: 'x',
      object: 'text_completion',
      created: 1,
      model: 'm',
      choices: [{ index: 0, text: 'a', logprobs: null, finish_reason: null }],
    }
    expect(schemaProblems(schema('CreateCompletionResponse'), completion)).not.toEqual([])
    expectConforms('CompletionStreamChunk', completion)
    const chatObject = { ...completion, object: 'chat.completion' }
    expect(schemaProblems(schema('CompletionStreamChunk'), chatObject)).not.toEqual([])
  })
})
