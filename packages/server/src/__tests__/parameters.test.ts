import { ChatCompletionStreamResponseSchema, CompletionResponseSchema } from '@kindling/client/schemas'
import { describe, expect, it } from 'vitest'
import { countTokens, tokenize } from '../tokenizer.ts'
import { chatText, type Json, jsonChunks, post, serve, user } from './helpers.ts'

describe('n', () => {
  it('interleaves the chunks of n choices and ends each with its own finish_reason', async () => {
    const server = await serve()
    const response = await post(server, '/v1/chat/completions', {
      model: 'kindling-text',
      n: 3,
      stream: true,
      messages: [user('three please')],
    })
    const chunks = jsonChunks(await response.text())
    for (const chunk of chunks) ChatCompletionStreamResponseSchema.parse(chunk)
    const order = chunks.map((chunk) => chunk.choices[0].index)
    expect(order.slice(0, 6)).toEqual([0, 1, 2, 0, 1, 2])
    const texts = [0, 1, 2].map((index) => chatText(chunks, index))
    expect(new Set(texts).size).toBe(3)
    for (const index of [0, 1, 2]) {
      const own = chunks.filter((chunk) => chunk.choices[0].index === index)
      expect(own[0].choices[0].delta.role).toBe('assistant')
      expect(own.at(-1).choices[0].finish_reason).toBe('stop')
      expect(own.filter((chunk) => chunk.choices[0].finish_reason).length).toBe(1)
    }
    const usage = chunks.at(-1).usage
    expect(usage.completion_tokens).toBe(texts.reduce((sum, text) => sum + countTokens(text), 0))
  })

  it('answers n choices whole, and n per prompt for completions', async () => {
    const server = await serve()
    const chat = await (
      await post(server, '/v1/chat/completions', { model: 'kindling-echo', n: 2, messages: [user('hi')] })
    ).json()
    expect(chat.choices.map((c: Json) => [c.index, c.message.content])).toEqual([
      [0, 'hi'],
      [1, 'hi'],
    ])
    expect(chat.usage.completion_tokens).toBe(2)
    const completion = await (
      await post(server, '/v1/completions', { model: 'kindling-echo', n: 2, prompt: ['a', 'b c'] })
    ).json()
    expect(completion.choices.map((c: Json) => [c.index, c.text])).toEqual([
      [0, 'a'],
      [1, 'a'],
      [2, 'b c'],
      [3, 'b c'],
    ])
    expect(completion.usage).toEqual({ prompt_tokens: 3, completion_tokens: 6, total_tokens: 9 })
  })
})

describe('stop', () => {
  it('ends the answer before the first stop sequence, streamed and not', async () => {
    const server = await serve()
    const body = {
      model: 'kindling-echo',
      stop: ['STOP', 'END'],
      messages: [user('one two END three STOP four')],
    }
    const whole = await (await post(server, '/v1/chat/completions', body)).json()
    expect(whole.choices[0]).toMatchObject({ message: { content: 'one two ' }, finish_reason: 'stop' })
    // 'one', ' two' and the trailing ' '.
    expect(whole.usage.completion_tokens).toBe(3)
    const chunks = jsonChunks(
      await (await post(server, '/v1/chat/completions', { ...body, stream: true })).text(),
    )
    expect(chatText(chunks)).toBe('one two ')
  })

  it('takes a single string and applies to completions', async () => {
    const server = await serve()
    const whole = await (
      await post(server, '/v1/completions', { model: 'kindling-echo', stop: ',', prompt: 'a, b' })
    ).json()
    expect(whole.choices[0]).toMatchObject({ text: 'a', finish_reason: 'stop' })
  })
})

