import { startServer } from '@kindling/server'
import { createParser } from 'eventsource-parser'
import { describe, expect, it } from 'vitest'
import { APIConnectionError, type APIError, NotFoundError } from '../../packages/client/src/errors.ts'
import type { ChatCompletionResponse } from '../../packages/client/src/schemas.ts'
import { user, withPeer } from '../support/peer.ts'
import { cutBodyAfter } from '../support/streams.ts'

// Ten streams at a time from one client: over the default per-client cap of 8.
const peer = withPeer({ maxUpstreamStreamsPerClient: 0, resumable: true })
const STREAMS = Number(process.env.KINDLING_RESUME_STREAMS ?? 100)

/** Real fetch, whose chat-completion answers drop after `cutAt()` bytes, as a broken network would. */
function droppingFetch(cutAt: () => number, onDrop: () => void): typeof fetch {
  return async (input, init) => {
    const response = await fetch(input, init)
    if (!String(input).endsWith('/chat/completions') || !response.body) return response
    return cutBodyAfter(response, cutAt(), onDrop)
  }
}

async function rejection(promise: Promise<unknown>): Promise<APIError> {
  try {
    await promise
  } catch (error) {
    return error as APIError
  }
  throw new Error('expected a rejection')
}

const words = (index: number) =>
  Array.from({ length: 5 + (index % 40) }, (_, word) => `w${index}-${word}`).join(' ')

describe('resuming streams', () => {
  it(
    `ends every one of ${STREAMS} streams dropped at random byte offsets with the exact answer`,
    async () => {
      let drops = 0
      const client = peer.client({
        resumable: true,
        fetch: droppingFetch(
          () => 1 + Math.floor(Math.random() * 1500),
          () => drops++,
        ),
      })
      const one = async (index: number) => {
        const say = words(index)
        const stream = await client.chatCompletion.create('kindling-echo', [user(say)], {
          stream: true,
          // A few are followed live, the rest replayed: both paths resume.
          ...(index % 4 === 0 ? { headers: { 'x-kindling-delay': '1' } } : {}),
          maxResumes: 100,
        })
        let streamed = ''
        for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? ''
        expect(streamed).toBe(say)
        expect((await stream.finalResponse()).choices[0]?.message.content).toBe(say)
      }
      for (let start = 0; start < STREAMS; start += 10)
        await Promise.all(Array.from({ length: Math.min(10, STREAMS - start) }, (_, k) => one(start + k)))
      // Most answers are longer than their cut: most streams really dropped.
      expect(drops).toBeGreaterThan(STREAMS / 2)
    },
    5_000 + STREAMS * 100,
  )

  it('gives up after maxResumes with the usual typed error, the partial answer kept', async () => {
    const server = await startServer({ port: 0, host: '127.0.0.1', resumable: true })
    const client = peer.client({ baseURL: `${server.url}/v1`, resumable: true })
    const stream = await client.chatCompletion.create('kindling-echo', [user(words(7))], {
      stream: true,
      headers: { 'x-kindling-delay': '30' },
    })
    let received = 0
    const error = await rejection(
      (async () => {
        for await (const _ of stream) if (++received === 3) void server.close()
      })(),
    )
    expect(error).toBeInstanceOf(APIConnectionError)
    expect((error.partial as ChatCompletionResponse).choices[0]?.message.content).toMatch(/^w7-/)
  })

  it('resumes explicitly by id, after a given event, with the key or the resume token', async () => {
    const keyed = peer.client({ apiKey: 'alice' })
    const first = await keyed.chatCompletion.create('kindling-echo', [user('a b c d')], { stream: true })
    const id = first.response.headers.get('x-kindling-stream-id') as string
    expect((await first.finalResponse()).choices[0]?.message.content).toBe('a b c d')
    const again = await keyed.chatCompletion.resume(id)
    expect((await again.finalResponse()).choices[0]?.message.content).toBe('a b c d')
    const tail = await keyed.chatCompletion.resume(id, { after: 2 })
    const rest = String((await tail.finalResponse()).choices[0]?.message.content ?? '')
    expect('a b c d'.endsWith(rest)).toBe(true)
    expect(rest.length).toBeLessThan('a b c d'.length)

    const other = await rejection(peer.client({ apiKey: 'mallory' }).chatCompletion.resume(id))
    expect(other).toBeInstanceOf(NotFoundError)

    const anonymous = peer.client()
    const open = await anonymous.chatCompletion.create('kindling-echo', [user('e f')], { stream: true })
    await open.finalResponse()
    const openId = open.response.headers.get('x-kindling-stream-id') as string
    const token = open.response.headers.get('x-kindling-resume-token') as string
    expect(await rejection(anonymous.chatCompletion.resume(openId))).toBeInstanceOf(NotFoundError)
    const byToken = await anonymous.chatCompletion.resume(openId, { resumeToken: token })
    expect((await byToken.finalResponse()).choices[0]?.message.content).toBe('e f')
  })

  it('stops the generation on the server when the stream is aborted', async () => {
    const ended = peer.server.streams.waitForStreamEnd()
    const stream = await peer.client().chatCompletion.create('kindling-echo', [user(words(9))], {
      stream: true,
      headers: { 'x-kindling-delay': '50' },
    })
    for await (const _ of stream) break
    const record = await ended
    expect(record.end).toBe('client-closed')
  })

  it('reads as legal SSE with eventsource-parser: every event id is <streamId>:<n>', async () => {
    const response = await fetch(`${peer.server.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'kindling-echo', stream: true, messages: [user('x y z')] }),
    })
    const id = response.headers.get('x-kindling-stream-id')
    const ids: (string | undefined)[] = []
    const parser = createParser({ onEvent: (event) => ids.push(event.id) })
    parser.feed(await response.text())
    expect(ids.length).toBeGreaterThan(3)
    expect(ids).toEqual(ids.map((_, index) => `${id}:${index + 1}`))
  })

  it('sends x-kindling-resumable only when the client opted in (no CORS preflight otherwise)', async () => {
    const sent: (string | null)[] = []
    const recording: typeof fetch = (input, init) => {
      sent.push(new Headers(init?.headers).get('x-kindling-resumable'))
      return fetch(input, init)
    }
    for (const resumable of [false, true]) {
      const stream = await peer
        .client({ fetch: recording, resumable })
        .chatCompletion.create('kindling-echo', [user('a b')], { stream: true })
      await stream.finalResponse()
    }
    expect(sent).toEqual([null, '1'])
  })
})

describe('a server without resumable streams', () => {
  const plain = withPeer({})

  it('sends no stream id, and a drop fails with the partial answer instead of resuming', async () => {
    let drops = 0
    const client = plain.client({
      resumable: true,
      fetch: droppingFetch(
        () => 200,
        () => drops++,
      ),
    })
    const stream = await client.chatCompletion.create('kindling-echo', [user(words(30))], { stream: true })
    let streamed = ''
    const error = await (async () => {
      try {
        for await (const chunk of stream) streamed += chunk.choices[0]?.delta.content ?? ''
      } catch (caught) {
        return caught
      }
    })()
    expect(drops).toBe(1)
    expect(error).toBeInstanceOf(APIConnectionError)
    expect(words(30).startsWith(streamed)).toBe(true)
    expect(plain.requests.filter((line) => line.includes('/kindling/streams'))).toEqual([])
  })
})
