import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { delta, sseText } from '../../packages/client/src/__tests__/fixtures.ts'
import { APIStreamError, APIUserAbortError } from '../../packages/client/src/errors.ts'
import type { ChatCompletionResponse } from '../../packages/client/src/schemas.ts'
import { user, withPeer } from '../support/peer.ts'

// The browser setup: the client has no key and talks to @kindling/server, which forwards requests
// for non-built-in models to an upstream with its own key. The upstream here is a small local server.

const UPSTREAM_KEY = 'fw_upstream_key'
const seen: { authorization: string | undefined; model: string }[] = []
let upstreamClosed: Promise<void> = Promise.resolve()
let upstream: Server
let upstreamUrl = ''

function readBody(request: IncomingMessage): Promise<Record<string, unknown>> {
  return new Promise((resolve) => {
    let text = ''
    request.on('data', (part: Buffer) => {
      text += part.toString('utf8')
    })
    request.on('end', () => resolve(JSON.parse(text || '{}')))
  })
}

beforeAll(async () => {
  upstream = createServer(async (request, response) => {
    const body = await readBody(request)
    const model = String(body.model)
    seen.push({ authorization: request.headers.authorization, model })
    response.writeHead(200, { 'content-type': 'text/event-stream' })
    if (model === 'upstream/broken') {
      response.end(
        sseText([delta(0, { role: 'assistant', content: 'par' })], { done: false }) +
          'data: {"error":{"message":"upstream overloaded"}}\n\n',
      )
      return
    }
    if (model === 'upstream/endless') {
      upstreamClosed = new Promise((resolve) => response.on('close', () => resolve()))
      const timer = setInterval(
        () => response.write(sseText([delta(0, { content: 'more ' })], { done: false })),
        10,
      )
      response.on('close', () => clearInterval(timer))
      return
    }
    response.end(
      sseText([
        { ...delta(0, { role: 'assistant', content: 'Hello from ' }), model },
        {
          ...delta(0, { content: 'upstream' }, 'stop'),
          model,
          usage: { prompt_tokens: 1, completion_tokens: 2, total_tokens: 3 },
        },
      ]),
    )
  })
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve))
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}/v1`
})
afterAll(async () => {
  upstream.closeAllConnections()
  await new Promise((resolve) => upstream.close(resolve))
})

const peer = withPeer({
  get upstream() {
    return { url: upstreamUrl, apiKey: UPSTREAM_KEY }
  },
})

describe('through the @kindling/server proxy, with no key in the client', () => {
  it('streams an upstream model with the server key added', async () => {
    const client = peer.client({ apiKey: null })
    const stream = await client.chatCompletion.create('upstream/model', [user('hi')], { stream: true })
    const final = await stream.finalResponse()
    expect(final.choices[0]?.message.content).toBe('Hello from upstream')
    expect(final.usage?.total_tokens).toBe(3)
    expect(seen.at(-1)).toEqual({ authorization: `Bearer ${UPSTREAM_KEY}`, model: 'upstream/model' })
  })

  it('never lets the client key reach the upstream', async () => {
    await peer
      .client({ apiKey: 'fw_browser_key' })
      .chatCompletion.create('upstream/model', [user('hi')], { stream: true })
    expect(seen.at(-1)?.authorization).toBe(`Bearer ${UPSTREAM_KEY}`)
  })

  it('keeps built-in models answering', async () => {
    const answer = await peer.client({ apiKey: null }).chatCompletion.create('kindling-echo', [user('local')])
    expect(answer.choices[0]?.message.content).toBe('local')
  })

  it('reports an upstream error inside the stream with the partial answer', async () => {
    const stream = await peer
      .client()
      .chatCompletion.create('upstream/broken', [user('hi')], { stream: true })
    const error = (await stream.finalResponse().catch((e: unknown) => e)) as APIStreamError
    expect(error).toBeInstanceOf(APIStreamError)
    expect(error.message).toContain('upstream overloaded')
    expect((error.partial as ChatCompletionResponse).choices[0]).toMatchObject({
      message: { content: 'par' },
    })
  })

  it('closes the upstream connection when the client aborts', async () => {
    const stream = await peer
      .client()
      .chatCompletion.create('upstream/endless', [user('hi')], { stream: true })
    let count = 0
    const error = await (async () => {
      for await (const _ of stream) if (++count === 3) stream.abort()
    })().catch((e: unknown) => e)
    expect(error).toBeInstanceOf(APIUserAbortError)
    await upstreamClosed
  })
})
