import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { createClient } from '../../packages/client/src/createClient.ts'
import { APIConnectionError, APIStreamError } from '../../packages/client/src/errors.ts'
import { startCli, stopClis } from '../../packages/server/src/__tests__/cliProcess.ts'
import { startRedis, type TestRedis } from '../../packages/server/src/__tests__/redisServer.ts'
import { user } from '../support/peer.ts'
import { readAll } from '../support/streams.ts'

// Two `kindling-server --redis-url` processes on one real redis-server; instance A is SIGKILLed
// mid-answer (no cleanup runs, as when a machine dies). Its readers must end with a typed error that
// keeps the partial answer, never hang.

let redis: TestRedis
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis.stop())
afterEach(stopClis)

const messages = [user('Tell me about lighthouses')]
const request = { stream: true, seed: 9 } as const

/** Two CLI instances sharing the test Redis; each chunk of an answer 50 ms apart. */
async function twoInstances() {
  const a = startCli(['--', '--port', '0', '--redis-url', redis.url, '--delay', '50'])
  const b = startCli(['--', '--port', '0', '--redis-url', redis.url, '--delay', '50'])
  return { a, b, urls: await Promise.all([a.url, b.url]) }
}

/** Real fetch that records every URL it is asked for. */
function recording(urls: string[]): typeof fetch {
  return (input, init) => {
    urls.push(String(input))
    return fetch(input, init)
  }
}

const clientOf = (url: string, urls: string[] = []) =>
  createClient({
    baseURL: `${url}/v1`,
    apiKey: 'alice',
    logLevel: 'off',
    maxRetries: 0,
    resumable: true,
    fetch: recording(urls),
  })

describe('an instance killed mid-stream (two CLI processes on Redis)', () => {
  it('fails its own reader with APIConnectionError, partial kept, after maxResumes tries', async () => {
    const { a, urls } = await twoInstances()
    const fetched: string[] = []
    const stream = await clientOf(urls[0] as string, fetched).chatCompletion.create(
      'kindling-text',
      messages,
      { ...request, maxResumes: 2 },
    )
    const { text, error } = await readAll(stream, (n) => (n === 3 ? a.kill() : undefined))
    expect(error).toBeInstanceOf(APIConnectionError)
    const partial = (error as APIConnectionError).partial as { choices: { message: { content: string } }[] }
    expect(text.length).toBeGreaterThan(0)
    expect(partial.choices[0]?.message.content).toBe(text)
    // Two resumes were tried (A refuses connections now), and no more.
    expect(fetched.filter((url) => url.includes('/v1/kindling/streams/'))).toHaveLength(2)
  })

  it('ends a reader following through B with stream_producer_lost, partial kept; later resumes end the same', async () => {
    const { a, urls } = await twoInstances()
    const [onA, onB] = urls as [string, string]
    const started = await clientOf(onA).chatCompletion.create('kindling-text', messages, request)
    const id = started.response.headers.get('x-kindling-stream-id') as string
    const firstReader = readAll(started)
    const followed: string[] = []
    const follower = await clientOf(onB, followed).chatCompletion.resume(id, { after: 0 })
    const { text, error } = await readAll(follower, (n) => (n === 3 ? a.kill() : undefined))
    expect(error).toBeInstanceOf(APIStreamError)
    expect((error as APIStreamError).code).toBe('stream_producer_lost')
    const partial = (error as APIStreamError).partial as { choices: { message: { content: string } }[] }
    expect(text.length).toBeGreaterThan(0)
    expect(partial.choices[0]?.message.content).toBe(text)
    // B said so in the stream: the client had no reason to resume.
    expect(followed.filter((url) => url.includes('/v1/kindling/streams/'))).toHaveLength(1)
    expect((await firstReader).error).toBeInstanceOf(APIConnectionError)

    // The store marked it ended: a later reader gets what is left and the same end at once, and a
    // resume after the last event a plain 410.
    const replay = await fetch(`${onB}/v1/kindling/streams/${id}?after=0`, {
      headers: { authorization: 'Bearer alice' },
    })
    const replayed = await replay.text()
    expect(replayed.endsWith('\n\n')).toBe(true)
    expect(replayed.slice(replayed.lastIndexOf('event: error'))).toContain('"code":"stream_producer_lost"')
    const events = [...replayed.matchAll(/^id: [^\n]+:(\d+)$/gm)].length
    const after = await fetch(`${onB}/v1/kindling/streams/${id}?after=${events}`, {
      headers: { authorization: 'Bearer alice' },
    })
    expect(after.status).toBe(410)
    expect((await after.json()).error.code).toBe('stream_producer_lost')
  })
})
