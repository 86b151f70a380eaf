import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { type ChatCompletionResponse, createClient, type KindlingClient } from '@kindling/client'
import { type RunningServer, startServer } from '@kindling/server'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type StandInUpstream, startStandInUpstream, UPSTREAM_PREFIX } from './standInUpstream.ts'
import { LOAD_ROUNDS, LOAD_STREAMS } from './stressConfig.ts'

// Many concurrent streams through the real client, against the server and through its proxy to a
// second local server: every answer complete and identical to the deterministic one, memory flat,
// and the server unharmed by clients that leave mid-stream (see RELIABILITY.md).

const MODELS = ['kindling-echo', 'kindling-text', 'kindling-tools', 'kindling-reasoning'] as const
const tools = [
  {
    type: 'function' as const,
    function: { name: 'lookup', parameters: { type: 'object', properties: { q: { type: 'string' } } } },
  },
]

let server: RunningServer
let upstream: StandInUpstream
let proxy: RunningServer
const figures: string[] = []

beforeAll(async () => {
  // Every stream comes from this one process: lift the per-client stream cap above the load.
  server = await startServer({ port: 0, maxUpstreamStreamsPerClient: LOAD_STREAMS + 1 })
  upstream = await startStandInUpstream()
  proxy = await startServer({
    port: 0,
    upstream: { url: upstream.url, apiKey: 'load-key' },
    maxUpstreamStreamsPerClient: LOAD_STREAMS + 1,
  })
})

afterAll(async () => {
  await Promise.all([server?.close(), proxy?.close(), upstream?.close()])
  console.log(`[reliability] load: ${figures.join('; ')}`)
})

const clientFor = (target: RunningServer): KindlingClient =>
  createClient({ baseURL: `${target.url}/v1`, apiKey: null, logLevel: 'off', maxRetries: 0 })

/** Request `i`: the models in turn, each with its own seed and words, some with two choices. */
function request(i: number) {
  const model = MODELS[i % MODELS.length] as (typeof MODELS)[number]
  return {
    model,
    messages: [{ role: 'user' as const, content: `Question ${i}: où est le café ☕ numéro ${i}?` }],
    options: { seed: i, n: i % 5 === 0 ? 2 : 1, ...(model === 'kindling-tools' ? { tools } : {}) },
  }
}

/**
 * What must match between a streamed and a whole answer (ids and timestamps differ, and only a whole
 * message carries OpenAI's required `refusal: null`).
 */
const essence = (response: ChatCompletionResponse) =>
  response.choices.map((choice) => {
    const { refusal: _, ...message } = choice.message
    return { index: choice.index, message, finish_reason: choice.finish_reason }
  })

const expected = new Map<number, ReturnType<typeof essence>>()
async function expectedFor(i: number) {
  if (!expected.has(i)) {
    const { model, messages, options } = request(i)
    expected.set(i, essence(await clientFor(server).chatCompletion.create(model, messages, options)))
  }
  return expected.get(i)
}

/**
 * Opens `count` streams at once, waits until every one has delivered its first chunk, then reads them
 * to the end. Returns how many the server had open at that moment: through the proxy, the stand-in
 * upstream holds every stream after its first chunk until then, so all are open together.
 */
async function concurrentStreams(target: RunningServer, count: number, modelPrefix = '') {
  const client = clientFor(target)
  if (modelPrefix) upstream.hold()
  const streams = await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const { model, messages, options } = request(i)
      const stream = await client.chatCompletion.create(`${modelPrefix}${model}`, messages, {
        ...options,
        stream: true,
      })
      const iterator = stream[Symbol.asyncIterator]()
      const first = await iterator.next()
      return { i, stream, iterator, first }
    }),
  )
  const heldOpen = target.streams.stats().open
  upstream.release()
  const results = await Promise.all(
    streams.map(async ({ i, stream, iterator, first }) => {
      expect(first.done).toBe(false)
      while (!(await iterator.next()).done) {
        // accumulated by the stream
      }
      return { i, final: await stream.finalResponse() }
    }),
  )
  for (const { i, final } of results) expect(essence(final), `stream ${i}`).toEqual(await expectedFor(i))
  return heldOpen
}

