import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer, StartServerOptions } from '../index.ts'
import { post, readUpTo, serve, user } from './helpers.ts'
import { startRedis, type TestRedis } from './redisServer.ts'

// A stream one reader stops (POST …/cancel, what a client's stop() sends) ends for its other
// readers with `stream_cancelled`, not as a failure: a second tab following the answer can show it
// as stopped. A resume after that says the same.

const body = { model: 'kindling-text', stream: true, seed: 9, messages: [user('Tell me about lakes')] }
const alice = { authorization: 'Bearer alice' }

let redis: TestRedis
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis.stop())

const setups: [string, () => Promise<[RunningServer, RunningServer]>][] = [
  [
    'in memory',
    async () => {
      const server = await serve({ resumable: true })
      return [server, server]
    },
  ],
  [
    'in Redis, followed and stopped from another instance',
    async () => {
      const options: StartServerOptions = { redisUrl: redis.url, resumable: true }
      return [await serve(options), await serve(options)]
    },
  ],
]

describe.each(setups)('a stream stopped by a reader, kept %s', (_, start) => {
  it('ends for its other readers with stream_cancelled, and a later resume says so', async () => {
    const [a, b] = await start()
    const first = await post(a, '/v1/chat/completions', body, {
      ...alice,
      'x-kindling-delay': '30',
      'x-kindling-resumable': '1',
    })
    const id = first.headers.get('x-kindling-stream-id') as string
    await readUpTo(first, 2)
    const follower = await fetch(`${b.url}/v1/kindling/streams/${id}?after=0`, { headers: alice })
    expect(follower.status).toBe(200)
    const read = follower.text()
    const cancelled = await fetch(`${b.url}/v1/kindling/streams/${id}/cancel`, {
      method: 'POST',
      headers: alice,
    })
    expect(cancelled.status).toBe(200)
    const text = await read
    // What it had, then the reason, and no [DONE].
    expect(text).toContain('data: {')
    expect(text).toMatch(/event: error\ndata: .*"code":"stream_cancelled"/)
    expect(text).not.toContain('[DONE]')

    const later = await fetch(`${a.url}/v1/kindling/streams/${id}?after=999`, { headers: alice })
    expect(later.status).toBe(410)
    expect((await later.json()).error.code).toBe('stream_cancelled')
  })

  it('a stream cut by its producer still ends as stream_ended_early', async () => {
    const [a] = await start()
    const first = await post(a, '/v1/chat/completions', body, {
      ...alice,
      'x-kindling-delay': '5',
      'x-kindling-resumable': '1',
      'x-kindling-fault': 'cut=3',
    })
    const id = first.headers.get('x-kindling-stream-id') as string
    await first.text().catch(() => '')
    const later = await fetch(`${a.url}/v1/kindling/streams/${id}?after=999`, { headers: alice })
    expect(later.status).toBe(410)
    expect((await later.json()).error.code).toBe('stream_ended_early')
  })
})
