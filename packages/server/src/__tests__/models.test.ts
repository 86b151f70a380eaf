import { ChatCompletionResponseSchema, ChatCompletionStreamResponseSchema } from '@kindling/client/schemas'
import { describe, expect, it } from 'vitest'
import { chatText, type Json, jsonChunks, post, serve, user } from './helpers.ts'

const weatherTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    parameters: {
      type: 'object',
      properties: { location: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
    },
  },
}
const timeTool = {
  type: 'function',
  function: { name: 'get_time', parameters: { type: 'object', properties: {} } },
}

async function chat(body: Record<string, unknown>): Promise<Json> {
  const server = await serve()
  const response = await post(server, '/v1/chat/completions', body)
  expect(response.status).toBe(200)
  return body.stream ? jsonChunks(await response.text()) : response.json()
}

describe('kindling-echo', () => {
  it('answers with the last user message, streamed and not', async () => {
    const messages = [
      user('first'),
      { role: 'assistant', content: 'ok' },
      user([{ type: 'text', text: 'second' }] as never),
    ]
    const whole = await chat({ model: 'kindling-echo', messages })
    expect(whole.choices[0].message.content).toBe('second')
    const chunks = await chat({ model: 'kindling-echo', messages, stream: true })
    expect(chatText(chunks)).toBe('second')
  })

  it('answers an empty string when there is no user message', async () => {
    const whole = await chat({ model: 'kindling-echo', messages: [{ role: 'system', content: 'be brief' }] })
    expect(whole.choices[0]).toMatchObject({ message: { content: '' }, finish_reason: 'stop' })
  })
})

describe('kindling-text', () => {
  it('streams exactly the text it answers whole, for the same request', async () => {
    const request = { model: 'kindling-text', messages: [user('Tell me about rivers')] }
    const whole = await chat(request)
    const chunks = await chat({ ...request, stream: true })
    const text = whole.choices[0].message.content
    expect(text.split(' ').length).toBeGreaterThan(15)
    expect(text).toMatch(/\.$/)
    expect(chatText(chunks)).toBe(text)
    // One token per content chunk: many small deltas, as a real model streams.
    expect(chunks.filter((chunk: Json) => chunk.choices[0]?.delta.content).length).toBeGreaterThan(15)
  })

  it('writes the same prose for the same seed and different prose for another', async () => {
    const ask = (seed: number, content: string) =>
      chat({ model: 'kindling-text', seed, messages: [user(content)] }).then(
        (r) => r.choices[0].message.content,
      )
    expect(await ask(7, 'a')).toBe(await ask(7, 'b'))
    expect(await ask(7, 'a')).not.toBe(await ask(8, 'a'))
  })

  it('seeds from the input when the request gives no seed', async () => {
    const ask = (content: string) =>
      chat({ model: 'kindling-text', messages: [user(content)] }).then((r) => r.choices[0].message.content)
    expect(await ask('same question')).toBe(await ask('same question'))
    expect(await ask('one question')).not.toBe(await ask('another question'))
  })
})