describe(`${LOAD_STREAMS} concurrent streams`, () => {
  beforeAll(async () => {
    for (let i = 0; i < LOAD_STREAMS; i++) await expectedFor(i)
  }, 60_000)

  it('through the client against the server: every answer intact', async () => {
    const before = server.streams.stats()
    await concurrentStreams(server, LOAD_STREAMS)
    expect(server.streams.stats()).toMatchObject({ open: 0, completed: before.completed + LOAD_STREAMS })
    figures.push(`${LOAD_STREAMS} concurrent streams against the server, all intact`)
  }, 60_000)

  it('through the proxy to a second local server: all held open at once, every answer intact', async () => {
    const held = await concurrentStreams(proxy, LOAD_STREAMS, UPSTREAM_PREFIX)
    expect(held).toBe(LOAD_STREAMS)
    expect(upstream.streams.stats()).toMatchObject({ open: 0, completed: LOAD_STREAMS })
    expect(new Set(upstream.authorizations)).toEqual(new Set(['Bearer load-key']))
    figures.push(`${held} streams held open at once through the proxy, all intact`)
  }, 60_000)

  it('keeps server memory flat over rounds of concurrent streams', async () => {
    setFlagsFromString('--expose-gc')
    const gc = runInNewContext('gc') as () => void
    const heap = () => {
      gc()
      gc()
      return process.memoryUsage().heapUsed
    }
    await concurrentStreams(server, LOAD_STREAMS) // warm-up: JIT, caches, pools
    const start = heap()
    for (let round = 0; round < LOAD_ROUNDS; round++) await concurrentStreams(server, LOAD_STREAMS)
    const growth = heap() - start
    // The test process holds the clients too: allow noise, catch a leak of the streams' text
    // (each round moves several MB through the server).
    expect(growth).toBeLessThan(16 * 1024 * 1024)
    figures.push(
      `heap ${(start / 1048576).toFixed(1)} MB → ${((start + growth) / 1048576).toFixed(1)} MB after ${LOAD_ROUNDS} rounds of ${LOAD_STREAMS} streams`,
    )
  }, 120_000)

  it('survives half the clients leaving mid-stream at once; the others finish intact', async () => {
    // Through the proxy, whose stand-in upstream holds every stream open until all have started.
    const client = clientFor(proxy)
    const before = proxy.streams.stats()
    const upstreamBefore = upstream.streams.stats()
    upstream.hold()
    const streams = await Promise.all(
      Array.from({ length: LOAD_STREAMS }, async (_, i) => {
        const { model, messages, options } = request(i)
        const stream = await client.chatCompletion.create(`${UPSTREAM_PREFIX}${model}`, messages, {
          ...options,
          stream: true,
        })
        const iterator = stream[Symbol.asyncIterator]()
        await iterator.next()
        return { i, stream, iterator }
      }),
    )
    const leaving = streams.filter(({ i }) => i % 2 === 1)
    const ended = new Promise<void>((resolve) => {
      let left = leaving.length
      const stop = upstream.streams.onStreamEnd((record) => {
        if (record.end === 'client-closed' && --left === 0) {
          stop()
          resolve()
        }
      })
    })
    for (const { stream } of leaving) stream.abort()
    // Every abort travels through the proxy and cancels its upstream stream.
    await ended
    upstream.release()
    for (const { i, stream, iterator } of streams.filter(({ i }) => i % 2 === 0)) {
      while (!(await iterator.next()).done) {
        // read to the end
      }
      expect(essence(await stream.finalResponse()), `stream ${i}`).toEqual(await expectedFor(i))
    }
    expect(proxy.streams.stats()).toMatchObject({
      open: 0,
      clientClosed: before.clientClosed + leaving.length,
      completed: before.completed + LOAD_STREAMS - leaving.length,
    })
    expect(upstream.streams.stats()).toMatchObject({
      open: 0,
      clientClosed: upstreamBefore.clientClosed + leaving.length,
    })
    figures.push(
      `${leaving.length} clients left mid-stream at once (each cancelled upstream), ${LOAD_STREAMS - leaving.length} others finished intact`,
    )
  }, 60_000)
})
