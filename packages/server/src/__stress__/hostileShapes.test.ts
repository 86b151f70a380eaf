import { type ChildProcess, fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { jsonChunks, post, serve, user } from '../__tests__/helpers.ts'
import { DEFAULT_WORK_LIMITS } from '../index.ts'

// Many varied hostile shapes (issue 20 §2) against a server in a child process of its own: every
// answer a 200 or a clear 4xx, never a 500 or a dropped connection, the server alive afterwards and
// its peak heap bounded. Batches of 8: KINDLING_HOSTILE_BATCHES (4 in `pnpm test`, more in
// `pnpm test:stress`, which also runs the slow cases).

const BATCHES = Number(process.env.KINDLING_HOSTILE_BATCHES ?? 4)
const STRESS = process.env.KINDLING_HOSTILE_BATCHES !== undefined
const HEAP_LIMIT_MB = 512
const root = fileURLToPath(new URL('../../../..', import.meta.url))
const script = fileURLToPath(new URL('./memoryServer.ts', import.meta.url))

interface Memory {
  peakHeap: number
  peakRss: number
  heapUsed: number
}

let child: ChildProcess
let url = ''
const ask = () =>
  new Promise<Memory>((resolve) => {
    child.once('message', (message) => resolve(message as Memory))
    child.send('peak')
  })

beforeAll(async () => {
  child = fork(script, {
    cwd: root,
    execArgv: ['--import', 'tsx', `--max-old-space-size=${HEAP_LIMIT_MB}`],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  })
  url = await new Promise<string>((resolve, reject) => {
    child.once('message', (message) => resolve((message as { url: string }).url))
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)))
  })
}, 60_000)

afterAll(() => {
  child?.kill()
})

const words = (count: number) => Array.from({ length: count }, (_, i) => `w${i % 89}`).join(' ')
const toolsFor = (properties: number) => [
  {
    type: 'function',
    function: {
      name: 'lookup',
      parameters: {
        type: 'object',
        properties: Object.fromEntries(
          Array.from({ length: properties }, (_, i) => [`p${i}`, { type: 'string' }]),
        ),
      },
    },
  },
]

/** One hostile request: its path, body and headers. */
const shape = fc.oneof(
  fc
    .record({
      prompts: fc.integer({ min: 1, max: 10_000 }),
      n: fc.integer({ min: 1, max: 128 }),
      stream: fc.boolean(),
    })
    .map(({ prompts, n, stream }) => ({
      path: '/v1/completions',
      body: {
        model: 'kindling-text',
        prompt: Array.from({ length: prompts }, (_, i) => `p${i % 7}`),
        n,
        stream,
      },
      headers: {},
    })),
  fc
    .record({
      text: fc.integer({ min: 0, max: 8_000 }),
      properties: fc.integer({ min: 1, max: 300 }),
      n: fc.integer({ min: 1, max: 128 }),
      stream: fc.boolean(),
    })
    .map(({ text, properties, n, stream }) => ({
      path: '/v1/chat/completions',
      body: {
        model: 'kindling-tools',
        messages: [user(words(text))],
        tools: toolsFor(properties),
        n,
        stream,
      },
      headers: {},
    })),
  fc
    .record({
      text: fc.integer({ min: 1, max: 150_000 }),
      n: fc.integer({ min: 1, max: 128 }),
      stream: fc.boolean(),
      top: fc.option(fc.integer({ min: 0, max: 20 }), { nil: undefined }),
    })
    .map(({ text, n, stream, top }) => ({
      path: '/v1/chat/completions',
      body: {
        model: 'kindling-echo',
        messages: [user(words(text))],
        n,
        stream,
        ...(top === undefined ? {} : { logprobs: true, top_logprobs: top }),
      },
      headers: {},
    })),
  fc.integer({ min: 0, max: 2_000_000_000 }).map((delay) => ({
    path: '/v1/chat/completions',
    body: { model: 'kindling-text', messages: [user('hi')], stream: true },
    headers: { 'x-kindling-delay': String(delay) },
  })),
)

