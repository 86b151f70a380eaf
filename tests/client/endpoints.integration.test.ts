import { describe, expect, it } from 'vitest'
import type { ChatCompletionStreamResponse, ChatMessage } from '../../packages/client/src/schemas.ts'
import { MODELS, user, weatherTool, withPeer } from '../support/peer.ts'

const peer = withPeer()

describe('models.list', () => {
  it('lists every built-in model', async () => {
    const list = await peer.client().models.list()
    expect(list.object).toBe('list')
    expect(list.data.map((model) => model.id)).toEqual([...MODELS])
  })

  it('also works under the Fireworks base path', async () => {
    const client = peer.client({ baseURL: `${peer.server.url}/inference/v1/` })
    expect((await client.models.list()).data).toHaveLength(MODELS.length)
  })
})

describe.each(MODELS)('chatCompletion with %s', (model) => {
  const messages = [user('What is the weather in Paris?')]
  const options = { tools: [weatherTool], seed: 7, max_tokens: 60 }

  it('answers whole and streamed alike', async () => {
    const client = peer.client()
    const whole = await client.chatCompletion.create(model, messages, options)
    expect(whole.object).toBe('chat.completion')
    expect(whole.model).toBe(model)
    const stream = await client.chatCompletion.create(model, messages, { ...options, stream: true })
    const chunks: ChatCompletionStreamResponse[] = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true)
    const final = await stream.finalResponse()
    // A whole message carries the `refusal: null` OpenAI's schema requires; a stream need not send it.
    const withoutRefusal = ({ refusal: _, ...message }: ChatMessage) => message
    expect(final.choices.map((c) => withoutRefusal(c.message))).toEqual(
      whole.choices.map((c) => withoutRefusal(c.message)),
    )
    expect(final.choices.map((c) => c.finish_reason)).toEqual(whole.choices.map((c) => c.finish_reason))
    expect(final.usage).toEqual(whole.usage)
  })
})

describe.each(MODELS)('completion with %s', (model) => {
  it('answers whole and streamed alike', async () => {
    const client = peer.client()
    const whole = await client.completion.create(model, 'Once upon a time', { seed: 3, max_tokens: 40 })
    expect(whole.object).toBe('text_completion')
    const stream = await client.completion.create(model, 'Once upon a time', {
      seed: 3,
      max_tokens: 40,
      stream: true,
    })
    const final = await stream.finalResponse()
    expect(final.choices.map((c) => [c.text, c.finish_reason])).toEqual(
      whole.choices.map((c) => [c.text, c.finish_reason]),
    )
    expect(final.usage).toEqual(whole.usage)
  })
})

describe('what the models send', () => {
  it('echoes the last user message, multi-byte characters included', async () => {
    const text = 'héllo 🔥 世界, ça va?'
    const stream = await peer.client().chatCompletion.create('kindling-echo', [user(text)], { stream: true })
    const final = await stream.finalResponse()
    expect(final.choices[0]?.message).toMatchObject({ role: 'assistant', content: text })
    expect(final.choices[0]?.finish_reason).toBe('stop')
  })

  it('streams tool calls merged by index with arguments concatenated', async () => {
    const second = { ...weatherTool, function: { ...weatherTool.function, name: 'get_time' } }
    const stream = await peer
      .client()
      .chatCompletion.create('kindling-tools', [user('Lyon')], { tools: [weatherTool, second], stream: true })
    const final = await stream.finalResponse()
    const choice = final.choices[0]
    expect(choice?.finish_reason).toBe('tool_calls')
    expect(choice?.message.tool_calls?.map((call) => call.function.name)).toEqual(['get_weather', 'get_time'])
    for (const call of choice?.message.tool_calls ?? []) {
      expect(call.id).toMatch(/^call_/)
      expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Lyon', days: 1 })
    }
  })

  it('answers the tool results that follow, sending the response message back as is', async () => {
    const client = peer.client()
    const first = await client.chatCompletion.create('kindling-tools', [user('Lyon')], {
      tools: [weatherTool],
    })
    const assistant = first.choices[0]?.message
    if (!assistant) throw new Error('no message')
    const call = assistant.tool_calls?.[0]
    const answer = await client.chatCompletion.create(
      'kindling-tools',
      [user('Lyon'), assistant, { role: 'tool', tool_call_id: call?.id ?? '', content: 'sunny' }],
      { tools: [weatherTool] },
    )
    expect(answer.choices[0]?.message.content).toContain('get_weather returned sunny')
  })

  it('streams reasoning_content before the content', async () => {
    const stream = await peer
      .client()
      .chatCompletion.create('kindling-reasoning', [user('Why?')], { stream: true })
    let sawContent = false
    for await (const chunk of stream) {
      const d = chunk.choices[0]?.delta
      if (d?.content) sawContent = true
      if (d?.reasoning_content) expect(sawContent).toBe(false)
    }
    const message = (await stream.finalResponse()).choices[0]?.message
    expect(message?.reasoning_content).toContain('Why?')
    expect(message?.content?.length).toBeGreaterThan(10)
  })

  it('separates n interleaved choices and reports usage in a usage-only chunk', async () => {
    const stream = await peer.client().chatCompletion.create('kindling-text', [user('hi')], {
      n: 3,
      max_tokens: 12,
      stream: true,
      stream_options: { include_usage: true },
    })
    const chunks: ChatCompletionStreamResponse[] = []
    for await (const chunk of stream) chunks.push(chunk)
    expect(chunks.at(-1)?.choices).toEqual([])
    const final = await stream.finalResponse()
    expect(final.choices.map((c) => c.index)).toEqual([0, 1, 2])
    expect(final.choices.every((c) => c.finish_reason === 'length')).toBe(true)
    expect(final.usage?.completion_tokens).toBe(36)
  })

  it('takes the prompt or the messages from the options', async () => {
    const client = peer.client()
    const completion = await client.completion.create('kindling-echo', undefined, {
      prompt: 'abc',
      echo: false,
    })
    expect(completion.choices[0]?.text).toBe('abc')
    const chat = await client.chatCompletion.create('kindling-echo', undefined, { messages: [user('xyz')] })
    expect(chat.choices[0]?.message.content).toBe('xyz')
  })

  it('completes several prompts with n choices each and legacy logprobs', async () => {
    const stream = await peer.client().completion.create('kindling-text', ['a', 'b'], {
      n: 2,
      max_tokens: 5,
      logprobs: 2,
      stream: true,
    })
    const final = await stream.finalResponse()
    expect(final.choices.map((c) => c.index)).toEqual([0, 1, 2, 3])
    for (const choice of final.choices) expect(choice.logprobs?.tokens?.join('')).toBe(choice.text)
  })
})
