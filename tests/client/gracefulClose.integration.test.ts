import { describe, expect, it, vi } from 'vitest'
import { createClient } from '../../packages/client/src/createClient.ts'
import { APIConnectionError } from '../../packages/client/src/errors.ts'
import { startServer } from '../../packages/server/src/startServer.ts'
import { user } from '../support/peer.ts'
import { readAll } from '../support/streams.ts'

// One process, the in-memory store: its producer cannot die apart from its readers, but the server
// can be closed (`server.close()`) while answers stream. Its readers end with a typed error that keeps
// the partial answer, and close() itself does not wait for the answers to finish.

type Partial = { choices: { message: { content: string } }[] }

describe('a resumable server closed mid-stream (memory store)', () => {
  it('ends the first reader and a resumed reader with APIConnectionError, partial kept, and stops generating', async () => {
    const server = await startServer({ port: 0, resumable: true, delayMs: 100 })
    const client = createClient({
      baseURL: `${server.url}/v1`,
      apiKey: 'alice',
      logLevel: 'off',
      maxRetries: 0,
      resumable: true,
    })
    const messages = [user('Tell me about lighthouses')]
    const stream = await client.chatCompletion.create('kindling-text', messages, { stream: true, seed: 9 })
    const id = stream.response.headers.get('x-kindling-stream-id') as string
    const follower = await client.chatCompletion.resume(id, { after: 0 })
    let closed: Promise<void> | undefined
    const [first, second] = await Promise.all([
      readAll(stream),
      readAll(follower, (n) => {
        if (n === 3) closed = server.close()
      }),
    ])
    await closed
    for (const { text, error } of [first, second]) {
      expect(error).toBeInstanceOf(APIConnectionError)
      expect(text.length).toBeGreaterThan(0)
      expect(((error as APIConnectionError).partial as Partial).choices[0]?.message.content).toBe(text)
    }
    // The answer stopped with the server (its reader said it would resume, so only close() stops it).
    await vi.waitFor(() => expect(server.streams.stats().open).toBe(0))
    expect(server.streams.stats().completed).toBe(0)
  })
})
