import { describe, expect, it } from 'vitest'
import { chatStreamSpec } from '../chatCompletion.ts'
import {
  APIConnectionError,
  type APIError,
  APIStreamError,
  APIUserAbortError,
  ResponseValidationError,
} from '../errors.ts'
import { createLogger } from '../logger.ts'
import { joinPieces } from '../pieces.ts'
import type { RequestHandle } from '../request.ts'
import type { ChatCompletionResponse } from '../schemas.ts'
import { createStream } from '../stream.ts'
import { byteStream, delta, encode, failingByteStream, sseText } from './fixtures.ts'

// createStream over in-memory bodies: a hand-made handle stands in for the request layer.
function handleFor(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const calls = { abort: 0, release: 0 }
  const controller = new AbortController()
  const handle: RequestHandle = {
    response: new Response(body, { headers: { 'x-request-id': 'req-9', ...headers } }),
    bodyText: undefined,
    endpoint: 'POST /chat/completions',
    model: 'm',
    signal: controller.signal,
    abort() {
      calls.abort++
      controller.abort()
    },
    errorFor: (error): APIError =>
      controller.signal.aborted
        ? new APIUserAbortError({ message: 'aborted', cause: error })
        : new APIConnectionError({ message: 'connection lost', cause: error }),
    release() {
      calls.release++
    },
  }
  return { handle, calls }
}

function chatStream(body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) {
  const { handle, calls } = handleFor(body, headers)
  const stream = createStream(handle, chatStreamSpec(), createLogger('off'))
  return { stream, calls }
}

const partialChat = (error: unknown) => (error as APIError).partial as ChatCompletionResponse | undefined

const hello = [delta(0, { role: 'assistant', content: 'Hel' }), delta(0, { content: 'lo' }, 'stop')]

async function drain<T>(iterable: AsyncIterable<T>): Promise<{ items: T[]; error: unknown }> {
  const items: T[] = []
  try {
    for await (const item of iterable) items.push(item)
    return { items, error: undefined }
  } catch (error) {
    return { items, error }
  }
}

