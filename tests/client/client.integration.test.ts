import { afterEach, describe, expect, it } from 'vitest'
import { createClient, DEFAULT_BASE_URL } from '../../packages/client/src/createClient.ts'
import { InvalidArgumentError } from '../../packages/client/src/errors.ts'
import type { LogSink } from '../../packages/client/src/logger.ts'
import { fault, user, withPeer } from '../support/peer.ts'

const peer = withPeer()

function memorySink() {
  const lines: string[] = []
  const push = (...args: unknown[]) =>
    lines.push(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '))
  const sink: LogSink = { debug: push, info: push, warn: push, error: push }
  return { lines, sink }
}

describe('createClient', () => {
  const savedKey = process.env.FIREWORKS_API_KEY
  afterEach(() => {
    if (savedKey === undefined) delete process.env.FIREWORKS_API_KEY
    else process.env.FIREWORKS_API_KEY = savedKey
  })

  it('points at the Fireworks inference API by default', () => {
    expect(createClient().baseURL).toBe(DEFAULT_BASE_URL)
    expect(new URL(DEFAULT_BASE_URL).pathname).toBe('/inference/v1')
  })

  it('sends the API key as a bearer token, from FIREWORKS_API_KEY in Node unless told not to', async () => {
    const seen: (string | null)[] = []
    const recording: typeof fetch = (input, init) => {
      seen.push(new Headers(init?.headers).get('authorization'))
      return fetch(input, init)
    }
    process.env.FIREWORKS_API_KEY = 'fw_from_env'
    const base = { baseURL: `${peer.server.url}/v1`, fetch: recording, logLevel: 'off' as const }
    await createClient(base).models.list()
    await createClient({ ...base, apiKey: 'fw_explicit' }).models.list()
    await createClient({ ...base, apiKey: null }).models.list()
    expect(seen).toEqual(['Bearer fw_from_env', 'Bearer fw_explicit', null])
  })

  it('never prints the API key, even at debug level and on errors', async () => {
    const { lines, sink } = memorySink()
    const client = createClient({
      baseURL: `${peer.server.url}/v1`,
      apiKey: 'fw_SECRET_KEY_123',
      logLevel: 'debug',
      logSink: sink,
      maxRetries: 1,
    })
    await client.chatCompletion.create('kindling-echo', [user('hi')])
    await client.chatCompletion.create('kindling-echo', [user('hi')], fault('401')).catch(() => {})
    await client.models.list(fault('503=0')).catch(() => {})
    expect(lines.some((line) => line.includes('[redacted]'))).toBe(true)
    expect(lines.some((line) => line.includes('retrying'))).toBe(true)
    expect(lines.join('\n')).not.toContain('fw_SECRET_KEY_123')
  })

  it('sends client and request headers, the request ones winning', async () => {
    const seen: Headers[] = []
    const client = peer.client({
      headers: { 'x-app': 'kindling-tests', 'x-both': 'client' },
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers))
        return fetch(input, init)
      },
    })
    await client.completion.create('kindling-echo', 'x', { headers: { 'x-both': 'request' } })
    expect(seen[0]?.get('x-app')).toBe('kindling-tests')
    expect(seen[0]?.get('x-both')).toBe('request')
    expect(seen[0]?.get('content-type')).toBe('application/json')
  })

  it('lets an explicit Authorization header of any case replace the key, without duplicates', async () => {
    const seen: Headers[] = []
    const client = peer.client({
      apiKey: 'fw_key',
      fetch: (input, init) => {
        seen.push(new Headers(init?.headers))
        return fetch(input, init)
      },
    })
    await client.models.list({
      headers: { Authorization: 'Bearer other' },
      requestTimeout: Number.POSITIVE_INFINITY,
    })
    expect(seen[0]?.get('authorization')).toBe('Bearer other')
  })

  it('refuses bad arguments before sending anything', async () => {
    peer.requests.length = 0
    const client = peer.client()
    await expect(client.completion.create('kindling-echo')).rejects.toThrow(InvalidArgumentError)
    await expect(
      client.chatCompletion.create('kindling-echo', [user('a')], { messages: [user('b')] }),
    ).rejects.toThrow(/given both/)
    await expect(client.models.list({ requestTimeout: 0 })).rejects.toThrow(/requestTimeout/)
    await expect(client.completion.create('kindling-echo', 'x', { requestTimeout: -1 })).rejects.toThrow(
      InvalidArgumentError,
    )
    expect(() => createClient({ maxRetries: -1 })).toThrow(InvalidArgumentError)
    expect(peer.requests).toEqual([])
  })
})
