import { describe, expect, it } from 'vitest'
import { chatText, jsonChunks, post, serve, user } from './helpers.ts'

describe('routes', () => {
  it.each(['/v1', '/inference/v1'])('lists the built-in models under %s', async (base) => {
    const server = await serve()
    const response = await fetch(`${server.url}${base}/models`)
    expect(response.status).toBe(200)
    const body = await response.json()
    expect(body.object).toBe('list')
    expect(body.data.map((model: { id: string }) => model.id)).toEqual([
      'kindling-echo',
      'kindling-text',
      'kindling-tools',
      'kindling-reasoning',
      'kindling-vision',
    ])
    for (const model of body.data) {
      expect(model).toMatchObject({ object: 'model', owned_by: 'kindling' })
      // Fireworks' field: clients can tell a vision model before sending it an image.
      expect(model.supports_image_input).toBe(model.id === 'kindling-vision')
      expect(typeof model.created).toBe('number')
    }
  })

  it.each(['/v1', '/inference/v1'])('answers a chat completion under %s', async (base) => {
    const server = await serve()
    const response = await post(server, `${base}/chat/completions`, {
      model: 'kindling-echo',
      messages: [user('Hello, world!')],
    })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toContain('application/json')
    const body = await response.json()
    expect(body).toMatchObject({
      object: 'chat.completion',
      model: 'kindling-echo',
      choices: [
        { index: 0, message: { role: 'assistant', content: 'Hello, world!' }, finish_reason: 'stop' },
      ],
      usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 },
    })
    expect(body.id).toMatch(/^chatcmpl-/)
  })

  it.each(['/v1', '/inference/v1'])('streams a chat completion under %s', async (base) => {
    const server = await serve()
    const response = await post(server, `${base}/chat/completions`, {
      model: 'kindling-echo',
      stream: true,
      messages: [user('Hello, world!')],
    })
    expect(response.headers.get('content-type')).toContain('text/event-stream')
    const chunks = jsonChunks(await response.text())
    expect(chunks[0].choices[0].delta).toEqual({ role: 'assistant', content: '' })
    expect(chunks.every((chunk) => chunk.object === 'chat.completion.chunk')).toBe(true)
    expect(new Set(chunks.map((chunk) => chunk.id)).size).toBe(1)
    expect(chatText(chunks)).toBe('Hello, world!')
    expect(chunks.at(-1).choices[0]).toEqual({ index: 0, delta: {}, finish_reason: 'stop' })
    expect(chunks.at(-1).usage).toEqual({ prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 })
  })

  it.each(['/v1', '/inference/v1'])('answers and streams a text completion under %s', async (base) => {
    const server = await serve()
    const whole = await (
      await post(server, `${base}/completions`, { model: 'kindling-echo', prompt: 'Say it twice.' })
    ).json()
    expect(whole).toMatchObject({
      object: 'text_completion',
      choices: [{ index: 0, text: 'Say it twice.', finish_reason: 'stop', logprobs: null }],
      usage: { prompt_tokens: 4, completion_tokens: 4, total_tokens: 8 },
    })
    const streamed = jsonChunks(
      await (
        await post(server, `${base}/completions`, {
          model: 'kindling-echo',
          prompt: 'Say it twice.',
          stream: true,
        })
      ).text(),
    )
    expect(streamed.every((chunk) => chunk.object === 'text_completion')).toBe(true)
    expect(streamed.map((chunk) => chunk.choices[0].text).join('')).toBe('Say it twice.')
    expect(streamed.at(-1).choices[0].finish_reason).toBe('stop')
    expect(streamed.at(-1).usage).toEqual({ prompt_tokens: 4, completion_tokens: 4, total_tokens: 8 })
  })

  it('answers an unknown route with a 404 JSON error', async () => {
    const server = await serve()
    const response = await fetch(`${server.url}/v1/embeddings`, { method: 'POST', body: '{}' })
    expect(response.status).toBe(404)
    const body = await response.json()
    expect(body.error).toMatchObject({ type: 'invalid_request_error', code: 'not_found', param: null })
    expect(body.error.message).toContain('/v1/embeddings')
  })
})
