import { describe, expect, it } from 'vitest'
import { type APIError, APITimeoutError, APIUserAbortError } from '../../packages/client/src/errors.ts'
import type { ChatCompletionResponse } from '../../packages/client/src/schemas.ts'
import { fault, user, withPeer } from '../support/peer.ts'

const peer = withPeer()
const slow = { stream: true as const, max_tokens: 500, ...fault('delay=20') }

async function rejection(promise: Promise<unknown>): Promise<APIError> {
  try {
    await promise
  } catch (error) {
    return error as APIError
  }
  throw new Error('expected a rejection')
}

describe('abort', () => {
  it('stream.abort() mid-stream closes the connection and keeps the partial answer', async () => {
    const ended = peer.server.streams.waitForStreamEnd()
    const stream = await peer.client().chatCompletion.create('kindling-text', [user('go')], slow)
    let received = 0
    const error = await rejection(
      (async () => {
        for await (const _ of stream) if (++received === 3) stream.abort()
      })(),
    )
    expect(error).toBeInstanceOf(APIUserAbortError)
    expect(error).not.toBeInstanceOf(APITimeoutError)
    expect((error.partial as ChatCompletionResponse).choices[0]?.message.content?.length).toBeGreaterThan(0)
    expect((await ended).end).toBe('client-closed')
    expect(await rejection(stream.finalResponse())).toBe(error)
  })

  it('an AbortSignal aborts mid-stream and the server sees the connection close', async () => {
    const ended = peer.server.streams.waitForStreamEnd()
    const controller = new AbortController()
    const stream = await peer
      .client()
      .chatCompletion.create('kindling-text', [user('go')], { ...slow, signal: controller.signal })
    setTimeout(() => controller.abort(), 100)
    const error = await rejection(stream.finalResponse())
    expect(error).toBeInstanceOf(APIUserAbortError)
    expect((await ended).end).toBe('client-closed')
  })

  it('leaving a for-await loop early closes the connection', async () => {
    const ended = peer.server.streams.waitForStreamEnd()
    const stream = await peer.client().completion.create('kindling-text', 'go', slow)
    for await (const _ of stream) break
    expect((await ended).end).toBe('client-closed')
    expect(await rejection(stream.finalResponse())).toBeInstanceOf(APIUserAbortError)
  })

  it('aborts a stalled stream (the server closes it too)', async () => {
    const ended = peer.server.streams.waitForStreamEnd()
    const stream = await peer
      .client()
      .chatCompletion.create('kindling-echo', [user('a b c d')], { stream: true, ...fault('stall=2') })
    const pending = rejection(stream.finalResponse())
    setTimeout(() => stream.abort(), 100)
    expect(await pending).toBeInstanceOf(APIUserAbortError)
    expect((await ended).end).toBe('client-closed')
  })

  it('rejects at once with an already aborted signal, sending nothing', async () => {
    peer.requests.length = 0
    const error = await rejection(
      peer.client().chatCompletion.create('kindling-echo', [user('x')], { signal: AbortSignal.abort() }),
    )
    expect(error).toBeInstanceOf(APIUserAbortError)
    expect(peer.requests).toEqual([])
  })

  it('aborts a non-streamed request in flight', async () => {
    const error = await rejection(
      peer.client().chatCompletion.create('kindling-echo', [user('x')], {
        ...fault('stall'),
        signal: AbortSignal.timeout(100),
      }),
    )
    // A signal the caller passed is a user abort, even when it is a timeout signal of their own.
    expect(error).toBeInstanceOf(APIUserAbortError)
  })
})
