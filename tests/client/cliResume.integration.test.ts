import { afterEach, describe, expect, it } from 'vitest'
import { createClient } from '../../packages/client/src/createClient.ts'
import { startCli, stopClis } from '../../packages/server/src/__tests__/cliProcess.ts'
import { user } from '../support/peer.ts'
import { cutBodyAfter } from '../support/streams.ts'

// `kindling-server --resumable` as a user runs it: a real process on a free loopback port (port 0,
// the address it prints), and a client whose connection drops mid-answer.

afterEach(stopClis)

/** Real fetch whose first chat-completion answer drops after `cutAt` bytes; records every URL. */
function droppingOnce(cutAt: number, urls: string[]): typeof fetch {
  let dropped = false
  return async (input, init) => {
    urls.push(String(input))
    const response = await fetch(input, init)
    if (dropped || !String(input).endsWith('/chat/completions') || !response.body) return response
    dropped = true
    return cutBodyAfter(response, cutAt)
  }
}

describe('kindling-server --resumable (the CLI process)', () => {
  it('resumes a dropped stream through the CLI and ends with the exact full answer', async () => {
    const cli = startCli(['--', '--port', '0', '--resumable', '--delay', '5'])
    const url = await cli.url
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const options = { baseURL: `${url}/v1`, apiKey: null, logLevel: 'off', maxRetries: 0 } as const
    const messages = [user('Tell me about lighthouses')]
    const whole = await createClient(options).chatCompletion.create('kindling-text', messages, { seed: 9 })
    const expected = whole.choices[0]?.message.content ?? ''
    expect(expected.length).toBeGreaterThan(100)

    const urls: string[] = []
    const client = createClient({ ...options, resumable: true, fetch: droppingOnce(400, urls) })
    const stream = await client.chatCompletion.create('kindling-text', messages, { stream: true, seed: 9 })
    expect(stream.response.headers.get('x-kindling-stream-id')).toBeTruthy()
    let text = ''
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? ''
    expect(text).toBe(expected)
    // The drop really happened and was resumed through the CLI's resume route.
    expect(urls.filter((at) => at.includes('/v1/kindling/streams/'))).toHaveLength(1)
    await cli.printed('resume ')
  })
})
