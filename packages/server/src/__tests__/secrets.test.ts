import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { post, serve, user } from './helpers.ts'

// The server's key stays on the server: never forwarded from the caller's side, never in a log line,
// never handed back even when the upstream quotes it. (proxy.test.ts covers the Authorization swap
// on the happy path; this covers every credential header and the hostile upstream.)

const KEY = 'fw_server_key_never_leaves_777'
const CALLER = 'caller-credential-555'

/** An upstream that quotes back the Authorization it received, as some error messages do. */
async function quotingUpstream() {
  const seen: IncomingHttpHeaders[] = []
  const server = createServer(async (req, res) => {
    for await (const _ of req) {
      // drain
    }
    seen.push(req.headers)
    const quoted = `Incorrect API key provided: ${req.headers.authorization}`
    res.writeHead(401, { 'content-type': 'application/json', 'x-echo': 'ok' })
    res.end(
      JSON.stringify({ error: { message: quoted, type: 'authentication_error', code: 'invalid_api_key' } }),
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

afterAll(() => {
  console.log(
    '[reliability] server secrets: 5 caller credential headers never forwarded (chat, completions, models); key redacted from a quoting upstream error and from every log line',
  )
})

const upstreams: Awaited<ReturnType<typeof quotingUpstream>>[] = []
afterEach(async () => {
  await Promise.all(upstreams.splice(0).map((upstream) => upstream.close()))
})

const callerCredentials = {
  authorization: `Bearer ${CALLER}`,
  'proxy-authorization': `Basic ${CALLER}`,
  'x-api-key': CALLER,
  'api-key': CALLER,
  cookie: `session=${CALLER}`,
}

describe('the server key', () => {
  it('is the only credential the upstream sees, whatever the caller sends', async () => {
    const upstream = await quotingUpstream()
    upstreams.push(upstream)
    const server = await serve({ upstream: { url: upstream.url, apiKey: KEY } })
    await post(server, '/v1/chat/completions', { model: 'remote', messages: [user('hi')] }, callerCredentials)
    await post(server, '/v1/completions', { model: 'remote', prompt: 'hi', stream: true }, callerCredentials)
    await fetch(`${server.url}/v1/models`, { headers: callerCredentials })
    expect(upstream.seen).toHaveLength(3)
    for (const headers of upstream.seen) {
      expect(headers.authorization).toBe(`Bearer ${KEY}`)
      expect(JSON.stringify(headers)).not.toContain(CALLER)
      for (const name of ['proxy-authorization', 'x-api-key', 'api-key', 'cookie'])
        expect(headers[name]).toBeUndefined()
    }
  })

  it('is redacted from an upstream error that quotes it, and from every log line', async () => {
    const upstream = await quotingUpstream()
    upstreams.push(upstream)
    const log: string[] = []
    const server = await serve({
      upstream: { url: upstream.url, apiKey: KEY },
      log: (line) => log.push(line),
    })
    const response = await post(server, '/v1/chat/completions', { model: 'remote', messages: [user('hi')] })
    expect(response.status).toBe(401)
    const body = await response.json()
    expect(body.error.message).toBe('Incorrect API key provided: Bearer [redacted]')
    expect(body.error.code).toBe('invalid_api_key')
    // The models route logs the upstream failure; a request with an unknown fault logs its error.
    await fetch(`${server.url}/v1/models`)
    await post(
      server,
      '/v1/chat/completions',
      { model: 'remote', messages: [user('hi')] },
      { 'x-kindling-fault': KEY },
    )
    expect(log.length).toBeGreaterThanOrEqual(3)
    expect(log.join('\n')).not.toContain(KEY)
  })

  it('never reaches the log function even when a line would quote it', async () => {
    const log: string[] = []
    const server = await serve({
      upstream: { url: 'http://127.0.0.1:1/v1', apiKey: KEY },
      log: (line) => log.push(line),
    })
    // The path is logged: a caller who knows the key cannot make the server print it.
    await fetch(`${server.url}/v1/${KEY}`)
    await post(server, '/v1/chat/completions', { model: KEY, messages: [user('hi')] })
    expect(log.join('\n')).toContain('[redacted]')
    expect(log.join('\n')).not.toContain(KEY)
  })
})
