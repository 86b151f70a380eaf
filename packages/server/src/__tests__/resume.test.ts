import OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import type { RunningServer } from '../index.ts'
import { chatText, jsonChunks, post, readUpTo, serve, user, withoutEventIds } from './helpers.ts'

const SAY = 'one two three four five six seven eight'
const body = { model: 'kindling-echo', stream: true, messages: [user(SAY)] }

/** The events of an SSE body, each with the blank line that ends it. */
const events = (text: string) => text.split(/(?<=\n\n)/).filter(Boolean)

/** Only whole events: a reader keeps the last event id it saw completely. */
const wholeEvents = (text: string) => text.slice(0, text.lastIndexOf('\n\n') + 2)
const lastSeq = (text: string) => Number(/:(\d+)\n(?![\s\S]*\nid: )/.exec(text)?.[1] ?? 0)

function resume(server: RunningServer, id: string, after: number, headers: Record<string, string> = {}) {
  return fetch(`${server.url}/v1/kindling/streams/${id}?after=${after}`, { headers })
}

describe('resumable streams', () => {
  it('gives every stream a 144-bit id in a header and numbers its events', async () => {
    const server = await serve({ resumable: true })
    const response = await post(server, '/v1/chat/completions', body)
    const id = response.headers.get('x-kindling-stream-id') as string
    expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/)
    const text = await response.text()
    const ids = events(text).map((event) => /^id: (.*)\n/.exec(event)?.[1])
    expect(ids).toEqual(ids.map((_, index) => `${id}:${index + 1}`))
    expect(chatText(jsonChunks(text))).toBe(SAY)
    const other = await post(server, '/v1/chat/completions', body)
    expect(other.headers.get('x-kindling-stream-id')).not.toBe(id)
  })

  it('replays exactly the events after any point, by ?after or Last-Event-ID', async () => {
    const server = await serve({ resumable: true })
    const response = await post(server, '/v1/chat/completions', body)
    const id = response.headers.get('x-kindling-stream-id') as string
    const token = response.headers.get('x-kindling-resume-token') as string
    const all = events(await response.text())
    for (let after = 0; after <= all.length; after++) {
      const byQuery = await resume(server, id, after, { 'x-kindling-resume-token': token })
      expect(await byQuery.text()).toBe(all.slice(after).join(''))
      const byHeader = await fetch(`${server.url}/v1/kindling/streams/${id}`, {
        headers: { 'x-kindling-resume-token': token, 'last-event-id': `${id}:${after}` },
      })
      expect(await byHeader.text()).toBe(all.slice(after).join(''))
    }
  })

  it('follows a stream live after a drop: what was read plus the resume is the whole answer', async () => {
    const server = await serve({ resumable: true })
    for (const cutAt of [1, 40, 200, 333, 600]) {
      const response = await post(server, '/v1/chat/completions', body, {
        'x-kindling-delay': '15',
        'x-kindling-resumable': '1',
      })
      const id = response.headers.get('x-kindling-stream-id') as string
      const token = response.headers.get('x-kindling-resume-token') as string
      const kept = wholeEvents(await readUpTo(response, cutAt))
      const rest = await (
        await resume(server, id, lastSeq(kept), { 'x-kindling-resume-token': token })
      ).text()
      const whole = await (await resume(server, id, 0, { 'x-kindling-resume-token': token })).text()
      expect(kept + rest).toBe(whole)
      expect(chatText(jsonChunks(whole))).toBe(SAY)
    }
  })

  it('keeps the answer from another caller: 404 for another key, a missing or wrong token', async () => {
    const server = await serve({ resumable: true })
    const keyed = await post(server, '/v1/chat/completions', body, { authorization: 'Bearer alice' })
    const keyedId = keyed.headers.get('x-kindling-stream-id') as string
    expect(keyed.headers.get('x-kindling-resume-token')).toBeNull()
    await keyed.text()
    const bob = await resume(server, keyedId, 0, { authorization: 'Bearer bob' })
    expect(bob.status).toBe(404)
    expect(await bob.text()).not.toContain('one')
    expect((await resume(server, keyedId, 0)).status).toBe(404)
    expect((await resume(server, keyedId, 0, { authorization: 'Bearer alice' })).status).toBe(200)

    const open = await post(server, '/v1/chat/completions', body)
    const openId = open.headers.get('x-kindling-stream-id') as string
    await open.text()
    expect((await resume(server, openId, 0)).status).toBe(404)
    expect((await resume(server, openId, 0, { 'x-kindling-resume-token': 'guess' })).status).toBe(404)
    const cancel = await fetch(`${server.url}/v1/kindling/streams/${openId}/cancel`, { method: 'POST' })
    expect(cancel.status).toBe(404)
    expect((await resume(server, 'no-such-stream', 0)).status).toBe(404)
  })

  it('stops the generation for real on cancel, even with no reader left', async () => {
    const server = await serve({ resumable: true })
    const response = await post(server, '/v1/chat/completions', body, {
      'x-kindling-delay': '50',
      'x-kindling-resumable': '1',
      authorization: 'Bearer alice',
    })
    const id = response.headers.get('x-kindling-stream-id') as string
    await readUpTo(response, 1)
    const ended = server.streams.waitForStreamEnd()
    const cancel = await fetch(`${server.url}/v1/kindling/streams/${id}/cancel`, {
      method: 'POST',
      headers: { authorization: 'Bearer alice' },
    })
    expect(cancel.status).toBe(200)
    const record = await ended
    expect(record.end).toBe('client-closed')
    // Nothing is left after its last event (asked past any count: under load more than one event may
    // have been produced before the cancel), and the answer was stopped: a 410 that says so.
    const replay = await resume(server, id, 100_000, { authorization: 'Bearer alice' })
    expect(replay.status).toBe(410)
    expect((await replay.json()).error.code).toBe('stream_cancelled')
  })

  it('keeps generating after a resumable reader leaves, and stops at once otherwise', async () => {
    const server = await serve({ resumable: true })
    const resumable = await post(server, '/v1/chat/completions', body, {
      'x-kindling-delay': '5',
      'x-kindling-resumable': '1',
    })
    const ended = server.streams.waitForStreamEnd()
    await readUpTo(resumable, 1)
    expect((await ended).end).toBe('completed')
    const plain = await post(server, '/v1/chat/completions', body, { 'x-kindling-delay': '50' })
    const closed = server.streams.waitForStreamEnd()
    await readUpTo(plain, 1)
    expect((await closed).end).toBe('client-closed')
  })

  it('answers 503 when the store is full of running streams, and serves again once they end', async () => {
    const server = await serve({ resumable: { limits: { maxBytes: 1 } } })
    const first = await post(server, '/v1/chat/completions', body, { 'x-kindling-delay': '30' })
    const reader = (first.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    const refused = await post(server, '/v1/chat/completions', body)
    expect(refused.status).toBe(503)
    expect((await refused.json()).error.code).toBe('stream_store_unavailable')
    while (!(await reader.read()).done) {}
    const again = await post(server, '/v1/chat/completions', body)
    expect(again.status).toBe(200)
    expect(chatText(jsonChunks(await again.text()))).toBe(SAY)
  })

  it('is still read by the openai SDK, event ids and all', async () => {
    const server = await serve({ resumable: true })
    const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'k' })
    const stream = await openai.chat.completions.create({ ...body, stream: true } as never)
    let text = ''
    for await (const chunk of stream as unknown as AsyncIterable<{
      choices: { delta: { content?: string } }[]
    }>)
      text += chunk.choices[0]?.delta.content ?? ''
    expect(text).toBe(SAY)
  })

  it('ids a proxied stream too, stripping the upstream ids', async () => {
    const upstream = await serve({ resumable: true })
    const server = await serve({
      resumable: true,
      upstream: { url: `${upstream.url}/v1`, apiKey: 'key' },
      builtins: false,
    })
    const response = await post(server, '/v1/chat/completions', body)
    const id = response.headers.get('x-kindling-stream-id') as string
    expect(id).toMatch(/^[A-Za-z0-9_-]{24}$/)
    const text = await response.text()
    expect(text).not.toContain(upstream.url)
    const ids = events(text).map((event) => /^id: (.*)\n/.exec(event)?.[1])
    expect(ids).toEqual(ids.map((_, index) => `${id}:${index + 1}`))
    // The upstream (a Kindling server too) numbered its events: only ours are left.
    expect(withoutEventIds(text).match(/^id: /gm)).toBeNull()
    expect(chatText(jsonChunks(text))).toBe(SAY)
  })

  it('are off by default: no id header, no event ids, no store and no resume routes', async () => {
    const upstream = await serve({ resumable: true })
    const server = await serve({ upstream: { url: `${upstream.url}/v1`, apiKey: 'key' } })
    for (const model of ['kindling-echo', 'upstream-model']) {
      const response = await post(server, '/v1/chat/completions', { ...body, model })
      expect(response.headers.get('x-kindling-stream-id')).toBeNull()
      expect(response.headers.get('x-kindling-resume-token')).toBeNull()
      const text = await response.text()
      expect(text.match(/^id: /gm)).toBeNull()
    }
    expect((await resume(server, 'A'.repeat(24), 0)).status).toBe(404)
    const cancel = await fetch(`${server.url}/v1/kindling/streams/${'A'.repeat(24)}/cancel`, {
      method: 'POST',
    })
    expect(cancel.status).toBe(404)
  })
})
