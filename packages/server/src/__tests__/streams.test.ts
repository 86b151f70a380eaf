import { describe, expect, it } from 'vitest'
import { post, serve, user } from './helpers.ts'

const slowChat = { model: 'kindling-text', stream: true, messages: [user('go')] }

describe('stream tracking', () => {
  it('reports a stream the client aborts as client-closed', async () => {
    const server = await serve({ delayMs: 20 })
    const controller = new AbortController()
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(slowChat),
      signal: controller.signal,
    })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    expect(server.streams.stats().open).toBe(1)
    const ended = server.streams.waitForStreamEnd()
    controller.abort()
    const record = await ended
    expect(record).toMatchObject({
      end: 'client-closed',
      model: 'kindling-text',
      path: '/v1/chat/completions',
      source: 'builtin',
    })
    expect(server.streams.stats()).toMatchObject({ open: 0, clientClosed: 1, completed: 0 })
  })

  it('reports a stream read to the end as completed', async () => {
    const server = await serve()
    const ended = server.streams.waitForStreamEnd()
    await (await post(server, '/v1/chat/completions', slowChat)).text()
    expect((await ended).end).toBe('completed')
    expect(server.streams.stats()).toMatchObject({ open: 0, completed: 1 })
  })

  it('calls onStreamEnd listeners until they unsubscribe', async () => {
    const server = await serve()
    const seen: string[] = []
    const unsubscribe = server.streams.onStreamEnd((record) => seen.push(record.end))
    await (await post(server, '/v1/chat/completions', slowChat)).text()
    unsubscribe()
    await (await post(server, '/v1/chat/completions', slowChat)).text()
    expect(seen).toEqual(['completed'])
  })

  it('serves the counts over HTTP at /kindling/streams for browser tests', async () => {
    const server = await serve({ delayMs: 20, cors: '*' })
    const controller = new AbortController()
    const response = await fetch(`${server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(slowChat),
      signal: controller.signal,
    })
    await (response.body as ReadableStream<Uint8Array>).getReader().read()
    const during = await (await fetch(`${server.url}/kindling/streams`)).json()
    expect(during.open).toBe(1)
    const ended = server.streams.waitForStreamEnd()
    controller.abort()
    await ended
    const after = await (await fetch(`${server.url}/kindling/streams`)).json()
    expect(after).toMatchObject({ open: 0, clientClosed: 1 })
    expect(after.recent.at(-1)).toMatchObject({ end: 'client-closed', model: 'kindling-text' })
  })

  it('closes with a stalled stream still open', async () => {
    const server = await serve()
    const response = await post(server, '/v1/chat/completions', {
      ...slowChat,
      model: 'kindling-text+stall=1',
    })
    const reader = (response.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    await server.close()
    await expect(reader.read()).rejects.toThrow()
  })
})
