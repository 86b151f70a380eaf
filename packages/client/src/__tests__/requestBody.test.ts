import { describe, expect, it } from 'vitest'
import { InvalidArgumentError } from '../errors.ts'
import { buildRequestBody } from '../requestBody.ts'

describe('buildRequestBody', () => {
  it('sends every parameter as is and keeps client options apart', () => {
    const signal = new AbortController().signal
    const split = buildRequestBody(
      'm',
      'prompt',
      'Hi',
      { max_tokens: 3, custom_field: { a: 1 }, requestTimeout: 5, signal, headers: { x: 'y' }, stream: true },
      'completion.create',
    )
    expect(split.body).toEqual({
      model: 'm',
      prompt: 'Hi',
      max_tokens: 3,
      custom_field: { a: 1 },
      stream: true,
    })
    expect(split.options).toEqual({ requestTimeout: 5, signal, headers: { x: 'y' } })
    expect(split.stream).toBe(true)
  })

  it('takes the messages from the options when the argument is omitted', () => {
    const messages = [{ role: 'user', content: 'x' }]
    expect(buildRequestBody('m', 'messages', undefined, { messages }, 'c').body).toEqual({
      model: 'm',
      messages,
      stream: false,
    })
  })

  it('refuses both, neither and an empty model before any request', () => {
    expect(() => buildRequestBody('m', 'prompt', 'a', { prompt: 'b' }, 'completion.create')).toThrow(
      /given both as an argument and in the options/,
    )
    expect(() => buildRequestBody('m', 'messages', undefined, {}, 'chatCompletion.create')).toThrow(
      InvalidArgumentError,
    )
    expect(() => buildRequestBody('', 'prompt', 'a', {}, 'completion.create')).toThrow(/model/)
  })
})