describe('max_tokens', () => {
  it('cuts the answer at max_tokens with finish_reason length', async () => {
    const server = await serve()
    const body = { model: 'kindling-echo', max_tokens: 3, messages: [user('one two three four five')] }
    const whole = await (await post(server, '/v1/chat/completions', body)).json()
    expect(whole.choices[0]).toMatchObject({ message: { content: 'one two three' }, finish_reason: 'length' })
    expect(whole.usage.completion_tokens).toBe(3)
    const chunks = jsonChunks(
      await (await post(server, '/v1/chat/completions', { ...body, stream: true })).text(),
    )
    expect(chatText(chunks)).toBe('one two three')
    expect(chunks.at(-1).choices[0].finish_reason).toBe('length')
  })

  it('says stop, not length, when the answer fits exactly', async () => {
    const server = await serve()
    const body = { model: 'kindling-echo', max_tokens: 2, messages: [user('one two')] }
    const whole = await (await post(server, '/v1/chat/completions', body)).json()
    expect(whole.choices[0].finish_reason).toBe('stop')
  })

  it('counts reasoning and tool-call tokens too', async () => {
    const server = await serve()
    const reasoning = await (
      await post(server, '/v1/chat/completions', {
        model: 'kindling-reasoning',
        max_tokens: 4,
        messages: [user('q')],
      })
    ).json()
    expect(reasoning.choices[0].message.content).toBe('')
    expect(tokenize(reasoning.choices[0].message.reasoning_content)).toHaveLength(4)
    expect(reasoning.choices[0].finish_reason).toBe('length')
    const tools = await (
      await post(server, '/v1/chat/completions', {
        model: 'kindling-tools',
        max_tokens: 3,
        tools: [
          {
            type: 'function',
            function: { name: 'f', parameters: { type: 'object', properties: { a: {} } } },
          },
        ],
        messages: [user('x')],
      })
    ).json()
    expect(tools.choices[0].finish_reason).toBe('length')
    expect(tools.choices[0].message.tool_calls[0].function.arguments).toBe('{"')
  })

  it('takes max_completion_tokens as OpenAI names it now', async () => {
    const server = await serve()
    const body = { model: 'kindling-echo', max_completion_tokens: 1, messages: [user('one two')] }
    const whole = await (await post(server, '/v1/chat/completions', body)).json()
    expect(whole.choices[0]).toMatchObject({ message: { content: 'one' }, finish_reason: 'length' })
  })
})

describe('usage', () => {
  it('counts prompt tokens as one per message plus the tokens of its text', async () => {
    const server = await serve()
    const messages = [{ role: 'system', content: 'Be brief.' }, user('Hello, world!')]
    const whole = await (
      await post(server, '/v1/chat/completions', { model: 'kindling-echo', messages })
    ).json()
    expect(whole.usage).toEqual({ prompt_tokens: 1 + 3 + 1 + 4, completion_tokens: 4, total_tokens: 13 })
  })

  it('sends usage in a final chunk with choices [] when stream_options.include_usage is set', async () => {
    const server = await serve()
    const chunks = jsonChunks(
      await (
        await post(server, '/v1/chat/completions', {
          model: 'kindling-echo',
          stream: true,
          stream_options: { include_usage: true },
          messages: [user('a b')],
        })
      ).text(),
    )
    const last = chunks.at(-1)
    expect(last.choices).toEqual([])
    expect(last.usage).toEqual({ prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 })
    expect(chunks.slice(0, -1).every((chunk) => chunk.usage === undefined)).toBe(true)
    expect(chunks.at(-2).choices[0].finish_reason).toBe('stop')

    const completion = jsonChunks(
      await (
        await post(server, '/v1/completions', {
          model: 'kindling-echo',
          stream: true,
          stream_options: { include_usage: true },
          prompt: 'a b',
        })
      ).text(),
    )
    expect(completion.at(-1)).toMatchObject({
      choices: [],
      usage: { prompt_tokens: 2, completion_tokens: 2 },
    })
  })
})

