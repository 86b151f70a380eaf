import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer, StartServerOptions } from '../index.ts'
import { chatText, jsonChunks, post, readUpTo, serve, user } from './helpers.ts'
import { startRedis, type TestRedis } from './redisServer.ts'

// The grace period after a resumable reader leaves counts from the last reader, on any instance:
// an answer that takes longer than `graceMs` after its first reader left still ends whole for the
// reader that resumed it (under load the 300-stream test saw such answers cut mid-read), and one
// that nobody reads still stops.

const GRACE_MS = 300
const body = { model: 'kindling-text', stream: true, seed: 5, messages: [user('Tell me about rivers')] }
const alice = { authorization: 'Bearer alice' }

let redis: TestRedis
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis.stop())

/** Starts a slow answer (several times the grace period) on `server` and drops its first reader. */
async function startAndDrop(server: RunningServer) {
  const response = await post(server, '/v1/chat/completions', body, {
    ...alice,
    'x-kindling-delay': '40',
    'x-kindling-resumable': '1',
  })
  const id = response.headers.get('x-kindling-stream-id') as string
  await readUpTo(response, 1)
  return id
}

async function wholeAnswer(server: RunningServer): Promise<string> {
  const response = await post(server, '/v1/chat/completions', { ...body, stream: false })
  return (await response.json()).choices[0].message.content
}

const setups: [string, () => Promise<[RunningServer, RunningServer]>][] = [
  [
    'in memory',
    async () => {
      const server = await serve({ resumable: { graceMs: GRACE_MS } })
      return [server, server]
    },
  ],
  [
    'in Redis, resumed on another instance',
    async () => {
      const options: StartServerOptions = { redisUrl: redis.url, resumable: { graceMs: GRACE_MS } }
      return [await serve(options), await serve(options)]
    },
  ],
]

describe.each(setups)('the grace period of a stream kept %s', (_, start) => {
  it('keeps producing while a resumed reader reads, past the grace period, to the whole answer', async () => {
    const [a, b] = await start()
    const expected = await wholeAnswer(a)
    const id = await startAndDrop(a)
    const ended = a.streams.waitForStreamEnd()
    const resumed = await fetch(`${b.url}/v1/kindling/streams/${id}?after=0`, { headers: alice })
    expect(resumed.status).toBe(200)
    const text = await resumed.text()
    expect(chatText(jsonChunks(text))).toBe(expected)
    expect(text.trimEnd().endsWith('data: [DONE]')).toBe(true)
    // The generation ran to its end, well past the grace period after the first reader left.
    const record = await ended
    expect(record.end).toBe('completed')
  })

  it('stops an answer nobody reads once the grace period has passed', async () => {
    const [a] = await start()
    const ended = a.streams.waitForStreamEnd()
    const id = await startAndDrop(a)
    expect(id).toBeTruthy()
    expect((await ended).end).toBe('client-closed')
  })
})
