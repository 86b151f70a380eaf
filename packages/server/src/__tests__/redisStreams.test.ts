import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { RunningServer } from '../index.ts'
import { chatText, jsonChunks, post, readUpTo, serve, user } from './helpers.ts'
import { startRedis, type TestRedis } from './redisServer.ts'

const SAY = 'one two three four five six seven eight nine ten'
const body = { model: 'kindling-echo', stream: true, messages: [user(SAY)] }
const alice = { authorization: 'Bearer alice' }

let redis: TestRedis
beforeAll(async () => {
  redis = await startRedis()
})
afterAll(() => redis.stop())

// Only whole events, as a reader that lost its connection keeps them.
async function readSome(response: Response, bytes: number): Promise<string> {
  const text = await readUpTo(response, bytes)
  return text.slice(0, text.lastIndexOf('\n\n') + 2)
}
const lastSeq = (text: string) => Number([...text.matchAll(/^id: [^:\n]+:(\d+)$/gm)].at(-1)?.[1] ?? 0)
const resume = (server: RunningServer, id: string, after: number, headers = alice) =>
  fetch(`${server.url}/v1/kindling/streams/${id}?after=${after}`, { headers })
const twoInstances = async () => [await serve({ redisUrl: redis.url }), await serve({ redisUrl: redis.url })]

describe('streams shared through Redis by two instances', () => {
  it('starts on A and resumes on B, byte for byte', async () => {
    const [a, b] = await twoInstances()
    const started = await post(a as RunningServer, '/v1/chat/completions', body, {
      ...alice,
      'x-kindling-delay': '20',
      'x-kindling-resumable': '1',
    })
    const id = started.headers.get('x-kindling-stream-id') as string
    const kept = await readSome(started, 300)
    const rest = await (await resume(b as RunningServer, id, lastSeq(kept))).text()
    const whole = await (await resume(b as RunningServer, id, 0)).text()
    expect(kept + rest).toBe(whole)
    expect(chatText(jsonChunks(whole))).toBe(SAY)
  })

  it('stops on B the generation running on A, as A’s tracker shows', async () => {
    const [a, b] = (await twoInstances()) as [RunningServer, RunningServer]
    const started = await post(a, '/v1/chat/completions', body, {
      ...alice,
      'x-kindling-delay': '100',
      'x-kindling-resumable': '1',
    })
    const id = started.headers.get('x-kindling-stream-id') as string
    await readSome(started, 1)
    const ended = a.streams.waitForStreamEnd()
    const cancel = await fetch(`${b.url}/v1/kindling/streams/${id}/cancel`, {
      method: 'POST',
      headers: alice,
    })
    expect(cancel.status).toBe(200)
    const record = await ended
    expect(record.end).toBe('client-closed')
    expect(a.streams.stats().clientClosed).toBe(1)
    // Nothing is left after its last event (asked past any count: under load more than one event may
    // have been produced before the cancel), and the answer was stopped: a 410 on B that says so.
    const replay = await resume(b, id, 100_000)
    expect(replay.status).toBe(410)
    expect((await replay.json()).error.code).toBe('stream_cancelled')
  })

  it('refuses another caller on either instance with a 404', async () => {
    const [a, b] = (await twoInstances()) as [RunningServer, RunningServer]
    const started = await post(a, '/v1/chat/completions', body, alice)
    const id = started.headers.get('x-kindling-stream-id') as string
    await started.text()
    for (const server of [a, b]) {
      const other = await resume(server, id, 0, { authorization: 'Bearer mallory' })
      expect(other.status).toBe(404)
      expect(await other.text()).not.toContain('one')
      const cancel = await fetch(`${server.url}/v1/kindling/streams/${id}/cancel`, { method: 'POST' })
      expect(cancel.status).toBe(404)
    }
  })

  it('fails a stream in flight clearly when Redis restarts, and serves new ones after', async () => {
    const [a] = (await twoInstances()) as [RunningServer]
    const started = await post(a, '/v1/chat/completions', body, { ...alice, 'x-kindling-delay': '200' })
    const reader = (started.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    await redis.restart()
    let failed: unknown
    try {
      while (!(await reader.read()).done) {}
    } catch (error) {
      failed = error
    }
    expect(failed).toBeInstanceOf(Error)
    // Until the client reconnects a new stream may get a clear 503; then it works again.
    let status = 0
    for (let attempt = 0; attempt < 50 && status !== 200; attempt++) {
      const again = await post(a, '/v1/chat/completions', body, alice)
      status = again.status
      if (status === 200) expect(chatText(jsonChunks(await again.text()))).toBe(SAY)
      else {
        expect(status).toBe(503)
        expect((await again.json()).error.code).toBe('stream_store_unavailable')
        await new Promise((resolve) => setTimeout(resolve, 100))
      }
    }
    expect(status).toBe(200)
  })
})
