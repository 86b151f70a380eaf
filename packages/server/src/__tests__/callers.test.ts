import fc from 'fast-check'
import { afterAll, describe, expect, it, vi } from 'vitest'
import { createApp } from '../index.ts'
import { serve } from './helpers.ts'
import { chatBody, HOSTILE_RUNS, HOSTILE_TIMEOUT, rawRequest, recordingUpstream } from './hostile.ts'

// Who may call the server (issue 20 §1): a page on a foreign origin, a sandboxed iframe
// (`Origin: null`), a cross-site "simple" request and a DNS-rebinding page are all refused before
// anything is read, generated or forwarded; a stand-in upstream records that nothing reached it.

const KEY = 'fw_callers_key_0123456789'
const figures = { origins: 0, contentTypes: 0, hosts: 0 }
afterAll(() => {
  console.log(
    `[reliability] callers: ${figures.origins} foreign origins, ${figures.contentTypes} non-JSON content types and ${figures.hosts} foreign Host names refused; nothing forwarded`,
  )
})

const PATHS = ['/v1/chat/completions', '/inference/v1/chat/completions', '/v1/completions']
const bodyFor = (path: string, model: string) =>
  path.endsWith('/chat/completions') ? chatBody(model) : JSON.stringify({ model, prompt: 'hi' })

const loopbackHost = fc.constantFrom('localhost', '127.0.0.1', '127.3.2.1', '[::1]', 'app.localhost')
const port = fc.integer({ min: 1, max: 65535 })
/** Origins that are neither loopback nor listed: real-looking sites, odd schemes, `null`. */
const foreignOrigin = fc.oneof(
  fc.constant('null'),
  fc.webUrl().map((url) => new URL(url).origin),
  fc
    .tuple(fc.constantFrom('http', 'https'), fc.domain(), port)
    .map(([scheme, domain, p]) => `${scheme}://${domain}:${p}`),
  fc.constantFrom(
    'http://127.0.0.1.evil.example',
    'http://localhost.evil.example:5173',
    'file://',
    'chrome-extension://abcdef',
    'http://[::2]:5173',
  ),
)
const foreignHost = fc
  .tuple(fc.domain(), fc.option(port, { nil: undefined }))
  .filter(([domain]) => domain !== 'localhost' && !domain.endsWith('.localhost'))
  .map(([domain, p]) => (p === undefined ? domain : `${domain}:${p}`))

