import { inspect } from 'node:util'
import { createClient, type LogLevel, setConsoleLogLevel } from '@kindling/client'
import { type RunningServer, startServer } from '@kindling/server'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'

// No API key in anything the client prints, at any log level, on any path: success, stream, retry,
// HTTP errors, stream faults, connection failures, aborts. Console output and the errors thrown
// (which apps log) are both checked.

const KEY = 'fw_SECRET_do_not_print_4242'
const LEVELS: LogLevel[] = ['debug', 'info', 'warn', 'error', 'off']
let server: RunningServer
let lines = 0

beforeAll(async () => {
  server = await startServer({ port: 0 })
})
afterAll(async () => {
  await server?.close()
  setConsoleLogLevel('warn')
  console.log(
    `[reliability] secrets: ${LEVELS.length} log levels × 2 ways to set them, ${lines} console lines and every thrown error checked, key never printed`,
  )
})
afterEach(() => {
  vi.restoreAllMocks()
})

/** Runs every kind of call once, returning everything printed to the console and thrown. */
async function everyPath(
  client: ReturnType<typeof createClient>,
  level: LogLevel | undefined,
): Promise<string> {
  const printed: string[] = []
  for (const method of ['debug', 'info', 'warn', 'error', 'log'] as const) {
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
      printed.push(args.map((arg) => inspect(arg, { depth: 10 })).join(' '))
    })
  }
  const thrown: unknown[] = []
  const attempt = async (call: () => Promise<unknown>) => {
    try {
      await call()
    } catch (error) {
      thrown.push(error)
    }
  }
  const messages = [{ role: 'user' as const, content: 'hi' }]
  await attempt(() => client.models.list())
  await attempt(() => client.chatCompletion.create('kindling-echo', messages))
  await attempt(async () =>
    (await client.chatCompletion.create('kindling-text', messages, { stream: true })).finalResponse(),
  )
  // Retried then failing (Retry-After: 0 keeps it quick), then each HTTP error once.
  await attempt(() =>
    client.chatCompletion.create('kindling-echo', messages, { headers: { 'x-kindling-fault': '429=0' } }),
  )
  for (const fault of ['500', '401', '400', '502']) {
    await attempt(() =>
      client.chatCompletion.create('kindling-echo', messages, {
        maxRetries: 0,
        headers: { 'x-kindling-fault': fault },
      }),
    )
  }
  for (const fault of ['cut=2', 'malformed=1', 'error-event=1', 'error-chunk=1']) {
    await attempt(async () =>
      (
        await client.chatCompletion.create('kindling-echo', messages, {
          stream: true,
          headers: { 'x-kindling-fault': fault },
        })
      ).finalResponse(),
    )
  }
  const controller = new AbortController()
  const pending = attempt(() =>
    client.chatCompletion.create('kindling-echo', messages, {
      signal: controller.signal,
      headers: { 'x-kindling-fault': 'stall' },
    }),
  )
  setTimeout(() => controller.abort(), 20)
  await pending
  // Nothing listening there.
  await attempt(() =>
    createClient({
      baseURL: 'http://127.0.0.1:1/v1',
      apiKey: KEY,
      maxRetries: 0,
      ...(level ? { logLevel: level } : {}),
    }).models.list(),
  )
  vi.restoreAllMocks()
  lines += printed.length
  expect(thrown.length).toBeGreaterThanOrEqual(10)
  return [...printed, ...thrown.map((error) => inspect(error, { depth: 10, showHidden: true }))].join('\n')
}

describe('the API key never appears in output', () => {
  it.each(LEVELS)('client logLevel %s', async (level) => {
    const client = createClient({ baseURL: `${server.url}/v1`, apiKey: KEY, logLevel: level, maxRetries: 1 })
    const output = await everyPath(client, level)
    expect(output).not.toContain(KEY)
    if (level === 'debug') expect(output).toContain('[redacted]')
  })

  it.each(LEVELS)('console level %s, key also in custom credential headers', async (level) => {
    setConsoleLogLevel(level)
    const client = createClient({
      baseURL: `${server.url}/v1`,
      apiKey: KEY,
      maxRetries: 1,
      headers: { 'x-api-key': KEY, 'api-key': KEY },
    })
    const output = await everyPath(client, undefined)
    expect(output).not.toContain(KEY)
  })
})
