import { describe, expect, it } from 'vitest'
import {
  APIConnectionError,
  type APIError,
  APIUserAbortError,
  InternalServerError,
  RateLimitError,
} from '../../packages/client/src/errors.ts'
import { fault, user, withPeer } from '../support/peer.ts'

const peer = withPeer()
const messages = [user('retry me')]
const chatRequests = () => peer.requests.filter((line) => line.startsWith('POST /v1/chat/completions'))

async function rejection(promise: Promise<unknown>): Promise<APIError> {
  try {
    await promise
  } catch (error) {
    return error as APIError
  }
  throw new Error('expected a rejection')
}

/** A real fetch that adds `spec` as a fault header to the first `times` attempts only. */
function failingFirst(times: number, spec: string) {
  let attempts = 0
  const fetchWithFaults: typeof fetch = (input, init) => {
    attempts++
    const headers = new Headers(init?.headers)
    if (attempts <= times) headers.set('x-kindling-fault', spec)
    return fetch(input, { ...init, headers })
  }
  return { fetch: fetchWithFaults, attempts: () => attempts }
}

describe('retries', () => {
  it('retries a 503 maxRetries times with backoff, then throws the last error', async () => {
    peer.requests.length = 0
    const started = Date.now()
    const error = await rejection(
      peer.client({ maxRetries: 2 }).chatCompletion.create('kindling-echo', messages, fault('503')),
    )
    expect(error).toBeInstanceOf(InternalServerError)
    expect(chatRequests()).toEqual(Array(3).fill('POST /v1/chat/completions 503'))
    // Backoff: 0.5 s then 1 s, each less up to 25 % jitter.
    expect(Date.now() - started).toBeGreaterThanOrEqual(375 + 750)
  })

  it('succeeds when a retry does, streamed too', async () => {
    const flaky = failingFirst(1, '500')
    const client = peer.client({ maxRetries: 2, fetch: flaky.fetch })
    const stream = await client.chatCompletion.create('kindling-echo', messages, { stream: true })
    expect((await stream.finalResponse()).choices[0]?.message.content).toBe('retry me')
    expect(flaky.attempts()).toBe(2)
  })

  it('honours Retry-After on a 429', async () => {
    const flaky = failingFirst(1, '429=1')
    const started = Date.now()
    const answer = await peer
      .client({ maxRetries: 1, fetch: flaky.fetch })
      .chatCompletion.create('kindling-echo', messages)
    expect(answer.choices[0]?.message.content).toBe('retry me')
    expect(flaky.attempts()).toBe(2)
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000)
  })

  it('gives up at once when Retry-After is longer than a minute', async () => {
    const flaky = failingFirst(5, '429=120')
    const error = await rejection(
      peer.client({ maxRetries: 3, fetch: flaky.fetch }).chatCompletion.create('kindling-echo', messages),
    )
    expect(error).toBeInstanceOf(RateLimitError)
    expect(error.headers?.get('retry-after')).toBe('120')
    expect(flaky.attempts()).toBe(1)
  })

  it('does not retry what retrying cannot fix', async () => {
    for (const spec of ['400', '401', '403', '404', '413', '422']) {
      const flaky = failingFirst(1, spec)
      await rejection(
        peer.client({ maxRetries: 2, fetch: flaky.fetch }).completion.create('kindling-echo', 'x'),
      )
      expect(flaky.attempts()).toBe(1)
    }
  })

  it('retries a refused connection, then reports it as APIConnectionError', async () => {
    const client = peer.client({ baseURL: 'http://127.0.0.1:9/v1', maxRetries: 1 })
    const error = await rejection(client.models.list())
    expect(error).toBeInstanceOf(APIConnectionError)
    expect(error.message).toContain('http://127.0.0.1:9/v1/models')
  })

  it('never retries once a stream has delivered data', async () => {
    peer.requests.length = 0
    const stream = await peer
      .client({ maxRetries: 3 })
      .chatCompletion.create('kindling-echo', messages, { stream: true, ...fault('cut=2') })
    expect(await rejection(stream.finalResponse())).toBeInstanceOf(APIConnectionError)
    expect(chatRequests()).toHaveLength(1)
  })

  it('never retries after a user abort, even while waiting to retry', async () => {
    const flaky = failingFirst(10, '503=5')
    const controller = new AbortController()
    const pending = peer
      .client({ maxRetries: 5, fetch: flaky.fetch })
      .chatCompletion.create('kindling-echo', messages, { signal: controller.signal })
    setTimeout(() => controller.abort(), 200)
    const started = Date.now()
    expect(await rejection(pending)).toBeInstanceOf(APIUserAbortError)
    expect(Date.now() - started).toBeLessThan(2000)
    expect(flaky.attempts()).toBe(1)
  })
})