describe('logprobs', () => {
  it('gives chat logprobs per content token, the same streamed and whole', async () => {
    const server = await serve()
    const body = { model: 'kindling-echo', logprobs: true, top_logprobs: 2, messages: [user('hi there')] }
    const whole = await (await post(server, '/v1/chat/completions', body)).json()
    const content = whole.choices[0].logprobs.content
    expect(content.map((entry: Json) => entry.token)).toEqual(['hi', ' there'])
    expect(content[0]).toMatchObject({
      bytes: [104, 105],
      top_logprobs: [{ token: 'hi' }, { token: ' the' }],
    })
    expect(content[0].logprob).toBeLessThanOrEqual(0)
    const chunks = jsonChunks(
      await (await post(server, '/v1/chat/completions', { ...body, stream: true })).text(),
    )
    const streamed = chunks.flatMap((chunk) => chunk.choices[0].logprobs?.content ?? [])
    expect(streamed).toEqual(content)
  })

  it('sends logprobs and refusal as null unless asked, as OpenAI does', async () => {
    const server = await serve()
    const whole = await (
      await post(server, '/v1/chat/completions', { model: 'kindling-echo', messages: [user('hi')] })
    ).json()
    expect(whole.choices[0].logprobs).toBeNull()
    expect(whole.choices[0].message.refusal).toBeNull()
  })

  it('lists the sampled token alone as top_logprobs for completions with logprobs 0', async () => {
    const server = await serve()
    const whole = await (
      await post(server, '/v1/completions', { model: 'kindling-echo', logprobs: 0, prompt: 'a b' })
    ).json()
    const logprobs = whole.choices[0].logprobs
    expect(logprobs.top_logprobs).toEqual([
      { a: logprobs.token_logprobs[0] },
      { ' b': logprobs.token_logprobs[1] },
    ])
  })

  it('gives completion logprobs with tokens, offsets and top alternatives', async () => {
    const server = await serve()
    const whole = await (
      await post(server, '/v1/completions', { model: 'kindling-echo', logprobs: 3, prompt: 'a b' })
    ).json()
    CompletionResponseSchema.parse(whole)
    const logprobs = whole.choices[0].logprobs
    expect(logprobs.tokens).toEqual(['a', ' b'])
    expect(logprobs.text_offset).toEqual([0, 1])
    expect(logprobs.token_logprobs).toHaveLength(2)
    expect(Object.keys(logprobs.top_logprobs[0])).toHaveLength(3)
  })
})

describe('echo', () => {
  it('puts the prompt before the completion, streamed first and counted as prompt only', async () => {
    const server = await serve()
    const body = { model: 'kindling-text', echo: true, prompt: 'The sea', seed: 1, logprobs: 0 }
    const whole = await (await post(server, '/v1/completions', body)).json()
    expect(whole.choices[0].text.startsWith('The sea ')).toBe(true)
    expect(whole.choices[0].logprobs.text_offset[0]).toBe('The sea'.length)
    expect(whole.usage.prompt_tokens).toBe(2)
    expect(whole.usage.completion_tokens).toBe(countTokens(whole.choices[0].text.slice('The sea'.length)))
    const chunks = jsonChunks(await (await post(server, '/v1/completions', { ...body, stream: true })).text())
    expect(chunks[0].choices[0].text).toBe('The sea')
    expect(chunks.map((chunk) => chunk.choices[0].text).join('')).toBe(whole.choices[0].text)
  })
})

describe('user and unknown fields', () => {
  it('accepts user and provider-specific fields without complaint', async () => {
    const server = await serve()
    const response = await post(server, '/v1/chat/completions', {
      model: 'kindling-echo',
      user: 'user-123',
      top_k: 40,
      context_length_exceeded_behavior: 'truncate',
      messages: [user('hi')],
    })
    expect(response.status).toBe(200)
  })
})

describe('delay', () => {
  it('waits the x-kindling-delay milliseconds before each chunk after the first', async () => {
    const server = await serve()
    const started = Date.now()
    const response = await post(
      server,
      '/v1/chat/completions',
      { model: 'kindling-echo', stream: true, messages: [user('a b c')] },
      { 'x-kindling-delay': '40' },
    )
    const chunks = jsonChunks(await response.text())
    // role, 3 tokens, finish: four delays of 40 ms.
    expect(chunks).toHaveLength(5)
    expect(Date.now() - started).toBeGreaterThanOrEqual(150)
  })

  it('uses the server delay when the request gives none, and zero by default', async () => {
    const slow = await serve({ delayMs: 40 })
    const fast = await serve()
    const body = { model: 'kindling-echo', stream: true, messages: [user('a b c')] }
    let started = Date.now()
    await (await post(slow, '/v1/chat/completions', body)).text()
    expect(Date.now() - started).toBeGreaterThanOrEqual(150)
    started = Date.now()
    await (await post(fast, '/v1/chat/completions', body)).text()
    expect(Date.now() - started).toBeLessThan(150)
  })

  it('rejects a delay that is not a number of milliseconds', async () => {
    const server = await serve()
    const response = await post(
      server,
      '/v1/chat/completions',
      { model: 'kindling-echo', messages: [user('a')] },
      { 'x-kindling-delay': 'soon' },
    )
    expect(response.status).toBe(400)
    expect((await response.json()).error.param).toBe('x-kindling-delay')
  })
})
