import { afterEach, describe, expect, it } from 'vitest'
import { startCli, stopClis } from './cliProcess.ts'
import { rawRequest } from './hostile.ts'

afterEach(stopClis)

describe('kindling-server CLI', () => {
  it('serves the built-in models on the port it prints, with the proxy on but the key unprinted', async () => {
    // An upstream that refuses connections: the built-ins are listed regardless.
    const cli = startCli(['--', '--port', '0', '--delay', '0'], {
      FIREWORKS_API_KEY: 'cli-secret-key',
      KINDLING_UPSTREAM_URL: 'http://127.0.0.1:1/v1',
    })
    const url = await cli.url
    const models = await (await fetch(`${url}/v1/models`)).json()
    expect(models.data.map((model: { id: string }) => model.id)).toContain('kindling-echo')
    const response = await fetch(`${url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'kindling-echo', messages: [{ role: 'user', content: 'cli' }] }),
    })
    expect((await response.json()).choices[0].message.content).toBe('cli')
    await cli.printed('POST /v1/chat/completions 200')
    expect(cli.output()).toContain('proxy:    other models go to http://127.0.0.1:1/v1')
    expect(cli.output()).toContain('upstream models unavailable')
    expect(cli.output()).not.toContain('cli-secret-key')
  })

  it('prints no credentials from the upstream URL, warns about cors * with a key, and takes the new flags', async () => {
    const cli = startCli(
      ['--port', '0', '--delay', '0', '--cors', '*', '--no-builtins', '--allowed-hosts', 'kindling.test'],
      {
        FIREWORKS_API_KEY: 'cli-secret-key',
        KINDLING_UPSTREAM_URL: 'http://gateway:supersecretpw@127.0.0.1:1/v1',
      },
    )
    const url = await cli.url
    const models = await rawRequest(url, '/v1/models', { headers: { host: 'kindling.test:1' } })
    expect(models.status).toBe(200)
    // No built-ins, and the upstream is unreachable: an empty list.
    expect(JSON.parse(models.body).data).toEqual([])
    expect((await rawRequest(url, '/v1/models', { headers: { host: 'other.test' } })).status).toBe(403)
    await cli.printed('GET /v1/models 403')
    expect(cli.output()).toContain('proxy:    other models go to http://127.0.0.1:1/v1 (with basic auth)')
    expect(cli.output()).toContain('models:   none built in')
    expect(cli.output()).toMatch(/WARNING.*cors is '\*'/)
    expect(cli.output()).not.toContain('supersecretpw')
    expect(cli.output()).not.toContain('cli-secret-key')
  })

  it('honours faults on forwarded requests only with --faults all', async () => {
    // Nothing listens on the upstream: a request that is not faulted gets the proxy's 502.
    const env = { FIREWORKS_API_KEY: 'k', KINDLING_UPSTREAM_URL: 'http://127.0.0.1:1/v1' }
    const ask = async (url: string) =>
      (
        await fetch(`${url}/v1/chat/completions`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-kindling-fault': '429' },
          body: JSON.stringify({ model: 'remote', messages: [{ role: 'user', content: 'hi' }] }),
        })
      ).status
    const all = startCli(['--port', '0', '--faults', 'all'], env)
    const byDefault = startCli(['--port', '0'], env)
    expect(await ask(await all.url)).toBe(429)
    expect(all.output()).toContain('faults:   all')
    expect(await ask(await byDefault.url)).toBe(502)
    expect(byDefault.output()).toContain('faults:   built-in models only')
  })

  it('refuses a flag value that is not a number', async () => {
    const cli = startCli(['--port', 'eighty'])
    await expect(cli.url).rejects.toThrow(/--port needs a non-negative number/)
  })
})
