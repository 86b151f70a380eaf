import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { getRequestListener } from '@hono/node-server'
import { describe, expect, it } from 'vitest'
import { createApp, createStreamTracker } from '../index.ts'

const chatRequest = (model: string, stream = true) =>
  new Request('http://embedded/v1/chat/completions', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ model, stream, messages: [{ role: 'user', content: 'a b c' }] }),
  })

describe('createApp', () => {
  it('answers through app.fetch with no HTTP server, for embedding', async () => {
    const app = createApp()
    const response = await app.fetch(chatRequest('kindling-echo', false))
    expect((await response.json()).choices[0].message.content).toBe('a b c')
  })

  it('breaks the body stream for a cut when there is no socket to cut', async () => {
    const tracker = createStreamTracker()
    const app = createApp({ tracker })
    const response = await app.fetch(chatRequest('kindling-echo+cut=2'))
    await expect(response.text()).rejects.toThrow(/Connection cut/)
    expect(tracker.stats()).toMatchObject({ cut: 1, open: 0 })
  })

  it('reports a cancelled body as client-closed', async () => {
    const tracker = createStreamTracker()
    const app = createApp({ tracker })
    const response = await app.fetch(chatRequest('kindling-echo+stall=1'))
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    await reader.cancel()
    expect(tracker.stats()).toMatchObject({ clientClosed: 1, open: 0 })
  })

  it('logs one line per request', async () => {
    const lines: string[] = []
    const app = createApp({ log: (line) => lines.push(line) })
    await app.fetch(new Request('http://embedded/v1/models'))
    await app.fetch(new Request('http://embedded/nope'))
    expect(lines).toEqual(['GET /v1/models 200', 'GET /nope 404'])
  })

  it('mounts in a plain Node server under a path prefix of its own, as a Vite middleware would', async () => {
    const tracker = createStreamTracker()
    const listener = getRequestListener(createApp({ tracker }).fetch)
    const server = createServer((req, res) => {
      if (req.url?.startsWith('/v1/')) return void listener(req, res)
      res.writeHead(200).end('the app page')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
    try {
      expect(await (await fetch(`${origin}/`)).text()).toBe('the app page')
      const response = await fetch(`${origin}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'kindling-echo+cut=2',
          stream: true,
          messages: [{ role: 'user', content: 'a b' }],
        }),
      })
      // The socket is really cut: the Node bindings reach the app through the listener.
      await expect(response.text()).rejects.toThrow(/terminated/)
      expect(tracker.stats().cut).toBe(1)
    } finally {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    }
  })
})