describe('createStream', () => {
  it('yields each chunk and accumulates the final response', async () => {
    const { stream, calls } = chatStream(byteStream([encode(sseText(hello))]))
    expect(stream.requestId).toBe('req-9')
    const { items, error } = await drain(stream)
    expect(error).toBeUndefined()
    expect(items).toHaveLength(2)
    const final = await stream.finalResponse()
    expect(final.choices[0]?.message).toEqual({ role: 'assistant', content: 'Hello' })
    expect(calls.release).toBe(1)
  })

  it('exposes the accumulated state of the chunks delivered so far', async () => {
    const { stream } = chatStream(byteStream([encode(sseText(hello))]))
    const initial = stream.accumulated
    expect(initial.chunks).toBe(0)
    const seen: string[] = []
    let previous = initial
    for await (const _chunk of stream) {
      expect(stream.accumulated).not.toBe(previous)
      previous = stream.accumulated
      seen.push(joinPieces(stream.accumulated.choices[0]?.content))
    }
    expect(seen).toEqual(['Hel', 'Hello'])
    expect(stream.accumulated.chunks).toBe(2)
    // Earlier states are left as they were.
    expect(initial.chunks).toBe(0)
  })

  it('gives the final response without iterating', async () => {
    const { stream } = chatStream(byteStream([encode(sseText(hello))]))
    expect((await stream.finalResponse()).choices[0]?.finish_reason).toBe('stop')
  })

  it('reads a final chunk that has finish_reason but no delta, as some providers send', async () => {
    const noDelta = { ...delta(0, {}, 'stop'), choices: [{ index: 0, finish_reason: 'stop' }] }
    const { stream } = chatStream(
      byteStream([encode(sseText([hello[0], delta(0, { content: 'lo' }), noDelta]))]),
    )
    const final = await stream.finalResponse()
    expect(final.choices[0]?.message.content).toBe('Hello')
    expect(final.choices[0]?.finish_reason).toBe('stop')
  })

  it('yields an empty delta for a choice that has none, and unknown fields untouched', async () => {
    const noDelta = {
      ...delta(0, {}, 'stop'),
      system_fingerprint: 'fp_1',
      choices: [{ index: 0, finish_reason: 'stop', stop_reason: 7, logprobs: { content: [], extra: 'x' } }],
    }
    const withExtras = delta(0, { content: 'Hel', provider_note: { deep: [1] } } as never)
    const { stream } = chatStream(byteStream([encode(sseText([withExtras, noDelta]))]))
    const { items, error } = await drain(stream)
    expect(error).toBeUndefined()
    expect(items[0]?.choices[0]?.delta).toEqual({ content: 'Hel', provider_note: { deep: [1] } })
    expect(items[1]).toMatchObject({ system_fingerprint: 'fp_1' })
    expect(items[1]?.choices[0]).toEqual({
      index: 0,
      delta: {},
      finish_reason: 'stop',
      stop_reason: 7,
      logprobs: { content: [], extra: 'x' },
    })
  })

  it('ends normally when the stream ends without [DONE]', async () => {
    const { stream } = chatStream(byteStream([encode(sseText(hello, { done: false }))]))
    expect((await stream.finalResponse()).choices[0]?.message.content).toBe('Hello')
  })

  it('ignores data after [DONE] and unknown named events', async () => {
    const text = `event: ping\ndata: {}\n\n${sseText(hello)}data: {"garbage":true}\n\n`
    const { stream } = chatStream(byteStream([encode(text)]))
    expect((await drain(stream)).items).toHaveLength(2)
  })

  it.each([
    [
      'event: error',
      'event: error\ndata: {"error":{"message":"overloaded","type":"server_error","code":503}}\n\n',
    ],
    ['data: {"error"}', 'data: {"error":{"message":"overloaded","type":"server_error","code":503}}\n\n'],
  ])('turns %s mid-stream into APIStreamError and keeps the partial answer', async (_, errorEvent) => {
    const text = sseText([hello[0]], { done: false }) + errorEvent
    const { stream } = chatStream(byteStream([encode(text)]))
    const { items, error } = await drain(stream)
    expect(items).toHaveLength(1)
    expect(error).toBeInstanceOf(APIStreamError)
    const streamError = error as APIStreamError
    expect(streamError.message).toContain('overloaded')
    expect(streamError.type).toBe('server_error')
    expect(streamError.code).toBe(503)
    const rejected = await stream.finalResponse().catch((e: APIError) => e)
    expect(rejected).toBe(error)
    expect(partialChat(rejected)?.choices[0]).toMatchObject({ message: { content: 'Hel' } })
  })

  it('reports a malformed chunk with the endpoint, the model and the partial answer', async () => {
    const text = `${sseText([hello[0]], { done: false })}data: {"id": "x", "choices": [\n\n`
    const { stream } = chatStream(byteStream([encode(text)]))
    const error = await stream.finalResponse().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResponseValidationError)
    expect((error as Error).message).toMatch(/POST \/chat\/completions \(model "m"\): not valid JSON/)
    expect(partialChat(error)?.choices[0]?.message.content).toBe('Hel')
  })

  it('names the path of a missing required field', async () => {
    const { model: _, ...bad } = delta(0, { content: 'x' })
    const { stream } = chatStream(byteStream([encode(sseText([bad]))]))
    const error = (await stream.finalResponse().catch((e: unknown) => e)) as ResponseValidationError
    expect(error).toBeInstanceOf(ResponseValidationError)
    expect(error.path).toBe('model')
    expect(error.message).toContain('model: expected string, received undefined')
  })

  it('names the path of a nested field of the wrong type', async () => {
    const bad = { ...delta(0, { content: 'x' }), extra: 1, choices: [{ index: 0, delta: { content: 5 } }] }
    const { stream } = chatStream(byteStream([encode(sseText([hello[0], bad]))]))
    const error = (await stream.finalResponse().catch((e: unknown) => e)) as ResponseValidationError
    expect(error).toBeInstanceOf(ResponseValidationError)
    expect(error.path).toBe('choices[0].delta.content')
    expect(error.message).toMatch(
      /POST \/chat\/completions \(model "m"\): choices\[0\]\.delta\.content: expected string, received number/,
    )
    expect(partialChat(error)?.choices[0]?.message.content).toBe('Hel')
  })

  it('keeps the partial answer when the connection is cut', async () => {
    const { stream } = chatStream(
      failingByteStream([encode(sseText([hello[0]], { done: false }))], new TypeError('terminated')),
    )
    const { items, error } = await drain(stream)
    expect(items).toHaveLength(1)
    expect(error).toBeInstanceOf(APIConnectionError)
    expect(partialChat(error)?.choices[0]?.message.content).toBe('Hel')
  })

  it('closes the connection and counts as aborted when the consumer leaves the loop', async () => {
    const { stream, calls } = chatStream(byteStream([encode(sseText(hello))]))
    for await (const _ of stream) break
    expect(calls.abort).toBe(1)
    expect(calls.release).toBe(1)
    const error = await stream.finalResponse().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(APIUserAbortError)
    expect(partialChat(error)?.choices[0]?.message.content).toBe('Hel')
  })

  it('delivers nothing more after abort(), even chunks already received', async () => {
    const { stream } = chatStream(byteStream([encode(sseText([...hello, ...hello]))]))
    const seen: unknown[] = []
    const error = await (async () => {
      for await (const chunk of stream) {
        seen.push(chunk)
        stream.abort()
      }
    })().catch((e: unknown) => e)
    expect(seen).toHaveLength(1)
    expect(error).toBeInstanceOf(APIUserAbortError)
  })

  it('reads a JSON error body sent to a streamed request as a stream error', async () => {
    const body = byteStream([encode('{"error":{"message":"model is warming up","type":"server_error"}}')])
    const { stream } = chatStream(body, { 'content-type': 'application/json' })
    const error = await stream.finalResponse().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(APIStreamError)
    expect((error as Error).message).toContain('model is warming up')
  })

  it('refuses a JSON answer to a streamed request instead of reading it as an empty stream', async () => {
    const body = byteStream([encode(JSON.stringify({ id: 'x', choices: [] }))])
    const { stream } = chatStream(body, { 'content-type': 'application/json' })
    const error = await stream.finalResponse().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(ResponseValidationError)
    expect((error as Error).message).toMatch(
      /Expected an event stream from POST \/chat\/completions \(model "m"\), got application\/json/,
    )
  })
})
