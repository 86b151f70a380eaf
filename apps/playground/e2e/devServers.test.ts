import { request } from 'node:http'
import type { AddressInfo } from 'node:net'
import { type RunningServer, startServer } from '@kindling/server'
import { createServer, type ViteDevServer } from 'vite'
import { afterEach, describe, expect, it } from 'vitest'
import { kindlingServerPlugin } from '../../../.storybook/kindlingServerPlugin.ts'

// The two dev servers that put the Kindling API on a page's own origin still work with the
// server's caller checks (issue 20 §1): the playground's Vite proxy (which rewrites Host to the
// API's, `changeOrigin`) and Storybook's embedded server (Vite checks Host, and the app checks it
// again against Vite's list). Foreign origins and Host names are refused.

const open: { close(): Promise<void> }[] = []
afterEach(async () => {
  await Promise.all(open.splice(0).map((server) => server.close()))
})

async function listen(server: ViteDevServer): Promise<string> {
  open.push(server)
  await server.listen()
  const { port } = (server.httpServer?.address() as AddressInfo | null) ?? { port: 0 }
  return `http://127.0.0.1:${port}`
}

/** A request with exactly these headers (fetch will not send a forged Host). */
function send(url: string, path: string, headers: Record<string, string>, body?: string) {
  const { hostname, port } = new URL(url)
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(
      { host: hostname, port, path, method: body === undefined ? 'GET' : 'POST', headers },
      async (res) => {
        let text = ''
        for await (const part of res) text += part
        resolve({ status: res.statusCode ?? 0, body: text })
      },
    )
    req.on('error', reject)
    req.end(body)
  })
}

const chat = JSON.stringify({ model: 'kindling-echo', messages: [{ role: 'user', content: 'through' }] })

describe("the playground's Vite proxy", () => {
  it('reaches the server from the page origin, and passes on its refusals', async () => {
    const lines: string[] = []
    const api: RunningServer = await startServer({ log: (line) => lines.push(line) })
    open.push(api)
    process.env.KINDLING_SERVER_URL = api.url
    const configFile = new URL('../vite.config.ts', import.meta.url).pathname
    const vite = await createServer({
      configFile,
      logLevel: 'silent',
      server: { port: 0, strictPort: false, host: '127.0.0.1' },
    })
    const url = await listen(vite)
    const page = `http://localhost:${new URL(url).port}`
    const host = `localhost:${new URL(url).port}`
    const ok = await send(
      url,
      '/v1/chat/completions',
      { host, origin: page, 'content-type': 'application/json' },
      chat,
    )
    expect(ok.status).toBe(200)
    expect(JSON.parse(ok.body).choices[0].message.content).toBe('through')
    expect(lines).toContain('POST /v1/chat/completions 200')
    const foreign = await send(url, '/v1/models', { host, origin: 'https://evil.example' })
    expect(foreign.status).toBe(403)
    const plain = await send(
      url,
      '/v1/chat/completions',
      { host, origin: page, 'content-type': 'text/plain' },
      chat,
    )
    expect(plain.status).toBe(415)
  }, 60_000)
})

describe("Storybook's embedded server", () => {
  it('answers same-origin requests and refuses foreign Host names and origins', async () => {
    const vite = await createServer({
      configFile: false,
      logLevel: 'silent',
      plugins: [kindlingServerPlugin({ delayMs: 0 })],
      server: { port: 0, host: '127.0.0.1' },
    })
    const url = await listen(vite)
    const port = new URL(url).port
    const same = await send(
      url,
      '/v1/chat/completions',
      { host: `localhost:${port}`, origin: `http://localhost:${port}`, 'content-type': 'application/json' },
      chat,
    )
    expect(same.status).toBe(200)
    // A DNS-rebinding page: its own name in Host and Origin, same-origin with itself.
    const rebound = await send(url, '/v1/models', {
      host: `evil.example:${port}`,
      origin: `http://evil.example:${port}`,
    })
    // Vite's own host check answers first here; the app checks the same list behind it.
    expect(rebound.status).toBe(403)
    expect(rebound.body).toMatch(/not allowed/)
    const foreign = await send(url, '/v1/models', { host: `localhost:${port}`, origin: 'null' })
    expect(foreign.status).toBe(403)
    const plain = await send(
      url,
      '/v1/chat/completions',
      { host: `localhost:${port}`, 'content-type': 'text/plain' },
      chat,
    )
    expect(plain.status).toBe(415)
  }, 60_000)
})
