import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createClient } from '@kindling/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startRedis, type TestRedis } from '../__tests__/redisServer.ts'
import { type RunningServer, startServer } from '../index.ts'

// Two instances sharing one real redis-server behind a "load balancer" fetch that sends every
// request to either instance at random and drops answers at random byte offsets: every stream
// still ends with its exact answer, and the heap stays flat over rounds.

const STREAMS = Number(process.env.KINDLING_LOAD_STREAMS ?? 60)
const ROUNDS = Number(process.env.KINDLING_LOAD_ROUNDS ?? 2)

let redis: TestRedis
let instances: RunningServer[]
beforeAll(async () => {
  redis = await startRedis()
  const options = {
    port: 0,
    redisUrl: redis.url,
    maxUpstreamStreamsPerClient: 0,
    // Long enough for a resume slowed by 300 concurrent streams on a busy machine.
    resumable: { limits: { ttlMs: 60_000 } },
  }
  instances = [await startServer(options), await startServer(options)]
})
afterAll(async () => {
  await Promise.all(instances.map((server) => server.close()))
  await redis.stop()
})

function balancedDroppingFetch(onDrop: () => void): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input))
    const target = instances[Math.floor(Math.random() * instances.length)] as RunningServer
    const response = await fetch(`${target.url}${url.pathname}${url.search}`, init)
    if (!url.pathname.endsWith('/chat/completions') || !response.body) return response
    const reader = response.body.getReader()
    let left = 1 + Math.floor(Math.random() * 2000)
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        const { done, value } = await reader.read()
        if (done) return controller.close()
        if (value.length < left) {
          left -= value.length
          return controller.enqueue(value)
        }
        if (left > 0) controller.enqueue(value.subarray(0, left))
        await reader.cancel()
        onDrop()
        controller.error(new TypeError('terminated'))
      },
      cancel: (reason) => reader.cancel(reason),
    })
    return new Response(body, response)
  }
}

const words = (index: number) =>
  Array.from({ length: 10 + (index % 60) }, (_, word) => `s${index}-${word}`).join(' ')

async function round(counts: { drops: number }) {
  const client = createClient({
    baseURL: `${(instances[0] as RunningServer).url}/v1`,
    apiKey: 'load',
    logLevel: 'off',
    maxRetries: 0,
    resumable: true,
    fetch: balancedDroppingFetch(() => counts.drops++),
  })
  await Promise.all(
    Array.from({ length: STREAMS }, async (_, index) => {
      const say = words(index)
      const stream = await client.chatCompletion.create('kindling-echo', [{ role: 'user', content: say }], {
        stream: true,
        headers: { 'x-kindling-delay': String(index % 3) },
        maxResumes: 50,
      })
      let streamed = ''
      for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? ''
      expect(streamed).toBe(say)
    }),
  )
}

describe(`${STREAMS} concurrent streams over two instances sharing Redis, dropped and resumed`, () => {
  it('loses nothing, duplicates nothing, and keeps the heap flat', async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const heap = () => {
      gc()
      gc()
      return process.memoryUsage().heapUsed
    }
    const counts = { drops: 0 }
    await round(counts) // warm-up
    const start = heap()
    for (let r = 0; r < ROUNDS; r++) await round(counts)
    const growth = heap() - start
    expect(counts.drops).toBeGreaterThan(STREAMS / 2)
    expect(growth).toBeLessThan(16 * 1024 * 1024)
    console.log(
      `[resume load] ${STREAMS} streams × ${ROUNDS + 1} rounds, ${counts.drops} drops resumed; heap ${(start / 1048576).toFixed(1)} → ${((start + growth) / 1048576).toFixed(1)} MB`,
    )
  }, 900_000) // six rounds of 300 streams took 257 s on a loaded 2-core machine: room for a slower one
})