describe('origins', { timeout: HOSTILE_TIMEOUT }, () => {
  it('refuses every foreign origin with a 403 before anything is forwarded, in proxy mode', async () => {
    const upstream = await recordingUpstream()
    const server = await serve({ upstream: { url: upstream.url, apiKey: KEY } })
    await fc.assert(
      fc.asyncProperty(foreignOrigin, fc.constantFrom(...PATHS), async (origin, path) => {
        const response = await rawRequest(server.url, path, {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json' },
          body: bodyFor(path, 'accounts/remote/model'),
        })
        expect(response.status).toBe(403)
        const { error } = JSON.parse(response.body)
        expect(error.code).toBe('origin_not_allowed')
        expect(error.message).toContain(`'${origin}'`)
        // The refusal is readable by the page that caused it, so its developer sees why.
        expect(response.headers['access-control-allow-origin']).toBe(origin)
        figures.origins++
      }),
      { numRuns: HOSTILE_RUNS },
    )
    // Model lists too: they would spend the key on the upstream's /models.
    const models = await rawRequest(server.url, '/v1/models', { headers: { origin: 'null' } })
    expect(models.status).toBe(403)
    // No advice to allow `null`: every sandboxed frame on every site sends it.
    expect(JSON.parse(models.body).error.message).not.toContain('--cors')
    expect(upstream.seen).toEqual([])
  })

  it('refuses a cross-site request that carries no Origin (an image or script tag)', async () => {
    const upstream = await recordingUpstream()
    const server = await serve({ upstream: { url: upstream.url, apiKey: KEY } })
    const from = async (site: string) =>
      (await rawRequest(server.url, '/v1/models', { headers: { 'sec-fetch-site': site } })).status
    expect(await from('cross-site')).toBe(403)
    expect(upstream.seen).toEqual([])
    // Typed in the address bar, or from the server's own pages: answered.
    expect(await from('none')).toBe(200)
    expect(await from('same-origin')).toBe(200)
  })

  it('refuses a foreign preflight, so the browser never sends the request', async () => {
    const server = await serve({ upstream: { url: 'http://127.0.0.1:1/v1', apiKey: KEY } })
    const response = await rawRequest(server.url, '/v1/chat/completions', {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(response.status).toBe(403)
  })

  it('with no key, allows any loopback origin on any port and refuses the rest', async () => {
    const server = await serve()
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('http', 'https'), loopbackHost, port, async (scheme, host, p) => {
        const origin = `${scheme}://${host}:${p}`
        const response = await rawRequest(server.url, '/v1/chat/completions', {
          method: 'POST',
          headers: { origin, 'content-type': 'application/json' },
          body: chatBody('kindling-echo'),
        })
        expect(response.status).toBe(200)
        expect(response.headers['access-control-allow-origin']).toBe(origin)
      }),
      { numRuns: HOSTILE_RUNS },
    )
    await fc.assert(
      fc.asyncProperty(foreignOrigin, async (origin) => {
        const response = await rawRequest(server.url, '/v1/models', { headers: { origin } })
        expect(response.status).toBe(403)
      }),
      { numRuns: HOSTILE_RUNS },
    )
  })

  it('in proxy mode, allows exactly the listed origins and the server’s own', async () => {
    const upstream = await recordingUpstream()
    const server = await serve({
      upstream: { url: upstream.url, apiKey: KEY },
      cors: ['http://localhost:3000'],
    })
    const send = (origin: string) =>
      rawRequest(server.url, '/v1/chat/completions', {
        method: 'POST',
        headers: { origin, 'content-type': 'application/json' },
        body: chatBody('remote'),
      })
    expect((await send('http://localhost:3000')).status).toBe(200)
    expect((await send(server.url)).status).toBe(200)
    const other = await send('http://localhost:3001')
    expect(other.status).toBe(403)
    expect(JSON.parse(other.body).error.message).toMatch(/holds an API key/)
    expect(upstream.seen).toHaveLength(2)
  })

  it("never relays the upstream's access-control headers: CORS is this server's decision", async () => {
    const upstream = await recordingUpstream((_, res) => {
      res.writeHead(200, {
        'content-type': 'application/json',
        'access-control-allow-origin': '*',
        'access-control-allow-credentials': 'true',
        'access-control-expose-headers': 'x-secret',
        'x-upstream': 'kept',
      })
      res.end('{"id":"up","choices":[]}')
    })
    const server = await serve({ upstream: { url: upstream.url, apiKey: KEY } })
    const bare = await rawRequest(server.url, '/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: chatBody('remote'),
    })
    expect(bare.status).toBe(200)
    expect(bare.headers['x-upstream']).toBe('kept')
    // Only this server's own list of readable headers, never the upstream's grants.
    expect(Object.keys(bare.headers).filter((name) => name.startsWith('access-control-allow'))).toEqual([])
    expect(bare.headers['access-control-expose-headers']).toBe(
      'Retry-After,X-Request-Id,X-Kindling-Stream-Id,X-Kindling-Resume-Token',
    )
    const listed = await rawRequest(server.url, '/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json', origin: 'http://localhost:5173' },
      body: chatBody('remote'),
    })
    expect(listed.headers['access-control-allow-origin']).toBe('http://localhost:5173')
    expect(listed.headers['access-control-allow-credentials']).toBeUndefined()
    expect(listed.headers['access-control-expose-headers']).not.toContain('x-secret')
  })

  it("warns loudly when cors '*' meets a key, from the library API too", () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {})
    try {
      createApp({ cors: '*' })
      expect(warn).not.toHaveBeenCalled()
      createApp({ cors: '*', upstream: { url: 'https://user:hunter2hunter2@api.example/v1', apiKey: KEY } })
      expect(warn).toHaveBeenCalledTimes(1)
      const message = String(warn.mock.calls[0]?.[0])
      expect(message).toMatch(/WARNING/)
      expect(message).toMatch(/Any web page you visit can spend that key/)
      expect(message).not.toContain(KEY)
      expect(message).not.toContain('hunter2')
    } finally {
      warn.mockRestore()
    }
  })
})