describe('kindling-tools', () => {
  it('streams a tool call the way OpenAI does', async () => {
    const chunks = await chat({
      model: 'kindling-tools',
      stream: true,
      tools: [weatherTool],
      messages: [user('Paris')],
    })
    for (const chunk of chunks) ChatCompletionStreamResponseSchema.parse(chunk)
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: null })
    const fragments = chunks.flatMap((chunk: Json) => chunk.choices[0]?.delta.tool_calls ?? [])
    expect(fragments.length).toBeGreaterThan(3)
    const [first, ...rest] = fragments
    expect(first).toEqual({
      index: 0,
      id: expect.stringMatching(/^call_/),
      type: 'function',
      function: { name: 'get_weather', arguments: '' },
    })
    for (const fragment of rest) {
      expect(Object.keys(fragment).sort()).toEqual(['function', 'index'])
      expect(Object.keys(fragment.function)).toEqual(['arguments'])
    }
    const args = rest.map((fragment: Json) => fragment.function.arguments).join('')
    expect(JSON.parse(args)).toEqual({ location: 'Paris', unit: 'celsius' })
    expect(chunks.at(-1).choices[0]).toEqual({ index: 0, delta: {}, finish_reason: 'tool_calls' })
  })

  it('answers a tool call whole with content null and finish_reason tool_calls', async () => {
    const whole = await chat({ model: 'kindling-tools', tools: [weatherTool], messages: [user('Oslo')] })
    ChatCompletionResponseSchema.parse(whole)
    expect(whole.choices[0].finish_reason).toBe('tool_calls')
    expect(whole.choices[0].message.content).toBeNull()
    expect(whole.choices[0].message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_/),
        type: 'function',
        function: { name: 'get_weather', arguments: '{"location":"Oslo","unit":"celsius"}' },
      },
    ])
  })

  it('calls every offered tool in parallel, one index each, unless told otherwise', async () => {
    const request = { model: 'kindling-tools', tools: [weatherTool, timeTool], messages: [user('Rome')] }
    const chunks = await chat({ ...request, stream: true })
    const starts = chunks
      .flatMap((chunk: Json) => chunk.choices[0]?.delta.tool_calls ?? [])
      .filter((f: Json) => f.id)
    expect(starts.map((f: Json) => [f.index, f.function.name])).toEqual([
      [0, 'get_weather'],
      [1, 'get_time'],
    ])
    const single = await chat({ ...request, parallel_tool_calls: false })
    expect(single.choices[0].message.tool_calls.map((c: Json) => c.function.name)).toEqual(['get_weather'])
    const chosen = await chat({
      ...request,
      tool_choice: { type: 'function', function: { name: 'get_time' } },
    })
    expect(chosen.choices[0].message.tool_calls.map((c: Json) => c.function.name)).toEqual(['get_time'])
    const none = await chat({ ...request, tool_choice: 'none' })
    expect(none.choices[0].finish_reason).toBe('stop')
    expect(none.choices[0].message.tool_calls).toBeUndefined()
  })

  it('answers the tool results that follow its call', async () => {
    const call = {
      id: 'call_1',
      type: 'function',
      function: { name: 'get_weather', arguments: '{"location":"Oslo"}' },
    }
    const messages = [
      user('Oslo'),
      { role: 'assistant', content: null, tool_calls: [call] },
      { role: 'tool', tool_call_id: 'call_1', content: '{"temperature":3}' },
    ]
    const whole = await chat({ model: 'kindling-tools', tools: [weatherTool], messages })
    expect(whole.choices[0].finish_reason).toBe('stop')
    expect(whole.choices[0].message.content).toContain('get_weather returned {"temperature":3}')
    const chunks = await chat({ model: 'kindling-tools', tools: [weatherTool], messages, stream: true })
    expect(chatText(chunks)).toBe(whole.choices[0].message.content)
  })

  it('says how to use it when no tools are offered', async () => {
    const whole = await chat({ model: 'kindling-tools', messages: [user('hi')] })
    expect(whole.choices[0].message.content).toContain('tools')
    expect(whole.choices[0].finish_reason).toBe('stop')
  })
})

describe('kindling-reasoning', () => {
  it('streams reasoning_content before content', async () => {
    const chunks = await chat({
      model: 'kindling-reasoning',
      stream: true,
      messages: [user('Why is the sky blue?')],
    })
    const kinds = chunks
      .map((chunk: Json) => chunk.choices[0]?.delta ?? {})
      .flatMap((delta: Json) => (delta.reasoning_content ? ['r'] : delta.content ? ['c'] : []))
      .join('')
    expect(kinds).toMatch(/^r+c+$/)
    expect(chatText(chunks, 0, 'reasoning_content')).toContain('Why is the sky blue?')
  })

  it('answers whole with reasoning_content beside content', async () => {
    const request = { model: 'kindling-reasoning', messages: [user('Why?')] }
    const whole = await chat(request)
    ChatCompletionResponseSchema.parse(whole)
    const chunks = await chat({ ...request, stream: true })
    expect(whole.choices[0].message.reasoning_content).toBe(chatText(chunks, 0, 'reasoning_content'))
    expect(whole.choices[0].message.content).toBe(chatText(chunks))
    expect(whole.usage.completion_tokens).toBe(
      chunks.filter((c: Json) => c.choices[0]?.delta.content || c.choices[0]?.delta.reasoning_content).length,
    )
  })
})

describe('completions on every model', () => {
  it.each(['kindling-echo', 'kindling-text', 'kindling-tools', 'kindling-reasoning'])(
    'streams what %s answers whole',
    async (model) => {
      const server = await serve()
      const body = { model, prompt: 'Once upon a time', seed: 3 }
      const whole = await (await post(server, '/v1/completions', body)).json()
      const chunks = jsonChunks(
        await (await post(server, '/v1/completions', { ...body, stream: true })).text(),
      )
      expect(whole.choices[0].text.length).toBeGreaterThan(0)
      expect(chunks.map((chunk) => chunk.choices[0]?.text ?? '').join('')).toBe(whole.choices[0].text)
    },
  )
})