const statuses = new Map<number, number>()
afterAll(async () => {
  const summary = [...statuses].map(([status, count]) => `${count}× ${status}`).join(', ')
  console.log(`[reliability] hostile shapes: ${BATCHES} batches of 8 concurrent requests: ${summary}`)
})

describe('hostile request shapes against a server in its own process', () => {
  it('answers each with 200 or a clear 4xx, stays up, and keeps its heap bounded', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(shape, { minLength: 8, maxLength: 8 }), async (batch) => {
        const answers = await Promise.all(
          batch.map(async ({ path, body, headers }) => {
            const controller = new AbortController()
            // Any delay that is accepted is cut short: the test reads the status, not the wait.
            const response = await fetch(`${url}${path}`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', ...headers },
              body: JSON.stringify(body),
              signal: controller.signal,
            })
            if (response.status !== 200) {
              const { error } = await response.json()
              expect(error.message.length).toBeGreaterThan(0)
            } else if ('x-kindling-delay' in headers) controller.abort()
            else await response.text()
            return response.status
          }),
        )
        for (const status of answers) {
          expect([200, 400, 413, 429]).toContain(status)
          statuses.set(status, (statuses.get(status) ?? 0) + 1)
        }
      }),
      { numRuns: BATCHES },
    )
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'kindling-echo', messages: [user('still here')] }),
    })
    expect((await response.json()).choices[0].message.content).toBe('still here')
    const memory = await ask()
    const mb = (bytes: number) => Math.round(bytes / 1e5) / 10
    console.log(
      `[reliability] hostile shapes: server peak heap ${mb(memory.peakHeap)} MB, peak rss ${mb(memory.peakRss)} MB (heap cap ${HEAP_LIMIT_MB} MB)`,
    )
    expect(child.exitCode).toBeNull()
    expect(memory.peakHeap).toBeLessThan(HEAP_LIMIT_MB * 1e6 * 0.8)
  }, 600_000)

  it.runIf(STRESS)(
    'holds 8 of the largest answers the limits allow, read slowly, within the heap cap',
    async () => {
      await ask()
      child.send('reset')
      await new Promise((resolve) => child.once('message', resolve))
      // Just under maxAnswerTokens each: 128 choices echoing as many one-token words as fit.
      const perChoice = Math.floor(DEFAULT_WORK_LIMITS.maxAnswerTokens / 128) - 1
      const readers = await Promise.all(
        Array.from({ length: 8 }, async () => {
          const response = await fetch(`${url}/v1/chat/completions`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify({
              model: 'kindling-echo',
              n: 128,
              stream: true,
              messages: [user(words(perChoice))],
            }),
          })
          expect(response.status).toBe(200)
          const reader = (response.body as ReadableStream<Uint8Array>).getReader()
          await reader.read()
          return reader
        }),
      )
      await new Promise((resolve) => setTimeout(resolve, 500))
      const memory = await ask()
      for (const reader of readers) await reader.cancel()
      const mb = (bytes: number) => Math.round(bytes / 1e5) / 10
      console.log(
        `[reliability] hostile shapes: 8 largest allowed streams held open: server peak heap ${mb(memory.peakHeap)} MB, peak rss ${mb(memory.peakRss)} MB`,
      )
      expect(memory.peakHeap).toBeLessThan(HEAP_LIMIT_MB * 1e6 * 0.8)
    },
    120_000,
  )

  it.runIf(STRESS)(
    'streams 1,000 prompts × n 128 when the limits allow it (no Math.max over 128k arguments)',
    async () => {
      const server = await serve({ limits: { maxChoices: 128_000, maxAnswerTokens: 200_000 } })
      const prompt = Array.from({ length: 1000 }, () => 'hi')
      const response = await post(server, '/v1/completions', {
        model: 'kindling-echo',
        prompt,
        n: 128,
        max_tokens: 1,
        stream: true,
      })
      expect(response.status).toBe(200)
      const chunks = jsonChunks(await response.text())
      const finished = chunks.flatMap((chunk) => chunk.choices).filter((choice) => choice.finish_reason)
      expect(finished).toHaveLength(128_000)
    },
    120_000,
  )
})