describe('content types', { timeout: HOSTILE_TIMEOUT }, () => {
  const nonJson = fc.oneof(
    fc.constantFrom(
      'text/plain',
      'text/plain;charset=UTF-8',
      'application/x-www-form-urlencoded',
      'multipart/form-data; boundary=x',
      'text/json',
      'application/jsonp',
      'application/json-patch+json',
      '',
    ),
    fc
      .tuple(
        fc.constantFrom('text', 'application', 'image', 'video'),
        fc.stringMatching(/^[a-z0-9.+-]{1,20}$/),
      )
      .filter(([type, sub]) => !(type === 'application' && sub === 'json'))
      .map(([type, sub]) => `${type}/${sub}`),
  )

  it('answers a JSON endpoint with 415 for any other content type, and forwards nothing', async () => {
    const upstream = await recordingUpstream()
    const server = await serve({ upstream: { url: upstream.url, apiKey: KEY } })
    await fc.assert(
      fc.asyncProperty(nonJson, fc.constantFrom(...PATHS), fc.boolean(), async (type, path, builtin) => {
        const response = await rawRequest(server.url, path, {
          method: 'POST',
          headers: type === '' ? {} : { 'content-type': type },
          body: bodyFor(path, builtin ? 'kindling-echo' : 'remote'),
        })
        expect(response.status).toBe(415)
        expect(JSON.parse(response.body).error).toMatchObject({
          code: 'unsupported_media_type',
          param: 'content-type',
        })
        figures.contentTypes++
      }),
      { numRuns: HOSTILE_RUNS },
    )
    expect(upstream.seen).toEqual([])
  })

  it('takes application/json with parameters and in any case', async () => {
    const server = await serve()
    for (const type of ['application/json', 'application/json; charset=utf-8', 'Application/JSON']) {
      const response = await rawRequest(server.url, '/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': type },
        body: chatBody('kindling-echo'),
      })
      expect(response.status).toBe(200)
    }
  })
})

describe('Host names (DNS rebinding)', { timeout: HOSTILE_TIMEOUT }, () => {
  it('answers only loopback names when bound to loopback, with a 403 naming the option otherwise', async () => {
    const upstream = await recordingUpstream()
    const server = await serve({ upstream: { url: upstream.url, apiKey: KEY } })
    await fc.assert(
      fc.asyncProperty(foreignHost, fc.constantFrom(...PATHS), async (host, path) => {
        // After a rebind the page is same-origin with its own name: Origin and Host agree.
        const response = await rawRequest(server.url, path, {
          method: 'POST',
          headers: { host, origin: `http://${host}`, 'content-type': 'application/json' },
          body: bodyFor(path, 'remote'),
        })
        expect(response.status).toBe(403)
        const { error } = JSON.parse(response.body)
        expect(error.code).toBe('host_not_allowed')
        expect(error.message).toContain('--allowed-hosts')
        figures.hosts++
      }),
      { numRuns: HOSTILE_RUNS },
    )
    expect(upstream.seen).toEqual([])
    await fc.assert(
      fc.asyncProperty(loopbackHost, fc.option(port, { nil: undefined }), async (name, p) => {
        const host = p === undefined ? name : `${name}:${p}`
        const response = await rawRequest(server.url, '/v1/models', { headers: { host } })
        expect(response.status).toBe(200)
      }),
      { numRuns: HOSTILE_RUNS },
    )
  })

  it('answers the configured names, a leading dot for subdomains', async () => {
    const server = await serve({ allowedHosts: ['kindling.test', '.dev.example'] })
    const status = async (host: string) =>
      (await rawRequest(server.url, '/v1/models', { headers: { host } })).status
    expect(await status('kindling.test:8787')).toBe(200)
    expect(await status('KINDLING.TEST')).toBe(200)
    expect(await status('dev.example')).toBe(200)
    expect(await status('a.b.dev.example:1')).toBe(200)
    expect(await status('kindling.test.evil.example')).toBe(403)
    expect(await status('evildev.example')).toBe(403)
  })

  it('answers any Host when bound to a non-loopback interface, unless told otherwise', async () => {
    const any = await serve({ host: '0.0.0.0' })
    const url = `http://127.0.0.1:${any.port}`
    expect((await rawRequest(url, '/v1/models', { headers: { host: 'lan-name:1' } })).status).toBe(200)
    const strict = await serve({ host: '0.0.0.0', allowedHosts: [] })
    const strictUrl = `http://127.0.0.1:${strict.port}`
    expect((await rawRequest(strictUrl, '/v1/models', { headers: { host: 'lan-name:1' } })).status).toBe(403)
  })
})
