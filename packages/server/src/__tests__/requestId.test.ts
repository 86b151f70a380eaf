import OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import { type Json, post, serve, user } from './helpers.ts'
import { startStandInUpstream } from './standInUpstream.ts'

const REQUEST_ID = /^req_[0-9a-f]{32}$/

describe('x-request-id', () => {
  it('is on every response, unique, errors and preflights included', async () => {
    const server = await serve({ cors: '*' })
    const chat = { model: 'kindling-echo', messages: [user('hi')] }
    const responses = await Promise.all([
      fetch(`${server.url}/v1/models`),
      post(server, '/v1/chat/completions', chat),
      post(server, '/v1/chat/completions', { ...chat, stream: true }),
      post(server, '/v1/completions', { model: 'kindling-text', prompt: 'x', stream: true }),
      post(server, '/v1/chat/completions', { model: 'kindling-echo' }),
      post(server, '/v1/chat/completions', chat, { 'x-kindling-fault': '429' }),
      post(server, '/v1/chat/completions', chat, { 'x-kindling-fault': '502' }),
      fetch(`${server.url}/v1/nothing-here`),
      fetch(`${server.url}/kindling/streams`),
      fetch(`${server.url}/v1/chat/completions`, {
        method: 'OPTIONS',
        headers: { origin: 'http://example.test', 'access-control-request-method': 'POST' },
      }),
    ])
    const ids = responses.map((response) => response.headers.get('x-request-id'))
    for (const id of ids) expect(id).toMatch(REQUEST_ID)
    expect(new Set(ids).size).toBe(ids.length)
    await Promise.all(responses.map((response) => response.body?.cancel()))
  })

  it('relays the upstream id on proxied answers, and makes one when the upstream sends none', async () => {
    const withId = await startStandInUpstream({ requestId: 'upstream-req-7' })
    const without = await startStandInUpstream()
    const body = { model: 'remote-model', messages: [user('hi')] }
    for (const stream of [false, true]) {
      const relayed = await serve({ upstream: { url: withId.url, apiKey: 'k' } })
      const response = await post(relayed, '/v1/chat/completions', { ...body, stream })
      expect(response.headers.get('x-request-id')).toBe('upstream-req-7')
      await response.text()
      const generated = await serve({ upstream: { url: without.url, apiKey: 'k' } })
      const second = await post(generated, '/v1/chat/completions', { ...body, stream })
      expect(second.headers.get('x-request-id')).toMatch(REQUEST_ID)
      await second.text()
    }
  })

  it('reaches openai-node as request_id, streamed and not, and on errors', async () => {
    const server = await serve()
    const openai = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'unused', maxRetries: 0 })
    const params = { model: 'kindling-echo', messages: [{ role: 'user' as const, content: 'hi' }] }
    const completion = await openai.chat.completions.create(params)
    expect(completion._request_id).toMatch(REQUEST_ID)
    const { data: stream, request_id } = await openai.chat.completions
      .create({ ...params, stream: true })
      .withResponse()
    expect(request_id).toMatch(REQUEST_ID)
    for await (const _ of stream) {
      // drained: the id came with the headers
    }
    const failure: Json = await openai.chat.completions
      .create(params, { headers: { 'x-kindling-fault': '400' } })
      .catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(OpenAI.APIError)
    expect(failure.requestID).toMatch(REQUEST_ID)
    expect(new Set([completion._request_id, request_id, failure.requestID]).size).toBe(3)
  })
})
