import { describe, expect, it } from 'vitest'
import { DEFAULT_FAULTS, serverOptionsFromEnv } from '../index.ts'
import { post, serve, user } from './helpers.ts'
import { startStandInUpstream } from './standInUpstream.ts'

// Faults are a development feature: on for the built-in models unless turned off, and never on the
// production (proxy) path unless the server was started with them.

const remote = { model: 'remote-model', messages: [user('hi')] }
const builtin = { model: 'kindling-echo', messages: [user('hi')] }

async function proxy(faults?: 'builtin' | 'all' | 'none') {
  const upstream = await startStandInUpstream()
  const server = await serve({ upstream: { url: upstream.url, apiKey: 'k' }, ...(faults ? { faults } : {}) })
  return { upstream, server }
}

describe('fault scope', () => {
  it('defaults to the built-in models: a forwarded request ignores x-kindling-fault', async () => {
    expect(DEFAULT_FAULTS).toBe('builtin')
    const { upstream, server } = await proxy()
    for (const fault of ['500', '429=5', 'cut=1', 'not-a-fault']) {
      const response = await post(server, '/v1/chat/completions', remote, { 'x-kindling-fault': fault })
      expect(response.status).toBe(200)
      expect((await response.json()).choices[0].message.content).toBe('hello from upstream')
    }
    const streamed = await post(
      server,
      '/v1/chat/completions',
      { ...remote, stream: true },
      {
        'x-kindling-fault': 'error-chunk=0',
      },
    )
    expect(await streamed.text()).toContain('hello from upstream')
    expect(upstream.seen).toHaveLength(5)
    const models = await fetch(`${server.url}/v1/models`, { headers: { 'x-kindling-fault': '500' } })
    expect(models.status).toBe(200)
  })

  it('keeps faults on for the built-in models by default, beside a proxy too', async () => {
    const { upstream, server } = await proxy()
    const fromHeader = await post(server, '/v1/chat/completions', builtin, { 'x-kindling-fault': '429=5' })
    expect(fromHeader.status).toBe(429)
    expect(fromHeader.headers.get('retry-after')).toBe('5')
    const fromSuffix = await post(server, '/v1/chat/completions', { ...builtin, model: 'kindling-echo+503' })
    expect(fromSuffix.status).toBe(503)
    expect(upstream.seen).toHaveLength(0)
    const standalone = await serve()
    const models = await fetch(`${standalone.url}/v1/models`, { headers: { 'x-kindling-fault': '500' } })
    expect(models.status).toBe(500)
  })

  it("honours faults on forwarded requests and a proxy's model list with 'all'", async () => {
    const { upstream, server } = await proxy('all')
    const response = await post(server, '/v1/chat/completions', remote, { 'x-kindling-fault': '500' })
    expect(response.status).toBe(500)
    expect((await response.json()).error.code).toBe('internal_error')
    const models = await fetch(`${server.url}/v1/models`, { headers: { 'x-kindling-fault': '401' } })
    expect(models.status).toBe(401)
    expect(upstream.seen).toHaveLength(0)
  })

  it("ignores every fault with 'none', the model suffix included", async () => {
    const { upstream, server } = await proxy('none')
    const response = await post(server, '/v1/chat/completions', builtin, { 'x-kindling-fault': '500' })
    expect((await response.json()).choices[0].message.content).toBe('hi')
    // Without faults, a suffixed name is just another model name: forwarded as it is.
    await post(server, '/v1/chat/completions', { ...builtin, model: 'kindling-echo+500' })
    expect(JSON.parse(upstream.seen[0]?.body ?? '{}').model).toBe('kindling-echo+500')
    const alone = await serve({ faults: 'none' })
    const suffixed = await post(alone, '/v1/chat/completions', { ...builtin, model: 'kindling-echo+cut=1' })
    expect(suffixed.status).toBe(404)
  })

  it('reads KINDLING_FAULTS and refuses a value it does not know, naming it', () => {
    expect(serverOptionsFromEnv({ KINDLING_FAULTS: 'all' }).faults).toBe('all')
    expect(serverOptionsFromEnv({}).faults).toBeUndefined()
    expect(() => serverOptionsFromEnv({ KINDLING_FAULTS: 'some' })).toThrow(
      /KINDLING_FAULTS must be one of builtin, all, none/,
    )
  })
})
